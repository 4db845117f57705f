"""`manage.py import_transcript FILE`: bring a WhatsApp export of a chat with the bot in."""

import argparse
import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from analytics.transcripts import TranscriptConflict, import_transcript, place_names
from chat.transcripts import (
    DEFAULT_BOT_NAME,
    DEFAULT_SESSION_GAP,
    DEFAULT_TIME_ZONE,
    TranscriptError,
    read_transcript,
    time_zone,
)
from clinicbot.progress import TerminalProgress
from clinics.gazetteer import Gazetteer, GazetteerError

FIELD_LABELS = {
    "selected_gender": "gender",
    "selected_lga": "LGA",
    "selected_age_group": "age group",
    "selected_marital_status": "marital status",
    "selected_language": "language",
    "main_menu_option": "main-menu choice",
}


MAX_GAP_MINUTES = 366 * 24 * 60


def minutes(text):
    """A session gap: a whole number of minutes, from 1 to a year's."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_GAP_MINUTES:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a whole number of minutes from 1 to {MAX_GAP_MINUTES} (e.g. 30)."
        )
    return value


class Command(BaseCommand):
    help = "Import a WhatsApp export of one user's chat with the bot (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .txt file WhatsApp exported (without media).")
        parser.add_argument(
            "--bot-name",
            metavar="NAME",
            default=DEFAULT_BOT_NAME,
            help=f"The bot's sender name in the file. Default: {DEFAULT_BOT_NAME}.",
        )
        parser.add_argument(
            "--session-gap",
            metavar="MINUTES",
            type=minutes,
            default=int(DEFAULT_SESSION_GAP.total_seconds() // 60),
            help="Start a new chat session after a silence longer than this. Default: 30.",
        )
        parser.add_argument(
            "--tz",
            metavar="ZONE",
            default=DEFAULT_TIME_ZONE,
            help=f"The time zone of the file's times. Default: {DEFAULT_TIME_ZONE}.",
        )
        parser.add_argument(
            "--gazetteer",
            metavar="PATH",
            help=(
                "CSV of states and LGAs whose LGA names split the LGA picker's suggestions. "
                "Default: the CLINICBOT_GAZETTEER setting; without either, they split by word."
            ),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would change and write nothing.",
        )

    def handle(self, *args, file, bot_name, session_gap, tz, gazetteer, dry_run, **options):
        verbosity = options["verbosity"]
        places = self._gazetteer(gazetteer or getattr(settings, "CLINICBOT_GAZETTEER", None))
        self._progress = TerminalProgress(self.stdout, verbosity)

        try:
            zone = time_zone(tz)
            transcript = read_transcript(
                file,
                bot_name=bot_name,
                zone=zone,
                session_gap=datetime.timedelta(minutes=session_gap),
                is_place=place_names(places),
            )
            outcome = import_transcript(
                transcript=transcript,
                dry_run=dry_run,
                progress=self._progress.callback("sessions written"),
            )
        except (TranscriptError, TranscriptConflict) as exc:
            raise CommandError(str(exc)) from exc
        finally:
            self._progress.end()

        if verbosity >= 1:
            self._report(transcript, outcome, zone, verbosity)
        self._summary(Path(file).name, transcript, outcome, dry_run)

    def _gazetteer(self, path):
        if not path:
            return Gazetteer()
        try:
            return Gazetteer.from_csv(path)
        except GazetteerError as exc:
            raise CommandError(str(exc)) from exc

    def _report(self, transcript, outcome, zone, verbosity):
        """What became of the user; the lines skipped and each session above verbosity 1."""
        if verbosity >= 2:
            for skipped in transcript.skipped:
                self.stdout.write(f"skipped line {skipped.line}: {skipped.reason}")
            for note in outcome.notes:
                self.stdout.write(f"{_describe(note.session, zone)}: {note.outcome}")

        named = [label for name, label in FIELD_LABELS.items() if name in outcome.user_fields]
        fields = ", ".join(named)
        line = f"user {transcript.user_key} {outcome.user}"
        if outcome.user == "created" and fields:
            line += f", from the chat: {fields}"
        elif outcome.user == "updated":
            line += f": {fields}"
        self.stdout.write(line)

    def _summary(self, name, transcript, outcome, dry_run):
        counts = "; ".join(
            [
                f"sessions {_counts(outcome.sessions, updated=True)}",
                f"messages {_counts(outcome.messages)}",
                f"responses {_counts(outcome.responses)}",
                f"analytics records {_counts(outcome.analytics, updated=True)}",
            ]
        )
        if transcript.places_split_by_word:
            counts += " (LGA suggestions split by word: no gazetteer)"
        if dry_run:
            self.stdout.write(f"Dry run of {name}, nothing written: {counts}")
        elif outcome.changed:
            self.stdout.write(self.style.SUCCESS(f"Imported {name}: {counts}"))
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {name}, nothing changed: {counts}"))


def _counts(counts, *, updated=False):
    parts = [f"{counts.created} created"]
    if updated:
        parts.append(f"{counts.updated} updated")
    parts.append(f"{counts.unchanged} unchanged")
    return ", ".join(parts)


def _describe(session, zone):
    start = session.start.astimezone(zone)
    end = session.end.astimezone(zone)
    until = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%d/%m/%Y %H:%M}"
    first, last = session.lines
    return (
        f"session {session.number}, lines {first}-{last} "
        f"({start:%d/%m/%Y %H:%M} to {until}, {len(session.messages)} messages)"
    )
