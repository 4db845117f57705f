"""The admin's analytics dashboard: who may see it, what it shows, and its fixed cost."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from clinicbot.factories import record_analytics

pytestmark = pytest.mark.django_db

URL = "/admin/analytics/sessionanalytics/dashboard/"
UTC = datetime.UTC
MARCH_2 = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
MARCH_4 = datetime.datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
MARCH_9 = datetime.datetime(2026, 3, 9, 10, 0, tzinfo=UTC)

# The signed-in session and user, the stats' totals, abandonment points, flows, sessions per
# day; on PostgreSQL, one more statement sets up the reports' snapshot.
QUERIES = 6 + (1 if connection.vendor == "postgresql" else 0)


@pytest.fixture
def staff(client, django_user_model):
    ContentType.objects.clear_cache()
    client.force_login(django_user_model.objects.create_superuser("boss", password="pw"))
    return client


def signed_in_staff(client, django_user_model, *permissions):
    clerk = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    for codename in permissions:
        clerk.user_permissions.add(Permission.objects.get(codename=codename))
    client.force_login(clerk)
    return client


@pytest.fixture
def dataset():
    record_analytics(
        created_at=MARCH_2,
        flows_attempted=["prevent_pregnancy", "change_fpm"],
        satisfaction_rating=4,
        session_abandonment_point="gender",
        total_user_messages=3,
    )
    record_analytics(
        created_at=MARCH_4,
        flows_attempted=["change_fpm"],
        satisfaction_rating=5,
        session_abandonment_point="gender",
        total_user_messages=4,
    )
    record_analytics(
        created_at=MARCH_9,
        flows_attempted=["stop_fpm", "change_fpm", "get_pregnant"],
        session_abandonment_point="main_menu",
    )


def svg(html, kind):
    return html.split(f'class="{kind}"')[1].split("</svg>")[0]


def bars(html, kind):
    """The bars of a chart as (label, count), top to bottom."""
    return re.findall(r'<rect class="bar"[^>]*><title>([^<]*): (\d+)</title>', svg(html, kind))


def points(html):
    return re.findall(r"<title>(\d{4}-\d\d-\d\d): (\d+)</title>", svg(html, "sessions-chart"))


def figures(html):
    pairs = re.findall(
        r'<span class="value">([^<]*)</span>\s*<span class="label">([^<]*)</span>', html
    )
    return {label: value for value, label in pairs}


def test_the_dashboard_shows_the_stats_the_flows_sessions_per_day_and_abandonment(staff, dataset):
    html = staff.get(URL).content.decode()

    assert figures(html) == {
        "Total sessions": "3",
        "Average satisfaction": "4.50",
        "Average response time seconds": "–",
        "Total user messages": "7",
        "Total bot messages": "0",
        "Total button clicks": "0",
        "Total typed responses": "0",
    }
    assert bars(html, "flows-chart") == [
        ("change_fpm", "3"),
        ("get_pregnant", "1"),
        ("prevent_pregnancy", "1"),
        ("stop_fpm", "1"),
    ]
    assert points(html) == [
        ("2026-03-02", "1"),
        ("2026-03-03", "0"),
        ("2026-03-04", "1"),
        ("2026-03-05", "0"),
        ("2026-03-06", "0"),
        ("2026-03-07", "0"),
        ("2026-03-08", "0"),
        ("2026-03-09", "1"),
    ]
    assert bars(html, "abandonment-chart") == [("gender", "2"), ("main_menu", "1")]


def test_the_window_is_the_same_as_the_apis(staff, dataset):
    html = staff.get(URL, {"from": "2026-03-03", "to": "2026-03-09"}).content.decode()

    assert figures(html)["Total sessions"] == "2"
    assert bars(html, "flows-chart") == [
        ("change_fpm", "2"),
        ("get_pregnant", "1"),
        ("stop_fpm", "1"),
    ]
    assert [day for day, _ in points(html)][0] == "2026-03-03"
    assert 'name="from" value="2026-03-03"' in html


def test_a_malformed_window_is_a_400_that_says_what_is_wrong(staff, dataset):
    answer = staff.get(URL, {"from": "2026-03-09", "to": "2026-03-01"})

    assert answer.status_code == 400
    assert "from: Must not be after to." in answer.content.decode()
    assert 'class="flows-chart"' not in answer.content.decode()


def test_an_empty_window_says_so_instead_of_drawing(staff, dataset):
    html = staff.get(URL, {"from": "2027-01-01"}).content.decode()

    assert "No flow was attempted in this window." in html
    assert "No session in this window." in html
    assert "<svg class=" not in html


def test_the_charts_are_drawn_on_the_server_from_nothing_outside(staff, dataset):
    html = staff.get(URL).content.decode()

    assert "<script" not in html.split('id="content-main"')[1]
    assert "cdn" not in html.lower()
    assert "https://" not in html


@pytest.mark.parametrize("records", [3, 30])
def test_the_dashboard_runs_a_fixed_number_of_queries(
    staff, records, django_assert_max_num_queries
):
    for n in range(records):
        record_analytics(
            created_at=MARCH_2 + datetime.timedelta(days=n),
            flows_attempted=[f"flow-{n}"],
            session_abandonment_point=f"step-{n}",
        )

    with django_assert_max_num_queries(QUERIES):
        page = staff.get(URL)

    assert page.status_code == 200
    html = page.content.decode()
    assert len(bars(html, "flows-chart")) == records
    assert len(points(html)) == records
    assert len(bars(html, "abandonment-chart")) == min(records, 10)


def test_staff_without_the_reports_permission_get_403(client, django_user_model):
    clerk = signed_in_staff(client, django_user_model, "view_sessionanalytics")

    assert clerk.get(URL).status_code == 403


def test_staff_with_the_reports_permission_see_the_dashboard(client, django_user_model):
    clerk = signed_in_staff(client, django_user_model, "view_reports")

    assert clerk.get(URL).status_code == 200


def test_staff_of_the_analyst_role_see_the_dashboard(client, django_user_model):
    clerk = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    clerk.groups.add(Group.objects.get(name="analyst"))
    client.force_login(clerk)

    assert client.get(URL).status_code == 200


def test_the_dashboard_is_only_for_staff(client, django_user_model):
    reader = django_user_model.objects.create_user("reader", password="pw")
    reader.user_permissions.add(Permission.objects.get(codename="view_reports"))
    client.force_login(reader)

    answer = client.get(URL)

    assert answer.status_code == 302
    assert answer["Location"].startswith("/admin/login/")


def test_anonymous_visitors_are_sent_to_sign_in(client):
    answer = client.get(URL)

    assert answer.status_code == 302
    assert answer["Location"] == f"/admin/login/?next={URL}"


def test_the_admin_index_links_to_the_dashboard_for_those_who_may_see_it(client, django_user_model):
    allowed = signed_in_staff(client, django_user_model, "view_reports").get("/admin/")
    client.logout()
    other = django_user_model.objects.create_user("other", password="pw", is_staff=True)
    client.force_login(other)
    refused = client.get("/admin/")

    assert f'href="{URL}"' in allowed.content.decode()
    assert f'href="{URL}"' not in refused.content.decode()
