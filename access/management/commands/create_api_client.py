"""`manage.py create_api_client NAME --group GROUP`: an API client's account and token."""

import argparse
import textwrap

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token

from access.roles import ROLE_HELP


class Command(BaseCommand):
    help = "Create an API client (a non-staff user in a group) and print its token once."

    def create_parser(self, prog_name, subcommand, **kwargs):
        roles = "\n".join(
            textwrap.fill(
                text, width=78, initial_indent=f"  {name:<15} ", subsequent_indent=" " * 18
            )
            for name, text in ROLE_HELP.items()
        )
        kwargs["formatter_class"] = argparse.RawDescriptionHelpFormatter
        usage = (
            "The client sends the token as `Authorization: Token <key>`. The token is printed "
            "once, alone on the last line; run again with --rotate to replace a lost or leaked "
            "one (the old token stops working at once)."
        )
        kwargs["epilog"] = (
            f"Roles (groups made by `migrate`; staff may change them in the admin):\n{roles}\n\n"
            + textwrap.fill(usage, width=78)
        )
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("name", help="The client's user name, e.g. chatbot-frontend.")
        parser.add_argument(
            "--group",
            required=True,
            help="The client's role: one of the groups listed below.",
        )
        parser.add_argument(
            "--rotate",
            action="store_true",
            help="The client exists: give it a new token and this group instead of failing.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would happen and write nothing.",
        )

    def handle(self, *args, name, group, rotate, dry_run, **options):
        role = Group.objects.filter(name=group).first()
        if role is None:
            known = ", ".join(Group.objects.order_by("name").values_list("name", flat=True))
            raise CommandError(f"Unknown group {group!r}. Known groups: {known or 'none'}.")

        client = get_user_model().objects.filter(username=name).first()
        self._refuse_unsuitable(client, name, rotate)
        action = "re-keyed" if client else "created"
        if dry_run:
            self.stdout.write(f"dry run: API client {name!r} would be {action} in group {group!r}")
            return

        with transaction.atomic():
            client = client or self._create_client(name)
            client.groups.set([role])
            Token.objects.filter(user=client).delete()
            token = Token.objects.create(user=client)

        self.stdout.write(
            self.style.SUCCESS(f"API client {name!r} {action} in group {group!r}.")
            + " Its token, shown once:"
        )
        self.stdout.write(token.key)

    def _refuse_unsuitable(self, client, name, rotate):
        if client is None:
            return
        if client.is_staff or client.is_superuser:
            raise CommandError(
                f"{name!r} is a staff account; API clients are separate non-staff users. "
                "Choose another name."
            )
        if not rotate:
            raise CommandError(
                f"An API client named {name!r} exists. Use --rotate to give it a new token."
            )

    def _create_client(self, name):
        client = get_user_model()(username=name, is_staff=False, is_superuser=False)
        client.set_unusable_password()
        client.full_clean(exclude=["password"])
        client.save()
        return client
