"""The admin of analytics records: figures may be corrected, ownership and flows may not."""

import pytest

from clinicbot.factories import record_analytics

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, django_user_model):
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
