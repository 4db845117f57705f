"""The /analytics resource: the upsert, one session's record, the list and their rules."""

import datetime
import uuid

import pytest

from analytics.models import FlowAttempt, SessionAnalytics
from clinicbot.factories import make_session, make_user, record_analytics

pytestmark = pytest.mark.django_db

EVERY_FIELD = {
    "steps_completed": ["language", "gender", "main_menu"],
    "widgets_interacted_with": ["language_buttons"],
    "flows_attempted": ["prevent_pregnancy", "change_fpm"],
    "total_user_messages": 7,
    "total_bot_messages": 9,
    "total_button_clicks": 5,
    "total_typed_responses": 2,
    "session_abandonment_point": "main_menu",
    "information_provided": ["implant_info"],
    "goals_achieved": ["method_chosen"],
    "unresolved_concerns": ["cost"],
    "satisfaction_rating": 4,
    "average_response_time_seconds": 3.25,
    "errors_encountered": ["timeout"],
}


def upsert(api, session, **fields):
    return api.post("/analytics", {"session_id": str(session.pk), **fields}, format="json")


def test_a_first_post_creates_the_record_with_201_and_answers_it_whole(api):
    session = make_session()

    answer = upsert(api, session, **EVERY_FIELD)

    assert answer.status_code == 201
    body = answer.json()
    assert {key: body[key] for key in EVERY_FIELD} == EVERY_FIELD
    assert body["session_id"] == str(session.pk)
    assert body["user_id"] == str(session.user_id)
    assert uuid.UUID(body["analytics_id"])
    assert set(body) == {
        *EVERY_FIELD,
        "analytics_id",
        "session_id",
        "user_id",
        "created_at",
        "updated_at",
    }


def test_a_record_created_with_only_the_session_has_the_defaults(api):
    body = upsert(api, make_session()).json()

    assert body["flows_attempted"] == []
    assert body["steps_completed"] == []
    assert body["total_user_messages"] == 0
    assert body["satisfaction_rating"] is None
    assert body["average_response_time_seconds"] is None
    assert body["session_abandonment_point"] is None


def test_a_second_post_updates_the_same_record_with_200(api):
    session = make_session()
    created = upsert(api, session, total_user_messages=3).json()

    answer = upsert(api, session, total_user_messages=8)

    assert answer.status_code == 200
    assert answer.json()["analytics_id"] == created["analytics_id"]
    assert answer.json()["total_user_messages"] == 8
    assert SessionAnalytics.objects.count() == 1


def test_an_update_keeps_the_fields_it_leaves_out(api):
    session = make_session()
    upsert(api, session, **EVERY_FIELD)

    answer = upsert(api, session, satisfaction_rating=2)

    assert answer.json() == {**answer.json(), **EVERY_FIELD, "satisfaction_rating": 2}


def test_an_update_replaces_lists_instead_of_adding_to_them(api):
    session = make_session()
    upsert(api, session, steps_completed=["a", "b"], flows_attempted=["x", "y"])

    body = upsert(api, session, steps_completed=["c"], flows_attempted=["y", "z"]).json()

    assert body["steps_completed"] == ["c"]
    assert body["flows_attempted"] == ["y", "z"]
    assert sorted(FlowAttempt.objects.values_list("flow", flat=True)) == ["y", "z"]


def test_an_empty_list_clears_the_flows(api):
    session = make_session()
    upsert(api, session, flows_attempted=["x"])

    body = upsert(api, session, flows_attempted=[]).json()

    assert body["flows_attempted"] == []
    assert not FlowAttempt.objects.exists()


def test_null_clears_an_optional_value_on_update(api):
    session = make_session()
    upsert(api, session, satisfaction_rating=5, session_abandonment_point="referral")

    body = upsert(api, session, satisfaction_rating=None, session_abandonment_point=None).json()

    assert body["satisfaction_rating"] is None
    assert body["session_abandonment_point"] is None


def test_a_flow_listed_twice_is_stored_once_in_the_order_first_sent(api):
    body = upsert(api, make_session(), flows_attempted=["b", "a", "b", "c", "a"]).json()

    assert body["flows_attempted"] == ["b", "a", "c"]
    assert FlowAttempt.objects.count() == 3


def test_flows_differing_only_in_case_are_different_flows(api):
    body = upsert(api, make_session(), flows_attempted=["Flow", "flow"]).json()

    assert body["flows_attempted"] == ["Flow", "flow"]


def test_user_id_may_name_the_sessions_user(api):
    session = make_session()

    answer = upsert(api, session, user_id=str(session.user_id))

    assert answer.status_code == 201
    assert answer.json()["user_id"] == str(session.user_id)


def test_user_id_naming_another_user_is_a_400(api):
    session = make_session()

    answer = upsert(api, session, user_id=str(make_user().pk))

    assert answer.status_code == 400
    assert answer.json() == {"user_id": ["This session belongs to another user."]}
    assert not SessionAnalytics.objects.exists()


def test_an_update_naming_another_user_is_a_400_and_changes_nothing(api):
    session = make_session()
    upsert(api, session, total_bot_messages=1)

    answer = upsert(api, session, user_id=str(make_user().pk), total_bot_messages=9)

    assert answer.status_code == 400
    assert list(answer.json()) == ["user_id"]
    assert SessionAnalytics.objects.get().total_bot_messages == 1


def test_session_id_is_required(api):
    answer = api.post("/analytics", {"total_user_messages": 1}, format="json")

    assert answer.status_code == 400
    assert answer.json() == {"session_id": ["This field is required."]}


@pytest.mark.parametrize("value", [str(uuid.uuid4()), "not-a-uuid", 12, None, ""])
def test_a_session_id_that_names_no_session_is_a_400(api, value):
    make_session()

    answer = api.post("/analytics", {"session_id": value}, format="json")

    assert answer.status_code == 400
    assert list(answer.json()) == ["session_id"]
    assert not SessionAnalytics.objects.exists()


@pytest.mark.parametrize("value", [str(uuid.uuid4()), "not-a-uuid", 12, None])
def test_a_user_id_that_names_no_user_is_a_400(api, value):
    answer = upsert(api, make_session(), user_id=value)

    assert answer.status_code == 400
    assert list(answer.json()) == ["user_id"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("flows_attempted", "prevent_pregnancy"),
        ("flows_attempted", ["ok", 3]),
        ("flows_attempted", None),
        ("flows_attempted", ["x" * 501]),
        ("flows_attempted", [str(n) for n in range(101)]),
        ("steps_completed", None),
        ("total_user_messages", -1),
        ("total_user_messages", 2**31),
        ("total_user_messages", 2.5),
        ("total_user_messages", None),
        ("total_button_clicks", True),
        ("satisfaction_rating", 0),
        ("satisfaction_rating", 6),
        ("average_response_time_seconds", -0.01),
        ("average_response_time_seconds", "fast"),
        ("average_response_time_seconds", 123456789.5),
        ("session_abandonment_point", "x" * 51),
        ("session_abandonment_point", 5),
        ("session_abandonment_point", "bad\u0000step"),
    ],
)
def test_a_bad_value_is_a_400_naming_the_field(api, field, value):
    answer = upsert(api, make_session(), **{field: value})

    assert answer.status_code == 400
    assert list(answer.json()) == [field]
    assert not SessionAnalytics.objects.exists()


def test_nan_for_the_response_time_is_a_400(api):
    session = make_session()
    body = f'{{"session_id": "{session.pk}", "average_response_time_seconds": NaN}}'

    answer = api.post("/analytics", body, content_type="application/json")

    assert answer.status_code == 400


def test_the_response_time_is_rounded_half_up_to_two_places(api):
    body = upsert(api, make_session(), average_response_time_seconds="2.345").json()

    assert body["average_response_time_seconds"] == 2.35


def test_read_only_and_unknown_fields_are_ignored(api):
    session = make_session()
    answer = upsert(
        api,
        session,
        analytics_id=str(uuid.uuid4()),
        created_at="2020-01-01T00:00:00Z",
        updated_at="2020-01-01T00:00:00Z",
        favourite_colour="blue",
    )

    body = answer.json()
    assert answer.status_code == 201
    assert body["analytics_id"] == str(SessionAnalytics.objects.get().pk)
    assert not body["created_at"].startswith("2020")
    assert "favourite_colour" not in body


def test_a_form_body_is_refused_with_415(api):
    answer = api.post(
        "/analytics",
        f"session_id={make_session().pk}",
        content_type="application/x-www-form-urlencoded",
    )

    assert answer.status_code == 415


def test_get_answers_the_record_of_a_session(api):
    session = make_session()
    record = record_analytics(session, flows_attempted=["get_pregnant"], satisfaction_rating=3)

    answer = api.get(f"/analytics/{session.pk}")

    assert answer.status_code == 200
    body = answer.json()
    assert body["analytics_id"] == str(record.pk)
    assert body["flows_attempted"] == ["get_pregnant"]
    assert body["satisfaction_rating"] == 3


@pytest.mark.parametrize("ident", ["not-a-uuid", "123", "statistics"])
def test_a_malformed_session_id_in_the_path_is_a_404(api, ident):
    answer = api.get(f"/analytics/{ident}")

    assert answer.status_code == 404
    assert answer.json() == {"detail": "Not found."}


def test_a_session_without_a_record_is_a_404(api):
    answer = api.get(f"/analytics/{make_session().pk}")

    assert answer.status_code == 404
    assert answer.json() == {"detail": "Not found."}


def test_the_record_id_is_not_a_path_to_the_record(api):
    record = record_analytics()

    assert api.get(f"/analytics/{record.pk}").status_code == 404


@pytest.mark.parametrize("path", ["/analytics/stats", "/analytics/flows/", "/analytics"])
def test_report_paths_are_never_taken_for_a_session_id(api, path):
    assert api.get(path).status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("put", "/analytics/{}"),
        ("patch", "/analytics/{}"),
        ("delete", "/analytics/{}"),
        ("put", "/analytics"),
        ("delete", "/analytics"),
        ("post", "/analytics/{}"),
        ("post", "/analytics/stats"),
        ("post", "/analytics/flows"),
    ],
)
def test_operations_the_contract_does_not_list_are_a_405(api, method, path):
    session = make_session()
    record_analytics(session)

    answer = getattr(api, method)(path.format(session.pk), {}, format="json")

    assert answer.status_code == 405


def test_the_list_is_paginated_newest_first(api):
    older = record_analytics(created_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC))
    newer = record_analytics(created_at=datetime.datetime(2026, 3, 2, tzinfo=datetime.UTC))

    body = api.get("/analytics?page_size=1").json()

    assert body["count"] == 2
    assert [row["analytics_id"] for row in body["results"]] == [str(newer.pk)]
    assert body["next"].endswith("/analytics?page=2&page_size=1")
    assert api.get("/analytics?page=2&page_size=1").json()["results"][0]["analytics_id"] == str(
        older.pk
    )


def test_the_list_shows_each_records_flows(api):
    first = record_analytics(flows_attempted=["a", "b"])
    second = record_analytics(flows_attempted=["c"])

    rows = api.get("/analytics").json()["results"]

    flows = {row["analytics_id"]: row["flows_attempted"] for row in rows}
    assert flows == {str(first.pk): ["a", "b"], str(second.pk): ["c"]}


def test_the_list_runs_three_queries_whatever_the_rows(api, django_assert_max_num_queries):
    for number in range(30):
        record_analytics(flows_attempted=[f"flow-{number}", "common"])

    with django_assert_max_num_queries(3):
        answer = api.get("/analytics?page_size=25")

    assert len(answer.json()["results"]) == 25
    assert all(row["flows_attempted"][1] == "common" for row in answer.json()["results"])


def test_one_record_is_read_in_two_queries(api, django_assert_max_num_queries):
    session = make_session()
    record_analytics(session, flows_attempted=["a", "b", "c"])

    with django_assert_max_num_queries(2):
        answer = api.get(f"/analytics/{session.pk}")

    assert answer.json()["flows_attempted"] == ["a", "b", "c"]


@pytest.mark.parametrize("path", ["/analytics", "/analytics/stats", "/analytics/flows", "record"])
def test_a_browser_gets_the_browsable_api_on_every_path(api, path):
    session = record_analytics(flows_attempted=["a"]).session

    answer = api.get(
        f"/analytics/{session.pk}" if path == "record" else path, HTTP_ACCEPT="text/html"
    )

    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/html")
