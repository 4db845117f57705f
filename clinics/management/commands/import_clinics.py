"""`manage.py import_clinics FILE`: bring a partner-clinic workbook or CSV into the directory."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clinicbot.progress import TerminalProgress
from clinics.gazetteer import Gazetteer, GazetteerError
from clinics.importers import ClinicFileError, group_clinics, read_clinic_file
from clinics.services import import_clinics


class Command(BaseCommand):
    help = "Import partner clinics from a .xlsx workbook or a .csv file (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .xlsx workbook or .csv file of clinics.")
        parser.add_argument(
            "--gazetteer",
            metavar="PATH",
            help=(
                "CSV of states and LGAs (columns state, lga) to match and spell them by. "
                "Default: the CLINICBOT_GAZETTEER setting; without either, LGAs are not checked."
            ),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would change and write nothing.",
        )

    def handle(self, *args, file, gazetteer, dry_run, verbosity, **options):
        places = self._gazetteer(gazetteer or getattr(settings, "CLINICBOT_GAZETTEER", None))
        self._progress = TerminalProgress(self.stdout, verbosity)

        progress = self._progress.callback("sheets read")
        try:
            reading = read_clinic_file(file, gazetteer=places, progress=progress)
        except ClinicFileError as exc:
            raise CommandError(str(exc)) from exc
        entries = group_clinics(reading.rows)
        outcome = import_clinics(
            entries=entries,
            gazetteer=places,
            dry_run=dry_run,
            progress=None if dry_run else self._progress.callback("clinics written"),
        )
        self._progress.end()

        unmatched = [entry for entry in entries if entry.unmatched]
        if verbosity >= 1:
            self._report(reading, entries, outcome, unmatched, verbosity)
        self._summary(Path(file).name, reading, outcome, unmatched, places, dry_run)

    def _gazetteer(self, path):
        if not path:
            return Gazetteer()
        try:
            return Gazetteer.from_csv(path)
        except GazetteerError as exc:
            raise CommandError(str(exc)) from exc

    def _report(self, reading, entries, outcome, unmatched, verbosity):
        """What someone should look at: always the unmatched places, the values left out, the
        clinics refused and new branches; every row skipped and every clinic written above
        verbosity 1."""
        for skipped in reading.skipped:
            if skipped.attention or verbosity >= 2:
                self.stdout.write(f"skipped {skipped.where}: {skipped.reason}")
        if verbosity >= 2:
            for entry in outcome.created:
                self.stdout.write(f"created {_describe(entry)} from {entry.where()}")
            for entry, fields in outcome.updated:
                self.stdout.write(f"updated {_describe(entry)}: {', '.join(fields)}")

        for note in reading.notes:
            self.stdout.write(f"note {note.where}: {note.reason}")
        for entry in unmatched:
            self.stdout.write(f"unmatched {_describe(entry)}: {entry.unmatched} ({entry.where()})")
        for entry in entries:
            if entry.withheld:
                self.stdout.write(
                    f"address left empty for {_describe(entry)}: the cell holds a contact line "
                    f"(a phone number), not an address ({entry.where()})"
                )
        for entry in outcome.new_branches:
            self.stdout.write(f"new branch {_describe(entry)}: {entry.address or 'no address'}")

    def _summary(self, name, reading, outcome, unmatched, places, dry_run):
        counts = (
            f"{len(outcome.created)} created, {len(outcome.updated)} updated, "
            f"{len(outcome.unchanged)} unchanged, {len(reading.skipped)} skipped, "
            f"{len(unmatched)} unmatched"
        )
        if not places.has_lgas:
            counts += " (LGAs not checked: no gazetteer)"
        if dry_run:
            self.stdout.write(f"Dry run of {name}, nothing written: {counts}")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {name}: {counts}"))


def _describe(entry):
    return f"{entry.name!r} ({entry.lga.name}, {entry.state.name})"
