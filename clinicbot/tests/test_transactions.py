"""A write request is all or nothing: an error after a first write leaves no trace."""

import pytest
from rest_framework.exceptions import ValidationError

from users.models import ChatUser
from users.views import ChatUserViewSet

pytestmark = pytest.mark.django_db


def test_a_write_that_fails_after_writing_leaves_nothing(api, monkeypatch):
    def write_then_refuse(self, serializer):
        serializer.save()
        ChatUser.objects.create(user_session_id="second-row")
        raise ValidationError({"selected_state": ["Refused after writing."]})

    monkeypatch.setattr(ChatUserViewSet, "perform_create", write_then_refuse)

    answer = api.post("/users", {"selected_state": "Lagos"}, format="json")

    assert answer.status_code == 400
    assert ChatUser.objects.count() == 0


def test_a_successful_write_is_kept(api):
    answer = api.post("/users", {"selected_state": "Lagos"}, format="json")

    assert answer.status_code == 201
    assert ChatUser.objects.get().selected_state == "Lagos"
