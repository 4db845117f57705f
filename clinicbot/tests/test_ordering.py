"""The ordering filter's tail: the default order, then the primary key."""

from types import SimpleNamespace

import pytest

from clinicbot.api.ordering import StableOrderingFilter
from users.models import ChatUser

pytestmark = pytest.mark.django_db

VIEW = SimpleNamespace(ordering=["-created_at"])


def test_complete_appends_the_default_order_and_the_primary_key():
    ordering = StableOrderingFilter().complete(["selected_state"], ChatUser.objects.all(), VIEW)

    assert ordering == ["selected_state", "-created_at", "user_id"]


def test_complete_does_not_repeat_a_field_already_named_in_either_direction():
    ordering = StableOrderingFilter().complete(["created_at"], ChatUser.objects.all(), VIEW)

    assert ordering == ["created_at", "user_id"]


def test_complete_of_nothing_is_the_default_order_and_the_primary_key():
    ordering = StableOrderingFilter().complete(None, ChatUser.objects.all(), VIEW)

    assert ordering == ["-created_at", "user_id"]


@pytest.mark.django_db
def test_empty_values_sort_as_the_largest_on_every_database(api):
    from clinicbot.factories import make_user

    empty = make_user(selected_state=None)
    abia = make_user(selected_state="Abia")
    kano = make_user(selected_state="Kano")

    ascending = api.get("/users?ordering=selected_state").json()["results"]
    descending = api.get("/users?ordering=-selected_state").json()["results"]

    assert [row["user_id"] for row in ascending] == [str(abia.pk), str(kano.pk), str(empty.pk)]
    assert [row["user_id"] for row in descending] == [str(empty.pk), str(kano.pk), str(abia.pk)]
