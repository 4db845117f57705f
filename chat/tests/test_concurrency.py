"""Messages posted at the same moment, over real HTTP to a live server: one row, no errors.

Each request runs in its own thread and database connection, as under a real server, so these
tests exercise the database's unique constraint and locks rather than the test client's one
connection.
"""

import pytest

from chat.models import Conversation
from clinicbot.factories import make_session
from clinicbot.live import post_at_once

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8


def message(session, **fields):
    return {
        "session_id": str(session.pk),
        "user_id": str(session.user_id),
        "message_text": "Is the implant safe?",
        "message_type": "user",
        "message_sequence_number": 4,
        **fields,
    }


def test_the_same_message_posted_at_once_is_stored_once(live_server, superuser_token):
    session = make_session()

    answers = post_at_once(
        f"{live_server.url}/conversations", [message(session)] * THREADS, superuser_token
    )

    statuses = sorted(status for status, _ in answers)
    assert statuses == [200] * (THREADS - 1) + [201]
    stored = Conversation.objects.get()
    assert {body["conversation_id"] for _, body in answers} == {str(stored.pk)}
    session.user.refresh_from_db()
    assert session.user.last_active_at == stored.created_at


def test_different_messages_under_one_number_at_once_give_one_row_and_409s(
    live_server, superuser_token
):
    session = make_session()
    bodies = [message(session, message_text=f"version {n}") for n in range(THREADS)]

    answers = post_at_once(f"{live_server.url}/conversations", bodies, superuser_token)

    statuses = sorted(status for status, _ in answers)
    assert statuses == [201] + [409] * (THREADS - 1)
    stored = Conversation.objects.get()
    (winner,) = [body for status, body in answers if status == 201]
    assert winner["message_text"] == stored.message_text
    assert all("already stored" in body["detail"] for status, body in answers if status == 409)


def test_different_numbers_posted_at_once_are_all_stored(live_server, superuser_token):
    session = make_session()
    bodies = [message(session, message_sequence_number=n) for n in range(THREADS)]

    answers = post_at_once(f"{live_server.url}/conversations", bodies, superuser_token)

    assert [status for status, _ in answers] == [201] * THREADS
    assert Conversation.objects.count() == THREADS
    latest = Conversation.objects.order_by("-created_at").first()
    session.user.refresh_from_db()
    assert session.user.last_active_at == latest.created_at
