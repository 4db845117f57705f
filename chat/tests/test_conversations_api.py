"""The /conversations resource: required fields, defaults, references, retries, CRUD."""

import uuid

import pytest

from chat.models import Conversation
from clinicbot.factories import make_message, make_response, make_session, make_user
from responses.models import UserResponse

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return make_session()


def body_for(session, **fields):
    return {
        "session_id": str(session.pk),
        "user_id": str(session.user_id),
        "message_text": "How do implants work?",
        "message_type": "user",
        "message_sequence_number": 1,
        **fields,
    }


def post(api, session, **fields):
    return api.post("/conversations", body_for(session, **fields), format="json")


# --- Create -----------------------------------------------------------------------------------


def test_create_with_the_required_fields_applies_the_defaults(api, session):
    answer = post(api, session)

    assert answer.status_code == 201
    body = answer.json()
    assert set(body) == {
        "conversation_id",
        "session_id",
        "user_id",
        "message_text",
        "message_type",
        "message_source",
        "chat_step",
        "widget_name",
        "selected_option",
        "message_delay_ms",
        "has_widget",
        "widget_options",
        "message_sequence_number",
        "created_at",
    }
    assert body["message_source"] == "typed"
    assert body["has_widget"] is False
    assert body["widget_options"] == []
    assert body["chat_step"] is None
    stored = Conversation.objects.get()
    assert (stored.message_source, stored.has_widget, stored.widget_options) == ("typed", False, [])
    assert str(stored.pk) == body["conversation_id"]


def test_every_optional_field_is_stored_and_answered(api, session):
    sent = {
        "message_type": "bot",
        "message_source": "widget_selection",
        "chat_step": "fpm_menu",
        "widget_name": "method_picker",
        "selected_option": "Implant",
        "message_delay_ms": 1200,
        "has_widget": True,
        "widget_options": ["Implant", "IUD", "Pills"],
    }

    body = post(api, session, **sent).json()

    assert {key: body[key] for key in sent} == sent


@pytest.mark.parametrize(
    "field", ["session_id", "user_id", "message_text", "message_type", "message_sequence_number"]
)
def test_each_required_field_missing_is_a_400_naming_it(api, session, field):
    body = body_for(session)
    del body[field]

    answer = api.post("/conversations", body, format="json")

    assert answer.status_code == 400
    assert answer.json() == {field: ["This field is required."]}


@pytest.mark.parametrize(
    "field", ["session_id", "user_id", "message_text", "message_type", "message_sequence_number"]
)
def test_each_required_field_null_is_a_400_naming_it(api, session, field):
    answer = post(api, session, **{field: None})

    assert answer.status_code == 400
    assert list(answer.json()) == [field]


@pytest.mark.parametrize("field", ["message_source", "has_widget", "widget_options"])
def test_null_for_a_field_with_a_default_is_a_400(api, session, field):
    answer = post(api, session, **{field: None})

    assert answer.status_code == 400
    assert list(answer.json()) == [field]


@pytest.mark.parametrize("text", ["  spaces kept  ", "line one\nline two\n", "\tx", "🙂 ok"])
def test_message_text_is_stored_exactly_as_sent(api, session, text):
    answer = post(api, session, message_text=text)

    assert answer.json()["message_text"] == text
    assert Conversation.objects.get().message_text == text


@pytest.mark.parametrize("text", ["", "   ", "\n", 5, ["hi"]])
def test_blank_or_non_text_message_text_is_a_400(api, session, text):
    answer = post(api, session, message_text=text)

    assert answer.status_code == 400
    assert list(answer.json()) == ["message_text"]


@pytest.mark.parametrize("value", ["agent", "BOT", "", 1])
def test_message_type_is_bot_or_user_only(api, session, value):
    answer = post(api, session, message_type=value)

    assert answer.status_code == 400
    assert list(answer.json()) == ["message_type"]


@pytest.mark.parametrize("field", ["message_sequence_number", "message_delay_ms"])
@pytest.mark.parametrize("value", [-1, 2**31, 2.5, "ten", True])
def test_numbers_outside_zero_to_int32_are_a_400(api, session, field, value):
    answer = post(api, session, **{field: value})

    assert answer.status_code == 400
    assert list(answer.json()) == [field]


def test_a_numeric_string_is_read_as_a_number(api, session):
    answer = post(api, session, message_sequence_number="7")

    assert answer.status_code == 201
    assert answer.json()["message_sequence_number"] == 7


@pytest.mark.parametrize("value", ["Implant", ["a", 1], [None], {"a": "b"}])
def test_widget_options_must_be_a_list_of_strings(api, session, value):
    answer = post(api, session, widget_options=value)

    assert answer.status_code == 400
    assert list(answer.json()) == ["widget_options"]


@pytest.mark.parametrize(
    ("field", "limit"),
    [("message_source", 20), ("chat_step", 50), ("widget_name", 100), ("selected_option", 200)],
)
def test_text_longer_than_its_column_is_a_400(api, session, field, limit):
    assert post(api, session, **{field: "x" * limit}).status_code == 201

    answer = post(api, session, message_sequence_number=2, **{field: "x" * (limit + 1)})

    assert answer.status_code == 400
    assert list(answer.json()) == [field]


@pytest.mark.parametrize("field", ["session_id", "user_id"])
def test_an_unknown_reference_is_a_400_on_that_field(api, session, field):
    answer = post(api, session, **{field: str(uuid.uuid4())})

    assert answer.status_code == 400
    assert answer.json() == {field: ["No record has this id."]}


def test_a_session_of_another_user_is_a_400(api, session):
    stranger = make_user()

    answer = post(api, session, user_id=str(stranger.pk))

    assert answer.status_code == 400
    assert answer.json() == {"session_id": ["This chat session belongs to another user."]}
    assert not Conversation.objects.exists()


def test_read_only_and_unknown_fields_are_ignored(api, session):
    sent_id = str(uuid.uuid4())

    answer = post(api, session, conversation_id=sent_id, created_at="2020-01-01T00:00:00Z", x=1)

    body = answer.json()
    assert answer.status_code == 201
    assert body["conversation_id"] != sent_id
    assert not body["created_at"].startswith("2020")
    assert "x" not in body


# --- Retries and clashes ----------------------------------------------------------------------


def test_a_retried_message_is_not_stored_twice(api, session):
    first = post(api, session, chat_step="intro")

    again = post(api, session, chat_step="intro")

    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json() == first.json()
    assert Conversation.objects.count() == 1


def test_a_retry_that_spells_out_the_defaults_is_the_same_message(api, session):
    first = post(api, session)

    again = post(api, session, message_source="typed", has_widget=False, widget_options=[])

    assert again.status_code == 200
    assert again.json()["conversation_id"] == first.json()["conversation_id"]
    assert Conversation.objects.count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"message_text": "How do implants work? "},
        {"message_type": "bot"},
        {"message_source": "button_click"},
        {"chat_step": "intro"},
        {"has_widget": True},
        {"widget_options": ["Yes"]},
        {"message_delay_ms": 0},
    ],
)
def test_other_content_under_a_taken_number_is_a_409(api, session, change):
    post(api, session)

    answer = post(api, session, **change)

    assert answer.status_code == 409
    assert answer.json() == {
        "detail": (
            "Message 1 of this session is already stored with other content; "
            "send the next sequence number for a new message."
        )
    }
    assert Conversation.objects.count() == 1


def test_a_retry_that_leaves_out_a_stored_value_is_a_409(api, session):
    post(api, session, chat_step="intro")

    answer = post(api, session)

    assert answer.status_code == 409


def test_the_same_number_in_another_session_is_another_message(api, session):
    other = make_session(session.user)
    post(api, session)

    answer = post(api, other)

    assert answer.status_code == 201
    assert Conversation.objects.count() == 2


def test_a_retry_changes_nothing_of_the_user(api, session):
    post(api, session)
    session.user.refresh_from_db()
    before = (session.user.last_active_at, session.user.updated_at)

    post(api, session)

    session.user.refresh_from_db()
    assert (session.user.last_active_at, session.user.updated_at) == before


# --- Read, update, delete ---------------------------------------------------------------------


def test_get_answers_one_message(api):
    message = make_message(message_text=" hi ")

    answer = api.get(f"/conversations/{message.pk}")

    assert answer.status_code == 200
    assert answer.json()["conversation_id"] == str(message.pk)
    assert answer.json()["message_text"] == " hi "


@pytest.mark.parametrize("method", ["get", "patch", "put", "delete"])
@pytest.mark.parametrize("ident", ["not-a-uuid", str(uuid.uuid4())])
def test_malformed_and_unknown_ids_are_a_404(api, method, ident):
    make_message()

    answer = getattr(api, method)(f"/conversations/{ident}", {}, format="json")

    assert answer.status_code == 404
    assert answer.json() == {"detail": "Not found."}


def test_a_patch_keeps_message_source_and_has_widget(api):
    message = make_message(message_source="button_click", has_widget=True, widget_options=["A"])

    answer = api.patch(f"/conversations/{message.pk}", {"chat_step": "menu"}, format="json")

    assert answer.status_code == 200
    message.refresh_from_db()
    assert message.message_source == "button_click"
    assert message.has_widget is True
    assert message.widget_options == ["A"]
    assert message.chat_step == "menu"
    assert answer.json()["message_source"] == "button_click"
    assert answer.json()["has_widget"] is True


def test_a_put_needs_the_required_fields(api):
    message = make_message()

    answer = api.put(f"/conversations/{message.pk}", {"chat_step": "menu"}, format="json")

    assert answer.status_code == 400
    assert set(answer.json()) == {
        "session_id",
        "user_id",
        "message_text",
        "message_type",
        "message_sequence_number",
    }


def test_a_put_with_the_required_fields_keeps_what_it_leaves_out(api):
    message = make_message(message_source="button_click", has_widget=True)

    answer = api.put(
        f"/conversations/{message.pk}",
        body_for(message.session, message_sequence_number=message.message_sequence_number),
        format="json",
    )

    assert answer.status_code == 200
    message.refresh_from_db()
    assert (message.message_source, message.has_widget) == ("button_click", True)
    assert message.message_text == "How do implants work?"


@pytest.mark.parametrize("field", ["session_id", "user_id"])
def test_an_update_naming_another_reference_is_a_400(api, field):
    message = make_message()
    other_session = make_session()
    other = {"session_id": other_session.pk, "user_id": other_session.user_id}[field]

    answer = api.patch(f"/conversations/{message.pk}", {field: str(other)}, format="json")

    assert answer.status_code == 400
    assert answer.json() == {field: ["This reference is fixed when the record is created."]}


def test_an_update_naming_the_same_references_is_accepted(api):
    message = make_message()

    answer = api.patch(
        f"/conversations/{message.pk}",
        {"session_id": str(message.session_id), "user_id": str(message.user_id), "chat_step": "a"},
        format="json",
    )

    assert answer.status_code == 200


def test_an_update_to_a_taken_sequence_number_is_a_400(api):
    first = make_message(message_sequence_number=1)
    second = make_message(first.session, message_sequence_number=2)

    answer = api.patch(f"/conversations/{second.pk}", {"message_sequence_number": 1}, format="json")

    assert answer.status_code == 400
    assert answer.json() == {
        "message_sequence_number": ["Message 1 of this session is already stored."]
    }


def test_an_update_to_a_free_sequence_number_is_accepted(api):
    message = make_message(message_sequence_number=1)

    answer = api.patch(
        f"/conversations/{message.pk}", {"message_sequence_number": 5}, format="json"
    )

    assert answer.status_code == 200
    assert answer.json()["message_sequence_number"] == 5


def test_deleting_a_message_deletes_its_responses_only(api):
    message = make_message()
    kept = make_message(message.session)
    make_response(message)
    make_response(message)
    other = make_response(kept)

    answer = api.delete(f"/conversations/{message.pk}")

    assert answer.status_code == 204
    assert answer.content == b""
    assert list(Conversation.objects.all()) == [kept]
    assert list(UserResponse.objects.all()) == [other]


@pytest.mark.parametrize("path", ["/conversations", "/conversations/"])
def test_the_collection_answers_with_and_without_a_trailing_slash(api, session, path):
    assert api.post(path, body_for(session), format="json").status_code == 201
    assert api.get(path).json()["count"] == 1


def test_the_collection_refuses_put_patch_and_delete(api):
    for method in ["put", "patch", "delete"]:
        assert getattr(api, method)("/conversations", {}, format="json").status_code == 405
