"""Fixtures shared by every app's tests."""

import os
from pathlib import Path

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    """Throttle counts live in the cache; no test may inherit another's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api(db, django_user_model):
    """A client signed in as a superuser: for tests of what the API does, not who may do it."""
    client = APIClient()
    client.force_authenticate(django_user_model.objects.create_superuser("root", password="pw"))
    return client


@pytest.fixture
def anonymous():
    return APIClient()


@pytest.fixture
def superuser_token(db, django_user_model):
    """A token of a superuser, for tests that call a live server over real HTTP."""
    from rest_framework.authtoken.models import Token

    user = django_user_model.objects.create_superuser("live", password="pw")
    return Token.objects.create(user=user).key


SHARED_DATA = Path(__file__).resolve().parent.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data():
    """The folder of the real input files beside the clone; a missing folder skips the test,
    except in CI, where it fails it."""
    if not SHARED_DATA.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED_DATA} is missing: CI must have shared/data beside the clone.")
        pytest.skip(f"{SHARED_DATA} is not here")
    return SHARED_DATA
