"""The sessions-per-day report behind the dashboard's line chart: exact days and counts."""

import datetime

import pytest

from analytics import reports
from analytics.reports import ReportWindow
from clinicbot.factories import record_analytics

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
MARCH = [datetime.date(2026, 3, day) for day in range(1, 32)]


def at(day, hour=12, minute=0):
    return datetime.datetime.combine(MARCH[day - 1], datetime.time(hour, minute), tzinfo=UTC)


@pytest.fixture
def dataset():
    """Records on 2 March (two, at its first and last minute), 4 March (one) and 9 March."""
    for moment in [at(2, 0, 0), at(2, 23, 59), at(4), at(9)]:
        record_analytics(created_at=moment)


def test_days_without_sessions_count_zero_across_the_window(dataset):
    rows = reports.sessions_per_day(ReportWindow(MARCH[0], MARCH[4]))

    assert rows == [
        {"day": MARCH[0], "count": 0},
        {"day": MARCH[1], "count": 2},
        {"day": MARCH[2], "count": 0},
        {"day": MARCH[3], "count": 1},
        {"day": MARCH[4], "count": 0},
    ]


def test_an_open_window_runs_from_the_first_to_the_last_day_with_a_session(dataset):
    rows = reports.sessions_per_day(ReportWindow())

    assert [row["day"] for row in rows] == MARCH[1:9]
    assert [row["count"] for row in rows] == [2, 0, 1, 0, 0, 0, 0, 1]


def test_the_days_add_up_to_the_total_of_the_stats(dataset):
    window = ReportWindow(MARCH[2], MARCH[9])

    rows = reports.sessions_per_day(window)

    assert sum(row["count"] for row in rows) == reports.stats(window)["total_sessions"] == 2


def test_a_window_of_years_is_drawn_only_over_the_days_with_sessions(dataset):
    rows = reports.sessions_per_day(ReportWindow(datetime.date(2000, 1, 1), datetime.date.max))

    assert [row["day"] for row in rows] == MARCH[1:9]


def test_a_window_without_sessions_is_all_zeros_or_nothing(dataset):
    short = reports.sessions_per_day(ReportWindow(MARCH[19], MARCH[20]))
    open_ended = reports.sessions_per_day(ReportWindow(MARCH[19]))

    assert short == [{"day": MARCH[19], "count": 0}, {"day": MARCH[20], "count": 0}]
    assert open_ended == []


def test_the_report_is_one_query(dataset, django_assert_num_queries):
    with django_assert_num_queries(1):
        reports.sessions_per_day(ReportWindow(MARCH[0], MARCH[30]))
