"""Who may call what: every role against every endpoint and method of the API.

Each row of MATRIX is an operation; the five numbers are the status each role gets, in the
order of ROLES: anonymous, chatbot, analyst, clinic-manager, superuser. A 401 asks "who are
you?", a 403 says "not you"; neither depends on whether the record exists. Bodies are built
from the rows of the `rows` fixture, so that every allowed write is a valid one.
"""

import json
import re
import uuid

import pytest

from clinicbot.factories import (
    make_analytics,
    make_clinic,
    make_interaction,
    make_message,
    make_referral,
    make_response,
    make_session,
    make_user,
)

from .conftest import ROLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows():
    """One row of every table, all belonging to one user, plus a session with no analytics."""
    user = make_user()
    session = make_session(user)
    message = make_message(session)
    clinic = make_clinic()
    return {
        "user": user.pk,
        "user_session_id": user.user_session_id,
        "session": session.pk,
        "bare_session": make_session(user).pk,
        "message": message.pk,
        "response": make_response(message).pk,
        "interaction": make_interaction(session).pk,
        "clinic": clinic.pk,
        "spare_clinic": make_clinic().pk,
        "referral": make_referral(session, clinic).pk,
        "analytics_session": make_analytics(session).session_id,
    }


def user_body(r):
    return {"selected_state": "Lagos"}


def clinic_body(r):
    return {"clinic_name": "Matrix Clinic", "state": "Lagos", "lga": "Ikeja"}


def session_body(r):
    return {"user_id": str(r["user"]), "device_type": "mobile"}


def message_body(r):
    return {
        "session_id": str(r["session"]),
        "user_id": str(r["user"]),
        "message_text": "Hello",
        "message_type": "user",
        "message_sequence_number": 99,
    }


def response_body(r):
    return {
        "user_id": str(r["user"]),
        "session_id": str(r["session"]),
        "conversation_id": str(r["message"]),
        "response_category": "demographic",
        "response_type": "button_click",
        "user_response": "Yes",
        "available_options": ["Yes", "No"],
    }


def interaction_body(r):
    return {"user_id": str(r["user"]), "session_id": str(r["session"]), "fpm_flow_type": "x"}


def referral_body(r):
    return {
        "user_id": str(r["user"]),
        "session_id": str(r["session"]),
        "clinic_id": str(r["clinic"]),
    }


def analytics_body(r):
    return {"session_id": str(r["bare_session"]), "total_user_messages": 3}


# fmt: off
#  method    path                                   body               anon chat anal mgr super
MATRIX = [
    ("GET",    "/users",                            None,              401, 200, 200, 403, 200),
    ("POST",   "/users",                            user_body,         401, 201, 403, 403, 201),
    ("GET",    "/users/{user}",                     None,              401, 200, 200, 403, 200),
    ("PUT",    "/users/{user}",                     user_body,         401, 200, 403, 403, 200),
    ("PATCH",  "/users/{user}",                     user_body,         401, 200, 403, 403, 200),
    ("DELETE", "/users/{user}",                     None,              401, 403, 403, 403, 204),
    ("GET",    "/chat-sessions",                    None,              401, 200, 200, 403, 200),
    ("POST",   "/chat-sessions",                    session_body,      401, 201, 403, 403, 201),
    ("GET",    "/chat-sessions/{session}",          None,              401, 200, 200, 403, 200),
    ("PUT",    "/chat-sessions/{session}",          session_body,      401, 200, 403, 403, 200),
    ("PATCH",  "/chat-sessions/{session}",          session_body,      401, 200, 403, 403, 200),
    ("DELETE", "/chat-sessions/{session}",          None,              401, 403, 403, 403, 204),
    ("GET",    "/conversations",                    None,              401, 200, 200, 403, 200),
    ("POST",   "/conversations",                    message_body,      401, 201, 403, 403, 201),
    ("GET",    "/conversations/{message}",          None,              401, 200, 200, 403, 200),
    ("PUT",    "/conversations/{message}",          message_body,      401, 200, 403, 403, 200),
    ("PATCH",  "/conversations/{message}",          message_body,      401, 200, 403, 403, 200),
    ("DELETE", "/conversations/{message}",          None,              401, 403, 403, 403, 204),
    ("GET",    "/responses",                        None,              401, 200, 200, 403, 200),
    ("POST",   "/responses",                        response_body,     401, 201, 403, 403, 201),
    ("GET",    "/responses/{response}",             None,              401, 200, 200, 403, 200),
    ("PUT",    "/responses/{response}",             response_body,     401, 200, 403, 403, 200),
    ("PATCH",  "/responses/{response}",             response_body,     401, 200, 403, 403, 200),
    ("DELETE", "/responses/{response}",             None,              401, 403, 403, 403, 204),
    ("GET",    "/fpm-interactions",                 None,              401, 200, 200, 403, 200),
    ("POST",   "/fpm-interactions",                 interaction_body,  401, 201, 403, 403, 201),
    ("GET",    "/fpm-interactions/{interaction}",   None,              401, 200, 200, 403, 200),
    ("PUT",    "/fpm-interactions/{interaction}",   interaction_body,  401, 200, 403, 403, 200),
    ("PATCH",  "/fpm-interactions/{interaction}",   interaction_body,  401, 200, 403, 403, 200),
    ("DELETE", "/fpm-interactions/{interaction}",   None,              401, 403, 403, 403, 204),
    ("GET",    "/clinics",                          None,              200, 200, 200, 200, 200),
    ("POST",   "/clinics",                          clinic_body,       401, 403, 403, 201, 201),
    ("GET",    "/clinics/{clinic}",                 None,              200, 200, 200, 200, 200),
    ("PUT",    "/clinics/{clinic}",                 clinic_body,       401, 403, 403, 200, 200),
    ("PATCH",  "/clinics/{clinic}",                 clinic_body,       401, 403, 403, 200, 200),
    ("DELETE", "/clinics/{spare_clinic}",           None,              401, 403, 403, 204, 204),
    ("DELETE", "/clinics/{clinic}",                 None,              401, 403, 403, 409, 409),
    ("GET",    "/referrals",                        None,              401, 200, 200, 200, 200),
    ("POST",   "/referrals",                        referral_body,     401, 201, 403, 201, 201),
    ("GET",    "/referrals/{referral}",             None,              401, 200, 200, 200, 200),
    ("PUT",    "/referrals/{referral}",             referral_body,     401, 200, 403, 200, 200),
    ("PATCH",  "/referrals/{referral}",             referral_body,     401, 200, 403, 200, 200),
    ("DELETE", "/referrals/{referral}",             None,              401, 403, 403, 204, 204),
    ("POST",   "/analytics",                        analytics_body,    401, 201, 403, 403, 201),
    ("GET",    "/analytics",                        None,              401, 403, 200, 403, 200),
    ("GET",    "/analytics/{analytics_session}",    None,              401, 200, 200, 403, 200),
    ("GET",    "/analytics/stats",                  None,              401, 403, 200, 403, 200),
    ("GET",    "/analytics/flows",                  None,              401, 403, 200, 403, 200),
    ("GET",    "/healthz",                          None,              200, 200, 200, 200, 200),
    ("GET",    "/readyz",                           None,              200, 200, 200, 200, 200),
    ("GET",    "/api/schema/",                      None,              200, 200, 200, 200, 200),
    ("GET",    "/api/docs/",                        None,              200, 200, 200, 200, 200),
]
# fmt: on

RESOURCES = ["users", "chat-sessions", "conversations", "responses", "fpm-interactions"]
RESOURCES += ["clinics", "referrals"]

CASES = [
    pytest.param(method, path, body, role, expected, id=f"{method} {path} as {role}")
    for method, path, body, *statuses in MATRIX
    for role, expected in zip(ROLES, statuses, strict=True)
]


def call(client, method, path, body, rows):
    data = json.dumps(body(rows)) if body else ""
    return client.generic(method, path.format(**rows), data=data, content_type="application/json")


@pytest.mark.parametrize(("method", "path", "body", "role", "expected"), CASES)
def test_each_role_gets_the_status_of_the_matrix(caller, rows, method, path, body, role, expected):
    answer = call(caller(role), method, path, body, rows)

    assert answer.status_code == expected, answer.content[:300]


def test_the_matrix_covers_every_operation_of_the_contract():
    covered = {(method, re.sub(r"\{\w+\}", "{id}", path)) for method, path, *_ in MATRIX}
    expected = {("POST", "/analytics"), ("GET", "/analytics"), ("GET", "/analytics/{id}")}
    expected |= {("GET", "/analytics/stats"), ("GET", "/analytics/flows")}
    for resource in RESOURCES:
        expected |= {("GET", f"/{resource}"), ("POST", f"/{resource}")}
        expected |= {
            (method, f"/{resource}/{{id}}") for method in ("GET", "PUT", "PATCH", "DELETE")
        }

    assert expected <= covered
    assert len(expected) == 47


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


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("PUT", "/users"),
        ("DELETE", "/clinics"),
        ("DELETE", "/analytics/{analytics_session}"),
        ("PATCH", "/analytics/{analytics_session}"),
        ("POST", "/analytics/stats"),
    ],
)
def test_a_method_a_path_does_not_have_is_405_for_every_role(caller, rows, method, path, role):
    answer = call(caller(role), method, path, None, rows)

    assert answer.status_code == 405
