"""The /chat-sessions resource: the owner, the derived duration, the value rules, CRUD."""

import uuid

import pytest

from chat.models import ChatSession
from clinicbot.factories import make_session, make_user

pytestmark = pytest.mark.django_db

START = "2026-03-01T09:00:00Z"


def post(api, **fields):
    return api.post("/chat-sessions", fields, format="json")


# --- The owner --------------------------------------------------------------------------------


def test_create_by_user_id_answers_the_whole_session(api):
    user = make_user(user_session_id="front-1")

    answer = post(api, user_id=str(user.pk))

    assert answer.status_code == 201
    body = answer.json()
    assert set(body) == {
        "session_id",
        "user_id",
        "user_session_id",
        "session_start_time",
        "session_end_time",
        "total_messages_count",
        "session_duration_minutes",
        "session_completed",
        "session_outcome",
        "final_step_reached",
        "user_agent",
        "ip_address",
        "device_type",
        "created_at",
    }
    assert body["user_id"] == str(user.pk)
    assert body["user_session_id"] == "front-1"
    assert body["total_messages_count"] == 0
    assert body["session_completed"] is False
    assert body["session_end_time"] is None
    assert body["session_duration_minutes"] is None
    assert ChatSession.objects.get().user == user


def test_create_by_user_session_id_looks_the_owner_up(api):
    user = make_user(user_session_id="front-2")

    answer = post(api, user_session_id="front-2")

    assert answer.status_code == 201
    assert answer.json()["user_id"] == str(user.pk)
    assert ChatSession.objects.get().user == user


def test_create_naming_the_same_user_both_ways_is_accepted(api):
    user = make_user(user_session_id="front-3")

    answer = post(api, user_id=str(user.pk), user_session_id="front-3")

    assert answer.status_code == 201
    assert answer.json()["user_id"] == str(user.pk)


def test_create_naming_two_different_users_is_a_400(api):
    one = make_user(user_session_id="front-4")
    make_user(user_session_id="front-5")

    answer = post(api, user_id=str(one.pk), user_session_id="front-5")

    assert answer.status_code == 400
    assert answer.json() == {
        "non_field_errors": ["user_id and user_session_id name different users."]
    }
    assert not ChatSession.objects.exists()


def test_create_without_an_owner_is_a_400(api):
    answer = post(api, device_type="mobile")

    assert answer.status_code == 400
    assert answer.json() == {"user_id": ["Name the owner with user_id or user_session_id."]}


def test_an_unknown_user_session_id_is_a_400_on_that_field(api):
    answer = post(api, user_session_id="nobody")

    assert answer.status_code == 400
    assert answer.json() == {"user_session_id": ["No user has this user_session_id."]}
    assert not ChatSession.objects.exists()


def test_an_unknown_user_id_is_a_400_on_that_field(api):
    answer = post(api, user_id=str(uuid.uuid4()))

    assert answer.status_code == 400
    assert answer.json() == {"user_id": ["No record has this id."]}


@pytest.mark.parametrize("value", ["not-a-uuid", 5, None])
def test_a_malformed_or_null_user_id_is_a_400(api, value):
    make_user()

    answer = post(api, user_id=value)

    assert answer.status_code == 400
    assert list(answer.json()) == ["user_id"]


@pytest.mark.parametrize("value", [None, "", "   ", 7, "x" * 256])
def test_a_null_blank_or_malformed_user_session_id_is_a_400(api, value):
    make_user(user_session_id="7")

    answer = post(api, user_session_id=value)

    assert answer.status_code == 400
    assert list(answer.json()) == ["user_session_id"]


def test_answers_show_the_owners_current_user_session_id(api):
    user = make_user(user_session_id="old-key")
    session = make_session(user)
    api.patch(f"/users/{user.pk}", {"user_session_id": "new-key"}, format="json")

    assert api.get(f"/chat-sessions/{session.pk}").json()["user_session_id"] == "new-key"
    assert api.get("/chat-sessions").json()["results"][0]["user_session_id"] == "new-key"


def test_an_update_naming_another_user_is_a_400(api):
    session = make_session()
    other = make_user(user_session_id="other")

    by_id = api.patch(f"/chat-sessions/{session.pk}", {"user_id": str(other.pk)}, format="json")
    by_key = api.patch(f"/chat-sessions/{session.pk}", {"user_session_id": "other"}, format="json")

    assert by_id.status_code == 400
    assert by_id.json() == {"user_id": ["This reference is fixed when the record is created."]}
    assert by_key.status_code == 400
    assert by_key.json() == {
        "user_session_id": ["This reference is fixed when the record is created."]
    }
    session.refresh_from_db()
    assert session.user != other


def test_an_update_naming_an_unknown_user_session_id_is_a_400(api):
    session = make_session()

    answer = api.patch(f"/chat-sessions/{session.pk}", {"user_session_id": "nobody"}, format="json")

    assert answer.status_code == 400
    assert list(answer.json()) == ["user_session_id"]


def test_an_update_naming_the_same_owner_is_accepted(api):
    user = make_user(user_session_id="mine")
    session = make_session(user)

    answer = api.patch(
        f"/chat-sessions/{session.pk}",
        {"user_id": str(user.pk), "user_session_id": "mine", "device_type": "tablet"},
        format="json",
    )

    assert answer.status_code == 200
    assert answer.json()["device_type"] == "tablet"


# --- Times and the derived duration -----------------------------------------------------------


def test_the_start_defaults_to_now(api):
    user = make_user()

    before = ChatSession._meta.get_field("created_at").get_default()
    body = post(api, user_id=str(user.pk)).json()
    session = ChatSession.objects.get()

    assert session.session_start_time >= before
    assert session.session_start_time <= session.created_at
    assert body["session_start_time"] == session.session_start_time.isoformat().replace(
        "+00:00", "Z"
    )


def test_null_for_the_start_is_a_400(api):
    user = make_user()

    answer = post(api, user_id=str(user.pk), session_start_time=None)

    assert answer.status_code == 400
    assert list(answer.json()) == ["session_start_time"]


def test_create_with_start_and_end_derives_whole_minutes_rounded_down(api):
    user = make_user()

    answer = post(
        api,
        user_id=str(user.pk),
        session_start_time=START,
        session_end_time="2026-03-01T09:12:59.999Z",
    )

    assert answer.status_code == 201
    assert answer.json()["session_duration_minutes"] == 12
    assert ChatSession.objects.get().session_duration_minutes == 12


def test_a_duration_that_is_sent_wins_over_the_derived_one(api):
    user = make_user()

    answer = post(
        api,
        user_id=str(user.pk),
        session_start_time=START,
        session_end_time="2026-03-01T10:00:00Z",
        session_duration_minutes=5,
    )

    assert answer.json()["session_duration_minutes"] == 5


def test_a_session_without_an_end_has_no_derived_duration(api):
    user = make_user()

    answer = post(api, user_id=str(user.pk), session_start_time=START)

    assert answer.json()["session_duration_minutes"] is None


def test_an_end_alone_on_create_counts_from_the_default_start(api):
    user = make_user()

    answer = post(api, user_id=str(user.pk), session_end_time="2999-01-01T00:00:00Z")

    assert answer.status_code == 201
    session = ChatSession.objects.get()
    expected = (session.session_end_time - session.session_start_time).total_seconds() // 60
    assert session.session_duration_minutes == int(expected)


def test_patching_the_end_derives_the_duration_from_the_stored_start(api):
    session = make_session(session_start_time="2026-03-01T09:00:00Z")

    answer = api.patch(
        f"/chat-sessions/{session.pk}",
        {"session_end_time": "2026-03-01T09:45:30Z", "session_completed": True},
        format="json",
    )

    assert answer.status_code == 200
    assert answer.json()["session_duration_minutes"] == 45
    session.refresh_from_db()
    assert session.session_duration_minutes == 45
    assert session.session_completed is True


def test_patching_the_start_derives_the_duration_from_the_stored_end(api):
    session = make_session(
        session_start_time="2026-03-01T09:00:00Z",
        session_end_time="2026-03-01T10:00:00Z",
        session_duration_minutes=60,
    )

    answer = api.patch(
        f"/chat-sessions/{session.pk}",
        {"session_start_time": "2026-03-01T09:50:00Z"},
        format="json",
    )

    assert answer.json()["session_duration_minutes"] == 10


def test_a_patch_that_touches_no_time_keeps_the_duration(api):
    session = make_session(
        session_start_time="2026-03-01T09:00:00Z",
        session_end_time="2026-03-01T10:00:00Z",
        session_duration_minutes=7,
    )

    answer = api.patch(f"/chat-sessions/{session.pk}", {"device_type": "mobile"}, format="json")

    assert answer.json()["session_duration_minutes"] == 7


def test_an_end_before_the_start_is_a_400_on_create(api):
    user = make_user()

    answer = post(
        api,
        user_id=str(user.pk),
        session_start_time=START,
        session_end_time="2026-03-01T08:59:59Z",
    )

    assert answer.status_code == 400
    assert answer.json() == {"session_end_time": ["The session cannot end before it starts."]}


def test_an_end_before_the_stored_start_is_a_400_on_patch(api):
    session = make_session(session_start_time="2026-03-01T09:00:00Z")

    answer = api.patch(
        f"/chat-sessions/{session.pk}",
        {"session_end_time": "2026-03-01T08:00:00Z"},
        format="json",
    )

    assert answer.status_code == 400
    assert list(answer.json()) == ["session_end_time"]
    session.refresh_from_db()
    assert session.session_end_time is None


def test_a_start_after_the_stored_end_is_a_400_on_patch(api):
    session = make_session(
        session_start_time="2026-03-01T09:00:00Z",
        session_end_time="2026-03-01T10:00:00Z",
    )

    answer = api.patch(
        f"/chat-sessions/{session.pk}",
        {"session_start_time": "2026-03-01T11:00:00Z"},
        format="json",
    )

    assert answer.status_code == 400
    assert list(answer.json()) == ["session_end_time"]


def test_an_end_equal_to_the_start_lasts_zero_minutes(api):
    user = make_user()

    answer = post(api, user_id=str(user.pk), session_start_time=START, session_end_time=START)

    assert answer.json()["session_duration_minutes"] == 0


def test_a_duration_beyond_the_integer_range_is_a_400_not_a_500(api):
    user = make_user()

    answer = post(
        api,
        user_id=str(user.pk),
        session_start_time="0001-01-01T00:00:00Z",
        session_end_time="9999-12-31T00:00:00Z",
    )

    assert answer.status_code == 400
    assert list(answer.json()) == ["session_end_time"]


@pytest.mark.parametrize("value", ["yesterday", "2026-02-30T10:00:00", 1700000000, True])
def test_a_time_that_does_not_parse_is_a_400(api, value):
    user = make_user()

    answer = post(api, user_id=str(user.pk), session_end_time=value)

    assert answer.status_code == 400
    assert list(answer.json()) == ["session_end_time"]


def test_a_time_with_an_offset_is_stored_and_answered_in_utc(api):
    user = make_user()

    answer = post(api, user_id=str(user.pk), session_start_time="2026-03-01T10:00:00+01:00")

    assert answer.json()["session_start_time"] == "2026-03-01T09:00:00Z"


# --- Other values -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("192.168.0.1", "192.168.0.1"),
        ("2001:db8::1", "2001:db8::1"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("::ffff:10.0.0.1", "10.0.0.1"),
    ],
)
def test_ipv4_and_ipv6_addresses_are_accepted(api, sent, kept):
    user = make_user()

    answer = post(api, user_id=str(user.pk), ip_address=sent)

    assert answer.status_code == 201
    assert answer.json()["ip_address"] == kept
    assert api.get(f"/chat-sessions/{answer.json()['session_id']}").json()["ip_address"] == kept


@pytest.mark.parametrize(
    "value", ["999.1.1.1", "localhost", "1.2.3", "", "2001:db8:::1", 3232235521]
)
def test_anything_but_an_ip_address_is_a_400(api, value):
    user = make_user()

    answer = post(api, user_id=str(user.pk), ip_address=value)

    assert answer.status_code == 400
    assert list(answer.json()) == ["ip_address"]


def test_null_clears_the_ip_address(api):
    session = make_session(ip_address="10.0.0.1")

    answer = api.patch(f"/chat-sessions/{session.pk}", {"ip_address": None}, format="json")

    assert answer.status_code == 200
    assert answer.json()["ip_address"] is None


def test_the_message_count_is_stored_as_sent(api):
    session = make_session()
    user = session.user

    answer = post(api, user_id=str(user.pk), total_messages_count=42)

    assert answer.json()["total_messages_count"] == 42


@pytest.mark.parametrize("field", ["total_messages_count", "session_duration_minutes"])
@pytest.mark.parametrize("value", [-1, 2**31, 1.5, "many", True])
def test_counts_outside_zero_to_int32_are_a_400(api, field, value):
    user = make_user()

    answer = post(api, user_id=str(user.pk), **{field: value})

    assert answer.status_code == 400
    assert list(answer.json()) == [field]


@pytest.mark.parametrize(
    ("field", "limit"),
    [("session_outcome", 100), ("final_step_reached", 50), ("device_type", 20)],
)
def test_text_longer_than_its_column_is_a_400(api, field, limit):
    user = make_user()
    assert post(api, user_id=str(user.pk), **{field: "x" * limit}).status_code == 201

    answer = post(api, user_id=str(user.pk), **{field: "x" * (limit + 1)})

    assert answer.status_code == 400
    assert list(answer.json()) == [field]


def test_null_for_session_completed_is_a_400(api):
    user = make_user()

    answer = post(api, user_id=str(user.pk), session_completed=None)

    assert answer.status_code == 400
    assert list(answer.json()) == ["session_completed"]


def test_read_only_and_unknown_fields_are_ignored(api):
    user = make_user()
    sent_id = str(uuid.uuid4())

    answer = post(
        api,
        user_id=str(user.pk),
        session_id=sent_id,
        created_at="2020-01-01T00:00:00Z",
        colour="blue",
    )

    body = answer.json()
    assert answer.status_code == 201
    assert body["session_id"] != sent_id
    assert not body["created_at"].startswith("2020")
    assert "colour" not in body


# --- Read, update, delete ---------------------------------------------------------------------


def test_get_answers_one_session(api):
    session = make_session(device_type="desktop")

    answer = api.get(f"/chat-sessions/{session.pk}")

    assert answer.status_code == 200
    assert answer.json()["session_id"] == str(session.pk)
    assert answer.json()["device_type"] == "desktop"
    assert answer.json()["user_session_id"] == session.user.user_session_id


@pytest.mark.parametrize("method", ["get", "patch", "put", "delete"])
@pytest.mark.parametrize("ident", ["not-a-uuid", str(uuid.uuid4())])
def test_malformed_and_unknown_ids_are_a_404(api, method, ident):
    make_session()

    answer = getattr(api, method)(f"/chat-sessions/{ident}", {}, format="json")

    assert answer.status_code == 404
    assert answer.json() == {"detail": "Not found."}


def test_put_changes_the_fields_it_sends_and_keeps_the_owner(api):
    session = make_session(device_type="mobile", session_outcome="abandoned")

    answer = api.put(
        f"/chat-sessions/{session.pk}",
        {"device_type": "desktop", "session_completed": True},
        format="json",
    )

    assert answer.status_code == 200
    session.refresh_from_db()
    assert (session.device_type, session.session_completed) == ("desktop", True)
    assert session.session_outcome == "abandoned"


def test_delete_answers_204_without_a_body(api):
    session = make_session()

    answer = api.delete(f"/chat-sessions/{session.pk}")

    assert answer.status_code == 204
    assert answer.content == b""
    assert not ChatSession.objects.exists()


def test_the_collection_refuses_put_patch_and_delete(api):
    for method in ["put", "patch", "delete"]:
        assert getattr(api, method)("/chat-sessions", {}, format="json").status_code == 405


@pytest.mark.parametrize("path", ["/chat-sessions/", "/chat-sessions"])
def test_the_collection_answers_with_and_without_a_trailing_slash(api, path):
    user = make_user()

    assert api.post(path, {"user_id": str(user.pk)}, format="json").status_code == 201
    assert api.get(path).json()["count"] == 1
