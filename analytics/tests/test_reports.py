"""/analytics/stats and /analytics/flows: exact figures on fixed data, on either database."""

import datetime

import pytest
from django.db import connection

from analytics import reports
from clinicbot.factories import record_analytics

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# The window 1-3 March 2026 and records on both sides of its edges.
WINDOW = {"from": "2026-03-01", "to": "2026-03-03"}
BEFORE = datetime.datetime(2026, 2, 28, 23, 59, 59, 999999, tzinfo=UTC)
FIRST_MOMENT = datetime.datetime(2026, 3, 1, 0, 0, tzinfo=UTC)
MIDDLE = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
LAST_SECOND = datetime.datetime(2026, 3, 3, 23, 59, 59, tzinfo=UTC)
DAY_AFTER = datetime.datetime(2026, 3, 4, 0, 0, tzinfo=UTC)

# Queries of one report: PostgreSQL adds one statement that sets up the report's transaction.
SETUP = 1 if connection.vendor == "postgresql" else 0


def record(at, **values):
    return record_analytics(created_at=at, **values)


@pytest.fixture
def dataset():
    """Five records: three inside the window (at its first moment, its middle and its last
    second) and one just outside each edge."""
    record(
        BEFORE,
        satisfaction_rating=5,
        average_response_time_seconds=9,
        session_abandonment_point="gender",
        flows_attempted=["stop_fpm"],
        total_user_messages=100,
    )
    record(
        FIRST_MOMENT,
        satisfaction_rating=1,
        average_response_time_seconds="1.00",
        session_abandonment_point="main_menu",
        flows_attempted=["prevent_pregnancy", "change_fpm", "prevent_pregnancy"],
        total_user_messages=2,
        total_bot_messages=3,
        total_button_clicks=1,
        total_typed_responses=1,
    )
    record(
        MIDDLE,
        satisfaction_rating=2,
        average_response_time_seconds="1.01",
        session_abandonment_point="gender",
        flows_attempted=["change_fpm"],
        total_user_messages=5,
        total_bot_messages=6,
        total_button_clicks=4,
        total_typed_responses=1,
    )
    record(
        LAST_SECOND,
        flows_attempted=["get_pregnant"],
        total_user_messages=1,
        total_bot_messages=1,
    )
    record(
        DAY_AFTER,
        satisfaction_rating=5,
        average_response_time_seconds=9,
        session_abandonment_point="main_menu",
        flows_attempted=["get_pregnant", "stop_fpm"],
        total_typed_responses=7,
    )


def stats(api, **query):
    answer = api.get("/analytics/stats", query)
    assert answer.status_code == 200, answer.content
    return answer.json()


def flows(api, **query):
    answer = api.get("/analytics/flows", query)
    assert answer.status_code == 200, answer.content
    return answer.json()


def test_stats_over_the_window_count_its_edges_in_and_the_next_day_out(api, dataset):
    assert stats(api, **WINDOW) == {
        "total_sessions": 3,
        "average_satisfaction": 1.5,
        "average_response_time_seconds": 1.01,
        "total_user_messages": 8,
        "total_bot_messages": 10,
        "total_button_clicks": 5,
        "total_typed_responses": 2,
        "top_abandonment_points": [
            {"step": "gender", "count": 1},
            {"step": "main_menu", "count": 1},
        ],
    }


def test_stats_without_a_window_cover_every_record(api, dataset):
    assert stats(api) == {
        "total_sessions": 5,
        "average_satisfaction": 3.25,
        "average_response_time_seconds": 5.0,
        "total_user_messages": 108,
        "total_bot_messages": 10,
        "total_button_clicks": 5,
        "total_typed_responses": 9,
        "top_abandonment_points": [
            {"step": "gender", "count": 2},
            {"step": "main_menu", "count": 2},
        ],
    }


def test_a_window_open_at_one_end_is_bounded_at_the_other_only(api, dataset):
    assert stats(api, to="2026-03-01")["total_sessions"] == 2
    assert stats(api, **{"from": "2026-03-03"})["total_sessions"] == 2
    assert stats(api, **{"from": "2026-03-02", "to": "2026-03-02"})["total_sessions"] == 1


def test_an_empty_window_value_means_no_bound(api, dataset):
    assert stats(api, **{"from": "", "to": ""})["total_sessions"] == 5


def test_the_widest_window_is_accepted(api, dataset):
    assert stats(api, **{"from": "0001-01-01", "to": "9999-12-31"})["total_sessions"] == 5
    assert flows(api, to="9999-12-31")[0] == {"flow": "change_fpm", "count": 2}


def test_stats_of_no_records_are_zeros_nulls_and_an_empty_list(api):
    assert stats(api) == {
        "total_sessions": 0,
        "average_satisfaction": None,
        "average_response_time_seconds": None,
        "total_user_messages": 0,
        "total_bot_messages": 0,
        "total_button_clicks": 0,
        "total_typed_responses": 0,
        "top_abandonment_points": [],
    }


def test_averages_are_null_when_no_record_in_the_window_has_a_value(api, dataset):
    figures = stats(api, **{"from": "2026-03-03", "to": "2026-03-03"})

    assert figures["total_sessions"] == 1
    assert figures["average_satisfaction"] is None
    assert figures["average_response_time_seconds"] is None


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ([1, 2], 1.5),
        ([1, 1, 1, 1, 1, 1, 1, 2], 1.13),  # 1.125: half up, where half to even gives 1.12
        ([1, 1, 2], 1.33),
        ([1, 2, 2], 1.67),
        ([4, None, None], 4.0),
    ],
)
def test_average_satisfaction_is_rounded_half_up_ignoring_nulls(api, ratings, expected):
    for rating in ratings:
        record(MIDDLE, satisfaction_rating=rating)

    assert stats(api)["average_satisfaction"] == expected


@pytest.mark.parametrize(
    ("times", "expected"),
    [
        (["1.00", "1.01"], 1.01),  # 1.005: half up, where half to even gives 1.00
        (["2.34", "2.35"], 2.35),  # 2.345
        (["0.29", "0.30"], 0.3),  # 0.295, which a float average holds as 0.29499...
        (["2.00", "2.00", "2.01"], 2.0),
        (["99999999.99", "99999999.98"], 99999999.99),  # 99999999.985
        (["7.77", None], 7.77),
    ],
)
def test_average_response_time_is_exact_and_rounded_half_up(api, times, expected):
    for seconds in times:
        record(MIDDLE, average_response_time_seconds=seconds)

    assert stats(api)["average_response_time_seconds"] == expected


def test_abandonment_points_are_the_top_ten_by_count_then_step(api):
    counts = {"b_step": 3, "a_step": 3, "c_step": 2, "Z_step": 2}
    counts |= {f"k{n}": 1 for n in range(8, 0, -1)}
    for step, count in counts.items():
        for _ in range(count):
            record(MIDDLE, session_abandonment_point=step)
    for _ in range(5):
        record(MIDDLE, session_abandonment_point=None)

    points = stats(api)["top_abandonment_points"]

    assert points == [
        {"step": "a_step", "count": 3},
        {"step": "b_step", "count": 3},
        {"step": "Z_step", "count": 2},  # by code point, capitals come before small letters
        {"step": "c_step", "count": 2},
        *({"step": f"k{n}", "count": 1} for n in range(1, 7)),
    ]


def test_flows_count_each_record_once_in_the_window(api, dataset):
    assert flows(api, **WINDOW) == [
        {"flow": "change_fpm", "count": 2},
        {"flow": "get_pregnant", "count": 1},
        {"flow": "prevent_pregnancy", "count": 1},
    ]


def test_flows_without_a_window_cover_every_record(api, dataset):
    assert flows(api) == [
        {"flow": "change_fpm", "count": 2},
        {"flow": "get_pregnant", "count": 2},
        {"flow": "stop_fpm", "count": 2},
        {"flow": "prevent_pregnancy", "count": 1},
    ]


def test_flows_tied_on_count_are_ordered_by_code_point(api):
    record(MIDDLE, flows_attempted=["beta", "alpha", "Zulu", "gamma"])
    record(MIDDLE, flows_attempted=["gamma", "beta", "beta"])

    assert flows(api) == [
        {"flow": "beta", "count": 2},
        {"flow": "gamma", "count": 2},
        {"flow": "Zulu", "count": 1},
        {"flow": "alpha", "count": 1},
    ]


def test_flows_follow_updates_of_a_record(api):
    session = record(MIDDLE, flows_attempted=["a", "b"]).session

    api.post("/analytics", {"session_id": str(session.pk), "flows_attempted": ["b", "c"]})

    assert flows(api) == [{"flow": "b", "count": 1}, {"flow": "c", "count": 1}]


def test_flows_of_no_records_are_an_empty_array(api):
    assert flows(api) == []


@pytest.mark.parametrize("path", ["/analytics/stats", "/analytics/flows"])
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "2026-13-01"}, "from"),
        ({"from": "2026-02-30"}, "from"),
        ({"to": "yesterday"}, "to"),
        ({"to": "2026-3-1"}, "to"),
        ({"to": "20260301"}, "to"),
        ({"from": "2026-03-01T00:00:00"}, "from"),
        ({"from": " 2026-03-01"}, "from"),
        ({"to": "0000-01-01"}, "to"),
        ({"from": "2026-03-02", "to": "2026-03-01"}, "from"),
    ],
)
def test_a_bad_window_is_a_400_naming_the_parameter(api, path, query, field):
    answer = api.get(path, query)

    assert answer.status_code == 400
    assert list(answer.json()) == [field]


def test_a_reversed_window_says_why(api):
    answer = api.get("/analytics/stats", {"from": "2026-03-02", "to": "2026-03-01"})

    assert answer.json() == {"from": ["Must not be after to."]}


def test_reports_ignore_the_list_parameters(api, dataset):
    assert stats(api, page_size="x", ordering="-nothing", session_id="bad")["total_sessions"] == 5
    assert len(flows(api, page="9", limit="0")) == 4


@pytest.mark.parametrize("size", [1, 40])
def test_stats_take_a_fixed_number_of_queries(api, size, django_assert_max_num_queries):
    for number in range(size):
        record(
            MIDDLE,
            satisfaction_rating=number % 5 + 1,
            session_abandonment_point=f"step-{number}",
            flows_attempted=[f"flow-{number}"],
        )

    with django_assert_max_num_queries(2 + SETUP):
        figures = stats(api, **WINDOW)

    assert figures["total_sessions"] == size


@pytest.mark.parametrize("size", [1, 40])
def test_flows_take_a_fixed_number_of_queries(api, size, django_assert_max_num_queries):
    for number in range(size):
        record(MIDDLE, flows_attempted=[f"flow-{number}", "a-shared"])

    with django_assert_max_num_queries(1 + SETUP):
        rows = flows(api, **WINDOW)

    assert rows[0] == {"flow": "a-shared", "count": size}
    assert len(rows) == size + 1


def show(setting):
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {setting}")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_report_reads_one_snapshot_without_jit_on_postgresql_and_no_lock_on_sqlite(
    django_assert_max_num_queries,
):
    if connection.vendor == "sqlite":
        with django_assert_max_num_queries(0), reports.reading():
            assert not connection.in_atomic_block
        return

    jit_outside = show("jit")
    with reports.reading():
        inside = (show("transaction_isolation"), show("jit"))

    assert inside == ("repeatable read", "off")
    assert (show("transaction_isolation"), show("jit")) == ("read committed", jit_outside)
