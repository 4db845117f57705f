"""Upserts arriving at once, over real HTTP to a live server on 127.0.0.1, on either database."""

import json
import threading
import urllib.error
import urllib.request

import pytest
from django.apps import apps

from analytics.models import FlowAttempt, SessionAnalytics
from clinicbot.factories import make_session, record_analytics

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8
# Straight to the live server: no proxy from the environment may stand in between.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.fixture
def credentials(django_user_model):
    """Headers that sign the requests in, once the API takes tokens; none while it is open.

    TODO(access step): once this branch meets the access step's token authentication, use its
    shared live-server token fixture instead and drop the condition.
    """
    if not apps.is_installed("rest_framework.authtoken"):
        return {}
    from rest_framework.authtoken.models import Token

    user = django_user_model.objects.create_superuser("live-analytics", password="pw")
    return {"Authorization": f"Token {Token.objects.create(user=user).key}"}


def post_at_once(url, bodies, credentials):
    """POST every body to `url` from its own thread, all released together; the answers'
    status codes and bodies, in the order of `bodies`."""
    barrier = threading.Barrier(len(bodies))
    answers = [None] * len(bodies)

    def send(index, body):
        request = urllib.request.Request(
            url,
            data=json.dumps(body).encode(),
            headers={
                "Content-Type": "application/json",
                "Accept": "application/json",
                **credentials,
            },
            method="POST",
        )
        barrier.wait(timeout=30)
        try:
            with OPENER.open(request, timeout=60) as answer:
                answers[index] = (answer.status, json.loads(answer.read()))
        except urllib.error.HTTPError as error:
            answers[index] = (error.code, error.read().decode(errors="replace"))

    threads = [
        threading.Thread(target=send, args=(index, body)) for index, body in enumerate(bodies)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def test_concurrent_first_posts_leave_one_record_one_201_and_no_error(live_server, credentials):
    session = make_session()
    bodies = [
        {"session_id": str(session.pk), "total_user_messages": n, "flows_attempted": [f"f{n}"]}
        for n in range(THREADS)
    ]

    answers = post_at_once(f"{live_server.url}/analytics", bodies, credentials)

    assert sorted(status for status, _ in answers) == [200] * (THREADS - 1) + [201]
    assert {body["analytics_id"] for _, body in answers} == {str(SessionAnalytics.objects.get().pk)}


def test_concurrent_updates_never_mix_their_flows(live_server, credentials):
    session = record_analytics(flows_attempted=["old"]).session
    lists = [[f"flow-{n}-a", f"flow-{n}-b", f"flow-{n}-a"] for n in range(THREADS)]
    bodies = [{"session_id": str(session.pk), "flows_attempted": flows} for flows in lists]

    answers = post_at_once(f"{live_server.url}/analytics", bodies, credentials)

    assert [status for status, _ in answers] == [200] * THREADS
    stored = SessionAnalytics.objects.get().flows_attempted
    assert stored in [flows[:2] for flows in lists]
    assert sorted(FlowAttempt.objects.values_list("flow", flat=True)) == sorted(stored)


def test_concurrent_first_posts_for_different_sessions_all_create(live_server, credentials):
    sessions = [make_session() for _ in range(THREADS)]
    bodies = [{"session_id": str(session.pk)} for session in sessions]

    answers = post_at_once(f"{live_server.url}/analytics/", bodies, credentials)

    assert [status for status, _ in answers] == [201] * THREADS
    assert SessionAnalytics.objects.count() == THREADS
