"""Time /analytics/stats and /analytics/flows over 1,000,000 records on PostgreSQL.

A script, not a test. It creates its own database on a local PostgreSQL server, applies the
migrations, loads the records (with their users, sessions and flow rows) by COPY, then times
each report over every record and over a window of about 10% of them: the report alone as
the endpoint runs it (`reports.reading()`, JIT off), the same queries with JIT on, and the
whole HTTP request through Django. Each figure is the median of several runs after one
warm-up. The database is dropped at the end unless `--keep` is given.

    .venv/bin/python bench/analytics.py [--records 1000000] [--runs 11] [--keep | --reuse]
"""

import argparse
import datetime
import os
import random
import secrets
import statistics
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
SERVER = "postgres://postgres@127.0.0.1:5432/"

YEAR_START = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
DAYS = 365
# 36 of the 365 days: about 10% of the records.
WINDOW_DAYS = (datetime.date(2025, 6, 1), datetime.date(2025, 7, 6))
SESSIONS_PER_USER = 4

FLOWS = [
    "prevent_pregnancy",
    "get_pregnant",
    "change_fpm",
    "stop_fpm",
    "fpm_concerns",
    "sex_enhancement",
    "clinic_referral",
    "human_agent",
]
STEPS = [f"step_{n:02d}" for n in range(15)]


def say(text=""):
    sys.stdout.write(f"{text}\n")
    sys.stdout.flush()


def main():
    options = parse_arguments()
    options.keep = options.keep or options.reuse
    admin = psycopg.connect(SERVER + "postgres", autocommit=True)
    if not options.reuse:
        create_database(admin, options.database)
    try:
        django_setup(options.database)
        if not options.reuse:
            prepare(options.records)
        measure(options.runs)
    finally:
        from django.db import connections

        connections.close_all()
        if options.keep:
            say(f"kept the database {options.database}")
        else:
            admin.execute(
                sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(options.database))
            )
            say(f"dropped the database {options.database}")
        admin.close()


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=11, help="timed runs per figure (median)")
    parser.add_argument("--database", default="clinicbot_bench")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="time a database kept by an earlier run (implies --keep; nothing is loaded)",
    )
    return parser.parse_args()


def create_database(admin, name):
    exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    if exists:
        sys.exit(f"The database {name} exists already; drop it or name another with --database.")
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def django_setup(name):
    os.environ["DATABASE_URL"] = SERVER + name
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(32))
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["DJANGO_LOG_LEVEL"] = "WARNING"
    os.environ["DJANGO_SETTINGS_MODULE"] = "clinicbot.settings"
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()


def prepare(records):
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    say(f"migrated in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    counts = load(records)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    say(
        f"loaded {counts['records']:,} records, {counts['users']:,} users, "
        f"{counts['sessions']:,} sessions and {counts['flows']:,} flow rows "
        f"in {time.perf_counter() - started:.1f} s (COPY, then VACUUM ANALYZE)"
    )


def load(total):
    """Users, sessions, records and flow rows by COPY, from a fixed seed."""
    from django.db import connection

    from analytics.models import FlowAttempt, SessionAnalytics
    from chat.models import ChatSession
    from users.models import ChatUser

    rng = random.Random(2026)
    now = datetime.datetime.now(datetime.UTC)
    users = [uuid.UUID(int=rng.getrandbits(128), version=4) for _ in range(-(-total // 4))]
    sessions = [uuid.UUID(int=rng.getrandbits(128), version=4) for _ in range(total)]
    records = [uuid.UUID(int=rng.getrandbits(128), version=4) for _ in range(total)]
    # In creation order, as records arrive in production: a window reads a slice of the table.
    created = sorted(
        YEAR_START + datetime.timedelta(seconds=rng.randrange(DAYS * 86400)) for _ in records
    )
    flows = 0

    with connection.cursor() as cursor:
        raw = cursor.cursor
        copy_rows(
            raw,
            ChatUser,
            ["user_id", "user_session_id", "total_conversations", "created_at", "updated_at"],
            ((user, str(user), 0, now, now) for user in users),
        )
        copy_rows(
            raw,
            ChatSession,
            [
                "session_id",
                "user",
                "session_start_time",
                "total_messages_count",
                "session_completed",
                "created_at",
            ],
            (
                (session, users[n // SESSIONS_PER_USER], created[n], 12, True, created[n])
                for n, session in enumerate(sessions)
            ),
        )
        copy_rows(
            raw,
            SessionAnalytics,
            [
                "analytics_id",
                "session",
                "user",
                "steps_completed",
                "widgets_interacted_with",
                "total_user_messages",
                "total_bot_messages",
                "total_button_clicks",
                "total_typed_responses",
                "session_abandonment_point",
                "information_provided",
                "goals_achieved",
                "unresolved_concerns",
                "satisfaction_rating",
                "average_response_time_seconds",
                "errors_encountered",
                "created_at",
                "updated_at",
            ],
            (record_row(rng, n, records, sessions, users, created) for n in range(total)),
        )
        flow_rows = []
        for n, record in enumerate(records):
            for position, flow in enumerate(rng.sample(FLOWS, rng.choice([1, 1, 2, 3]))):
                flow_rows.append((record, flow, position, created[n]))
        flows = len(flow_rows)
        copy_rows(
            raw, FlowAttempt, ["analytics", "flow", "position", "record_created_at"], flow_rows
        )
    return {"records": total, "users": len(users), "sessions": total, "flows": flows}


def record_row(rng, n, records, sessions, users, created):
    rated = rng.random() < 0.6
    timed = rng.random() < 0.9
    abandoned = rng.random() < 0.3
    return (
        records[n],
        sessions[n],
        users[n // SESSIONS_PER_USER],
        '["language", "gender", "main_menu"]',
        "[]",
        rng.randrange(3, 30),
        rng.randrange(3, 30),
        rng.randrange(0, 20),
        rng.randrange(0, 10),
        rng.choice(STEPS) if abandoned else None,
        "[]",
        "[]",
        "[]",
        rng.randint(1, 5) if rated else None,
        f"{rng.uniform(0.5, 30):.2f}" if timed else None,
        "[]",
        created[n],
        created[n],
    )


def copy_rows(cursor, model, names, rows):
    columns = [model._meta.get_field(name).column for name in names]
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(model._meta.db_table),
        sql.SQL(", ").join(map(sql.Identifier, columns)),
    )
    with cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def measure(runs):
    from django.test import Client

    from analytics import reports
    from analytics.models import SessionAnalytics

    first, last = WINDOW_DAYS
    windows = {
        "all rows": reports.ReportWindow(),
        f"{first}..{last}": reports.ReportWindow(first, last),
    }
    share = reports.ReportWindow(first, last).as_q("created_at")
    total = SessionAnalytics.objects.count()
    say(f"window {first}..{last}: {SessionAnalytics.objects.filter(share).count() / total:.1%}")

    client = Client()
    say(f"\nmedian of {runs} runs after one warm-up, in ms (variants interleaved)")
    say(f"{'report':<7} {'rows':<24}" + "".join(f"{name:>12}" for name in VARIANTS))
    for name, report in (("stats", reports.stats), ("flows", reports.flows)):
        for label, window in windows.items():
            query = "" if window.first_day is None else f"?from={first}&to={last}"
            works = {
                "as served": ([], lambda r=report, w=window: served_report(r, w)),
                "JIT on": (["SET jit = on"], lambda r=report, w=window: r(w)),
                "JIT forced": (
                    ["SET jit = on", "SET jit_above_cost = 0"],
                    lambda r=report, w=window: r(w),
                ),
                "HTTP": ([], lambda n=name, q=query: fetch(client, f"/analytics/{n}{q}")),
            }
            medians = interleaved(runs, works)
            say(f"{name:<7} {label:<24}" + "".join(f"{medians[v]:>12.1f}" for v in VARIANTS))
    say()
    for variant, meaning in VARIANTS.items():
        say(f"{variant}: {meaning}")


VARIANTS = {
    "as served": "the report inside reports.reading() (on PostgreSQL: JIT off), as the "
    "endpoints run it",
    "JIT on": "the same queries with the server's JIT settings (jit_above_cost 100000)",
    "JIT forced": "the same with jit_above_cost = 0: what JIT costs once a bigger table "
    "passes the threshold",
    "HTTP": "the whole GET through Django's test client (routing, parsing, rendering)",
}


def interleaved(runs, works):
    """Median time of each work, the works taking turns in every run, so that load from
    elsewhere on the machine falls on all of them alike. One untimed warm-up each."""
    times = {name: [] for name in works}
    for run in range(runs + 1):
        for name, (settings, work) in works.items():
            with session_settings(settings):
                started = time.perf_counter()
                work()
                elapsed = (time.perf_counter() - started) * 1000
            if run:
                times[name].append(elapsed)
    return {name: statistics.median(values) for name, values in times.items()}


@contextmanager
def session_settings(settings):
    from django.db import connection

    with connection.cursor() as cursor:
        for setting in settings:
            cursor.execute(setting)
    try:
        yield
    finally:
        if settings:
            with connection.cursor() as cursor:
                cursor.execute("RESET ALL")


def fetch(client, path):
    answer = client.get(path)
    if answer.status_code != 200:
        raise RuntimeError(f"{path} answered {answer.status_code}: {answer.content[:200]!r}")
    return answer


def served_report(report, window):
    from analytics import reports

    with reports.reading():
        return report(window)


if __name__ == "__main__":
    main()
