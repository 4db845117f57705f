"""Callers are throttled per address when anonymous and per user when signed in."""

import pytest
from rest_framework.throttling import SimpleRateThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(monkeypatch):
    # DRF reads the rates into the class when it is imported; the test lowers them there.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "5/min"})


def test_an_anonymous_caller_gets_429_with_retry_after_past_the_rate(anonymous, low_rates):
    codes = [anonymous.get("/clinics").status_code for _ in range(4)]

    assert codes == [200, 200, 200, 429]
    refused = anonymous.get("/clinics")
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused.json()["detail"].startswith("Request was throttled.")


def test_anonymous_callers_are_told_apart_by_address(anonymous, low_rates):
    for _ in range(3):
        anonymous.get("/clinics", REMOTE_ADDR="10.0.0.1")

    assert anonymous.get("/clinics", REMOTE_ADDR="10.0.0.1").status_code == 429
    assert anonymous.get("/clinics", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_a_signed_in_caller_has_the_user_rate_whatever_the_address(caller, low_rates):
    client = caller("chatbot")

    codes = [client.get("/users", REMOTE_ADDR=f"10.0.0.{n}").status_code for n in range(6)]

    assert codes == [200, 200, 200, 200, 200, 429]


def test_two_users_have_their_own_counts(caller, low_rates):
    first, second = caller("chatbot"), caller("analyst")
    for _ in range(5):
        first.get("/users")

    assert first.get("/users").status_code == 429
    assert second.get("/users").status_code == 200


def test_health_checks_are_never_throttled(anonymous, low_rates):
    codes = {anonymous.get("/healthz").status_code for _ in range(10)}

    assert codes == {200}
