"""Writes that meet a concurrent change: a clear 409 and nothing written, never a 500."""

import threading
import urllib.error
import urllib.request
import uuid

import pytest

from chat.models import ChatSession, Conversation
from clinicbot.factories import make_message
from clinicbot.live import OPENER, post_json
from users.models import ChatUser
from users.views import ChatUserViewSet

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reference_that_vanished_meanwhile_is_a_409_and_nothing_is_kept(api, monkeypatch):
    def create_with_a_dangling_reference(self, serializer):
        serializer.save()
        # As if another request had deleted this session the moment before: on PostgreSQL the
        # check fails at the insert, on SQLite at the commit; both must end the same way.
        Conversation.objects.create(
            session_id=uuid.uuid4(),
            user=serializer.instance,
            message_text="hi",
            message_type="user",
            message_sequence_number=1,
        )

    monkeypatch.setattr(ChatUserViewSet, "perform_create", create_with_a_dangling_reference)

    answer = api.post("/users", {"selected_state": "Lagos"}, format="json")

    assert answer.status_code == 409
    assert answer.json()["detail"].startswith("Another request changed the records")
    assert not ChatUser.objects.exists()
    assert not Conversation.objects.exists()


def delete(url, token):
    request = urllib.request.Request(
        url, method="DELETE", headers={"Authorization": f"Token {token}"}
    )
    try:
        with OPENER.open(request, timeout=60) as answer:
            return answer.status
    except urllib.error.HTTPError as refused:
        return refused.code


def race(live_server, token, messages, deletion):
    """POST the messages and DELETE `deletion`, all at once; the statuses (the delete's last)."""
    start = threading.Barrier(len(messages) + 1)
    posted = [None] * len(messages)
    deleted = []

    def post(index, body):
        start.wait(timeout=30)
        posted[index] = post_json(f"{live_server.url}/conversations", body, token)[0]

    def erase():
        start.wait(timeout=30)
        deleted.append(delete(f"{live_server.url}{deletion}", token))

    threads = [threading.Thread(target=post, args=pair) for pair in enumerate(messages)]
    threads.append(threading.Thread(target=erase))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return posted, deleted[0]


def messages_of(session, count):
    return [
        {
            "session_id": str(session.pk),
            "user_id": str(session.user_id),
            "message_text": f"message {n}",
            "message_type": "user",
            "message_sequence_number": 100 + n,
        }
        for n in range(count)
    ]


def test_an_erasure_racing_new_messages_erases_everything_and_nothing_fails(
    live_server, superuser_token
):
    for _ in range(5):
        session = make_message().session

        posted, deleted = race(
            live_server, superuser_token, messages_of(session, 6), f"/users/{session.user_id}"
        )

        assert deleted == 204
        assert set(posted) <= {201, 400, 409}, posted
        assert not ChatUser.objects.filter(pk=session.user_id).exists()
        assert not ChatSession.objects.filter(user=session.user_id).exists()
        assert not Conversation.objects.filter(user=session.user_id).exists()


def test_deleting_a_session_while_its_messages_arrive_leaves_no_orphan(
    live_server, superuser_token
):
    for _ in range(5):
        session = make_message().session

        posted, deleted = race(
            live_server, superuser_token, messages_of(session, 6), f"/chat-sessions/{session.pk}"
        )

        assert deleted == 204
        assert set(posted) <= {201, 400, 409}, posted
        assert not ChatSession.objects.filter(pk=session.pk).exists()
        assert not Conversation.objects.filter(session=session.pk).exists()
