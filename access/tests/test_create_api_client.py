"""`manage.py create_api_client`: accounts and tokens for API clients."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("create_api_client", *args, stdout=out)
    return out.getvalue()


def client_with(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_it_makes_a_non_staff_user_in_the_group_and_prints_the_token_alone_last():
    output = run("frontend", "--group", "chatbot")

    token = output.strip().splitlines()[-1]
    assert len(token) == 40
    assert "'frontend' created in group 'chatbot'" in output
    user = get_user_model().objects.get(username="frontend")
    assert not user.is_staff and not user.is_superuser
    assert not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == ["chatbot"]
    assert client_with(token).get("/users").status_code == 200


def test_rotating_replaces_the_token_at_once():
    old = run("frontend", "--group", "chatbot").strip().splitlines()[-1]

    new = run("frontend", "--group", "chatbot", "--rotate").strip().splitlines()[-1]

    assert new != old
    assert client_with(old).get("/users").status_code == 401
    assert client_with(new).get("/users").status_code == 200


def test_rotating_with_another_group_changes_the_role():
    run("reader", "--group", "chatbot")

    token = run("reader", "--group", "analyst", "--rotate").strip().splitlines()[-1]

    user = get_user_model().objects.get(username="reader")
    assert list(user.groups.values_list("name", flat=True)) == ["analyst"]
    assert client_with(token).post("/users", {}, format="json").status_code == 403


def test_an_existing_client_without_rotate_is_an_error():
    run("frontend", "--group", "chatbot")

    with pytest.raises(CommandError, match="exists. Use --rotate"):
        run("frontend", "--group", "chatbot")


def test_an_unknown_group_is_an_error_naming_the_known_ones():
    with pytest.raises(CommandError) as caught:
        run("frontend", "--group", "admins")

    assert str(caught.value) == (
        "Unknown group 'admins'. Known groups: analyst, chatbot, clinic-manager."
    )
    assert not get_user_model().objects.filter(username="frontend").exists()


def test_a_staff_account_is_never_turned_into_a_client(django_user_model):
    django_user_model.objects.create_superuser("admin", password="pw")

    with pytest.raises(CommandError, match="staff account"):
        run("admin", "--group", "chatbot", "--rotate")


def test_a_dry_run_writes_nothing():
    output = run("frontend", "--group", "chatbot", "--dry-run")

    assert output == "dry run: API client 'frontend' would be created in group 'chatbot'\n"
    assert not get_user_model().objects.filter(username="frontend").exists()


def test_an_unknown_group_exits_with_status_1(capsys):
    from django.core.management import execute_from_command_line

    with pytest.raises(SystemExit) as caught:
        execute_from_command_line(["manage.py", "create_api_client", "x", "--group", "nope"])

    assert caught.value.code == 1
    assert "Unknown group 'nope'" in capsys.readouterr().err


def test_help_explains_the_roles(capsys):
    from django.core.management import execute_from_command_line

    with pytest.raises(SystemExit):
        execute_from_command_line(["manage.py", "create_api_client", "--help"])

    text = capsys.readouterr().out
    for role in ("chatbot", "analyst", "clinic-manager"):
        assert f"  {role} " in text
    assert "Authorization: Token <key>" in text
