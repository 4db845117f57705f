"""The reports (stats, flows, sessions per day): the metrics of `metrics.py` over an optional
window of days."""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Q

from . import metrics
from .models import SessionAnalytics

# A window longer than this (a range of years typed by hand) is drawn day by day only between
# its first and last day with a session, rather than as years of zeros.
MAX_FILLED_DAYS = 731


@dataclass(frozen=True)
class ReportWindow:
    """Whole UTC days, both ends included; an end left out is open."""

    first_day: datetime.date | None = None
    last_day: datetime.date | None = None

    def as_q(self, date_field):
        window = Q()
        if self.first_day is not None:
            window &= Q(**{f"{date_field}__gte": _midnight(self.first_day)})
        if self.last_day is not None and self.last_day < datetime.date.max:
            following = self.last_day + datetime.timedelta(days=1)
            window &= Q(**{f"{date_field}__lt": _midnight(following)})
        return window


def _midnight(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)


@contextmanager
def reading():
    """Where reports run. On PostgreSQL: one transaction, so that the queries of a report see
    one snapshot (repeatable read, when this is the outermost transaction), and without JIT
    compilation, which costs these short aggregates more than it saves (see bench/analytics.py).

    TODO(sqlite): on SQLite the queries of a report run one after the other without a shared
    snapshot, because a transaction there takes the write lock; a write between them can make
    the stats' totals and lists differ by that one record.
    """
    if connection.vendor != "postgresql":
        yield
        return

    outermost = not connection.in_atomic_block
    # Read-only work needs no savepoint when a caller already holds a transaction.
    with transaction.atomic(savepoint=False):
        with connection.cursor() as cursor:
            setup = "SET LOCAL jit = off"
            if outermost:
                setup = f"SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; {setup}"
            cursor.execute(setup)
        yield


def stats(window):
    """The figures of `/analytics/stats`: one aggregate query, then one per ranking."""
    aggregates = {}
    for metric in metrics.STATS:
        aggregates.update(metric.aggregates())
    row = SessionAnalytics.objects.filter(window.as_q("created_at")).aggregate(**aggregates)

    figures = {metric.name: metric.value(row) for metric in metrics.STATS}
    for ranking in metrics.STATS_RANKINGS:
        figures[ranking.name] = ranking.rows(window)
    return figures


def flows(window):
    """The rows of `/analytics/flows`: one grouped count of the flow rows."""
    return metrics.FLOWS.rows(window)


def sessions_per_day(window):
    """Sessions on each UTC day of the window, oldest first, a day without any as 0: one grouped
    count. An open end of the window closes on the first or last day with a session."""
    counted = {row["day"]: row["count"] for row in metrics.SESSIONS_PER_DAY.rows(window)}

    first = window.first_day or min(counted, default=None)
    last = window.last_day or max(counted, default=None)
    if first is None or last is None:
        return []
    if (last - first).days >= MAX_FILLED_DAYS:
        if not counted:
            return []
        first, last = max(first, min(counted)), min(last, max(counted))

    days = (first + datetime.timedelta(days=n) for n in range((last - first).days + 1))
    return [{"day": day, "count": counted.get(day, 0)} for day in days]
