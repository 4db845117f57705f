"""Callers of every role, signed in with real tokens as API clients would be."""

import io

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

ROLES = ["anonymous", "chatbot", "analyst", "clinic-manager", "superuser"]


def token_for(name, group):
    out = io.StringIO()
    call_command("create_api_client", name, "--group", group, stdout=out)
    return out.getvalue().strip().splitlines()[-1]


@pytest.fixture
def caller(db, django_user_model):
    """`caller(role)` is an APIClient that authenticates as that role with a token."""

    def make(role):
        client = APIClient()
        if role == "anonymous":
            return client
        if role == "superuser":
            user = django_user_model.objects.create_superuser("boss", password="pw")
            from rest_framework.authtoken.models import Token

            key = Token.objects.create(user=user).key
        else:
            key = token_for(f"{role}-client", role)
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return make
