"""The /responses resource: create, read, update, delete and their rules."""

import datetime
import uuid

import pytest

from clinicbot.factories import make_message, make_response, make_session
from responses.models import UserResponse

pytestmark = pytest.mark.django_db


def body_for(message, **fields):
    """The required fields of an answer to `message`, with `fields` on top."""
    return {
        "user_id": str(message.user_id),
        "session_id": str(message.session_id),
        "conversation_id": str(message.pk),
        "response_category": "demographic",
        "response_type": "button",
        "user_response": "26-35",
        "available_options": ["< 25", "26-35"],
        **fields,
    }


def post(api, message=None, **fields):
    return api.post("/responses", body_for(message or make_message(), **fields), format="json")


def test_create_with_the_required_fields_answers_the_whole_stored_answer(api):
    message = make_message()

    answer = post(api, message)

    assert answer.status_code == 201
    body = answer.json()
    stored = UserResponse.objects.get()
    assert body == {
        "response_id": str(stored.pk),
        "user_id": str(message.user_id),
        "session_id": str(message.session_id),
        "conversation_id": str(message.pk),
        "previous_response_id": None,
        "response_category": "demographic",
        "response_type": "button",
        "question_asked": None,
        "user_response": "26-35",
        "response_value": None,
        "widget_used": None,
        "available_options": ["< 25", "26-35"],
        "step_in_flow": None,
        "is_initial_response": True,
        "created_at": body["created_at"],
    }
    assert datetime.datetime.fromisoformat(body["created_at"]) == stored.created_at


def test_every_optional_field_is_stored_and_answered(api):
    first = make_response()
    sent = {
        "previous_response_id": str(first.pk),
        "question_asked": "How old are you?",
        "response_value": "age_26_35",
        "widget_used": "age_picker",
        "step_in_flow": "demographics",
        "is_initial_response": False,
    }

    answer = post(api, first.conversation, **sent)

    assert answer.status_code == 201
    assert {key: answer.json()[key] for key in sent} == sent
    stored = UserResponse.objects.get(pk=answer.json()["response_id"])
    assert stored.previous_response == first
    assert stored.is_initial_response is False


@pytest.mark.parametrize(
    "field",
    [
        "user_id",
        "session_id",
        "conversation_id",
        "response_category",
        "response_type",
        "user_response",
        "available_options",
    ],
)
def test_each_required_field_missing_is_a_400_naming_it(api, field):
    body = body_for(make_message())
    del body[field]

    answer = api.post("/responses", body, format="json")

    assert answer.status_code == 400
    assert answer.json() == {field: ["This field is required."]}
    assert not UserResponse.objects.exists()


def test_an_empty_list_of_options_is_accepted(api):
    answer = post(api, available_options=[])

    assert answer.status_code == 201
    assert answer.json()["available_options"] == []
    assert UserResponse.objects.get().available_options == []


@pytest.mark.parametrize("value", [None, "Yes", ["Yes", 1], {"a": "b"}])
def test_available_options_must_be_a_list_of_strings(api, value):
    answer = post(api, available_options=value)

    assert answer.status_code == 400
    assert list(answer.json()) == ["available_options"]


@pytest.mark.parametrize("text", ["  Married \n", "\tYes", "two  spaces", "Ọmọ mi 👶 "])
def test_the_answer_and_the_question_are_stored_exactly_as_sent(api, text):
    answer = post(api, user_response=text, question_asked=f" {text}")

    assert answer.status_code == 201
    assert answer.json()["user_response"] == text
    assert answer.json()["question_asked"] == f" {text}"
    stored = UserResponse.objects.get()
    assert (stored.user_response, stored.question_asked) == (text, f" {text}")


def test_other_text_is_trimmed(api):
    answer = post(api, response_category="  demographic ", step_in_flow=" age ")

    assert answer.json()["response_category"] == "demographic"
    assert answer.json()["step_in_flow"] == "age"


@pytest.mark.parametrize("value", ["", "   ", None, 5])
def test_the_answer_may_not_be_blank_null_or_a_number(api, value):
    answer = post(api, user_response=value)

    assert answer.status_code == 400
    assert list(answer.json()) == ["user_response"]


@pytest.mark.parametrize("field", ["response_category", "response_type"])
@pytest.mark.parametrize("value", ["", "  ", None])
def test_required_text_may_not_be_blank_or_null(api, field, value):
    answer = post(api, **{field: value})

    assert answer.status_code == 400
    assert list(answer.json()) == [field]


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("response_category", 50),
        ("response_type", 50),
        ("response_value", 200),
        ("widget_used", 100),
        ("step_in_flow", 50),
    ],
)
def test_text_longer_than_its_column_is_a_400_naming_the_field(api, field, limit):
    message = make_message()
    assert post(api, message, **{field: "x" * limit}).status_code == 201

    answer = post(api, message, **{field: "x" * (limit + 1)})

    assert answer.status_code == 400
    assert list(answer.json()) == [field]


def test_null_is_accepted_for_optional_text(api):
    answer = post(api, question_asked=None, response_value=None, step_in_flow=None)

    assert answer.status_code == 201


def test_null_for_is_initial_response_is_a_400_not_the_default(api):
    answer = post(api, is_initial_response=None)

    assert answer.status_code == 400
    assert answer.json() == {"is_initial_response": ["This field may not be null."]}


@pytest.mark.parametrize(
    "field", ["user_id", "session_id", "conversation_id", "previous_response_id"]
)
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("not-a-uuid", "Must be a valid UUID."),
        ("6f1c1a8e-64a5-4f7e-9a4b-0e7f3c0d2a11", "No record has this id."),
        (17, "Must be a UUID string."),
    ],
)
def test_a_reference_that_is_malformed_or_unknown_is_a_400_on_that_field(
    api, field, value, message
):
    answer = post(api, **{field: value})

    assert answer.status_code == 400
    assert answer.json() == {field: [message]}


@pytest.mark.parametrize("field", ["user_id", "session_id", "conversation_id"])
def test_null_for_a_required_reference_is_a_400(api, field):
    answer = post(api, **{field: None})

    assert answer.status_code == 400
    assert answer.json() == {field: ["This field may not be null."]}


def test_null_previous_response_means_none(api):
    answer = post(api, previous_response_id=None)

    assert answer.status_code == 201
    assert answer.json()["previous_response_id"] is None


def test_a_session_of_another_user_is_a_400(api):
    message = make_message()
    stranger = make_session()

    answer = post(api, message, user_id=str(stranger.user_id))

    assert answer.status_code == 400
    assert answer.json() == {"session_id": ["This chat session belongs to another user."]}


def test_a_message_of_another_session_is_a_400(api):
    mine = make_message()
    other_session_of_mine = make_session(mine.user)
    elsewhere = make_message(other_session_of_mine)

    answer = post(api, mine, conversation_id=str(elsewhere.pk))

    assert answer.status_code == 400
    assert answer.json() == {"conversation_id": ["This message belongs to another chat session."]}


def test_a_previous_response_of_another_session_is_a_400(api):
    message = make_message()
    elsewhere = make_response(make_message(make_session(message.user)))

    answer = post(api, message, previous_response_id=str(elsewhere.pk))

    assert answer.status_code == 400
    assert answer.json() == {
        "previous_response_id": ["This response belongs to another chat session."]
    }


def test_read_only_and_unknown_fields_are_ignored(api):
    answer = post(
        api,
        response_id=str(uuid.uuid4()),
        created_at="2020-01-01T00:00:00Z",
        favourite_colour="blue",
    )

    assert answer.status_code == 201
    body = answer.json()
    assert body["response_id"] == str(UserResponse.objects.get().pk)
    assert not body["created_at"].startswith("2020")
    assert "favourite_colour" not in body


def test_get_answers_one_response(api):
    stored = make_response(user_response="No")

    answer = api.get(f"/responses/{stored.pk}")

    assert answer.status_code == 200
    assert answer.json()["response_id"] == str(stored.pk)
    assert answer.json()["user_response"] == "No"
    assert answer.json()["conversation_id"] == str(stored.conversation_id)


@pytest.mark.parametrize("method", ["get", "patch", "put", "delete"])
@pytest.mark.parametrize("ident", ["not-a-uuid", str(uuid.uuid4()), "123"])
def test_malformed_and_unknown_ids_are_a_404(api, method, ident):
    make_response()

    answer = getattr(api, method)(f"/responses/{ident}", {}, format="json")

    assert answer.status_code == 404
    assert answer.json() == {"detail": "Not found."}


@pytest.mark.parametrize("method", ["put", "patch"])
def test_put_and_patch_change_only_what_they_send(api, method):
    stored = make_response(user_response="Yes", step_in_flow="age")

    answer = getattr(api, method)(
        f"/responses/{stored.pk}", {"user_response": " No "}, format="json"
    )

    assert answer.status_code == 200
    stored.refresh_from_db()
    assert (stored.user_response, stored.step_in_flow) == (" No ", "age")
    assert answer.json()["user_response"] == " No "
    assert answer.json()["available_options"] == ["Yes", "No"]


def test_put_with_an_empty_body_changes_nothing(api):
    stored = make_response()

    answer = api.put(f"/responses/{stored.pk}", {}, format="json")

    assert answer.status_code == 200
    assert answer.json()["response_id"] == str(stored.pk)


@pytest.mark.parametrize("method", ["put", "patch"])
def test_an_update_may_not_empty_a_required_field(api, method):
    stored = make_response()

    answer = getattr(api, method)(
        f"/responses/{stored.pk}", {"available_options": None}, format="json"
    )

    assert answer.status_code == 400
    assert list(answer.json()) == ["available_options"]


@pytest.mark.parametrize("method", ["put", "patch"])
@pytest.mark.parametrize("field", ["user_id", "session_id", "conversation_id"])
def test_an_update_naming_another_reference_is_a_400(api, method, field):
    stored = make_response()
    other = make_response()
    value = {
        "user_id": other.user_id,
        "session_id": other.session_id,
        "conversation_id": other.conversation_id,
    }[field]

    answer = getattr(api, method)(f"/responses/{stored.pk}", {field: str(value)}, format="json")

    assert answer.status_code == 400
    assert answer.json() == {field: ["This reference is fixed when the record is created."]}


def test_an_update_naming_the_same_references_is_accepted(api):
    stored = make_response()

    answer = api.patch(
        f"/responses/{stored.pk}",
        {
            "user_id": str(stored.user_id),
            "session_id": str(stored.session_id),
            "conversation_id": str(stored.conversation_id),
            "response_type": "typed",
        },
        format="json",
    )

    assert answer.status_code == 200
    assert answer.json()["response_type"] == "typed"


def test_an_update_may_point_to_another_earlier_response_of_the_session(api):
    message = make_message()
    first = make_response(message)
    second = make_response(message, previous_response=first)
    third = make_response(message, previous_response=second)

    answer = api.patch(
        f"/responses/{third.pk}", {"previous_response_id": str(first.pk)}, format="json"
    )

    assert answer.status_code == 200
    assert answer.json()["previous_response_id"] == str(first.pk)
    third.refresh_from_db()
    assert third.previous_response == first


def test_an_update_may_empty_the_previous_response(api):
    first = make_response()
    second = make_response(first.conversation, previous_response=first)

    answer = api.put(f"/responses/{second.pk}", {"previous_response_id": None}, format="json")

    assert answer.status_code == 200
    second.refresh_from_db()
    assert second.previous_response is None


def test_an_update_may_not_point_to_a_response_of_another_session(api):
    stored = make_response()
    elsewhere = make_response()

    answer = api.patch(
        f"/responses/{stored.pk}", {"previous_response_id": str(elsewhere.pk)}, format="json"
    )

    assert answer.status_code == 400
    assert answer.json() == {
        "previous_response_id": ["This response belongs to another chat session."]
    }


def test_a_response_may_not_be_its_own_previous(api):
    stored = make_response()

    answer = api.patch(
        f"/responses/{stored.pk}", {"previous_response_id": str(stored.pk)}, format="json"
    )

    assert answer.status_code == 400
    assert answer.json() == {"previous_response_id": ["Must name an answer given before this one."]}


def test_a_response_may_not_point_to_a_later_one_so_no_chain_loops(api):
    first = make_response()
    second = make_response(first.conversation, previous_response=first)

    answer = api.patch(
        f"/responses/{first.pk}", {"previous_response_id": str(second.pk)}, format="json"
    )

    assert answer.status_code == 400
    assert list(answer.json()) == ["previous_response_id"]
    first.refresh_from_db()
    assert first.previous_response is None


def test_delete_answers_204_without_a_body(api):
    stored = make_response()

    answer = api.delete(f"/responses/{stored.pk}")

    assert answer.status_code == 204
    assert answer.content == b""
    assert not UserResponse.objects.exists()


def test_deleting_a_response_empties_previous_response_of_the_later_ones(api):
    first = make_response()
    second = make_response(first.conversation, previous_response=first)
    third = make_response(first.conversation, previous_response=first)

    answer = api.delete(f"/responses/{first.pk}")

    assert answer.status_code == 204
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.previous_response_id, third.previous_response_id) == (None, None)
    assert api.get(f"/responses/{second.pk}").json()["previous_response_id"] is None


@pytest.mark.parametrize("path", ["/responses", "/responses/"])
def test_the_list_answers_with_and_without_a_trailing_slash(api, path):
    make_response()

    answer = api.get(path)

    assert answer.status_code == 200
    assert answer.json()["count"] == 1


def test_put_on_the_collection_is_a_405(api):
    assert api.put("/responses", {}, format="json").status_code == 405


@pytest.mark.parametrize("field", ["user_response", "question_asked", "response_category"])
def test_a_nul_character_is_a_400_naming_the_field(api, field):
    answer = post(api, **{field: "Ye\u0000s"})

    assert answer.status_code == 400
    assert list(answer.json()) == [field]
