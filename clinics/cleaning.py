"""Cleaning the cells of a partner-clinic list: whitespace, missing values, address cells.

Every value: spaces, tabs, line breaks, non-breaking and zero-width spaces fold into single
spaces, an unpaired `"` at either end goes, and `N/A` or an empty cell is missing.

In an address cell:
- a leading copy of the clinic's name is removed (`Name,Address` becomes `Address`);
- in the `Name,Address[,Landmark]` layout the parts are joined by a comma with no space after it,
  while addresses write `, `; so the landmark is the text after the last such bare comma, except
  a comma inside a house number (`16,Maria Street`, `No,403`) and except when that text is only
  the clinic's LGA or state (`24 J.S Janna road,Makurdi`): then the address is kept whole. A cell
  without the clinic's name in front is kept whole, since its parts cannot be told apart;
- a trailing `N/A` part is dropped;
- a cell holding a phone number is a contact line (a person and their number), not an address:
  nothing of it is stored, and the row is reported so that someone can look the address up.

TODO(heuristic): a town written after the last bare comma (`35 Second East Circular Road,Benin
City`) is taken for a landmark; only a gazetteer of towns could tell. Staff can correct such
clinics in the admin, and a later import does not undo it unless the file changes.
"""

import re
from typing import NamedTuple

from .models import Clinic
from .places import place_key as fold

MISSING = {"", "n/a", "n.a.", "na", "nil", "-"}

# Zero-width characters, and the control characters no database column should hold (NUL
# cannot be stored in PostgreSQL at all); tabs and line breaks are folded as spaces instead.
_INVISIBLE = dict.fromkeys(
    [*map(ord, "\u200b\u200c\u200d\u2060\ufeff"), *(c for c in range(32) if chr(c) not in "\t\n\r")]
)

# Ten digits or more, maybe split by spaces, dots or dashes: a phone number, never a house number.
_PHONE = re.compile(r"\+?\d(?:[\s.\-]?\d){9,}")

# A comma with no space after it: how the parts of a `Name,Address,Landmark` cell are joined.
_BARE_COMMA = re.compile(r",(?=\S)")

# What stands before the comma of a house number: `16,Maria Street`, `No,403`, `KM 3,No 20`.
_HOUSE_NUMBER = re.compile(r"\s*(?:(?:no|km|plot)\.?\s*)?\d+[a-z]?\s*|\s*no\.?\s*", re.IGNORECASE)

LANDMARK_MAX_LENGTH = Clinic._meta.get_field("landmark").max_length


def clean(value):
    """A cell's text with its whitespace folded, or None when it is empty or `N/A`."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).translate(_INVISIBLE).split())
    if text.count('"') % 2:
        text = text.strip('" ')
    if text.casefold() in MISSING:
        return None
    return text


def holds_phone_number(text):
    return bool(_PHONE.search(text))


class AddressCell(NamedTuple):
    """What an address cell holds."""

    address: str | None
    landmark: str | None
    # The parts could be told apart (the cell started with the clinic's name).
    separable: bool
    # The cell held a contact line, which is not kept.
    withheld: bool


def split_address(text, *, name, places=(), separable=None):
    """The address and landmark in a cleaned address cell.

    `places` are the clinic's state and LGA spellings, which are never a landmark.
    `separable` forces whether the landmark may be split off; by default it may when the cell
    starts with the clinic's name.
    """
    rest, prefixed = _without_name(text, name)
    if holds_phone_number(rest):
        return AddressCell(None, None, False, True)
    if separable is None:
        separable = prefixed

    landmark = None
    if separable:
        rest, landmark = _split_landmark(rest, places)
    address = _without_missing_tail(rest)
    return AddressCell(address or None, landmark, separable, False)


def _without_name(text, name):
    """The cell without a leading copy of `name` and its comma; and whether there was one."""
    target = fold(name)
    seen = ""
    for index, char in enumerate(text):
        seen += fold(char)
        if seen == target:
            rest = text[index + 1 :].lstrip()
            if not rest:
                return "", True
            if rest[0] == ",":
                return rest[1:].strip(" ,"), True
        if not target.startswith(seen):
            break
    return text.strip(" ,"), False


def _split_landmark(rest, places):
    separators = [
        comma
        for comma in _BARE_COMMA.finditer(rest)
        if not _HOUSE_NUMBER.fullmatch(rest[: comma.start()].rpartition(",")[2])
    ]
    if not separators:
        return rest, None
    cut = separators[-1]
    landmark = clean(rest[cut.end() :])
    address = rest[: cut.start()].strip(" ,")
    if landmark is None:
        return address, None
    if fold(landmark) in {fold(place) for place in places}:
        return rest, None
    if len(landmark) > LANDMARK_MAX_LENGTH:
        return rest, None
    return address, landmark


def _without_missing_tail(text):
    """`Some Road, Giwa, N/A` -> `Some Road, Giwa`."""
    while "," in text:
        head, _, tail = text.rpartition(",")
        if clean(tail) is not None:
            break
        text = head.strip(" ,")
    return text
