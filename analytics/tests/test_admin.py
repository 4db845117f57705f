"""The admin of analytics records: figures may be corrected, ownership and flows may not; the
list and a record's page stay light."""

import pytest
from django.contrib.contenttypes.models import ContentType

from clinicbot.factories import record_analytics

pytestmark = pytest.mark.django_db

# Queries of a page, whatever its number of rows (the signed-in session and user included).
LIST_QUERIES = 8  # count, abandonment points, 2 of the date hierarchy, rows, their flows
CHANGE_QUERIES = 7  # the record, its flows, its content type, session and user shown


@pytest.fixture
def staff(client, django_user_model):
    ContentType.objects.clear_cache()
    client.force_login(django_user_model.objects.create_superuser("boss", password="pw"))
    return client


def test_the_change_page_shows_the_flows_read_only(staff):
    record = record_analytics(flows_attempted=["prevent_pregnancy", "change_fpm"])

    page = staff.get(f"/admin/analytics/sessionanalytics/{record.pk}/change/")

    assert page.status_code == 200
    assert b"prevent_pregnancy, change_fpm" in page.content
    assert b'name="session"' not in page.content
    assert b'name="user"' not in page.content


def test_records_are_not_added_in_the_admin(staff):
    assert staff.get("/admin/analytics/sessionanalytics/add/").status_code == 403


@pytest.mark.parametrize("rows", [3, 30])
def test_the_record_list_runs_a_fixed_number_of_queries(staff, rows, django_assert_max_num_queries):
    for n in range(rows):
        record_analytics(flows_attempted=[f"flow-{n}", "change_fpm"], satisfaction_rating=3)

    with django_assert_max_num_queries(LIST_QUERIES):
        page = staff.get("/admin/analytics/sessionanalytics/")

    assert page.status_code == 200
    assert page.content.count(b"change_fpm</td>") == rows


@pytest.mark.parametrize("rows", [3, 30])
def test_a_records_page_runs_a_fixed_number_of_queries(staff, rows, django_assert_max_num_queries):
    record = record_analytics(flows_attempted=[f"flow-{n}" for n in range(rows)])

    with django_assert_max_num_queries(CHANGE_QUERIES):
        page = staff.get(f"/admin/analytics/sessionanalytics/{record.pk}/change/")

    assert page.status_code == 200
    assert f"flow-{rows - 1}".encode() in page.content


@pytest.mark.parametrize(("rating", "expected"), [("4", {"four"}), ("none", {"unrated"})])
def test_the_record_list_filters_by_rating(staff, rating, expected):
    made = {
        "four": record_analytics(satisfaction_rating=4),
        "five": record_analytics(satisfaction_rating=5),
        "unrated": record_analytics(),
    }

    page = staff.get("/admin/analytics/sessionanalytics/", {"satisfaction_rating": rating})

    assert {r.pk for r in page.context["cl"].result_list} == {made[n].pk for n in expected}


def test_the_export_of_records_holds_their_flows(staff):
    record = record_analytics(flows_attempted=["prevent_pregnancy", "change_fpm"])

    answer = staff.post(
        "/admin/analytics/sessionanalytics/",
        {"action": "export_csv", "_selected_action": [record.pk]},
    )

    header, row, end = b"".join(answer.streaming_content).decode().split("\r\n")
    assert header.split(",")[:3] == ["\ufeffanalytics_id", "session_id", "user_id"]
    assert header.split(",")[-1] == "flows_attempted"
    assert row.split(",")[:3] == [str(record.pk), str(record.session_id), str(record.user_id)]
    assert row.endswith(',"[""prevent_pregnancy"", ""change_fpm""]"')
    assert end == ""
