"""Bringing a parsed WhatsApp transcript (`chat.transcripts`) into the database: its user, the
chat sessions with their messages, a response for every option picked, and one analytics record
a session, all in one transaction.

What a session's analytics record holds, from its messages alone:
- the counts of the user's and the bot's messages, of clicks and of typed messages;
- `flows_attempted`: the flows of the main-menu choices clicked, in the order first chosen;
- `steps_completed`: the steps the user answered (an option picked, or text typed where the bot
  asked for text), `widgets_interacted_with`: the pickers the user clicked in;
- `session_abandonment_point`: a session is abandoned when the bot's last word in it is a
  question left unanswered: after the user's last message of the session the bot asked
  something (a message with options, or a recognisable question). The point is that
  question's step (`unknown` if it has none). A session that ends with the user's message, or
  with bot messages that ask nothing (a goodbye, an answer), is not abandoned;
- `errors_encountered`: one entry a time the bot said it did not understand (or had no answer),
  `not_understood:<step>` or `no_answer:<step>`, the step being that of the user's message it
  could not use (the step of the question that message replied to).

A re-import finds what it stored before and changes nothing. A session is the user's session
that starts at the same time; its stored messages must be the file's first ones (messages the
file adds at its end are added, so a later export of the same chat brings only what is new).
A stored session that overlaps a session of the file without starting with it, or holds other
messages, is a conflict: the file was imported with other options, and nothing is written.
"""

import logging
from dataclasses import dataclass, field

from django.db import transaction

from analytics.models import SessionAnalytics
from analytics.services import upsert_session_analytics
from chat.models import ChatSession
from chat.questions import FLOWS
from chat.services import record_message, refresh_last_active
from chat.transcripts import USER
from clinics.places import STATES
from responses.models import UserResponse
from users.models import ChatUser

logger = logging.getLogger(__name__)

RESPONSE_TYPE = "button_click"
UNKNOWN_STEP = "unknown"


class TranscriptConflict(Exception):
    """What the file holds disagrees with what is stored; the message says how to resolve it."""


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def changed(self):
        return self.created + self.updated


@dataclass
class SessionNote:
    """What became of one session of the file (for the command's report)."""

    session: object
    outcome: str


@dataclass
class TranscriptOutcome:
    """What an import did (or, in a dry run, would have done)."""

    user: str = "unchanged"
    user_fields: list = field(default_factory=list)
    sessions: Counts = field(default_factory=Counts)
    messages: Counts = field(default_factory=Counts)
    responses: Counts = field(default_factory=Counts)
    analytics: Counts = field(default_factory=Counts)
    notes: list = field(default_factory=list)

    @property
    def changed(self):
        counts = (self.sessions, self.messages, self.responses, self.analytics)
        return self.user != "unchanged" or any(count.changed for count in counts)


def place_names(gazetteer):
    """A test of whether a text is an LGA the gazetteer lists, in any state (to split the
    LGA picker's suggestions); None when the gazetteer has no LGAs."""
    if not gazetteer.has_lgas:
        return None
    return lambda name: any(gazetteer.lga(state, name).known for state in STATES)


def import_transcript(*, transcript, dry_run=False, progress=None):
    """Write the transcript's user, sessions, messages, responses and analytics records that
    are not stored yet, in one transaction; a dry run rolls it back. Raises
    `TranscriptConflict` (and writes nothing) when the file disagrees with what is stored.

    `progress`, when given, is called with (done, total) after each session.
    """
    outcome = TranscriptOutcome()
    with transaction.atomic():
        user, stored = _user(transcript, outcome)

        for done, session in enumerate(transcript.sessions, start=1):
            _import_session(user, session, stored, outcome)
            if progress:
                progress(done, len(transcript.sessions))
        if outcome.messages.created:
            refresh_last_active(user_id=user.pk)

        if dry_run:
            transaction.set_rollback(True)

    logger.info(
        "transcript import%s: sessions %s/%s/%s, messages %s/%s, responses %s/%s, "
        "analytics %s/%s/%s (created/updated/unchanged)",
        " (dry run)" if dry_run else "",
        outcome.sessions.created,
        outcome.sessions.updated,
        outcome.sessions.unchanged,
        outcome.messages.created,
        outcome.messages.unchanged,
        outcome.responses.created,
        outcome.responses.unchanged,
        outcome.analytics.created,
        outcome.analytics.updated,
        outcome.analytics.unchanged,
    )
    return outcome


# --- The user ---------------------------------------------------------------------------


def revealed_fields(transcript):
    """The user's fields the chat fills, each from the latest answer that sets it (an answer
    too long for its column is left out)."""
    fields = {}
    for message in transcript.messages:
        if message.fills and len(message.value) <= _max_length(message.fills):
            fields[message.fills] = message.value
    return fields


def _max_length(name):
    return ChatUser._meta.get_field(name).max_length


def _user(transcript, outcome):
    """The transcript's user, created or brought up to date, and their stored sessions by
    start time.

    The user's row stays locked until the import ends, so that two imports of one chat take
    turns (on PostgreSQL; SQLite's writers queue anyway) and the later one finds what the
    earlier one stored.
    """
    fields = revealed_fields(transcript)
    user, created = ChatUser.objects.get_or_create(
        user_session_id=transcript.user_key,
        defaults={"created_at": transcript.sessions[0].start, **fields},
    )
    user = ChatUser.objects.select_for_update(no_key=True).get(pk=user.pk)
    if created:
        outcome.user, outcome.user_fields = "created", sorted(fields)
        return user, {}

    changed = [name for name, value in fields.items() if getattr(user, name) != value]
    if changed:
        for name in changed:
            setattr(user, name, fields[name])
        user.save(update_fields=[*changed, "updated_at"])
        outcome.user, outcome.user_fields = "updated", sorted(changed)
    stored = user.chat_sessions.order_by("session_start_time", "session_id")
    return user, {session.session_start_time: session for session in stored}


# --- Sessions and messages ----------------------------------------------------------------


def _import_session(user, session, stored, outcome):
    chat = stored.get(session.start)
    _refuse_overlap(user, session, stored, chat)
    if chat is None:
        chat = ChatSession.objects.create(
            user=user, created_at=session.start, **_session_fields(session)
        )
        stored[chat.session_start_time] = chat
        kept = []
        note = "created"
        outcome.sessions.created += 1
    else:
        kept = list(chat.conversations.order_by("message_sequence_number"))
        _refuse_other_messages(user, session, kept)
        note = _update_session(chat, session, outcome)

    rows = {}
    for number, message in enumerate(session.messages, start=1):
        if number <= len(kept):
            rows[message] = kept[number - 1]
            outcome.messages.unchanged += 1
            continue
        rows[message], created = record_message(
            fields={
                "session": chat,
                "user": user,
                "message_sequence_number": number,
                **message_fields(message),
            },
            refresh_user=False,
        )
        outcome.messages.created += created
        outcome.messages.unchanged += not created

    _record_responses(chat, user, session, rows, outcome)
    _record_analytics(chat, session, outcome)
    outcome.notes.append(SessionNote(session, note))


def _session_fields(session):
    steps = [message.step for message in session.messages if message.step]
    return {
        "session_start_time": session.start,
        "session_end_time": session.end,
        "total_messages_count": len(session.messages),
        "session_duration_minutes": int((session.end - session.start).total_seconds() // 60),
        "final_step_reached": steps[-1] if steps else None,
    }


def _update_session(chat, session, outcome):
    """Bring a stored session up to the file's (it may have grown); its note."""
    changed = {
        name: value
        for name, value in _session_fields(session).items()
        if getattr(chat, name) != value
    }
    if not changed:
        outcome.sessions.unchanged += 1
        return "unchanged"
    for name, value in changed.items():
        setattr(chat, name, value)
    chat.save(update_fields=list(changed))
    outcome.sessions.updated += 1
    return "updated"


def message_fields(message):
    """The columns of a message's row, but its session, user and number."""
    return {
        "message_text": message.text,
        "message_type": message.kind,
        "message_source": message.source,
        "chat_step": message.step,
        "widget_name": message.widget_name,
        "selected_option": message.selected,
        "has_widget": bool(message.options),
        "widget_options": list(message.options),
        "created_at": message.sent_at,
    }


def _refuse_overlap(user, session, stored, same):
    """Refuse a session of the file that overlaps a stored session other than `same`, the one
    that starts with it."""
    for chat in stored.values():
        ends = chat.session_end_time or chat.session_start_time
        if chat is not same and chat.session_start_time <= session.end and ends >= session.start:
            first, last = session.lines
            raise TranscriptConflict(
                f"The session of lines {first}-{last} overlaps a session stored before that "
                "starts at another time: the file was imported with another --session-gap or "
                "--tz. Import it with the options used then, or delete the chat user "
                f"{user.user_session_id} in the admin to import the file afresh."
            )


def _refuse_other_messages(user, session, kept):
    first, last = session.lines
    if len(kept) > len(session.messages):
        problem = f"is stored with {len(kept)} messages where the file has {len(session.messages)}"
    else:
        problem = next(
            (
                f"is stored with other messages (message {number} differs)"
                for number, row in enumerate(kept, start=1)
                if _differs(row, session.messages[number - 1])
            ),
            None,
        )
    if problem:
        raise TranscriptConflict(
            f"The session of lines {first}-{last} {problem}: the file was imported before "
            "with other options (--bot-name, --tz, --session-gap, --gazetteer) or its messages "
            f"were changed since. Delete the chat user {user.user_session_id} in the admin to "
            "import the file afresh."
        )


def _differs(row, message):
    return any(getattr(row, name) != value for name, value in message_fields(message).items())


# --- Responses ----------------------------------------------------------------------------


def _record_responses(chat, user, session, rows, outcome):
    """A response for every option the user picked in the session, chained in order; the
    first answer to a question in the session is the initial one."""
    stored = {
        response.conversation_id: response for response in UserResponse.objects.filter(session=chat)
    }
    previous, answered = None, set()
    for message in session.messages:
        if not message.clicked:
            continue
        row = rows[message]
        response = stored.get(row.pk)
        if response is None:
            asked = message.replies_to
            response = UserResponse.objects.create(
                user=user,
                session=chat,
                conversation=row,
                previous_response=previous,
                response_category=message.category or UNKNOWN_STEP,
                response_type=RESPONSE_TYPE,
                question_asked=asked.prompt,
                user_response=message.text,
                response_value=message.value,
                widget_used=asked.widget_name,
                available_options=list(asked.options),
                step_in_flow=message.step,
                is_initial_response=message.step not in answered,
                created_at=message.sent_at,
            )
            outcome.responses.created += 1
        else:
            outcome.responses.unchanged += 1
        previous = response
        answered.add(message.step)


# --- Analytics ----------------------------------------------------------------------------


def session_figures(session):
    """The analytics of one parsed session: (the record's values, the flows attempted)."""
    messages = session.messages
    user_messages = [message for message in messages if message.kind == USER]
    clicks = [message for message in user_messages if message.clicked]
    flows = [FLOWS[m.value] for m in clicks if m.step == "main_menu" and m.value in FLOWS]
    in_session = set(messages)
    values = {
        "steps_completed": _unique(m.step for m in user_messages if _answers_a_step(m, in_session)),
        "widgets_interacted_with": _unique(m.replies_to.widget_name for m in clicks),
        "total_user_messages": len(user_messages),
        "total_bot_messages": len(messages) - len(user_messages),
        "total_button_clicks": len(clicks),
        "total_typed_responses": len(user_messages) - len(clicks),
        "session_abandonment_point": abandonment_point(messages),
        "errors_encountered": _errors(messages),
    }
    return values, _unique(flows)


def abandonment_point(messages):
    """The step of the question the bot asked after the user's last message, if any."""
    last_user = max((at for at, m in enumerate(messages) if m.kind == USER), default=-1)
    asking = [message for message in messages[last_user + 1 :] if message.asks]
    if not asking:
        return None
    return asking[-1].step or UNKNOWN_STEP


def _answers_a_step(message, in_session):
    """Whether the user message answers its step: it picks an option, or it is text typed
    where the bot of the same session asked for text."""
    if message.clicked:
        return bool(message.step)
    asked = message.replies_to
    return bool(asked in in_session and asked.asks and not asked.options and asked.step)


def _errors(messages):
    """`kind:step` for each failure the bot reported, the step being that of the user's message
    it could not use (the step of the question that message replied to)."""
    errors, step = [], None
    for message in messages:
        if message.kind == USER:
            step = message.step
        elif message.error:
            errors.append(f"{message.error}:{step or UNKNOWN_STEP}")
    return errors


def _unique(items):
    return list(dict.fromkeys(items))


def _record_analytics(chat, session, outcome):
    values, flows = session_figures(session)
    record = SessionAnalytics.objects.filter(session=chat).first()
    if record is not None and _same_record(record, values, flows):
        outcome.analytics.unchanged += 1
        return

    _, created = upsert_session_analytics(
        session=chat, created_at=session.end, flows_attempted=flows, **values
    )
    if created:
        outcome.analytics.created += 1
    else:
        outcome.analytics.updated += 1


def _same_record(record, values, flows):
    return record.flows_attempted == flows and all(
        getattr(record, name) == value for name, value in values.items()
    )
