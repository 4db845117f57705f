"""The demo data and the commands that load it."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from analytics.models import FlowAttempt, SessionAnalytics
from chat.models import ChatSession, Conversation
from clinicbot.factories import make_user
from clinics.models import Clinic
from users.models import ChatUser

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_seed_demo_makes_the_same_dataset_every_time():
    first = run("seed_demo")
    again = run("seed_demo", "--reset")

    assert first == again
    assert first.startswith("Demo data: 9 clinics, 24 users, 35 chat sessions")
    assert Clinic.objects.count() == 9
    assert ChatUser.objects.count() == 24
    assert ChatSession.objects.count() == SessionAnalytics.objects.count() == 35


def test_seed_demo_twice_creates_nothing_the_second_time():
    run("seed_demo")
    messages = Conversation.objects.count()

    output = run("seed_demo")

    assert "already present, nothing created" in output
    assert Conversation.objects.count() == messages


def test_reset_keeps_rows_that_are_not_demo_rows():
    mine = make_user(user_session_id="real-person")
    run("seed_demo")

    run("seed_demo", "--reset")

    assert ChatUser.objects.filter(pk=mine.pk).exists()
    assert ChatUser.objects.count() == 25


def test_dry_run_writes_nothing():
    output = run("seed_demo", "--dry-run")

    assert "would be created" in output
    assert not ChatUser.objects.exists()


def test_the_demo_messages_are_numbered_from_one_in_each_session():
    run("seed_demo")

    session = ChatSession.objects.order_by("session_start_time").first()
    numbers = list(session.conversations.values_list("message_sequence_number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))
    assert session.user.last_active_at is not None


def test_demo_without_serving_prints_a_fresh_admin_password(settings):
    settings.DEBUG = True
    first = run("demo", "--no-serve")
    second = run("demo", "--no-serve")

    password = first.split("sign in as admin / ")[1].split()[0]
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert not admin.check_password(password)
    assert admin.check_password(second.split("sign in as admin / ")[1].split()[0])


def test_demo_refuses_to_run_without_development_mode(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        run("demo", "--no-serve")


def test_the_demo_writes_analytics_through_the_upsert_with_one_flow_each():
    run("seed_demo")

    assert FlowAttempt.objects.count() == SessionAnalytics.objects.count() == 35
    for record in SessionAnalytics.objects.prefetch_related("flow_attempts"):
        assert len(record.flows_attempted) == 1
        assert record.flow_attempts.get().record_created_at == record.created_at


def test_demo_on_a_taken_port_changes_nothing_and_says_so(settings):
    import socket

    settings.DEBUG = True
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]

        with pytest.raises(CommandError, match=f"127.0.0.1:{port} is taken"):
            run("demo", f"127.0.0.1:{port}")

    assert not get_user_model().objects.filter(username="admin").exists()
