"""The admin of chat sessions and messages: staff edits keep the API's rules, a session's page
shows everything recorded in it, and no page's queries grow with its rows."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from chat.models import ChatSession, Conversation
from chat.services import refresh_last_active
from clinicbot.factories import (
    make_clinic,
    make_interaction,
    make_message,
    make_referral,
    make_response,
    make_session,
    make_user,
    record_analytics,
)

pytestmark = pytest.mark.django_db

NINE = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)
TEN = NINE + datetime.timedelta(hours=1)

# Queries of a page, whatever its number of rows (the signed-in session and user included).
SESSION_LIST_QUERIES = 7  # count, device types, 2 of the date hierarchy, rows with their users
SESSION_PAGE_QUERIES = 11  # session, content type, owner, 5 inlines, flows, owner's link
MESSAGE_LIST_QUERIES = 7  # count, chat steps, 2 of the date hierarchy, rows
MESSAGE_PAGE_QUERIES = 6  # message, content type, session and user shown read-only


@pytest.fixture
def staff(client, django_user_model):
    ContentType.objects.clear_cache()
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


def a_full_session(rows):
    """A session with `rows` of each kind recorded in it, and its analytics record."""
    session = make_session()
    for n in range(rows):
        message = make_message(session, message_sequence_number=rows - n, chat_step=f"step-{n}")
        make_response(message, response_category=f"category-{n}")
        make_interaction(session, fpm_flow_type=f"flow-{n}")
        make_referral(session, clinic=make_clinic(clinic_name=f"Clinic-{n}"))
    record_analytics(session, flows_attempted=["change_fpm", "stop_fpm"], satisfaction_rating=4)
    return session


@pytest.mark.parametrize("rows", [3, 30])
def test_the_session_list_runs_a_fixed_number_of_queries(
    staff, rows, django_assert_max_num_queries
):
    sessions = [make_session(device_type="mobile") for _ in range(rows)]

    with django_assert_max_num_queries(SESSION_LIST_QUERIES):
        page = staff.get("/admin/chat/chatsession/")

    assert page.status_code == 200
    assert all(session.user.user_session_id.encode() in page.content for session in sessions)


@pytest.mark.parametrize("rows", [3, 30])
def test_a_sessions_page_shows_everything_recorded_in_it_in_a_fixed_number_of_queries(
    staff, rows, django_assert_max_num_queries
):
    session = a_full_session(rows)

    with django_assert_max_num_queries(SESSION_PAGE_QUERIES):
        page = staff.get(f"/admin/chat/chatsession/{session.pk}/change/")

    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('<td class="field-message_sequence_number">') == rows
    assert html.count('<td class="field-response_category">') == rows
    assert html.count('<td class="field-fpm_flow_type">') == rows
    assert html.count('<td class="field-clinic">') == rows
    assert "change_fpm, stop_fpm" in html


def test_a_sessions_messages_are_shown_in_order_and_read_only(staff):
    session = make_session()
    for number, text in [(3, "third"), (1, "first"), (2, "second")]:
        make_message(session, message_sequence_number=number, message_text=text)

    html = staff.get(f"/admin/chat/chatsession/{session.pk}/change/").content.decode()

    assert html.index("first") < html.index("second") < html.index("third")
    assert 'name="conversations-0-message_text"' not in html
    assert 'name="conversations-MAX_NUM_FORMS" value="0"' in html


def test_saving_a_session_leaves_the_rows_shown_on_its_page_alone(staff):
    session = a_full_session(2)

    answer = staff.post(
        f"/admin/chat/chatsession/{session.pk}/change/",
        {
            "session_start_time_0": "2026-03-01",
            "session_start_time_1": "09:00:00",
            "total_messages_count": 7,
            "conversations-TOTAL_FORMS": "0",
            "conversations-INITIAL_FORMS": "0",
        },
    )

    assert answer.status_code == 302
    assert ChatSession.objects.get().total_messages_count == 7
    assert Conversation.objects.filter(session=session).count() == 2


@pytest.mark.parametrize("rows", [3, 30])
def test_the_message_list_runs_a_fixed_number_of_queries(
    staff, rows, django_assert_max_num_queries
):
    for n in range(rows):
        make_message(chat_step=f"step-{n}")

    with django_assert_max_num_queries(MESSAGE_LIST_QUERIES):
        page = staff.get("/admin/chat/conversation/")

    assert page.status_code == 200
    assert page.content.count(b'<td class="field-chat_step">') == rows


@pytest.mark.parametrize("rows", [3, 30])
def test_a_messages_page_runs_a_fixed_number_of_queries(staff, rows, django_assert_max_num_queries):
    session = make_session()
    messages = [make_message(session) for _ in range(rows)]

    with django_assert_max_num_queries(MESSAGE_PAGE_QUERIES):
        page = staff.get(f"/admin/chat/conversation/{messages[-1].pk}/change/")

    assert page.status_code == 200


def test_the_message_list_filters_by_chat_step(staff):
    wanted = make_message(chat_step="gender")
    make_message(chat_step="language")

    found = staff.get("/admin/chat/conversation/", {"chat_step": "gender"})

    assert [message.pk for message in found.context["cl"].result_list] == [wanted.pk]


def test_messages_are_found_by_their_sessions_whole_id(staff):
    session = make_session()
    wanted = [make_message(session, message_sequence_number=n) for n in (1, 2)]
    make_message()

    found = staff.get("/admin/chat/conversation/", {"q": str(session.pk)})
    part = staff.get("/admin/chat/conversation/", {"q": str(session.pk)[:8]})

    assert sorted(m.pk for m in found.context["cl"].result_list) == sorted(m.pk for m in wanted)
    assert list(part.context["cl"].result_list) == []


def test_sessions_are_found_by_their_users_session_id(staff):
    wanted = make_session(make_user(user_session_id="wa-1"))
    make_session(make_user(user_session_id="wa-2"))

    found = staff.get("/admin/chat/chatsession/", {"q": "wa-1"})

    assert [session.pk for session in found.context["cl"].result_list] == [wanted.pk]


def test_a_message_added_in_the_admin_belongs_to_its_sessions_user(staff):
    session = make_session()

    answer = staff.post(
        "/admin/chat/conversation/add/",
        {
            "session": str(session.pk),
            "message_text": "Hello",
            "message_type": "bot",
            "message_source": "typed",
            "widget_options": "[]",
            "message_sequence_number": 1,
        },
    )

    assert answer.status_code == 302, answer.content
    assert Conversation.objects.get().user_id == session.user_id


def test_a_session_added_in_the_admin_updates_its_users_last_active_at(staff):
    user = make_user()

    answer = staff.post(
        "/admin/chat/chatsession/add/",
        {
            "user": str(user.pk),
            "session_start_time_0": "2026-03-01",
            "session_start_time_1": "09:00:00",
            "total_messages_count": 0,
        },
    )

    assert answer.status_code == 302, answer.content
    assert ChatSession.objects.get().user_id == user.pk
    assert last_active(user) == NINE


def test_the_add_page_of_a_session_shows_no_empty_tables_of_rows(staff):
    html = staff.get("/admin/chat/chatsession/add/").content.decode()

    assert 'name="user"' in html
    assert "conversations-group" not in html
