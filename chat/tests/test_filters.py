"""Every filter, the default order and `ordering` of the chat sessions and messages lists."""

import datetime
import uuid

import pytest

from chat.models import ChatSession, Conversation
from clinicbot.factories import make_message, make_session, make_user
from users.models import ChatUser

pytestmark = pytest.mark.django_db

DAY = datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC)


def ids(answer, key):
    assert answer.status_code == 200, answer.content
    return [row[key] for row in answer.json()["results"]]


def session_ids(answer):
    return ids(answer, "session_id")


def message_ids(answer):
    return ids(answer, "conversation_id")


def created_on(model, row, moment):
    model.objects.filter(pk=row.pk).update(created_at=moment)
    return row


# --- Chat sessions ----------------------------------------------------------------------------


def test_sessions_filter_by_user_id(api):
    wanted = make_session()
    make_session()

    assert session_ids(api.get("/chat-sessions", {"user_id": str(wanted.user_id)})) == [
        str(wanted.pk)
    ]


def test_sessions_filter_by_the_owners_user_session_id(api):
    wanted = make_session(make_user(user_session_id="key-a"))
    make_session(make_user(user_session_id="KEY-A"))

    assert session_ids(api.get("/chat-sessions", {"user_session_id": "key-a"})) == [str(wanted.pk)]


def test_sessions_filter_by_session_completed(api):
    done = make_session(session_completed=True)
    make_session(session_completed=False)

    assert session_ids(api.get("/chat-sessions?session_completed=true")) == [str(done.pk)]


def test_sessions_filter_by_device_type_exactly(api):
    wanted = make_session(device_type="mobile")
    make_session(device_type="Mobile")
    make_session(device_type="desktop")

    assert session_ids(api.get("/chat-sessions?device_type=mobile")) == [str(wanted.pk)]


def test_started_after_is_inclusive_and_started_before_exclusive(api):
    early = make_session(session_start_time=DAY - datetime.timedelta(minutes=1))
    edge = make_session(session_start_time=DAY)
    late = make_session(session_start_time=DAY + datetime.timedelta(hours=30))
    for number, session in enumerate([early, edge, late]):
        created_on(ChatSession, session, DAY + datetime.timedelta(days=number))

    assert session_ids(api.get("/chat-sessions?started_after=2026-02-01")) == [
        str(late.pk),
        str(edge.pk),
    ]
    assert session_ids(api.get("/chat-sessions?started_before=2026-02-01")) == [str(early.pk)]
    assert session_ids(
        api.get("/chat-sessions?started_after=2026-02-01T00:00:01&started_before=2026-02-03")
    ) == [str(late.pk)]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("user_id", "not-a-uuid"),
        ("session_completed", "maybe"),
        ("started_after", "yesterday"),
        ("started_before", "2026-02-30"),
    ],
)
def test_a_malformed_session_filter_is_a_400_naming_it(api, name, value):
    answer = api.get("/chat-sessions", {name: value})

    assert answer.status_code == 400
    assert list(answer.json()) == [name]


def test_an_unknown_user_id_gives_an_empty_session_list(api):
    make_session()

    answer = api.get("/chat-sessions", {"user_id": "6f1c1a8e-64a5-4f7e-9a4b-0e7f3c0d2a11"})

    assert answer.json()["count"] == 0


def test_sessions_are_newest_first_with_the_id_breaking_ties(api):
    tied = [created_on(ChatSession, make_session(), DAY) for _ in range(3)]
    newest = created_on(ChatSession, make_session(), DAY + datetime.timedelta(seconds=1))

    expected = [str(newest.pk), *sorted(str(session.pk) for session in tied)]
    assert session_ids(api.get("/chat-sessions")) == expected


def test_sessions_can_be_ordered_by_a_filter_field(api):
    tablet, desktop, mobile = (make_session(device_type=d) for d in ("tablet", "desktop", "mobile"))

    assert session_ids(api.get("/chat-sessions?ordering=device_type")) == [
        str(desktop.pk),
        str(mobile.pk),
        str(tablet.pk),
    ]
    assert session_ids(api.get("/chat-sessions?ordering=-device_type")) == [
        str(tablet.pk),
        str(mobile.pk),
        str(desktop.pk),
    ]


def test_sessions_can_be_ordered_by_start_time(api):
    late = make_session(session_start_time=DAY + datetime.timedelta(hours=1))
    early = make_session(session_start_time=DAY)

    assert session_ids(api.get("/chat-sessions?ordering=session_start_time")) == [
        str(early.pk),
        str(late.pk),
    ]


def test_the_session_list_runs_two_queries_whatever_the_rows(api, django_assert_max_num_queries):
    users = ChatUser.objects.bulk_create(ChatUser() for _ in range(120))
    ChatSession.objects.bulk_create(ChatSession(user=user) for user in users)

    with django_assert_max_num_queries(2):
        answer = api.get("/chat-sessions?page_size=100")

    rows = answer.json()["results"]
    assert len(rows) == 100
    keys = {user.pk: user.user_session_id for user in users}
    assert all(row["user_session_id"] == keys[uuid.UUID(row["user_id"])] for row in rows)


# --- Conversations ----------------------------------------------------------------------------


def test_messages_filter_by_session_id(api):
    wanted = make_message()
    make_message(make_session(wanted.user))

    assert message_ids(api.get("/conversations", {"session_id": str(wanted.session_id)})) == [
        str(wanted.pk)
    ]


def test_messages_filter_by_user_id(api):
    wanted = make_message()
    make_message()

    assert message_ids(api.get("/conversations", {"user_id": str(wanted.user_id)})) == [
        str(wanted.pk)
    ]


def test_messages_filter_by_the_users_user_session_id(api):
    wanted = make_message(make_session(make_user(user_session_id="key-b")))
    make_message(make_session(make_user(user_session_id="Key-b")))

    assert message_ids(api.get("/conversations", {"user_session_id": "key-b"})) == [str(wanted.pk)]


def test_messages_filter_by_message_type(api):
    session = make_session()
    bot = make_message(session, message_type="bot")
    make_message(session, message_type="user")

    assert message_ids(api.get("/conversations?message_type=bot")) == [str(bot.pk)]


@pytest.mark.parametrize(
    ("field", "value", "other"),
    [("chat_step", "fpm_menu", "FPM_MENU"), ("widget_name", "picker", "Picker")],
)
def test_messages_filter_by_text_exactly(api, field, value, other):
    session = make_session()
    wanted = make_message(session, **{field: value})
    make_message(session, **{field: other})
    make_message(session)

    assert message_ids(api.get("/conversations", {field: value})) == [str(wanted.pk)]


@pytest.mark.parametrize(
    ("name", "value"),
    [("session_id", "123"), ("user_id", "nope"), ("message_type", "agent")],
)
def test_a_malformed_message_filter_is_a_400_naming_it(api, name, value):
    answer = api.get("/conversations", {name: value})

    assert answer.status_code == 400
    assert list(answer.json()) == [name]


def test_messages_are_oldest_first_then_by_number_then_by_id(api):
    session = make_session()
    other = make_session(session.user)
    later = created_on(Conversation, make_message(session, message_sequence_number=1), DAY)
    second = created_on(Conversation, make_message(session, message_sequence_number=3), DAY)
    first = created_on(Conversation, make_message(session, message_sequence_number=2), DAY)
    ties = [
        created_on(Conversation, make_message(s, message_sequence_number=2), DAY)
        for s in (other, make_session(session.user))
    ]
    Conversation.objects.filter(pk=later.pk).update(created_at=DAY + datetime.timedelta(1))

    tied_twos = sorted([str(first.pk), *(str(message.pk) for message in ties)])
    assert message_ids(api.get("/conversations")) == [*tied_twos, str(second.pk), str(later.pk)]


def test_messages_can_be_ordered_by_sequence_number(api):
    session = make_session()
    three = make_message(session, message_sequence_number=3)
    one = make_message(session, message_sequence_number=1)
    two = make_message(session, message_sequence_number=2)

    assert message_ids(api.get("/conversations?ordering=message_sequence_number")) == [
        str(one.pk),
        str(two.pk),
        str(three.pk),
    ]
    assert message_ids(api.get("/conversations?ordering=-message_sequence_number")) == [
        str(three.pk),
        str(two.pk),
        str(one.pk),
    ]


def test_an_unknown_ordering_field_is_ignored(api):
    session = make_session()
    first = created_on(Conversation, make_message(session), DAY)
    second = created_on(Conversation, make_message(session), DAY + datetime.timedelta(1))

    assert message_ids(api.get("/conversations?ordering=message_text")) == [
        str(first.pk),
        str(second.pk),
    ]


def test_the_message_list_runs_two_queries_whatever_the_rows(api, django_assert_max_num_queries):
    session = make_session()
    Conversation.objects.bulk_create(
        Conversation(
            session=session,
            user=session.user,
            message_text=f"message {number}",
            message_type="bot",
            message_sequence_number=number,
        )
        for number in range(120)
    )

    with django_assert_max_num_queries(2):
        answer = api.get(
            f"/conversations?page_size=100&user_session_id={session.user.user_session_id}"
        )

    assert len(answer.json()["results"]) == 100


@pytest.mark.parametrize("name", ["session_id", "user_id"])
def test_an_unknown_reference_gives_an_empty_message_list(api, name):
    make_message()

    answer = api.get("/conversations", {name: "6f1c1a8e-64a5-4f7e-9a4b-0e7f3c0d2a11"})

    assert answer.status_code == 200
    assert answer.json()["count"] == 0
