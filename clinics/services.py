"""Writes that span many clinic rows: bringing a partner-clinic list into the directory."""

import logging
from dataclasses import dataclass, field

from django.db import transaction

from .models import Clinic
from .places import place_key as fold

logger = logging.getLogger(__name__)

BATCH_SIZE = 200


@dataclass
class ImportOutcome:
    """What an import did (or, in a dry run, would do), clinic by clinic."""

    created: list = field(default_factory=list)
    # (entry, the names of the fields that changed)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    # Created clinics that share name, state and LGA with a stored one: another branch.
    new_branches: list = field(default_factory=list)


def import_clinics(*, entries, gazetteer, dry_run=False, progress=None):
    """Create the clinics that are new, update those whose details changed; one transaction.

    `entries` come from `importers.group_clinics`. A stored clinic is the same clinic when its
    folded name, state and LGA (through `gazetteer`, as the file's were) are the entry's and,
    for branches or where several are stored, its folded address too. Only values the file
    has replace stored ones (an empty cell never blanks a field); state and LGA are respelled
    only to a spelling the gazetteer confirmed. Clinics absent from the file are left alone.
    `progress`, when given, is called with (done, total) as clinics are written.
    """
    outcome = ImportOutcome()
    with transaction.atomic():
        stored = _stored_by_triple(gazetteer)

        changes = []
        for entry in entries:
            clinic = _same_clinic(entry, stored.get(entry.triple, []))
            if clinic is None:
                outcome.created.append(entry)
                if entry.triple in stored:
                    outcome.new_branches.append(entry)
                continue
            changed = _changes(entry, clinic)
            if changed:
                outcome.updated.append((entry, sorted(changed)))
                changes.append((clinic, changed))
            else:
                outcome.unchanged.append(entry)

        if not dry_run:
            _write(outcome.created, changes, progress)

    logger.info(
        "clinic import%s: %s created, %s updated, %s unchanged",
        " (dry run)" if dry_run else "",
        len(outcome.created),
        len(outcome.updated),
        len(outcome.unchanged),
    )
    return outcome


def _stored_by_triple(gazetteer):
    # TODO(concurrency): on PostgreSQL two imports running at once may both create a clinic;
    # run one import at a time (SQLite serialises them by its write lock).
    stored = {}
    fields = ["clinic_id", "clinic_name", "state", "lga", "address", "landmark", "phone_number"]
    for clinic in Clinic.objects.only(*fields).order_by("created_at", "clinic_id"):
        state = gazetteer.state(clinic.state).name
        lga = gazetteer.lga(state, clinic.lga).name
        key = (fold(clinic.clinic_name), fold(state), fold(lga))
        stored.setdefault(key, []).append(clinic)
    return stored


def _same_clinic(entry, candidates):
    """The stored clinic the entry describes, if any."""
    if len(candidates) == 1 and not entry.branch:
        return candidates[0]
    address = fold(entry.address or "")
    return next((c for c in candidates if fold(c.address or "") == address), None)


def _changes(entry, clinic):
    changed = {}
    for name, value in (
        ("address", entry.address),
        ("landmark", entry.landmark),
        ("phone_number", entry.phone),
    ):
        if value is not None and getattr(clinic, name) != value:
            changed[name] = value
    if entry.state.known and clinic.state != entry.state.name:
        changed["state"] = entry.state.name
    if entry.lga.known and clinic.lga != entry.lga.name:
        changed["lga"] = entry.lga.name
    return changed


def _write(created, changes, progress):
    total = len(created) + len(changes)
    done = 0
    for start in range(0, len(created), BATCH_SIZE):
        batch = created[start : start + BATCH_SIZE]
        Clinic.objects.bulk_create(
            Clinic(
                clinic_name=entry.name,
                state=entry.state.name,
                lga=entry.lga.name,
                address=entry.address,
                landmark=entry.landmark,
                phone_number=entry.phone,
            )
            for entry in batch
        )
        done += len(batch)
        if progress:
            progress(done, total)

    for clinic, changed in changes:
        for name, value in changed.items():
            setattr(clinic, name, value)
        clinic.save(update_fields=[*changed, "updated_at"])
        done += 1
        if progress and (done % BATCH_SIZE == 0 or done == total):
            progress(done, total)
