"""Every filter, the order parameters and the paging of the /responses list."""

import datetime
import uuid

import pytest

from chat.models import Conversation
from clinicbot.factories import make_message, make_response, make_session, make_user
from responses.models import UserResponse

pytestmark = pytest.mark.django_db

DAY = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)


def ids(answer):
    assert answer.status_code == 200, answer.content
    return [row["response_id"] for row in answer.json()["results"]]


def pks(*rows):
    return [str(row.pk) for row in rows]


def test_session_id_finds_the_answers_of_that_session(api):
    wanted = make_response()
    make_response()

    assert ids(api.get("/responses", {"session_id": str(wanted.session_id)})) == pks(wanted)


def test_conversation_id_finds_the_answers_to_that_message(api):
    wanted = make_response()
    make_response(make_message(wanted.session))

    answer = api.get("/responses", {"conversation_id": str(wanted.conversation_id)})

    assert ids(answer) == pks(wanted)


def test_user_session_id_finds_the_answers_of_that_user(api):
    wanted = make_response(make_message(make_session(make_user(user_session_id="key-a"))))
    make_response(make_message(make_session(make_user(user_session_id="KEY-A"))))

    assert ids(api.get("/responses", {"user_session_id": "key-a"})) == pks(wanted)


@pytest.mark.parametrize(
    ("field", "value", "other"),
    [
        ("response_category", "fpm_selection", "demographic"),
        ("response_type", "widget", "button"),
        ("step_in_flow", "age_group", "state"),
    ],
)
def test_each_text_filter_matches_exactly(api, field, value, other):
    wanted = make_response(**{field: value})
    make_response(**{field: other})
    make_response(**{field: value.upper()})

    assert ids(api.get("/responses", {field: value})) == pks(wanted)


@pytest.mark.parametrize(("value", "expected"), [("true", True), ("false", False)])
def test_is_initial_response_filters_by_its_value(api, value, expected):
    initial = make_response(is_initial_response=True)
    retried = make_response(is_initial_response=False)
    wanted = initial if expected else retried

    assert ids(api.get("/responses", {"is_initial_response": value})) == pks(wanted)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("is_initial_response", "yes"),
        ("is_initial_response", "maybe"),
        ("session_id", "not-a-uuid"),
        ("conversation_id", "123"),
    ],
)
def test_an_invalid_filter_value_is_a_400_naming_it(api, name, value):
    answer = api.get("/responses", {name: value})

    assert answer.status_code == 400
    assert list(answer.json()) == [name]


@pytest.mark.parametrize("name", ["session_id", "conversation_id"])
def test_an_unknown_reference_gives_an_empty_list(api, name):
    make_response()

    assert ids(api.get("/responses", {name: str(uuid.uuid4())})) == []


def make_responses_at(*moments, **fields):
    message = make_message()
    return [make_response(message, created_at=moment, **fields) for moment in moments]


def test_the_default_order_is_newest_first_with_the_id_breaking_ties(api):
    tied = make_responses_at(DAY, DAY, DAY)
    (newest,) = make_responses_at(DAY + datetime.timedelta(hours=1))

    assert ids(api.get("/responses")) == [str(newest.pk), *sorted(pks(*tied))]


@pytest.mark.parametrize("field", ["response_category", "response_type", "step_in_flow"])
def test_sort_by_each_text_field_in_both_directions(api, field):
    b, c, a = (make_response(**{field: value}) for value in ("b", "c", "a"))

    assert ids(api.get("/responses", {"sort_by": field, "sort_order": "asc"})) == pks(a, b, c)
    assert ids(api.get("/responses", {"sort_by": field, "sort_order": "desc"})) == pks(c, b, a)
    assert ids(api.get("/responses", {"sort_by": field})) == pks(c, b, a)


def test_sort_by_created_at_in_both_directions(api):
    middle, early, late = make_responses_at(
        DAY, DAY - datetime.timedelta(days=1), DAY + datetime.timedelta(days=1)
    )

    asc = api.get("/responses", {"sort_by": "created_at", "sort_order": "asc"})
    desc = api.get("/responses", {"sort_by": "created_at", "sort_order": "DESC"})

    assert ids(asc) == pks(early, middle, late)
    assert ids(desc) == pks(late, middle, early)


def test_sort_order_alone_turns_the_default_field(api):
    early, late = make_responses_at(DAY, DAY + datetime.timedelta(days=1))

    assert ids(api.get("/responses", {"sort_order": "asc"})) == pks(early, late)


def test_ties_under_sort_by_keep_the_newest_first_then_the_id(api):
    older = make_responses_at(DAY, DAY, response_category="same")
    (newer,) = make_responses_at(DAY + datetime.timedelta(days=1), response_category="same")

    answer = api.get("/responses", {"sort_by": "response_category", "sort_order": "asc"})

    assert ids(answer) == [str(newer.pk), *sorted(pks(*older))]


def test_sort_by_wins_over_ordering(api):
    b, a = (make_response(response_type=value) for value in ("b", "a"))

    answer = api.get(
        "/responses",
        {"sort_by": "response_type", "sort_order": "asc", "ordering": "-response_type"},
    )

    assert ids(answer) == pks(a, b)


def test_ordering_works_without_sort_by(api):
    b, a, c = (make_response(step_in_flow=value) for value in ("b", "a", "c"))

    assert ids(api.get("/responses", {"ordering": "step_in_flow"})) == pks(a, b, c)
    assert ids(api.get("/responses", {"ordering": "-step_in_flow"})) == pks(c, b, a)


def test_sort_order_without_sort_by_leaves_ordering_in_charge(api):
    message = make_message()
    a = make_response(message, step_in_flow="a", created_at=DAY)
    b = make_response(message, step_in_flow="b", created_at=DAY + datetime.timedelta(days=1))

    answer = api.get("/responses", {"ordering": "step_in_flow", "sort_order": "desc"})

    assert ids(answer) == pks(a, b)


@pytest.mark.parametrize("value", ["user_response", "session_id", "-created_at", "", "CREATED_AT"])
def test_an_unknown_sort_by_is_a_400(api, value):
    answer = api.get("/responses", {"sort_by": value})

    assert answer.status_code == 400
    assert answer.json() == {
        "sort_by": ["Must be one of: created_at, response_category, response_type, step_in_flow."]
    }


@pytest.mark.parametrize("value", ["up", "ascending", "", "1"])
def test_an_unknown_sort_order_is_a_400(api, value):
    answer = api.get("/responses", {"sort_by": "created_at", "sort_order": value})

    assert answer.status_code == 400
    assert answer.json() == {"sort_order": ["Must be asc or desc."]}


def test_an_unknown_sort_order_is_a_400_even_beside_ordering(api):
    answer = api.get("/responses", {"ordering": "created_at", "sort_order": "sideways"})

    assert answer.status_code == 400
    assert list(answer.json()) == ["sort_order"]


def test_limit_and_page_walk_through_the_answers(api):
    rows = make_responses_at(*(DAY + datetime.timedelta(minutes=n) for n in range(5)))
    newest_first = pks(*reversed(rows))

    first = api.get("/responses", {"limit": 2})
    third = api.get("/responses", {"limit": 2, "page": 3})

    assert ids(first) == newest_first[:2]
    assert first.json()["count"] == 5
    assert ids(third) == newest_first[4:]
    assert third.json()["next"] is None


def test_the_list_runs_two_queries_whatever_the_rows(api, django_assert_max_num_queries):
    message = make_message()
    messages = Conversation.objects.bulk_create(
        Conversation(
            session=message.session,
            user=message.user,
            message_text="Hi",
            message_type="bot",
            message_sequence_number=10_000 + n,
        )
        for n in range(120)
    )
    UserResponse.objects.bulk_create(
        UserResponse(
            user=message.user,
            session=message.session,
            conversation=row,
            response_category="demographic",
            response_type="button",
            user_response="Yes",
            available_options=["Yes", "No"],
        )
        for row in messages
    )

    with django_assert_max_num_queries(2):
        answer = api.get(
            "/responses", {"limit": 100, "user_session_id": message.user.user_session_id}
        )

    assert len(answer.json()["results"]) == 100


def test_a_nul_character_in_a_text_filter_is_a_400(api):
    answer = api.get("/responses", {"user_session_id": "key\u0000"})

    assert answer.status_code == 400
    assert list(answer.json()) == ["user_session_id"]
