"""Staff with a browser session, and the chatbot's browser front end across origins."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_browser(django_user_model):
    staff = django_user_model.objects.create_user(
        "nurse", password="a-long-passphrase", is_staff=True
    )
    staff.groups.add(Group.objects.get(name="analyst"))
    browser = Client(enforce_csrf_checks=True)
    assert browser.login(username="nurse", password="a-long-passphrase")
    return browser


def test_a_staff_session_reaches_the_browsable_api(staff_browser):
    answer = staff_browser.get("/users", HTTP_ACCEPT="text/html")

    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/html")
    assert b"<h1>Chat User List</h1>" in answer.content


def test_a_staff_session_is_held_to_its_permissions(staff_browser):
    answer = staff_browser.post("/clinics", "{}", content_type="application/json")

    assert answer.status_code == 403


def test_a_session_write_without_the_csrf_token_is_refused(django_user_model):
    django_user_model.objects.create_superuser("boss", password="pw")
    browser = Client(enforce_csrf_checks=True)
    browser.login(username="boss", password="pw")

    answer = browser.post("/users", "{}", content_type="application/json")

    assert answer.status_code == 403
    assert "CSRF" in answer.json()["detail"]


def test_no_origin_is_allowed_by_default(anonymous):
    answer = anonymous.get("/clinics", HTTP_ORIGIN="https://chat.example.org")

    assert "Access-Control-Allow-Origin" not in answer


def test_a_configured_origin_may_call_the_api(anonymous, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://chat.example.org"]

    answer = anonymous.options(
        "/users",
        HTTP_ORIGIN="https://chat.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )

    assert answer.status_code == 200
    assert answer["Access-Control-Allow-Origin"] == "https://chat.example.org"
    assert "authorization" in answer["Access-Control-Allow-Headers"]


def test_another_origin_is_not_allowed(anonymous, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://chat.example.org"]

    answer = anonymous.get("/clinics", HTTP_ORIGIN="https://evil.example.net")

    assert "Access-Control-Allow-Origin" not in answer
