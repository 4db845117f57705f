"""The paginator every list shares, shown on the users list."""

import pytest

from users.models import ChatUser

pytestmark = pytest.mark.django_db


@pytest.fixture
def seven_users():
    ChatUser.objects.bulk_create(ChatUser() for _ in range(7))


def test_a_list_has_count_next_previous_and_results(api, seven_users):
    body = api.get("/users?page_size=3").json()

    assert body["count"] == 7
    assert len(body["results"]) == 3
    assert body["previous"] is None
    assert "page=2" in body["next"]


def test_the_last_page_holds_the_rest(api, seven_users):
    body = api.get("/users?page_size=3&page=3").json()

    assert len(body["results"]) == 1
    assert body["next"] is None
    assert "page=2" in body["previous"]


def test_the_default_page_size_is_50(api):
    ChatUser.objects.bulk_create(ChatUser() for _ in range(51))

    body = api.get("/users").json()

    assert len(body["results"]) == 50
    assert body["count"] == 51


def test_a_size_over_500_is_served_as_500(api):
    ChatUser.objects.bulk_create(ChatUser() for _ in range(501))

    body = api.get("/users?page_size=10000").json()

    assert len(body["results"]) == 500


def test_limit_is_a_synonym_of_page_size(api, seven_users):
    body = api.get("/users?limit=2").json()

    assert len(body["results"]) == 2


def test_page_size_wins_over_limit(api, seven_users):
    body = api.get("/users?limit=2&page_size=4").json()

    assert len(body["results"]) == 4


@pytest.mark.parametrize("size", ["0", "-1", "abc", "2.5", "", "1e2"])
@pytest.mark.parametrize("name", ["page_size", "limit"])
def test_a_size_that_is_not_a_positive_integer_is_a_400(api, name, size):
    answer = api.get(f"/users?{name}={size}")

    assert answer.status_code == 400
    assert name in answer.json()


@pytest.mark.parametrize("page", ["3", "0", "-1", "x", "1.5"])
def test_a_page_past_the_end_or_not_a_positive_integer_is_a_404(api, seven_users, page):
    answer = api.get(f"/users?page_size=5&page={page}")

    assert answer.status_code == 404
    assert answer.json() == {"detail": "Invalid page."}


def test_an_empty_page_number_is_a_404(api, seven_users):
    answer = api.get("/users?page=")

    assert answer.status_code == 404


@pytest.mark.parametrize("size", ["３", "٣", "1_0"])
def test_a_size_in_other_digits_is_a_400(api, size):
    assert api.get("/users", {"page_size": size}).status_code == 400
