"""A user's `last_active_at` follows their latest session start or message, after every write."""

import datetime

import pytest

from chat.models import Conversation
from chat.services import record_message, refresh_last_active
from clinicbot.factories import make_message, make_session, make_user

pytestmark = pytest.mark.django_db

NINE = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)
TEN = NINE + datetime.timedelta(hours=1)
ELEVEN = NINE + datetime.timedelta(hours=2)


def last_active(user):
    user.refresh_from_db()
    return user.last_active_at


def message_body(session, number, **fields):
    return {
        "session_id": str(session.pk),
        "user_id": str(session.user_id),
        "message_text": "Hi",
        "message_type": "user",
        "message_sequence_number": number,
        **fields,
    }


def test_a_user_without_sessions_or_messages_has_none(api):
    user = make_user()

    refresh_last_active(user_id=user.pk)

    assert last_active(user) is None
    assert api.get(f"/users/{user.pk}").json()["last_active_at"] is None


def test_creating_a_session_sets_it_to_the_start(api):
    user = make_user()

    api.post("/chat-sessions", {"user_id": str(user.pk), "session_start_time": TEN.isoformat()})

    assert last_active(user) == TEN


def test_a_session_starting_earlier_than_the_latest_leaves_it(api):
    user = make_user()
    api.post("/chat-sessions", {"user_id": str(user.pk), "session_start_time": TEN.isoformat()})

    api.post("/chat-sessions", {"user_id": str(user.pk), "session_start_time": NINE.isoformat()})

    assert last_active(user) == TEN


def test_moving_a_sessions_start_moves_it(api):
    user = make_user()
    session_id = api.post(
        "/chat-sessions", {"user_id": str(user.pk), "session_start_time": TEN.isoformat()}
    ).json()["session_id"]

    api.patch(f"/chat-sessions/{session_id}", {"session_start_time": NINE.isoformat()})

    assert last_active(user) == NINE


def test_deleting_the_latest_session_falls_back_to_the_one_before(api):
    user = make_user()
    make_session(user, session_start_time=NINE)
    latest = make_session(user, session_start_time=ELEVEN)
    refresh_last_active(user_id=user.pk)

    api.delete(f"/chat-sessions/{latest.pk}")

    assert last_active(user) == NINE


def test_deleting_the_last_session_empties_it(api):
    session = make_session(session_start_time=NINE)
    make_message(session)
    refresh_last_active(user_id=session.user_id)

    api.delete(f"/chat-sessions/{session.pk}")

    assert last_active(session.user) is None


def test_posting_a_message_sets_it_to_the_messages_creation_time(api):
    session = make_session(session_start_time=NINE)

    answer = api.post("/conversations", message_body(session, 1))

    message = Conversation.objects.get(pk=answer.json()["conversation_id"])
    assert last_active(session.user) == message.created_at
    assert message.created_at > NINE


def test_a_session_starting_after_the_latest_message_wins(api):
    session = make_session(session_start_time=NINE)
    message = make_message(session)
    Conversation.objects.filter(pk=message.pk).update(created_at=TEN)

    api.post(
        "/chat-sessions",
        {"user_id": str(session.user_id), "session_start_time": ELEVEN.isoformat()},
    )

    assert last_active(session.user) == ELEVEN


def test_updating_a_message_keeps_it_right(api):
    session = make_session(session_start_time=NINE)
    message = make_message(session)
    Conversation.objects.filter(pk=message.pk).update(created_at=TEN)

    api.patch(f"/conversations/{message.pk}", {"chat_step": "menu"})

    assert last_active(session.user) == TEN


def test_deleting_the_latest_message_falls_back_to_the_next_latest_time(api):
    session = make_session(session_start_time=NINE)
    older, newer = make_message(session), make_message(session)
    Conversation.objects.filter(pk=older.pk).update(created_at=TEN)
    Conversation.objects.filter(pk=newer.pk).update(created_at=ELEVEN)
    refresh_last_active(user_id=session.user_id)
    assert last_active(session.user) == ELEVEN

    api.delete(f"/conversations/{newer.pk}")
    assert last_active(session.user) == TEN

    api.delete(f"/conversations/{older.pk}")
    assert last_active(session.user) == NINE


def test_another_users_activity_does_not_count(api):
    mine = make_session(session_start_time=NINE)
    refresh_last_active(user_id=mine.user_id)

    api.post("/chat-sessions", {"user_id": str(make_user().pk)})

    assert last_active(mine.user) == NINE


def test_it_is_read_only_through_the_api(api):
    user = make_user()

    api.patch(f"/users/{user.pk}", {"last_active_at": TEN.isoformat()})

    assert last_active(user) is None


def test_a_caller_storing_many_messages_may_refresh_it_once_at_the_end():
    session = make_session(session_start_time=NINE)
    fields = {"session": session, "user": session.user, "message_type": "user"}

    for number, at in enumerate([TEN, ELEVEN], start=1):
        record_message(
            fields={
                **fields,
                "message_text": "Hi",
                "message_sequence_number": number,
                "created_at": at,
            },
            refresh_user=False,
        )
    before = last_active(session.user)
    refresh_last_active(user_id=session.user_id)

    assert before is None
    assert last_active(session.user) == ELEVEN
