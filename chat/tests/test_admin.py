"""Staff edits in the admin keep the API's rules for chat sessions and messages."""

import datetime

import pytest

from chat.models import ChatSession, Conversation
from chat.services import refresh_last_active
from clinicbot.factories import make_message, make_session, make_user

pytestmark = pytest.mark.django_db

NINE = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)
TEN = NINE + datetime.timedelta(hours=1)


@pytest.fixture
def staff(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", password="pw"))
    return client


def last_active(user):
    user.refresh_from_db()
    return user.last_active_at


def test_deleting_a_session_in_the_admin_refreshes_last_active_at(staff):
    user = make_user()
    make_session(user, session_start_time=NINE)
    latest = make_session(user, session_start_time=TEN)
    refresh_last_active(user_id=user.pk)

    answer = staff.post(f"/admin/chat/chatsession/{latest.pk}/delete/", {"post": "yes"})

    assert answer.status_code == 302
    assert last_active(user) == NINE


def test_deleting_messages_in_bulk_in_the_admin_refreshes_last_active_at(staff):
    session = make_session(session_start_time=NINE)
    message = make_message(session)
    Conversation.objects.filter(pk=message.pk).update(created_at=TEN)
    refresh_last_active(user_id=session.user_id)

    answer = staff.post(
        "/admin/chat/conversation/",
        {"action": "delete_selected", "_selected_action": [message.pk], "post": "yes"},
    )

    assert answer.status_code == 302
    assert not Conversation.objects.exists()
    assert last_active(session.user) == NINE


def test_changing_a_sessions_start_in_the_admin_refreshes_last_active_at(staff):
    session = make_session(session_start_time=NINE)

    answer = staff.post(
        f"/admin/chat/chatsession/{session.pk}/change/",
        {
            "session_start_time_0": "2026-03-01",
            "session_start_time_1": "10:00:00",
            "total_messages_count": 0,
        },
    )

    assert answer.status_code == 302, answer.content
    assert last_active(session.user) == TEN


def test_the_owner_of_a_stored_session_is_read_only_in_the_admin(staff):
    session = make_session()
    other = make_user()

    staff.post(
        f"/admin/chat/chatsession/{session.pk}/change/",
        {
            "user": str(other.pk),
            "session_start_time_0": "2026-03-01",
            "session_start_time_1": "09:00:00",
            "total_messages_count": 0,
        },
    )

    assert ChatSession.objects.get().user_id == session.user_id
