"""Every request leaves one JSON line, and no line holds a body, a query or a personal field."""

import json
import logging

import pytest

from clinicbot.logs import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_lines():
    """Collect every record logged during the test, formatted as production formats them."""
    lines = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(json.loads(self.format(record)))

    handler = Collect()
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lines
    root.removeHandler(handler)


def access_lines(lines):
    return [line for line in lines if line["logger"] == "clinicbot.access"]


def test_each_request_is_one_access_line_with_its_route_template(api, json_lines):
    created = api.post("/users", {"selected_state": "Lagos"}, format="json").json()

    api.get(f"/users/{created['user_id']}?selected_state=Lagos")

    first, second = access_lines(json_lines)
    assert (first["method"], first["route"], first["status"]) == ("POST", "/users", 201)
    assert (second["method"], second["route"], second["status"]) == ("GET", "/users/{pk}", 200)
    assert second["duration_ms"] >= 0
    assert len(second["request_id"]) == 32


def test_a_path_that_matches_nothing_has_no_route(api, json_lines):
    api.get("/no/such/thing")

    (line,) = access_lines(json_lines)
    assert line["route"] is None
    assert line["status"] == 404


def test_the_request_id_is_taken_from_the_caller_and_answered(api, json_lines):
    answer = api.get("/clinics", HTTP_X_REQUEST_ID="abc-123")

    assert answer["X-Request-ID"] == "abc-123"
    assert access_lines(json_lines)[0]["request_id"] == "abc-123"


def test_a_request_id_that_could_forge_a_line_is_replaced(api):
    answer = api.get("/clinics", HTTP_X_REQUEST_ID='x" injected\\n{"level": "ERROR"}')

    assert len(answer["X-Request-ID"]) == 32
    assert "injected" not in answer["X-Request-ID"]


def test_no_body_query_or_personal_field_reaches_the_logs(api, json_lines):
    secret = "I-think-I-am-pregnant-Ada-Obi"
    answer = api.post(
        "/users",
        {"selected_state": secret, "user_session_id": secret},
        format="json",
    )
    api.get(f"/users?selected_state={secret}")
    api.patch(f"/users/{answer.json()['user_id']}", {"selected_lga": secret * 5}, format="json")
    api.post("/users", "{not json " + secret, content_type="application/json")

    everything = json.dumps(json_lines)
    assert secret not in everything
    assert len(access_lines(json_lines)) == 4


def test_an_unhandled_error_is_one_json_line_with_its_traceback(json_lines, client, monkeypatch):
    from users.views import ChatUserViewSet

    def explode(self, request, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(ChatUserViewSet, "list", explode)
    client.raise_request_exception = False
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("s", password="pw"))
    answer = client.get("/users")

    assert answer.status_code == 500
    assert answer.json() == {"detail": "Internal server error."}
    errors = [line for line in json_lines if line["level"] == "ERROR"]
    assert len(errors) == 1
    assert "RuntimeError: boom" in errors[0]["traceback"]
    assert errors[0]["request_id"] == access_lines(json_lines)[0]["request_id"]


def test_a_refused_request_leaves_one_line_that_names_no_path(api, json_lines):
    unknown = "6f1c1a8e-64a5-4f7e-9a4b-0e7f3c0d2a11"

    api.get(f"/users/{unknown}", HTTP_X_REQUEST_ID="req-404")
    api.get("/users/not-a-uuid", HTTP_X_REQUEST_ID="req-404")

    lines = [line for line in json_lines if line.get("request_id") == "req-404"]
    assert [(line["logger"], line["status"]) for line in lines] == [
        ("clinicbot.access", 404),
        ("clinicbot.access", 404),
    ]
    assert unknown not in json.dumps(lines)
    assert "not-a-uuid" not in json.dumps(lines)
