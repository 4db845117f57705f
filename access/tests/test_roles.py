"""Who may call what: every role against every endpoint and method of the API.

Each row is an operation; the five numbers are the status each role gets, in the order
anonymous, chatbot, analyst, clinic-manager, superuser. A 401 is "who are you?", a 403 "not
you"; neither depends on whether the record exists.
"""

import uuid

import pytest

from clinicbot.factories import make_clinic, make_user

from .conftest import ROLES

pytestmark = pytest.mark.django_db

NEW_USER = {"selected_state": "Lagos"}
NEW_CLINIC = {"clinic_name": "Matrix Clinic", "state": "Lagos", "lga": "Ikeja"}

#  method   path                   body        anon chatbot analyst manager super
MATRIX = [
    ("GET", "/users", None, 401, 200, 200, 403, 200),
    ("POST", "/users", NEW_USER, 401, 201, 403, 403, 201),
    ("GET", "/users/{user}", None, 401, 200, 200, 403, 200),
    ("PUT", "/users/{user}", NEW_USER, 401, 200, 403, 403, 200),
    ("PATCH", "/users/{user}", NEW_USER, 401, 200, 403, 403, 200),
    ("DELETE", "/users/{user}", None, 401, 403, 403, 403, 204),
    ("GET", "/clinics", None, 200, 200, 200, 200, 200),
    ("POST", "/clinics", NEW_CLINIC, 401, 403, 403, 201, 201),
    ("GET", "/clinics/{clinic}", None, 200, 200, 200, 200, 200),
    ("PUT", "/clinics/{clinic}", NEW_CLINIC, 401, 403, 403, 200, 200),
    ("PATCH", "/clinics/{clinic}", NEW_CLINIC, 401, 403, 403, 200, 200),
    ("DELETE", "/clinics/{clinic}", None, 401, 403, 403, 204, 204),
    ("GET", "/healthz", None, 200, 200, 200, 200, 200),
    ("GET", "/readyz", None, 200, 200, 200, 200, 200),
    ("GET", "/api/schema/", None, 200, 200, 200, 200, 200),
    ("GET", "/api/docs/", None, 200, 200, 200, 200, 200),
]

CASES = [
    pytest.param(method, path, body, role, expected, id=f"{method} {path} as {role}")
    for method, path, body, *statuses in MATRIX
    for role, expected in zip(ROLES, statuses, strict=True)
]


@pytest.fixture
def rows():
    return {"user": make_user().pk, "clinic": make_clinic().pk}


@pytest.mark.parametrize(("method", "path", "body", "role", "expected"), CASES)
def test_each_role_gets_the_status_of_the_matrix(caller, rows, method, path, body, role, expected):
    client = caller(role)

    answer = client.generic(
        method, path.format(**rows), data=_json(body), content_type="application/json"
    )

    assert answer.status_code == expected, answer.content[:300]


def _json(body):
    import json

    return json.dumps(body) if body is not None else ""


@pytest.mark.parametrize(("role", "expected"), [("anonymous", 401), ("clinic-manager", 403)])
def test_a_refusal_does_not_say_whether_the_record_exists(caller, role, expected):
    client = caller(role)
    known = make_user().pk

    for ident in (known, uuid.uuid4(), "not-a-uuid"):
        answer = client.get(f"/users/{ident}")
        assert answer.status_code == expected
        assert answer.json() == client.get(f"/users/{known}").json()


def test_an_anonymous_caller_is_told_how_to_authenticate(caller):
    answer = caller("anonymous").get("/users")

    assert answer.status_code == 401
    assert answer["WWW-Authenticate"] == "Token"
    assert answer.json() == {"detail": "Authentication credentials were not provided."}


def test_a_wrong_token_is_a_401(anonymous):
    anonymous.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)

    answer = anonymous.get("/users")

    assert answer.status_code == 401
    assert answer.json() == {"detail": "Invalid token."}
