"""Fixtures shared by every app's tests."""

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
