"""The gazetteer: Nigeria's states and LGAs as a CSV lists them, and matching names against it.

A gazetteer CSV has one row per LGA with at least the columns `state` and `lga` (as
`nigeria-states-lgas.csv` has). Names match without case, spaces or punctuation, and through the
aliases in `clinics.places`; a match gives the gazetteer's own spelling. Without a gazetteer the
states are still matched from the project's own list, and LGAs are left as written (unchecked).
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from .places import known_state, lga_alias, place_key


class GazetteerError(Exception):
    """The gazetteer file cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class Match:
    """A name as it is to be stored, and whether it was found: True, False, or None when there
    was nothing to check it against."""

    name: str
    known: bool | None


class Gazetteer:
    """States and their LGAs, looked up by `place_key`."""

    def __init__(self, lgas_by_state=None):
        # {state key: (state spelling, {lga key: lga spelling})}; None: no LGA list at all.
        self._lgas_by_state = lgas_by_state
        self.has_lgas = lgas_by_state is not None

    @classmethod
    def from_csv(cls, path):
        path = Path(path)
        try:
            with path.open(newline="", encoding="utf-8-sig") as handle:
                rows = list(csv.DictReader(handle))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise GazetteerError(
                f"Cannot read the gazetteer {path}: {exc}. Give the path of a UTF-8 CSV with "
                "the columns state and lga (e.g. ../shared/data/nigeria-states-lgas.csv)."
            ) from exc

        columns = {place_key(name): name for name in (rows[0].keys() if rows else [])}
        if "state" not in columns or "lga" not in columns:
            raise GazetteerError(
                f"The gazetteer {path} has no rows with the columns state and lga. "
                "Give a CSV with a header line naming them, one row per LGA."
            )

        lgas_by_state = {}
        for row in rows:
            state = " ".join((row[columns["state"]] or "").split())
            lga = " ".join((row[columns["lga"]] or "").split())
            if state and lga:
                entry = lgas_by_state.setdefault(place_key(state), (state, {}))
                entry[1][place_key(lga)] = lga
        return cls(lgas_by_state)

    def state(self, name):
        """The state `name` means: the gazetteer's spelling, else the project's, else `name`."""
        canonical = known_state(name)
        if self._lgas_by_state is not None:
            listed = self._lgas_by_state.get(place_key(canonical or name))
            if listed:
                return Match(listed[0], True)
        if canonical:
            return Match(canonical, True)
        return Match(name, False)

    def lga(self, state, name):
        """The LGA `name` means in `state` (a name `state()` gave).

        Known aliases are corrected even without a gazetteer; only a gazetteer can say that
        an LGA is unknown.
        """
        alias = lga_alias(state, name)
        if self._lgas_by_state is None:
            return Match(alias or name, None)
        listed = self._lgas_by_state.get(place_key(state), (state, {}))[1]
        found = listed.get(place_key(alias or name))
        if found:
            return Match(found, True)
        return Match(alias or name, False)
