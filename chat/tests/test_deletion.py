"""Deleting a chat session removes everything recorded in it, and nothing of other sessions."""

import pytest

from analytics.models import FlowAttempt, SessionAnalytics
from chat.models import ChatSession, Conversation
from clinicbot.factories import (
    make_analytics,
    make_clinic,
    make_interaction,
    make_message,
    make_referral,
    make_response,
    make_session,
)
from clinics.models import Clinic
from interactions.models import FpmInteraction
from referrals.models import Referral
from responses.models import UserResponse
from users.models import ChatUser

pytestmark = pytest.mark.django_db

RECORDED_IN_A_SESSION = [Conversation, UserResponse, FpmInteraction, Referral, SessionAnalytics]


def fill(session, clinic):
    message = make_message(session)
    first = make_response(message)
    make_response(message, previous_response=first)
    make_interaction(session)
    make_referral(session, clinic)
    record = make_analytics(session)
    FlowAttempt.objects.create(
        analytics=record, flow="get_pregnant", position=0, record_created_at=record.created_at
    )


def test_deleting_a_session_removes_what_was_recorded_in_it(api):
    clinic = make_clinic()
    leaving = make_session()
    staying = make_session(leaving.user)
    fill(leaving, clinic)
    fill(staying, clinic)

    answer = api.delete(f"/chat-sessions/{leaving.pk}")

    assert answer.status_code == 204
    for model in RECORDED_IN_A_SESSION:
        assert not model.objects.filter(session=leaving.pk).exists(), model.__name__
        assert model.objects.filter(session=staying.pk).exists(), model.__name__
    assert list(ChatSession.objects.all()) == [staying]
    assert FlowAttempt.objects.count() == 1


def test_deleting_a_session_keeps_its_user_and_the_clinic(api):
    clinic = make_clinic()
    session = make_session()
    fill(session, clinic)

    api.delete(f"/chat-sessions/{session.pk}")

    assert ChatUser.objects.filter(pk=session.user_id).exists()
    assert Clinic.objects.filter(pk=clinic.pk).exists()
