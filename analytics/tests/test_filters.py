"""Every filter and the ordering of the /analytics list."""

import datetime
import uuid

import pytest

from clinicbot.factories import make_session, make_user, record_analytics

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def ids(answer):
    assert answer.status_code == 200, answer.content
    return [row["analytics_id"] for row in answer.json()["results"]]


def test_session_id_finds_the_record_of_that_session(api):
    wanted = record_analytics()
    record_analytics()

    assert ids(api.get("/analytics", {"session_id": str(wanted.session_id)})) == [str(wanted.pk)]


def test_user_id_finds_the_records_of_that_users_sessions(api):
    user = make_user()
    first = record_analytics(
        make_session(user), created_at=datetime.datetime(2026, 3, 1, tzinfo=UTC)
    )
    second = record_analytics(
        make_session(user), created_at=datetime.datetime(2026, 3, 2, tzinfo=UTC)
    )
    record_analytics()

    assert ids(api.get("/analytics", {"user_id": str(user.pk)})) == [str(second.pk), str(first.pk)]


@pytest.mark.parametrize("field", ["session_id", "user_id"])
def test_a_well_formed_unknown_reference_finds_nothing(api, field):
    record_analytics()

    assert ids(api.get("/analytics", {field: str(uuid.uuid4())})) == []


@pytest.mark.parametrize("field", ["session_id", "user_id"])
def test_a_malformed_reference_is_a_400(api, field):
    answer = api.get("/analytics", {field: "not-a-uuid"})

    assert answer.status_code == 400
    assert list(answer.json()) == [field]


def test_flow_finds_the_records_holding_exactly_that_flow_once_each(api):
    wanted = record_analytics(flows_attempted=["change_fpm", "stop_fpm"])
    record_analytics(flows_attempted=["Change_fpm", "stop_fpm"])
    record_analytics(flows_attempted=[])

    assert ids(api.get("/analytics", {"flow": "change_fpm"})) == [str(wanted.pk)]
    assert api.get("/analytics", {"flow": "stop_fpm"}).json()["count"] == 2


def test_session_abandonment_point_matches_exactly(api):
    wanted = record_analytics(session_abandonment_point="main_menu")
    record_analytics(session_abandonment_point="Main_menu")
    record_analytics(session_abandonment_point=None)

    assert ids(api.get("/analytics", {"session_abandonment_point": "main_menu"})) == [
        str(wanted.pk)
    ]


def test_satisfaction_rating_matches_a_whole_number(api):
    wanted = record_analytics(satisfaction_rating=2)
    record_analytics(satisfaction_rating=3)
    record_analytics(satisfaction_rating=None)

    assert ids(api.get("/analytics", {"satisfaction_rating": "2"})) == [str(wanted.pk)]
    assert ids(api.get("/analytics", {"satisfaction_rating": "99999999999"})) == []


@pytest.mark.parametrize("value", ["2.5", "two", "1e3"])
def test_a_satisfaction_rating_that_is_not_a_whole_number_is_a_400(api, value):
    answer = api.get("/analytics", {"satisfaction_rating": value})

    assert answer.status_code == 400
    assert list(answer.json()) == ["satisfaction_rating"]


def test_created_after_is_inclusive_and_created_before_exclusive(api):
    early = record_analytics(created_at=datetime.datetime(2026, 2, 28, 23, 59, 59, tzinfo=UTC))
    edge = record_analytics(created_at=datetime.datetime(2026, 3, 1, tzinfo=UTC))
    late = record_analytics(created_at=datetime.datetime(2026, 3, 2, 12, tzinfo=UTC))

    assert ids(api.get("/analytics?created_after=2026-03-01")) == [str(late.pk), str(edge.pk)]
    assert ids(api.get("/analytics?created_before=2026-03-01")) == [str(early.pk)]
    assert ids(
        api.get("/analytics?created_after=2026-03-01T00:00:01&created_before=2026-03-03")
    ) == [str(late.pk)]


@pytest.mark.parametrize("value", ["yesterday", "2026-02-30", "01/03/2026"])
def test_a_date_that_does_not_parse_is_a_400(api, value):
    answer = api.get("/analytics", {"created_before": value})

    assert answer.status_code == 400
    assert list(answer.json()) == ["created_before"]


def test_the_default_order_is_newest_first_with_the_id_breaking_ties(api):
    moment = datetime.datetime(2026, 3, 1, tzinfo=UTC)
    tied = [record_analytics(created_at=moment) for _ in range(3)]
    newest = record_analytics(created_at=moment + datetime.timedelta(seconds=1))

    assert ids(api.get("/analytics")) == [str(newest.pk), *sorted(str(r.pk) for r in tied)]


def test_ordering_by_satisfaction_rating_both_ways(api):
    low, high, middle = (record_analytics(satisfaction_rating=n) for n in (1, 5, 3))

    assert ids(api.get("/analytics?ordering=satisfaction_rating")) == [
        str(low.pk),
        str(middle.pk),
        str(high.pk),
    ]
    assert ids(api.get("/analytics?ordering=-satisfaction_rating")) == [
        str(high.pk),
        str(middle.pk),
        str(low.pk),
    ]


def test_an_unknown_ordering_field_is_ignored(api):
    older = record_analytics(created_at=datetime.datetime(2026, 3, 1, tzinfo=UTC))
    newer = record_analytics(created_at=datetime.datetime(2026, 3, 2, tzinfo=UTC))

    assert ids(api.get("/analytics?ordering=favourite_colour")) == [str(newer.pk), str(older.pk)]
