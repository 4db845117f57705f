"""Deleting a user erases everything that belongs to them, and nothing of anyone else."""

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
    make_user,
)
from clinics.models import Clinic
from interactions.models import FpmInteraction
from referrals.models import Referral
from responses.models import UserResponse
from users.models import ChatUser

pytestmark = pytest.mark.django_db

ERASED = [ChatSession, Conversation, UserResponse, FpmInteraction, Referral, SessionAnalytics]


def fill_every_table(user, clinic):
    session = make_session(user)
    message = make_message(session)
    first = make_response(message)
    make_response(message, previous_response=first)
    make_interaction(session)
    make_referral(session, clinic)
    record = make_analytics(session)
    FlowAttempt.objects.create(
        analytics=record, flow="prevent_pregnancy", position=0, record_created_at=record.created_at
    )


def test_deleting_a_user_erases_their_rows_in_every_table(api):
    clinic = make_clinic()
    leaving, staying = make_user(), make_user()
    fill_every_table(leaving, clinic)
    fill_every_table(staying, clinic)

    answer = api.delete(f"/users/{leaving.pk}")

    assert answer.status_code == 204
    for model in ERASED:
        assert model.objects.filter(user=leaving.pk).count() == 0, model.__name__
        assert model.objects.filter(user=staying.pk).count() >= 1, model.__name__
    assert FlowAttempt.objects.count() == 1
    assert list(ChatUser.objects.all()) == [staying]


def test_erasure_keeps_the_clinic_the_user_was_referred_to(api):
    clinic = make_clinic()
    user = make_user()
    fill_every_table(user, clinic)

    api.delete(f"/users/{user.pk}")

    assert Clinic.objects.filter(pk=clinic.pk).exists()
    assert not Referral.objects.exists()
