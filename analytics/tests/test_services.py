"""The upsert service, the one writer of records and their flow rows."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from analytics.models import FlowAttempt, SessionAnalytics
from analytics.services import upsert_session_analytics
from clinicbot.factories import make_session, make_user

pytestmark = pytest.mark.django_db

MOMENT = datetime.datetime(2026, 3, 5, 14, 30, tzinfo=datetime.UTC)


def test_it_answers_whether_it_created_the_record():
    session = make_session()

    first, created = upsert_session_analytics(session=session, total_bot_messages=2)
    again, created_again = upsert_session_analytics(session=session, total_bot_messages=3)

    assert (created, created_again) == (True, False)
    assert first.pk == again.pk
    assert SessionAnalytics.objects.get().total_bot_messages == 3


def test_the_user_defaults_to_the_sessions_user():
    session = make_session()

    record, _ = upsert_session_analytics(session=session)

    assert record.user_id == session.user_id


def test_another_user_is_refused_and_nothing_is_written():
    session = make_session()

    with pytest.raises(ValueError, match="session's user"):
        upsert_session_analytics(session=session, user=make_user(), flows_attempted=["a"])

    assert not SessionAnalytics.objects.exists()
    assert not FlowAttempt.objects.exists()


def test_a_name_that_is_not_a_field_is_refused():
    with pytest.raises(TypeError, match="favourite_colour"):
        upsert_session_analytics(session=make_session(), favourite_colour="blue")


def test_a_session_deleted_meanwhile_is_refused_on_session_id():
    session = make_session()
    session.delete()

    with pytest.raises(ValidationError) as refusal:
        upsert_session_analytics(session=session)

    assert refusal.value.message_dict == {"session_id": ["No record has this id."]}


def test_flow_rows_carry_the_position_and_the_records_creation_time():
    record, _ = upsert_session_analytics(
        session=make_session(), created_at=MOMENT, flows_attempted=["b", "a", "b"]
    )

    rows = FlowAttempt.objects.values_list("flow", "position", "record_created_at")
    assert list(rows) == [("b", 0, MOMENT), ("a", 1, MOMENT)]
    assert record.created_at == MOMENT


def test_an_update_keeps_the_creation_time_on_the_new_flow_rows():
    session = make_session()
    upsert_session_analytics(session=session, created_at=MOMENT, flows_attempted=["a"])

    upsert_session_analytics(session=session, flows_attempted=["c", "a"])

    rows = FlowAttempt.objects.values_list("flow", "position", "record_created_at")
    assert list(rows) == [("c", 0, MOMENT), ("a", 1, MOMENT)]


def test_the_same_flows_again_leave_the_rows_untouched():
    session = make_session()
    upsert_session_analytics(session=session, flows_attempted=["a", "b"])
    before = list(FlowAttempt.objects.values_list("pk", flat=True))

    upsert_session_analytics(session=session, flows_attempted=["a", "b", "a"])

    assert list(FlowAttempt.objects.values_list("pk", flat=True)) == before


def test_flows_left_out_keep_their_rows():
    session = make_session()
    upsert_session_analytics(session=session, flows_attempted=["a"])

    record, _ = upsert_session_analytics(session=session, total_user_messages=4)

    assert record.flows_attempted == ["a"]
