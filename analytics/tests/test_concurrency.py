"""Upserts arriving at once, over real HTTP to a live server on 127.0.0.1, on either database."""

import pytest

from analytics.models import FlowAttempt, SessionAnalytics
from clinicbot.factories import make_session, record_analytics
from clinicbot.live import post_at_once

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8


def test_concurrent_first_posts_leave_one_record_one_201_and_no_error(live_server, superuser_token):
    session = make_session()
    bodies = [
        {"session_id": str(session.pk), "total_user_messages": n, "flows_attempted": [f"f{n}"]}
        for n in range(THREADS)
    ]

    answers = post_at_once(f"{live_server.url}/analytics", bodies, superuser_token)

    assert sorted(status for status, _ in answers) == [200] * (THREADS - 1) + [201]
    assert {body["analytics_id"] for _, body in answers} == {str(SessionAnalytics.objects.get().pk)}


def test_concurrent_updates_never_mix_their_flows(live_server, superuser_token):
    session = record_analytics(flows_attempted=["old"]).session
    lists = [[f"flow-{n}-a", f"flow-{n}-b", f"flow-{n}-a"] for n in range(THREADS)]
    bodies = [{"session_id": str(session.pk), "flows_attempted": flows} for flows in lists]

    answers = post_at_once(f"{live_server.url}/analytics", bodies, superuser_token)

    assert [status for status, _ in answers] == [200] * THREADS
    stored = SessionAnalytics.objects.get().flows_attempted
    assert stored in [flows[:2] for flows in lists]
    assert sorted(FlowAttempt.objects.values_list("flow", flat=True)) == sorted(stored)


def test_concurrent_first_posts_for_different_sessions_all_create(live_server, superuser_token):
    sessions = [make_session() for _ in range(THREADS)]
    bodies = [{"session_id": str(session.pk)} for session in sessions]

    answers = post_at_once(f"{live_server.url}/analytics/", bodies, superuser_token)

    assert [status for status, _ in answers] == [201] * THREADS
    assert SessionAnalytics.objects.count() == THREADS
