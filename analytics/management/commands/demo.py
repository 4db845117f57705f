"""`manage.py demo`: a local demo in one command (migrate, demo data, admin login, serve)."""

import io
import logging
import os
import secrets
import socket

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

ADMIN_USERNAME = "admin"
# The roles the demo makes API clients for, and a path worth trying with each.
DEMO_CLIENTS = {"chatbot": "/users", "analyst": "/analytics/stats"}


def refuse_a_taken_port(addrport):
    """Stop before anything changes (a new password would lock out the running demo) when
    another program, perhaps an earlier demo, already listens on the address."""
    host, _, port = addrport.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    try:
        with socket.create_server((host, int(port))):
            pass
    except ValueError:
        raise CommandError(f"{addrport!r} is not ADDR:PORT, e.g. 127.0.0.1:8000.") from None
    except OSError:
        raise CommandError(
            f"{addrport} is taken (an earlier demo still running?). Stop it, or give another "
            "address: manage.py demo 127.0.0.1:8001"
        ) from None


class Command(BaseCommand):
    help = (
        "Run a local demo: apply migrations, load the demo data, give the superuser "
        "'admin' a new random password (printed), then serve on 127.0.0.1. Needs DJANGO_DEBUG=1."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "addrport",
            nargs="?",
            default="127.0.0.1:8000",
            help="Where to serve (default 127.0.0.1:8000).",
        )
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="Prepare everything and print the login, but do not start the server.",
        )

    def handle(self, *args, addrport, no_serve, **options):
        if not settings.DEBUG:
            raise CommandError("The demo runs in development mode only: set DJANGO_DEBUG=1.")

        # The autoreloader runs this command again in a child process; prepare only once.
        if os.environ.get("RUN_MAIN") != "true":
            if not no_serve:
                refuse_a_taken_port(addrport)
            self._prepare(addrport)
        if not no_serve:
            call_command("runserver", addrport)

    def _prepare(self, addrport):
        # The rows' own INFO lines would bury the login under them; warnings still show.
        logging.disable(logging.INFO)
        try:
            call_command("migrate", interactive=False, verbosity=0)
            self.stdout.write("Database ready (migrations applied).")
            call_command("seed_demo", verbosity=0, stdout=self.stdout)
        finally:
            logging.disable(logging.NOTSET)

        password = secrets.token_urlsafe(12)
        admin = get_user_model().objects.filter(username=ADMIN_USERNAME).first()
        if admin is None:
            admin = get_user_model().objects.create_superuser(ADMIN_USERNAME, password=password)
        else:
            admin.is_staff = admin.is_superuser = admin.is_active = True
            admin.set_password(password)
            admin.save()

        tokens = {role: self._token(role) for role in DEMO_CLIENTS}

        base = f"http://{addrport}"
        self.stdout.write(
            self.style.SUCCESS(
                f"\nOpen {base}/admin/ and sign in as {ADMIN_USERNAME} / {password}\n"
                f"The API's docs: {base}/api/docs/  The public clinic directory: "
                f"{base}/clinics?state=Lagos\n"
            )
        )
        for role, token in tokens.items():
            path = DEMO_CLIENTS[role]
            self.stdout.write(f"As {role}: curl -H 'Authorization: Token {token}' {base}{path}")

    def _token(self, role):
        """A fresh token for the demo's API client of `role` (created on the first run)."""
        out = io.StringIO()
        call_command("create_api_client", f"demo-{role}", "--group", role, "--rotate", stdout=out)
        return out.getvalue().strip().splitlines()[-1]
