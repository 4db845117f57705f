"""Writes of the chat that reach beyond one row: storing a message once, and keeping a user's
`last_active_at` in step with their sessions and messages."""

import logging

from django.db import IntegrityError, transaction
from django.db.models import F, Subquery, Value
from django.db.models.functions import Coalesce, Greatest

from clinicbot.api.exceptions import CONCURRENT_CHANGE, Conflict
from clinicbot.api.locks import lock_owner
from users.models import ChatUser

from .models import ChatSession, Conversation

logger = logging.getLogger(__name__)

# What a retry must repeat to be the same message; a field it leaves out counts as its create
# default (the model's, else null).
MESSAGE_FIELDS = [field.name for field in Conversation._meta.concrete_fields if field.editable]


@transaction.atomic(savepoint=False)  # in a caller's transaction, part of it: a refusal ends it
def record_message(*, fields, refresh_user=True):
    """Store a message, or find the one an earlier request with the same body already stored.

    Returns `(message, created)`. A message whose (session, sequence number) pair is taken by
    different content is a `Conflict`. The insert comes first, so that the common case, a new
    message, reads nothing; when the database's unique constraint refuses it (a retry, or two
    requests racing with the same pair), the refusal stays inside a savepoint, so that the
    caller's transaction survives, and the stored message is read and compared instead.

    A caller storing many messages of one user in its transaction (an import) may pass
    `refresh_user=False` and call `refresh_last_active` once after the last one.
    """
    if not lock_owner(fields["user"]):
        raise Conflict(CONCURRENT_CHANGE)

    try:
        with transaction.atomic():
            message = Conversation.objects.create(**fields)
    except IntegrityError:
        stored = _stored_message(fields)
        if stored is None:
            raise
    else:
        if refresh_user:
            note_activity(user_id=message.user_id, moment=message.created_at)
        return message, True

    if not _same_message(stored, fields):
        logger.warning(
            "refused message %s of session %s: the number holds another message",
            stored.message_sequence_number,
            stored.session_id,
        )
        raise Conflict(
            f"Message {stored.message_sequence_number} of this session is already stored "
            "with other content; send the next sequence number for a new message."
        )

    logger.info("retried message %s answered with the stored one", stored.pk)
    return stored, False


def _stored_message(fields):
    return (
        Conversation.objects.filter(
            session=fields["session"],
            message_sequence_number=fields["message_sequence_number"],
        )
        .select_related("session", "user")
        .first()
    )


def _same_message(stored, fields):
    return all(
        getattr(stored, name) == fields.get(name, _default_of(name)) for name in MESSAGE_FIELDS
    )


def _default_of(name):
    field = Conversation._meta.get_field(name)
    return field.get_default() if field.has_default() else None


def note_activity(*, user_id, moment):
    """Move the user's `last_active_at` up to `moment` if it is later: what a new session or
    message does, in one statement. The update's row lock orders it with every other writer,
    and the latest value only ever grows, so no read is needed (unlike a delete)."""
    ChatUser.objects.filter(pk=user_id).update(
        last_active_at=Greatest(Coalesce(F("last_active_at"), Value(moment)), Value(moment))
    )


# No savepoint of its own (two round trips on every message): it raises nothing a caller
# could want to survive, so it simply joins the caller's transaction, or makes one.
@transaction.atomic(savepoint=False)
def refresh_last_active(*, user_id):
    """Set the user's `last_active_at` to the latest of their session starts and message times
    (null before any), in one update.

    The user's row is locked first so that two writers for one user take turns and the later
    one counts the earlier one's rows. The lock is `NO KEY UPDATE`, which does not wait for
    the key-share locks that inserting their sessions and messages holds on the row.
    """
    ChatUser.objects.select_for_update(no_key=True).filter(pk=user_id).exists()

    latest_start = _latest(ChatSession, "session_start_time", user_id)
    latest_message = _latest(Conversation, "created_at", user_id)
    # GREATEST ignores nulls on PostgreSQL but yields null on SQLite: pair each with the other.
    ChatUser.objects.filter(pk=user_id).update(
        last_active_at=Greatest(
            Coalesce(latest_start, latest_message),
            Coalesce(latest_message, latest_start),
        )
    )


def _latest(model, column, user_id):
    """The user's latest `column` as `ORDER BY column DESC LIMIT 1`: one step down the index
    on (user, column), where a grouped MAX would read every row of the user."""
    rows = model.objects.filter(user=user_id, **{f"{column}__isnull": False})
    return Subquery(rows.order_by(f"-{column}").values(column)[:1])
