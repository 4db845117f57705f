"""Builders of rows for tests: each makes a valid row, and its parents when not given."""

import datetime
import itertools

from analytics.models import SessionAnalytics
from analytics.services import upsert_session_analytics
from chat.models import ChatSession, Conversation
from clinics.models import Clinic
from interactions.models import FpmInteraction
from referrals.models import Referral
from responses.models import UserResponse
from users.models import ChatUser

MARCH_FIRST = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)

_numbers = itertools.count(1)


def make_user(**fields):
    return ChatUser.objects.create(**fields)


def make_session(user=None, **fields):
    user = user or make_user()
    fields.setdefault("session_start_time", MARCH_FIRST)
    return ChatSession.objects.create(user=user, **fields)


def make_message(session=None, **fields):
    session = session or make_session()
    fields.setdefault("message_text", "Hello")
    fields.setdefault("message_type", "user")
    fields.setdefault("message_sequence_number", next(_numbers))
    return Conversation.objects.create(session=session, user=session.user, **fields)


def make_response(message=None, **fields):
    message = message or make_message()
    fields.setdefault("response_category", "demographic")
    fields.setdefault("response_type", "button")
    fields.setdefault("user_response", "Yes")
    fields.setdefault("available_options", ["Yes", "No"])
    return UserResponse.objects.create(
        conversation=message, session=message.session, user=message.user, **fields
    )


def make_interaction(session=None, **fields):
    session = session or make_session()
    return FpmInteraction.objects.create(session=session, user=session.user, **fields)


def make_clinic(**fields):
    fields.setdefault("clinic_name", f"Clinic {next(_numbers)}")
    fields.setdefault("state", "Lagos")
    fields.setdefault("lga", "Ikeja")
    return Clinic.objects.create(**fields)


def make_referral(session=None, clinic=None, **fields):
    session = session or make_session()
    clinic = clinic or make_clinic()
    return Referral.objects.create(session=session, user=session.user, clinic=clinic, **fields)


def make_analytics(session=None, **fields):
    session = session or make_session()
    return SessionAnalytics.objects.create(session=session, user=session.user, **fields)


def record_analytics(session=None, *, created_at=None, **values):
    """An analytics record written the way the API writes it (flows included), through the
    upsert service; `created_at` places it in time."""
    session = session or make_session()
    record, _ = upsert_session_analytics(session=session, created_at=created_at, **values)
    return record
