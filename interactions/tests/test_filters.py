"""Every filter and the ordering of the /fpm-interactions list."""

import datetime
import uuid

import pytest

from chat.models import ChatSession
from clinicbot.factories import make_interaction, make_session
from interactions.models import FpmInteraction
from users.models import ChatUser

pytestmark = pytest.mark.django_db

DAY = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)


def ids(answer):
    assert answer.status_code == 200, answer.content
    return [row["interaction_id"] for row in answer.json()["results"]]


def test_user_id_finds_the_interactions_of_that_user(api):
    wanted = make_interaction()
    make_interaction()

    answer = api.get("/fpm-interactions", {"user_id": str(wanted.user_id)})

    assert ids(answer) == [str(wanted.pk)]


def test_session_id_finds_the_interactions_of_that_session(api):
    wanted = make_interaction()
    make_interaction(make_session(wanted.user))

    answer = api.get("/fpm-interactions", {"session_id": str(wanted.session_id)})

    assert ids(answer) == [str(wanted.pk)]


@pytest.mark.parametrize(
    ("field", "value", "other"),
    [
        ("fpm_flow_type", "change_fpm", "stop_fpm"),
        ("current_fpm_method", "Daily pills", "Injectables"),
        ("interested_fpm_method", "Implant", "IUD"),
        ("selected_method", "Condom", "Implant"),
    ],
)
def test_each_text_filter_matches_exactly(api, field, value, other):
    wanted = make_interaction(**{field: value})
    make_interaction(**{field: other})
    make_interaction(**{field: value.upper()})

    assert ids(api.get("/fpm-interactions", {field: value})) == [str(wanted.pk)]


@pytest.mark.parametrize("field", ["clinic_referral_needed", "human_agent_requested"])
def test_each_boolean_filter_matches_its_value(api, field):
    yes = make_interaction(**{field: True})
    no = make_interaction(**{field: False})

    assert ids(api.get("/fpm-interactions", {field: "true"})) == [str(yes.pk)]
    assert ids(api.get("/fpm-interactions", {field: "false"})) == [str(no.pk)]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("clinic_referral_needed", "maybe"),
        ("human_agent_requested", "yes"),
        ("user_id", "not-a-uuid"),
        ("session_id", "42"),
    ],
)
def test_an_invalid_filter_value_is_a_400_naming_it(api, name, value):
    answer = api.get("/fpm-interactions", {name: value})

    assert answer.status_code == 400
    assert list(answer.json()) == [name]


@pytest.mark.parametrize("name", ["user_id", "session_id"])
def test_an_unknown_reference_gives_an_empty_list(api, name):
    make_interaction()

    assert ids(api.get("/fpm-interactions", {name: str(uuid.uuid4())})) == []


def test_the_default_order_is_newest_first_with_the_id_breaking_ties(api):
    session = make_session()
    tied = [make_interaction(session, created_at=DAY) for _ in range(3)]
    newest = make_interaction(session, created_at=DAY + datetime.timedelta(minutes=1))

    expected = [str(newest.pk), *sorted(str(row.pk) for row in tied)]
    assert ids(api.get("/fpm-interactions")) == expected


def test_ordering_by_a_filter_field_ascending_and_descending(api):
    b, c, a = (make_interaction(selected_method=value) for value in ("b", "c", "a"))

    ascending = api.get("/fpm-interactions", {"ordering": "selected_method"})
    descending = api.get("/fpm-interactions", {"ordering": "-selected_method"})

    assert ids(ascending) == [str(a.pk), str(b.pk), str(c.pk)]
    assert ids(descending) == [str(c.pk), str(b.pk), str(a.pk)]


def test_the_list_runs_two_queries_whatever_the_rows(api, django_assert_max_num_queries):
    users = ChatUser.objects.bulk_create(ChatUser() for _ in range(120))
    sessions = ChatSession.objects.bulk_create(ChatSession(user=user) for user in users)
    FpmInteraction.objects.bulk_create(
        FpmInteraction(user=session.user, session=session) for session in sessions
    )

    with django_assert_max_num_queries(2):
        answer = api.get("/fpm-interactions", {"limit": 100})

    rows = answer.json()["results"]
    assert len(rows) == 100
    assert len({row["user_session_id"] for row in rows}) == 100
