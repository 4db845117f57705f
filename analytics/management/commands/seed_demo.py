"""`manage.py seed_demo`: load the project's own demo data (idempotent)."""

from django.core.management.base import BaseCommand

from analytics import demo
from clinicbot.progress import TerminalProgress


class Command(BaseCommand):
    help = (
        "Load the made-up demo dataset (a few states' clinics, two weeks of chats). "
        "Does nothing when it is already there, unless --reset."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo rows first and build them again (other rows are kept).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would happen and write nothing.",
        )

    def handle(self, *args, reset, dry_run, verbosity, **options):
        if dry_run:
            present = demo.demo_data_present()
            if present and not reset:
                self.stdout.write("dry run: demo data already present; nothing would change")
            else:
                action = "rebuilt" if present else "created"
                self.stdout.write(
                    f"dry run: demo data would be {action} "
                    f"({len(demo.CLINICS)} clinics, {demo.USERS} users and their chats)"
                )
            return

        progress = TerminalProgress(self.stdout, verbosity)
        summary = demo.create_demo_data(reset=reset, progress=progress.callback("users with chats"))

        progress.end()
        self.stdout.write(self.style.SUCCESS(f"Demo data: {summary.line()}"))
