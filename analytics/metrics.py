"""Every analytics metric, declared once: a name and the database expression that computes it.

The stats and flows endpoints and the admin's analytics dashboard (and, later, reports) read
from here, so that a figure means the same everywhere. Each metric aggregates in the database;
what comes back to Python is one row of totals or one short list of counts, whatever the number
of records.
"""

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Aggregate, BigIntegerField, Count, Func, Sum
from django.db.models.functions import Coalesce, TruncDate

from .models import FlowAttempt, SessionAnalytics

AVERAGE_DECIMAL_PLACES = 2


def round_half_up(total, count, *, scale=1):
    """`total / (count * scale)` rounded half up to two decimal places; None when count is 0.

    The one place where an average is rounded. The division is exact (a fraction of two
    integers), so a tie such as 1.005 goes up on every database, which neither SQL's float
    averages nor Python's round() (half to even) would guarantee.
    """
    if not count:
        return None
    exact = Fraction(total) / (count * scale)
    step = 10**AVERAGE_DECIMAL_PLACES
    return Decimal(math.floor(exact * step + Fraction(1, 2))).scaleb(-AVERAGE_DECIMAL_PLACES)


class HundredthsSum(Aggregate):
    """The exact sum of a column of two-decimal values, as a whole number of hundredths.

    PostgreSQL adds numerics exactly, and multiplies once at the end. SQLite stores decimals as
    floats, so each value is first made a whole number of hundredths (1.01 * 100 may come out
    as 100.99999999999999, which rounds back to 101) and the integers are added exactly.
    """

    function = "SUM"
    template = "(SUM(%(expressions)s) * 100)"
    output_field = BigIntegerField()

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "SUM(CAST(ROUND(%(expressions)s * 100) AS INTEGER))"
        return self.as_sql(compiler, connection, template=template, **extra_context)


class CodePointOrder(Func):
    """Text compared by Unicode code point, so that ties sort alike on SQLite (binary by
    default) and on PostgreSQL, whatever collation its database was created with. Grouping
    stays on the bare column, so that PostgreSQL may still read the groups off its index."""

    template = "%(expressions)s"

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template='%(expressions)s COLLATE "C"')

    def get_group_by_cols(self):
        (column,) = self.get_source_expressions()
        return column.get_group_by_cols()


@dataclass(frozen=True)
class Total:
    """A whole number over the records in the window (0 when there are none)."""

    name: str
    expression: object
    description: str

    def aggregates(self):
        return {self.name: Coalesce(self.expression, 0)}

    def value(self, row):
        return int(row[self.name])


@dataclass(frozen=True)
class Average:
    """The mean of a column over the records that have a value (nulls ignored), rounded half
    up; null when no record has one. Its expression is the exact sum and the count of values,
    `total` being in units of 1/`scale`."""

    name: str
    total: object
    count: object
    description: str
    scale: int = 1

    def aggregates(self):
        return {f"{self.name}__total": self.total, f"{self.name}__count": self.count}

    def value(self, row):
        total = row[f"{self.name}__total"]
        return round_half_up(total, row[f"{self.name}__count"], scale=self.scale)


@dataclass(frozen=True)
class Ranking:
    """How many rows of `model` hold each value of `key` (`Count("*")` grouped by it), most
    first, then by the value; rows without a value are left out. `date_field` is the column
    the report window applies to."""

    name: str
    model: type
    key: str
    label: str
    date_field: str
    description: str
    limit: int | None = None

    def rows(self, window):
        ranked = self.model.objects.filter(window.as_q(self.date_field))
        if self.model._meta.get_field(self.key).null:
            # Only on a nullable key: on a NOT NULL one, the needless condition made PostgreSQL
            # scan the whole table instead of the key's index.
            ranked = ranked.filter(**{f"{self.key}__isnull": False})
        ranked = (
            ranked.values(self.key)
            .annotate(count=Count("*"))
            .order_by("-count", CodePointOrder(self.key).asc())
        )
        if self.limit is not None:
            ranked = ranked[: self.limit]
        return [{self.label: row[self.key], "count": row["count"]} for row in ranked]


@dataclass(frozen=True)
class DailyCount:
    """How many rows of `model` fall on each UTC day of `date_field`, oldest day first; days
    without a row are left out (the report fills them in)."""

    name: str
    model: type
    date_field: str
    description: str

    def rows(self, window):
        counted = (
            self.model.objects.filter(window.as_q(self.date_field))
            .annotate(day=TruncDate(self.date_field, tzinfo=datetime.UTC))
            .values("day")
            .annotate(count=Count("*"))
            .order_by("day")
        )
        return [{"day": row["day"], "count": row["count"]} for row in counted]


def _count_total(column, description):
    return Total(column, Sum(column), description)


TOTAL_SESSIONS = Total(
    "total_sessions",
    Count("*"),
    "Analytics records in the window (each is one chat session).",
)
AVERAGE_SATISFACTION = Average(
    "average_satisfaction",
    total=Sum("satisfaction_rating"),
    count=Count("satisfaction_rating"),
    description="Mean satisfaction rating (1-5) of the rated sessions.",
)
AVERAGE_RESPONSE_TIME = Average(
    "average_response_time_seconds",
    total=HundredthsSum("average_response_time_seconds"),
    count=Count("average_response_time_seconds"),
    scale=100,
    description="Mean of the sessions' average response times, in seconds.",
)

# The single figures of `/analytics/stats`, computed together in one query, in answer order.
STATS = [
    TOTAL_SESSIONS,
    AVERAGE_SATISFACTION,
    AVERAGE_RESPONSE_TIME,
    _count_total("total_user_messages", "Messages the users sent."),
    _count_total("total_bot_messages", "Messages the bot sent."),
    _count_total("total_button_clicks", "Answers given by a button."),
    _count_total("total_typed_responses", "Answers typed by the users."),
]

TOP_ABANDONMENT_POINTS = Ranking(
    "top_abandonment_points",
    model=SessionAnalytics,
    key="session_abandonment_point",
    label="step",
    date_field="created_at",
    limit=10,
    description="The ten steps where most sessions were abandoned.",
)

FLOWS = Ranking(
    "flows",
    model=FlowAttempt,
    key="flow",
    label="flow",
    date_field="record_created_at",
    description="Every flow, with the number of sessions that attempted it.",
)

# The lists of `/analytics/stats`, one query each, after the single figures.
STATS_RANKINGS = [TOP_ABANDONMENT_POINTS]

# The admin dashboard's line chart: the same records as `total_sessions`, so that the days add
# up to that figure.
SESSIONS_PER_DAY = DailyCount(
    "sessions_per_day",
    model=SessionAnalytics,
    date_field="created_at",
    description="Analytics records (sessions) created on each UTC day of the window.",
)
