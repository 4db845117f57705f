"""The WhatsApp export parser on its own: lines into messages, options, clicks and sessions.

What the import makes of the messages in the database is tested with its command, in
`analytics/tests/test_import_transcript.py`; these tests need no database.
"""

import datetime

import pytest

from chat.transcripts import TranscriptError, parse_transcript, time_zone, user_key

BOT = "Honey AI Chatbot"
UTC = datetime.UTC
# An export needs a message from the user; this one opens the tests' chats.
HI = "01/03/2025, 09:59 - Ada: Hi"


def parse(*lines, **options):
    return parse_transcript("\n".join(lines) + "\n", name="chat.txt", **options)


def test_times_are_the_phone_s_local_time_stored_in_utc():
    transcript = parse("23/07/2024, 09:43 - Ada: Hi", f"23/07/2024, 23:59 - {BOT}: Hello")

    assert [m.sent_at for m in transcript.messages] == [
        datetime.datetime(2024, 7, 23, 8, 43, tzinfo=UTC),
        datetime.datetime(2024, 7, 23, 22, 59, tzinfo=UTC),
    ]


def test_windows_line_endings_are_read_like_unix_ones():
    transcript = parse_transcript(
        f"01/03/2025, 10:00 - Ada: Hi\r\nthere\r\n01/03/2025, 10:01 - {BOT}: Hello\r\n",
        name="chat.txt",
    )

    assert [m.text for m in transcript.messages] == ["Hi\nthere", "Hello"]


def test_lines_before_the_first_message_and_system_notices_are_skipped():
    transcript = parse(
        "Exported chat",
        "01/03/2025, 09:59 - Messages and calls are end-to-end encrypted.",
        "01/03/2025, 10:00 - Ada: Hi",
        f"01/03/2025, 10:00 - {BOT}: Hello",
    )

    assert [(s.line, s.reason) for s in transcript.skipped] == [
        (1, "text before the first message"),
        (2, "system notice"),
    ]
    assert [m.line for m in transcript.messages] == [3, 4]


def test_a_message_spans_to_the_line_before_the_next_header():
    transcript = parse(
        f"01/03/2025, 10:00 - {BOT}: One",
        "",
        "Two",
        "01/03/2025, 10:01 - Ada: Three",
    )

    assert [(m.line, m.last_line) for m in transcript.messages] == [(1, 3), (4, 4)]
    assert transcript.sessions[0].lines == (1, 4)


def test_the_user_key_is_stable_and_holds_no_name():
    key = user_key("Ada Obi")

    assert key == user_key("Ada  Obi")
    assert key != user_key("Ada Obe")
    assert key.startswith("whatsapp-")
    assert len(key) == len("whatsapp-") + 12
    assert "ada" not in key.removeprefix("whatsapp-").casefold()
    assert parse("01/03/2025, 10:00 - Ada Obi: Hi", f"01/03/2025, 10:00 - {BOT}: Hi").user_key == (
        key
    )


def test_buttons_must_be_numbered_from_one_to_be_buttons():
    transcript = parse(
        f"01/03/2025, 10:00 - {BOT}: ",
        "Pick one",
        "Button 2: Yes",
        "Button 3: No",
        "",
        "01/03/2025, 10:00 - Ada: Yes",
    )

    bot, user = transcript.messages
    assert (bot.widget, bot.options) == (None, ())
    assert user.source == "typed"


def test_buttons_of_an_unknown_question_are_still_options():
    transcript = parse(
        f"01/03/2025, 10:00 - {BOT}: ",
        "Which colour do you like?",
        "Button 1: Red",
        "Button 2: Blue",
        "",
        "01/03/2025, 10:00 - Ada: blue",
    )

    bot, user = transcript.messages
    assert (bot.text, bot.widget, bot.widget_name, bot.step) == (
        "Which colour do you like?",
        "buttons",
        "buttons",
        None,
    )
    assert (user.source, user.selected, user.value, user.fills) == (
        "button_click",
        "Blue",
        "Blue",
        None,
    )


def test_a_label_that_only_comes_close_to_an_option_is_typed():
    transcript = parse(
        f"01/03/2025, 10:00 - {BOT}: ",
        "What do you want to learn about?",
        "Button 1: Advantages and dis-",
        "Button 2: Who can(not) use it",
        "",
        "01/03/2025, 10:00 - Ada: Advantages",
        "01/03/2025, 10:01 - Ada: Who can use it",
    )

    assert [(m.source, m.step) for m in transcript.messages[1:]] == [
        ("typed", "method_info"),
        ("typed", "method_info"),
    ]


def test_a_yes_no_ending_is_a_list_only_after_its_question():
    transcript = parse(
        HI,
        f"01/03/2025, 10:00 - {BOT}: Some people say Yes No",
        f"01/03/2025, 10:00 - {BOT}: Do you want me to connect you to a human? Yes No",
    )

    _, said, asked = transcript.messages
    assert said.options == ()
    assert (asked.widget, asked.step, asked.options) == ("list", "human_agent", ("Yes", "No"))
    assert asked.prompt == "Do you want me to connect you to a human?"


def test_a_distinctive_option_set_is_a_list_without_its_prompt():
    transcript = parse(
        HI, f"01/03/2025, 10:00 - {BOT}: Your age? < 25 26-35 36-45 46-55 55 and older"
    )

    message = transcript.messages[1]
    assert (message.step, message.prompt) == ("age_group", "Your age?")


def test_lga_suggestions_are_split_by_the_names_given_else_by_word():
    lines = (
        HI,
        f"01/03/2025, 10:00 - {BOT}: Please confirm your local government area. Osisioma Ngwa "
        "Obi Ngwa Lagos Island None of the above",
    )
    known = {"osisioma", "obi ngwa", "lagos island"}

    with_names = parse(*lines, is_place=lambda name: name.casefold() in known)
    by_word = parse(*lines)

    assert with_names.messages[1].options == (
        "Osisioma Ngwa",
        "Obi Ngwa",
        "Lagos Island",
        "None of the above",
    )
    assert with_names.places_split_by_word is False
    assert by_word.messages[1].options == (
        "Osisioma",
        "Ngwa",
        "Obi",
        "Ngwa",
        "Lagos",
        "Island",
        "None of the above",
    )
    assert by_word.places_split_by_word is True


def test_none_of_the_above_answers_the_lga_question_without_filling_the_lga():
    transcript = parse(
        f"01/03/2025, 10:00 - {BOT}: Please confirm your local government area. Ikeja None of "
        "the above",
        "01/03/2025, 10:00 - Ada: None of the above",
        f"01/03/2025, 10:01 - {BOT}: Please confirm your local government area. Ikeja None of "
        "the above",
        "01/03/2025, 10:01 - Ada: Ikeja",
    )

    none, ikeja = transcript.messages[1], transcript.messages[3]
    assert (none.source, none.fills) == ("button_click", None)
    assert (ikeja.source, ikeja.fills, ikeja.value) == ("button_click", "selected_lga", "Ikeja")


def test_the_bot_s_failures_are_recognised():
    transcript = parse(
        HI,
        f"01/03/2025, 10:00 - {BOT}: Sorry, I don't understand. Could you please click one of "
        "the buttons?",
        f"01/03/2025, 10:00 - {BOT}: Jọ̀wọ́ ṣe ó lè tẹ ọ̀kan nínú àwọn aṣàyàn tí ó hàn sáájú?",
        f"01/03/2025, 10:00 - {BOT}: Sorry, I don't know an answer to your questions.",
        f"01/03/2025, 10:00 - {BOT}: NO ANSWER",
        f"01/03/2025, 10:00 - {BOT}: I understand you.",
    )

    assert [m.error for m in transcript.messages[1:]] == [
        "not_understood",
        "not_understood",
        "no_answer",
        "no_answer",
        None,
    ]


@pytest.mark.parametrize(("minutes", "sessions"), [(29, 3), (30, 2), (31, 1), (60, 1)])
def test_a_session_ends_after_a_silence_longer_than_the_gap(minutes, sessions):
    transcript = parse(
        "01/03/2025, 10:00 - Ada: Hi",
        f"01/03/2025, 10:30 - {BOT}: Hello",
        "01/03/2025, 11:01 - Ada: Hi again",
        session_gap=datetime.timedelta(minutes=minutes),
    )

    assert len(transcript.sessions) == sessions
    assert [s.number for s in transcript.sessions] == list(range(1, sessions + 1))


def test_a_header_with_an_impossible_date_is_text():
    transcript = parse(
        "01/03/2025, 10:00 - Ada: Hi",
        "31/02/2025, 10:00 - Ada: no such day",
        f"01/03/2025, 10:01 - {BOT}: Hello",
    )

    assert transcript.messages[0].text == "Hi\n31/02/2025, 10:00 - [name]: no such day"


def test_an_unknown_time_zone_is_an_error():
    with pytest.raises(TranscriptError, match="There is no time zone 'Mars/Olympus'"):
        time_zone("Mars/Olympus")


def test_the_users_name_is_taken_out_of_every_message():
    transcript = parse(
        "01/03/2025, 10:00 - Ada Obi: Hi, I am ada",
        f"01/03/2025, 10:00 - {BOT}: Hey Ada! Welcome, Ada  Obi.",
        f"01/03/2025, 10:01 - {BOT}: Adamawa is a state; Obi Ngwa is an LGA.",
    )

    texts = [message.text for message in transcript.messages]
    assert texts == [
        "Hi, I am [name]",
        "Hey [name]! Welcome, [name].",
        "Adamawa is a state; Obi Ngwa is an LGA.",
    ]


def test_a_nul_character_is_refused_with_its_line():
    with pytest.raises(TranscriptError, match=r"NUL character \(line 2\)"):
        parse("01/03/2025, 10:00 - Ada: Hi", f"01/03/2025, 10:00 - {BOT}: He\x00llo")
