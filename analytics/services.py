"""The one writer of analytics records and of the flow rows behind their `flows_attempted`."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction

from chat.models import ChatSession
from clinicbot.api.locks import lock_owner
from users.models import ChatUser

from .models import FlowAttempt, SessionAnalytics

logger = logging.getLogger(__name__)

# The values a post may set: every editable column but the references (the flows live in
# their own table). Read from the model, so that a new column is settable without a change here.
RECORD_FIELDS = frozenset(
    field.name
    for field in SessionAnalytics._meta.concrete_fields
    if field.editable and not field.is_relation
)


@transaction.atomic
def upsert_session_analytics(
    *, session, user=None, flows_attempted=None, created_at=None, **values
):
    """Create the analytics record of `session`, or update the one it has; return it with
    True when it was created.

    Only the values given change: each replaces the stored one, lists included, and
    `flows_attempted` (when given) replaces the record's flows, each flow kept once, in the
    order first sent. `user` defaults to the session's user and may only be that user.
    `created_at` is for code that brings in history (the demo data, imports), never the API.

    Upserts of one session queue on a lock of the session's row, so that two first posts
    make one record and two updates never mix their flows.
    """
    unknown = set(values) - RECORD_FIELDS
    if unknown:
        raise TypeError(f"Not fields of an analytics record: {', '.join(sorted(unknown))}")

    # The user's row first, as every write of a user's records does (clinicbot.api.locks).
    lock_owner(ChatUser(pk=session.user_id))
    session = _lock(session)
    if user is not None and user.pk != session.user_id:
        raise ValueError("An analytics record belongs to its session's user.")

    record = SessionAnalytics.objects.filter(session=session).first()
    created = record is None
    if created:
        record = SessionAnalytics(session=session, user_id=session.user_id, **values)
        if created_at is not None:
            record.created_at = created_at
        record.save(force_insert=True)
    else:
        for name, value in values.items():
            setattr(record, name, value)
        record.save()

    if flows_attempted is not None:
        _replace_flows(record, flows_attempted)

    logger.info(
        "%s analytics record %s (%s fields)",
        "created" if created else "updated",
        record.pk,
        len(values) + (flows_attempted is not None),
    )
    return record, created


def _lock(session):
    """The session's row, locked until the transaction ends (PostgreSQL; SQLite's writers
    already queue on its database lock). A session deleted meanwhile is a refusal on
    `session_id`, as if it had never existed."""
    locked = (
        ChatSession.objects.select_for_update(no_key=True)
        .only("session_id", "user_id")
        .filter(pk=session.pk)
        .first()
    )
    if locked is None:
        raise ValidationError({"session_id": "No record has this id."})
    return locked


def _replace_flows(record, flows):
    flows = list(dict.fromkeys(flows))
    if record.flows_attempted == flows:
        return

    record.flow_attempts.all().delete()
    FlowAttempt.objects.bulk_create(
        FlowAttempt(
            analytics=record,
            flow=flow,
            position=position,
            record_created_at=record.created_at,
        )
        for position, flow in enumerate(flows)
    )
