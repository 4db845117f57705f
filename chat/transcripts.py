"""Reading a WhatsApp export of one user's chat with the bot into plain data (no database).

The export (WhatsApp: Export chat > Without media) is UTF-8 text. A message starts with a header
line `DD/MM/YYYY, HH:MM - Sender: text` in the phone's local time, and runs until the next
header; its other lines, empty ones included, belong to it. A header without `Sender: ` is a
system notice (`This business uses a secure service from Meta ...`), which is not a message of
the chat and is skipped. Two senders take part: the bot, by the name it has in the file, and
one user, whose name is never kept: the user is known by a key derived from it (`user_key`).

What the messages hold beyond their text:
- reply buttons: a bot message ending in `Button 1: label`, `Button 2: ...` lines (the export's
  empty line after them aside). The buttons become the message's options and leave its text,
  which keeps the prompt above them;
- list pickers: a bot message whose prompt and option titles run together on one line. They are
  told apart with the chatbot's known option sets (`chat.questions`); the text keeps it all;
- a user message whose text is one of the options of the bot's message before it (in the file,
  across a session break too, since an old picker stays clickable) picks that option: a button
  click. Any other user message is typed;
- the step of the chat (`gender`, `main_menu`...) where the bot's question is recognisable; a
  user message has the step of the bot message before it.

The chat is cut into sessions wherever two messages are more than the session gap apart.
"""

import datetime
import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .models import Conversation
from .questions import (
    GREETING_STEP,
    NONE_OF_THE_ABOVE,
    QUESTIONS,
    SCROLL_HINT,
    error_in,
    fold,
    is_greeting,
    question_asked_in,
    question_offering,
)

DEFAULT_BOT_NAME = "Honey AI Chatbot"
DEFAULT_TIME_ZONE = "Africa/Lagos"
DEFAULT_SESSION_GAP = datetime.timedelta(minutes=30)
SUFFIX = ".txt"

USER_KEY_PREFIX = "whatsapp-"
NAME_PLACEHOLDER = "[name]"
USER_KEY_DIGITS = 12

BOT = "bot"
USER = "user"
BUTTONS = "buttons"
LIST = "list"
TYPED = "typed"
BUTTON_CLICK = "button_click"

_HEADER = re.compile(r"(\d{2})/(\d{2})/(\d{4}), (\d{2}):(\d{2}) - (.*)")
_BUTTON = re.compile(r"Button (\d+): (.*)")
# A sender's name as WhatsApp writes it before the colon; longer text is a notice's sentence.
_SENDER = re.compile(r"([^:]{1,60}):(?: (.*))?", re.DOTALL)

# The longest LGA name in words (`Ogba/Egbema/Ndoni` is one; `Ajeromi Ifelodun North` three).
_LONGEST_PLACE_WORDS = 5

_OPTION_MAX_LENGTH = Conversation._meta.get_field("selected_option").max_length


class TranscriptError(Exception):
    """The file cannot be imported; the message says why and how to fix it."""


@dataclass(eq=False)
class Message:
    """One message of the chat, with what the import makes of it; it spans the file's lines
    `line` (its header) to `last_line`.

    For a bot message: `widget` (`buttons`, `list` or None), its `options`, the `prompt` they
    answer, `asks` (whether it waits for an answer) and `error` (`not_understood`, `no_answer`
    when it says it could not use the user's message). For a user message: `source` (`typed`
    or `button_click`), the bot message before it (`replies_to`), and for a click the option
    `selected`, the English `value` of the choice and the user's field it `fills`, if any.
    """

    line: int
    sent_at: datetime.datetime
    kind: str
    text: str
    last_line: int = 0
    step: str | None = None
    widget: str | None = None
    options: tuple = ()
    prompt: str | None = None
    category: str | None = None
    asks: bool = False
    error: str | None = None
    source: str = TYPED
    selected: str | None = None
    replies_to: "Message | None" = None
    value: str | None = None
    fills: str | None = None

    @property
    def widget_name(self):
        """What the chatbot's widget is called: `gender_buttons`, `age_group_list`..."""
        if self.widget is None:
            return None
        return f"{self.step}_{self.widget}" if self.step else self.widget

    @property
    def clicked(self):
        return self.source == BUTTON_CLICK


@dataclass
class Session:
    """Messages no more than the session gap apart, in file order (numbered from 1)."""

    number: int
    messages: list = field(default_factory=list)

    @property
    def start(self):
        return self.messages[0].sent_at

    @property
    def end(self):
        return self.messages[-1].sent_at

    @property
    def lines(self):
        return self.messages[0].line, self.messages[-1].last_line


@dataclass
class Skipped:
    """A line that is not part of any message, and why."""

    line: int
    reason: str


@dataclass
class Transcript:
    """A parsed export: its sessions, the lines skipped, and the user's key.

    `places_split_by_word` is True when an LGA picker had to be split word by word, for want
    of a list of LGA names (a two-word LGA is then two options).
    """

    name: str
    sessions: list
    skipped: list
    user_key: str
    places_split_by_word: bool = False

    @property
    def messages(self):
        return [message for session in self.sessions for message in session.messages]


def time_zone(name):
    """The zone called `name`; raises `TranscriptError` when there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise TranscriptError(
            f"There is no time zone {name!r}. Give an IANA name such as {DEFAULT_TIME_ZONE}."
        ) from exc


def read_transcript(
    path,
    *,
    bot_name=DEFAULT_BOT_NAME,
    zone=None,
    session_gap=DEFAULT_SESSION_GAP,
    is_place=None,
):
    """Read and parse a WhatsApp `.txt` export; raises `TranscriptError` when it cannot.

    `zone` is the phone's time zone (default Africa/Lagos); `is_place`, when given, tells
    whether a text is the name of an LGA, to split the LGA picker's suggestions.
    """
    path = Path(path)
    if path.suffix.lower() != SUFFIX:
        raise TranscriptError(
            f"{path.name} is not a .txt chat export. In WhatsApp open the chat, choose "
            "More > Export chat > Without media, and give the .txt file (unzipped)."
        )
    if not path.is_file():
        raise TranscriptError(f"There is no file {path}. Check the path.")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TranscriptError(
            f"{path.name} is not UTF-8 text. Give the file as WhatsApp exported it "
            "(its exports are UTF-8), not a copy saved in another encoding."
        ) from exc
    except OSError as exc:
        raise TranscriptError(
            f"Cannot read {path}: {exc.strerror}. Check its permissions."
        ) from exc

    return parse_transcript(
        text,
        name=path.name,
        bot_name=bot_name,
        zone=zone or time_zone(DEFAULT_TIME_ZONE),
        session_gap=session_gap,
        is_place=is_place,
    )


def parse_transcript(
    text,
    *,
    name,
    bot_name=DEFAULT_BOT_NAME,
    zone=None,
    session_gap=DEFAULT_SESSION_GAP,
    is_place=None,
):
    """Parse the text of an export (`name` is the file's, for messages); see the module."""
    zone = zone or time_zone(DEFAULT_TIME_ZONE)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise TranscriptError(
            f"{name} holds a NUL character (line {line}): it is not a WhatsApp text export. "
            "Give the .txt file as WhatsApp exported it."
        )
    entries, skipped = _entries(text, zone)
    messages, user_label = _messages(entries, skipped, name, bot_name)
    _redact_name(messages, user_label)

    transcript = Transcript(
        name=name,
        sessions=_sessions(messages, session_gap),
        skipped=skipped,
        user_key=user_key(user_label),
    )
    for message in messages:
        if message.kind == BOT:
            split_by_word = _read_bot_message(message, is_place)
            transcript.places_split_by_word |= split_by_word
    _read_user_messages(messages)
    return transcript


def _redact_name(messages, label):
    """Replace the user's name in every message: the sender label, and its first word alone,
    since the bot greets people by their first name. The import stores what was said, never
    who said it. The other words of the name are left, so that a place such as "Obi Ngwa"
    survives a surname "Obi"; a first name that is also a place's word is lost with it.
    """
    words = label.split()
    forms = [r"\s+".join(re.escape(word) for word in words)]
    if len(words[0]) > 1:
        forms.append(re.escape(words[0]))
    pattern = re.compile(r"\b(?:" + "|".join(forms) + r")\b", re.IGNORECASE)
    for message in messages:
        message.text = pattern.sub(NAME_PLACEHOLDER, message.text)


def user_key(label):
    """The user's `user_session_id`: stable for one sender label, without the name in clear.

    TODO(privacy): a plain hash of a name can be found by hashing likely names; a keyed hash
    would stop that but would change with the key. Replace it once keys are managed per
    deployment and imports must match across them.
    """
    digest = hashlib.sha256(" ".join(label.split()).encode()).hexdigest()
    return USER_KEY_PREFIX + digest[:USER_KEY_DIGITS]


# --- Lines into messages ------------------------------------------------------------------


@dataclass
class _Entry:
    line: int
    sent_at: datetime.datetime
    rest: str
    lines: list


def _entries(text, zone):
    """The header lines with the lines that follow them; lines before any header are skipped."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()

    entries, skipped = [], []
    for number, line in enumerate(lines, start=1):
        line = line.removesuffix("\r")
        header = _HEADER.fullmatch(line)
        sent_at = _time(header, zone) if header else None
        if sent_at is not None:
            entries.append(_Entry(number, sent_at, header.group(6), []))
        elif entries:
            entries[-1].lines.append(line)
        elif line.strip():
            skipped.append(Skipped(number, "text before the first message"))
    return entries, skipped


def _time(header, zone):
    day, month, year, hour, minute = (int(part) for part in header.groups()[:5])
    try:
        local = datetime.datetime(year, month, day, hour, minute, tzinfo=zone)
    except ValueError:
        return None
    return local.astimezone(datetime.UTC)


def _messages(entries, skipped, name, bot_name):
    """The bot's and the user's messages in file order, and the user's sender label."""
    messages, others = [], set()
    user_label = None
    for entry in entries:
        if entry.rest.startswith(f"{bot_name}:"):
            kind, first = BOT, entry.rest[len(bot_name) + 1 :].removeprefix(" ")
        elif sender := _SENDER.fullmatch(entry.rest):
            kind, first = USER, sender.group(2) or ""
            others.add(sender.group(1))
            user_label = user_label or sender.group(1)
        else:
            skipped.append(Skipped(entry.line, "system notice"))
            continue
        text = "\n".join([first, *entry.lines])
        last_line = entry.line + len(entry.lines)
        messages.append(Message(entry.line, entry.sent_at, kind, text, last_line=last_line))
    skipped.sort(key=lambda note: note.line)

    if not messages:
        raise TranscriptError(
            f"{name} holds no WhatsApp messages: no line starts like "
            "`23/07/2024, 09:43 - Sender: text`. Give a chat export from WhatsApp "
            "(More > Export chat > Without media), its dates written day first."
        )
    if not any(message.kind == BOT for message in messages):
        raise TranscriptError(
            f"{name} has no message from {bot_name!r}. Give the bot's name, as the file writes "
            "it before the colon, with --bot-name."
        )
    if len(others) > 1:
        raise TranscriptError(
            f"{name} has messages from {len(others)} senders besides {bot_name!r}; a chat of "
            "one user with the bot has one. Check --bot-name, or export a one-to-one chat."
        )
    if user_label is None:
        raise TranscriptError(
            f"{name} has messages from {bot_name!r} only: there is no user's chat to import."
        )
    return messages, user_label


def _sessions(messages, gap):
    sessions = []
    for message in messages:
        if not sessions or message.sent_at - sessions[-1].end > gap:
            sessions.append(Session(len(sessions) + 1))
        sessions[-1].messages.append(message)
    return sessions


# --- What the bot's messages hold ---------------------------------------------------------


def _read_bot_message(message, is_place):
    """Fill the bot message's widget, step and error; True if an LGA list was split by word."""
    split_by_word = False
    question = None
    buttons = _buttons(message.text)
    if buttons:
        message.widget, (message.prompt, message.options) = BUTTONS, buttons
        message.text = message.prompt or message.text
        question = question_asked_in(message.prompt) or question_offering(message.options)
    else:
        listed = _list(message.text, is_place)
        if listed:
            question, message.prompt, message.options, split_by_word = listed
            message.widget = LIST
        else:
            question = question_asked_in(message.text)

    if question is not None:
        message.step, message.category = question.step, question.category
        message.asks = True
    elif message.widget:
        message.asks = True
    elif is_greeting(message.text):
        message.step = GREETING_STEP
    if not message.widget:
        message.error = error_in(message.text)
    return split_by_word


def _buttons(text):
    """(prompt, labels) of a message ending in numbered `Button N: label` lines, else None."""
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    while lines and not lines[-1].strip():
        lines.pop()

    start = len(lines)
    while start > 0 and _BUTTON.fullmatch(lines[start - 1]):
        start -= 1
    found = [_BUTTON.fullmatch(line) for line in lines[start:]]
    if not found or [int(match.group(1)) for match in found] != list(range(1, len(found) + 1)):
        return None
    labels = tuple(match.group(2).rstrip() for match in found)
    if any(len(label) > _OPTION_MAX_LENGTH for label in labels):
        return None

    prompt = lines[:start]
    while prompt and not prompt[0].strip():
        prompt.pop(0)
    while prompt and not prompt[-1].strip():
        prompt.pop()
    return "\n".join(prompt) or None, labels


def _list(text, is_place):
    """(question, prompt, options, split by word) of a list picker run into `text`, else None.

    A known option set must end the text and the question's prompt come before it, or the set
    must be one that only one question offers and have three options or more. The LGA picker
    ends with `None of the above` after suggestions that change; they are split into names the
    gazetteer knows (`is_place`), else word by word.
    """
    words = _without_hint(text.split())
    folded = [fold(word) for word in words]

    found = [
        (question, match)
        for question in QUESTIONS
        for options in question.option_sets
        if (match := _ending_with(words, folded, options))
        and _asked_here(question, options, folded[: -match[1]])
    ]
    if found:
        # The set that takes the most words: `Yes No` may end a longer set.
        question, (options, size) = max(found, key=lambda pair: pair[1][1])
        return question, " ".join(words[:-size]), options, False

    for question in QUESTIONS:
        if question.open_options:
            found = _open_list(words, folded, question, is_place)
            if found:
                return found
    return None


def _without_hint(words):
    hint = fold(SCROLL_HINT).split()
    kept = []
    for word in words:
        kept.append(word)
        if [fold(w) for w in kept[-len(hint) :]] == hint:
            del kept[-len(hint) :]
    return kept


def _ending_with(words, folded, options):
    """(the options as the text spells them, how many words they take) if they end the text."""
    sizes, wanted = _option_words(options)
    size = len(wanted)
    if size >= len(words) or folded[-size:] != wanted:
        return None
    spelled, at = [], len(words) - size
    for count in sizes:
        spelled.append(" ".join(words[at : at + count]))
        at += count
    return tuple(spelled), size


@functools.cache
def _option_words(options):
    """How many words each option takes, and all their words folded."""
    return [len(option.split()) for option in options], fold(" ".join(options)).split()


def _asked_here(question, options, before):
    text = " ".join(before)
    if any(fold(prompt) in text for prompt in question.prompts):
        return True
    return len(options) >= 3 and question_offering(options) is question


def _open_list(words, folded, question, is_place):
    closing = fold(NONE_OF_THE_ABOVE).split()
    if folded[-len(closing) :] != closing:
        return None
    for prompt in question.prompts:
        wanted = fold(prompt).split()
        for start in range(len(folded) - len(wanted) + 1):
            if folded[start : start + len(wanted)] == wanted:
                middle = words[start + len(wanted) : -len(closing)]
                if not middle:
                    return None
                names = _places(middle, is_place)
                if any(len(name) > _OPTION_MAX_LENGTH for name in names):
                    return None
                options = (*names, " ".join(words[-len(closing) :]))
                prompt_text = " ".join(words[: start + len(wanted)])
                return question, prompt_text, options, is_place is None
    return None


def _places(words, is_place):
    """Split run-together place names: the longest run of words `is_place` knows, a word it
    does not know joined to the name before it (`Osisioma Ngwa`); without `is_place`, one
    name a word."""
    if is_place is None:
        return list(words)

    names, at = [], 0
    while at < len(words):
        for size in range(min(_LONGEST_PLACE_WORDS, len(words) - at), 0, -1):
            candidate = " ".join(words[at : at + size])
            if is_place(candidate):
                names.append(candidate)
                at += size
                break
        else:
            if names:
                names[-1] = f"{names[-1]} {words[at]}"
            else:
                names.append(words[at])
            at += 1
    return names


# --- What the user's messages do -----------------------------------------------------------


def _read_user_messages(messages):
    """Link each user message to the bot message before it (in the file, across session
    breaks too), and mark it a click when it picks one of that message's options."""
    asked = None
    for message in messages:
        if message.kind == BOT:
            asked = message
            continue
        if asked is None:
            continue
        message.replies_to = asked
        message.step = asked.step
        position = _position_of(message.text, asked.options)
        if position is not None:
            _pick(message, asked, position)


def _position_of(text, options):
    wanted = fold(text)
    for position, option in enumerate(options):
        if fold(option) == wanted:
            return position
    return None


def _pick(message, asked, position):
    label = asked.options[position]
    message.source = BUTTON_CLICK
    message.selected = label
    message.category = asked.category

    question = next((q for q in QUESTIONS if q.step == asked.step), None)
    if question is None:
        message.value = label
        return
    message.value = question.value_at(position, label)
    if not (question.open_options and fold(label) == fold(NONE_OF_THE_ABOVE)):
        message.fills = question.fills
