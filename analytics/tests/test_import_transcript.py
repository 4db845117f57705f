"""`manage.py import_transcript`: the real WhatsApp transcript, and small exports written here for
each messy case and each error.

The figures about the real transcript were counted from the file itself (its README in
`../shared/data` gives the messages per sender and per day, and the `Button N:` lines):
1,658 messages of which 2 are system notices, so 1,656 stored (bot 1,024, user 632). With the
default 30-minute gap they make 25 sessions (one silence of exactly 30 minutes, 20/02/2025
09:03 to 09:33, stays inside a session); with a 29-minute gap 26, with 60 minutes 21. Of the
user's messages 397 pick an option of the bot's message before them (185 button messages and
280 list pickers offer options), 235 are typed: `1 year`, `Advantages`, `Daily pill` and the
like come close to an option without being one.
"""

import datetime
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.db.models.functions import TruncDate

from analytics.models import SessionAnalytics
from chat.models import ChatSession, Conversation
from chat.questions import fold
from responses.models import UserResponse
from users.models import ChatUser

pytestmark = pytest.mark.django_db

REPOSITORY = Path(__file__).resolve().parents[2]
LAGOS = ZoneInfo("Africa/Lagos")
UTC = datetime.UTC

REAL_SUMMARY = (
    "Imported whatsapp-transcript.txt: sessions 25 created, 0 updated, 0 unchanged; "
    "messages 1656 created, 0 unchanged; responses 397 created, 0 unchanged; "
    "analytics records 25 created, 0 updated, 0 unchanged"
)
REAL_USER = "whatsapp-fbfb7aade784"


@pytest.fixture
def transcript(shared_data):
    return str(shared_data / "whatsapp-transcript.txt")


@pytest.fixture
def gazetteer(shared_data):
    return str(shared_data / "nigeria-states-lgas.csv")


def run(*args):
    out = io.StringIO()
    call_command("import_transcript", *args, stdout=out)
    return out.getvalue()


def last_line(output):
    return output.strip().splitlines()[-1]


def messages(**filters):
    return Conversation.objects.filter(**filters)


# --- The real transcript --------------------------------------------------------------------


@pytest.fixture(scope="class")
def imported(django_db_setup, django_db_blocker, shared_data):
    """The real transcript imported once (with the gazetteer) for the tests that only read
    it: their own changes are rolled back, and this import is deleted after the last one."""
    data = shared_data
    with django_db_blocker.unblock():
        output = run(
            str(data / "whatsapp-transcript.txt"),
            "--gazetteer",
            str(data / "nigeria-states-lgas.csv"),
        )
    yield output
    with django_db_blocker.unblock():
        ChatUser.objects.filter(user_session_id=REAL_USER).delete()


@pytest.mark.usefixtures("imported")
class TestTheRealTranscript:
    def test_it_gives_25_sessions_and_1656_messages(self, imported):
        assert last_line(imported) == REAL_SUMMARY
        assert imported.splitlines()[:1] == [
            f"user {REAL_USER} created, from the chat: gender, LGA, age group, marital status, "
            "language, main-menu choice",
        ]
        assert ChatUser.objects.count() == 1
        assert ChatSession.objects.count() == 25
        assert messages(message_type="bot").count() == 1024
        assert messages(message_type="user").count() == 632
        assert UserResponse.objects.count() == 397
        assert SessionAnalytics.objects.count() == 25

    def test_each_day_s_messages_stay_on_their_local_day(self):
        rows = (
            Conversation.objects.annotate(day=TruncDate("created_at", tzinfo=LAGOS))
            .values("day", "message_type")
            .annotate(n=Count("*"))
        )
        counts = {}
        for row in rows:
            day = row["day"].strftime("%d/%m/%Y")
            user, bot = counts.get(day, (0, 0))
            if row["message_type"] == "user":
                user = row["n"]
            else:
                bot = row["n"]
            counts[day] = (user, bot)
        assert counts == {
            "23/07/2024": (6, 9),
            "24/07/2024": (184, 362),
            "29/07/2024": (95, 199),
            "31/07/2024": (48, 70),
            "18/09/2024": (4, 7),
            "24/09/2024": (20, 29),
            "25/09/2024": (1, 1),
            "30/09/2024": (1, 2),
            "23/01/2025": (48, 58),
            "06/02/2025": (86, 87),
            "07/02/2025": (69, 80),
            "10/02/2025": (32, 49),
            "11/02/2025": (10, 15),
            "20/02/2025": (12, 19),
            "07/03/2025": (2, 4),
            "23/04/2025": (14, 33),
        }

    def test_its_buttons_lists_and_clicks(self):
        buttons = messages(widget_name__endswith="_buttons")
        assert buttons.count() == 185
        assert sum(len(message.widget_options) for message in buttons) == 431
        assert messages(widget_name__endswith="_list").count() == 280
        assert messages(has_widget=True).count() == 465
        assert messages(message_source="button_click").count() == 397
        assert messages(message_type="user", message_source="typed").count() == 235
        gender = buttons.filter(chat_step="gender").first()
        assert gender.message_text == "What is your gender?"
        assert gender.widget_options == ["Male 👨", "Female 👩", "Prefer not to say"]
        lgas = messages(chat_step="lga_confirmation", message_text__contains="Osisioma").get()
        assert lgas.widget_options == [
            "Osisioma Ngwa",
            "Obi Ngwa",
            "Balanga",
            "Isiala Mbano",
            "Isiala-Ngwa North",
            "None of the above",
        ]
        # Picked in Yoruba; the file writes its accents in another (equivalent) order.
        wanted = fold("55 àti jù bẹ̣̣́ẹ́ lọ́")
        yoruba = [m for m in messages(message_type="user") if fold(m.message_text) == wanted]
        assert [fold(m.selected_option) for m in yoruba] == [wanted]

    def test_its_first_session(self):
        first = ChatSession.objects.order_by("session_start_time").first()
        assert first.session_start_time == datetime.datetime(2024, 7, 23, 8, 43, tzinfo=UTC)
        assert first.session_end_time == datetime.datetime(2024, 7, 23, 8, 44, tzinfo=UTC)
        assert (first.total_messages_count, first.session_duration_minutes) == (15, 1)
        rows = first.conversations.order_by("message_sequence_number")
        assert [(m.message_sequence_number, m.message_type, m.chat_step) for m in rows[:6]] == [
            (1, "user", None),
            (2, "bot", "greeting"),
            (3, "bot", None),
            (4, "bot", "gender"),
            (5, "user", "gender"),
            (6, "bot", "lga"),
        ]
        record = first.analytics
        assert (record.total_user_messages, record.total_bot_messages) == (6, 9)
        assert (record.total_button_clicks, record.total_typed_responses) == (4, 2)
        assert record.session_abandonment_point == "main_menu"
        assert record.flows_attempted == []

    def test_a_silence_of_exactly_30_minutes_stays_in_its_session(self):
        session = ChatSession.objects.get(
            session_start_time=datetime.datetime(2025, 2, 20, 7, 58, tzinfo=UTC)
        )
        assert session.total_messages_count == 31
        assert session.session_end_time == datetime.datetime(2025, 2, 20, 8, 34, tzinfo=UTC)

    def test_the_flows(self, api):
        assert api.get("/analytics/flows").json() == [
            {"flow": "prevent_pregnancy", "count": 7},
            {"flow": "change_stop_fpm", "count": 3},
            {"flow": "get_pregnant", "count": 3},
            {"flow": "general_question", "count": 2},
            {"flow": "improve_sex_life", "count": 2},
        ]

    def test_the_stats(self, api):
        assert api.get("/analytics/stats").json() == {
            "total_sessions": 25,
            "average_satisfaction": None,
            "average_response_time_seconds": None,
            "total_user_messages": 632,
            "total_bot_messages": 1024,
            "total_button_clicks": 397,
            "total_typed_responses": 235,
            "top_abandonment_points": [
                {"step": "current_method", "count": 3},
                {"step": "next_action", "count": 3},
                {"step": "stop_reason", "count": 3},
                {"step": "clinic_town", "count": 2},
                {"step": "main_menu", "count": 2},
                {"step": "ask_question", "count": 1},
                {"step": "clinic_referral", "count": 1},
                {"step": "contraception_type", "count": 1},
                {"step": "emergency_product", "count": 1},
                {"step": "gender", "count": 1},
            ],
        }
        # Records are dated by when their session happened: July 2024 holds the first six.
        window = api.get("/analytics/stats?from=2024-07-01&to=2024-07-31").json()
        assert window["total_sessions"] == 6

    def test_the_errors_the_bot_reported(self):
        errors = [e for r in SessionAnalytics.objects.all() for e in r.errors_encountered]
        assert len(errors) == 42
        assert sum(error.startswith("not_understood:") for error in errors) == 39
        assert sum(error.startswith("no_answer:") for error in errors) == 3
        assert errors.count("not_understood:age_group") == 2

    def test_the_user_s_answers_fill_their_record(self, imported):
        user = ChatUser.objects.get()
        assert user.user_session_id == REAL_USER
        # The latest answers, given in Yoruba on 23/04/2025, in the chatbot's English values.
        assert user.selected_gender == "Female 👩"
        assert user.selected_lga == "Ikeja"
        assert user.selected_age_group == "< 25"
        assert user.selected_marital_status == "Single"
        assert user.selected_language == "Yoruba"
        assert user.main_menu_option == "How to prevent pregnancy"
        assert user.created_at == datetime.datetime(2024, 7, 23, 8, 43, tzinfo=UTC)
        assert user.last_active_at == datetime.datetime(2025, 4, 23, 15, 2, tzinfo=UTC)
        assert "Ada Obi" not in imported

    def test_a_second_import_changes_nothing_and_says_so(self, transcript, gazetteer):
        before = {record.pk: record.updated_at for record in SessionAnalytics.objects.all()}
        user_before = ChatUser.objects.get().updated_at

        output = run(transcript, "--gazetteer", gazetteer)

        assert last_line(output) == (
            "Imported whatsapp-transcript.txt, nothing changed: sessions 0 created, 0 updated, "
            "25 unchanged; messages 0 created, 1656 unchanged; responses 0 created, 397 "
            "unchanged; analytics records 0 created, 0 updated, 25 unchanged"
        )
        assert f"user {REAL_USER} unchanged" in output
        assert {r.pk: r.updated_at for r in SessionAnalytics.objects.all()} == before
        assert ChatUser.objects.get().updated_at == user_before
        assert Conversation.objects.count() == 1656
        assert UserResponse.objects.count() == 397


@pytest.mark.parametrize(
    ("gap", "sessions", "morning"),
    # The morning of 20/02/2025 has a silence of exactly 30 minutes.
    [("29", 26, [22, 9]), ("60", 21, [31])],
)
def test_the_session_gap_decides_the_sessions(transcript, gazetteer, gap, sessions, morning):
    output = run(transcript, "--gazetteer", gazetteer, "--session-gap", gap)

    assert f": sessions {sessions} created," in last_line(output)
    assert ChatSession.objects.count() == sessions
    assert Conversation.objects.count() == 1656
    assert SessionAnalytics.objects.count() == sessions
    on_the_day = ChatSession.objects.filter(
        session_start_time__date=datetime.date(2025, 2, 20)
    ).order_by("session_start_time")
    assert [session.total_messages_count for session in on_the_day] == morning


def test_a_dry_run_of_the_real_transcript_writes_nothing(transcript, gazetteer):
    output = run(transcript, "--gazetteer", gazetteer, "--dry-run")

    assert last_line(output) == REAL_SUMMARY.replace(
        "Imported whatsapp-transcript.txt:", "Dry run of whatsapp-transcript.txt, nothing written:"
    )
    assert not ChatUser.objects.exists()
    assert not Conversation.objects.exists()


def test_without_a_gazetteer_two_word_lgas_are_split_by_word(transcript):
    output = run(transcript)

    assert last_line(output) == (
        "Imported whatsapp-transcript.txt: sessions 25 created, 0 updated, 0 unchanged; "
        "messages 1656 created, 0 unchanged; responses 396 created, 0 unchanged; "
        "analytics records 25 created, 0 updated, 0 unchanged "
        "(LGA suggestions split by word: no gazetteer)"
    )
    # `Lagos Island` is no option then: the user's `Lagos Island` is typed.
    lagos = messages(message_type="user", message_text="Lagos Island").get()
    assert (lagos.message_source, lagos.selected_option) == ("typed", None)
    assert ChatUser.objects.get().selected_lga == "Ikeja"


# --- Small exports made here ----------------------------------------------------------------

BOT = "Honey AI Chatbot"

GENDER_BUTTONS = [
    f"01/03/2025, 10:00 - {BOT}: ",
    "What is your gender?",
    "Button 1: Male 👨",
    "Button 2: Female 👩",
    "Button 3: Prefer not to say",
    "",
]

DEMOGRAPHICS = [
    "01/03/2025, 09:59 - This business uses a secure service from Meta to manage this chat.",
    "01/03/2025, 10:00 - Test User: Hi",
    f"01/03/2025, 10:00 - {BOT}: Hey!",
    "",
    "My name is Honey. I am a family planning chatbot.",
    *GENDER_BUTTONS,
    "01/03/2025, 10:01 - Test User: Female 👩",
    f"01/03/2025, 10:01 - {BOT}: What Local Government Area (LGA) are you chatting from?",
    "01/03/2025, 10:01 - Test User: lagos island",
    f"01/03/2025, 10:02 - {BOT}: Please confirm your local government area. Lagos Island "
    "Lagos Mainland Logo None of the above",
    "01/03/2025, 10:02 - Test User: Lagos Island",
    f"01/03/2025, 10:02 - {BOT}: How old are you? < 25 26-35 36-45 46-55 55 and older",
    "01/03/2025, 10:03 - Test User: 26-35",
    f"01/03/2025, 10:03 - {BOT}: What is your current marital status? Single In a "
    "relationship Married Divorced Widowed Prefer not to say",
    "01/03/2025, 10:03 - Test User: Married",
    f"01/03/2025, 10:04 - {BOT}: I can help.",
    "",
    "What do you want to know? FPM = Family Planning Method How to get pregnant  How to "
    "prevent pregnancy How to improve sex life Change/stop current FPM Ask a general question",
    "01/03/2025, 10:04 - Test User: How to prevent pregnancy",
]

SMALL_GAZETTEER = """state,state_code,capital,lga
Lagos,LA,Ikeja,Lagos Island
Lagos,LA,Ikeja,Lagos Mainland
Benue,BE,Makurdi,Logo
"""


def write(tmp_path, lines, name="chat.txt"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def small_gazetteer(tmp_path):
    path = tmp_path / "gazetteer.csv"
    path.write_text(SMALL_GAZETTEER, encoding="utf-8")
    return str(path)


def numbered(session=None):
    rows = (session.conversations if session else Conversation.objects).order_by(
        "created_at", "message_sequence_number"
    )
    return list(rows)


def test_system_lines_are_skipped_and_reported_above_verbosity_1(tmp_path):
    path = write(tmp_path, DEMOGRAPHICS)

    quiet = run(path, "--dry-run")
    output = run(path, "--verbosity", "2")

    assert "skipped" not in quiet
    assert output.splitlines()[0] == "skipped line 1: system notice"
    assert Conversation.objects.count() == 14
    assert not messages(message_text__contains="secure service").exists()


def test_a_button_block_becomes_the_message_s_options_and_a_click_a_response(tmp_path):
    run(write(tmp_path, DEMOGRAPHICS))

    question = messages(chat_step="gender", message_type="bot").get()
    assert question.message_text == "What is your gender?"
    assert question.has_widget is True
    assert question.widget_name == "gender_buttons"
    assert question.widget_options == ["Male 👨", "Female 👩", "Prefer not to say"]
    answer = messages(chat_step="gender", message_type="user").get()
    assert (answer.message_source, answer.selected_option) == ("button_click", "Female 👩")
    response = UserResponse.objects.get(conversation=answer)
    assert response.question_asked == "What is your gender?"
    assert response.available_options == ["Male 👨", "Female 👩", "Prefer not to say"]
    assert response.user_response == "Female 👩"
    assert response.response_value == "Female 👩"
    assert response.response_category == "demographic"
    assert response.response_type == "button_click"
    assert response.widget_used == "gender_buttons"
    assert response.step_in_flow == "gender"
    assert response.is_initial_response is True
    assert response.previous_response is None


def test_list_pickers_are_split_with_the_known_option_sets(tmp_path, small_gazetteer):
    run(write(tmp_path, DEMOGRAPHICS), "--gazetteer", small_gazetteer)

    lists = {m.chat_step: m for m in messages(widget_name__endswith="_list")}
    assert lists["age_group"].widget_options == ["< 25", "26-35", "36-45", "46-55", "55 and older"]
    assert lists["age_group"].message_text == (
        "How old are you? < 25 26-35 36-45 46-55 55 and older"
    )
    assert lists["marital_status"].widget_options[:3] == ["Single", "In a relationship", "Married"]
    assert lists["lga_confirmation"].widget_options == [
        "Lagos Island",
        "Lagos Mainland",
        "Logo",
        "None of the above",
    ]
    # The menu's double space does not hide an option.
    assert lists["main_menu"].widget_options == [
        "How to get pregnant",
        "How to prevent pregnancy",
        "How to improve sex life",
        "Change/stop current FPM",
        "Ask a general question",
    ]
    assert [r.question_asked for r in UserResponse.objects.order_by("created_at")][1:] == [
        "Please confirm your local government area.",
        "How old are you?",
        "What is your current marital status?",
        "I can help. What do you want to know? FPM = Family Planning Method",
    ]


def test_the_user_s_answers_fill_their_record_and_the_menu_a_flow(tmp_path, small_gazetteer):
    output = run(write(tmp_path, DEMOGRAPHICS), "--gazetteer", small_gazetteer)

    user = ChatUser.objects.get()
    assert user.user_session_id.startswith("whatsapp-")
    assert len(user.user_session_id) == len("whatsapp-") + 12
    assert "Test" not in user.user_session_id
    assert (
        user.selected_gender,
        user.selected_lga,
        user.selected_age_group,
        user.selected_marital_status,
        user.main_menu_option,
    ) == ("Female 👩", "Lagos Island", "26-35", "Married", "How to prevent pregnancy")
    assert user.selected_language is None
    assert SessionAnalytics.objects.get().flows_attempted == ["prevent_pregnancy"]
    assert "Test User" not in output


def test_the_same_sender_is_the_same_user_in_another_export(tmp_path):
    run(write(tmp_path, DEMOGRAPHICS))
    later = [line.replace("01/03/2025", "05/03/2025") for line in DEMOGRAPHICS]

    run(write(tmp_path, later, name="later.txt"))

    assert ChatUser.objects.count() == 1
    assert ChatSession.objects.count() == 2


def test_multi_line_messages_keep_their_lines_and_empty_lines(tmp_path):
    text = [
        f"02/03/2025, 09:00 - {BOT}: First line",
        "",
        "Third line, after an empty one",
        "  indented, with trailing spaces   ",
        "",
        "31/02/2025, 10:00 - Someone: no such day, so no header",
        "02/03/2025, 09:01 - Test User: A question",
        "on two lines",
    ]
    run(write(tmp_path, text))

    bot, user = numbered()
    assert bot.message_text == (
        "First line\n\nThird line, after an empty one\n  indented, with trailing spaces   \n\n"
        "31/02/2025, 10:00 - Someone: no such day, so no header"
    )
    assert user.message_text == "A question\non two lines"
    assert (bot.has_widget, user.message_source) == (False, "typed")


def test_a_list_picker_with_the_scroll_hint_and_options_over_two_lines(tmp_path):
    text = [
        f"07/02/2025, 15:44 - {BOT}: Are you currently using a family planning method? ",
        "",
        "Please select from the options your current or recently used method. Scroll to see "
        "all options Have not used any before IUD Implants Injections /Depo-provera",
        "/ Sayana Press Sayana Press Daily Pills Condoms Emergency pills Female sterilisation "
        "Male sterilisation",
        "07/02/2025, 15:45 - Test User: Sayana Press",
    ]
    run(write(tmp_path, text))

    question, answer = numbered()
    assert question.chat_step == "current_method"
    assert question.widget_options == [
        "Have not used any before",
        "IUD",
        "Implants",
        "Injections /Depo-provera / Sayana Press",
        "Sayana Press",
        "Daily Pills",
        "Condoms",
        "Emergency pills",
        "Female sterilisation",
        "Male sterilisation",
    ]
    assert answer.selected_option == "Sayana Press"
    assert UserResponse.objects.get().question_asked == (
        "Are you currently using a family planning method? Please select from the options "
        "your current or recently used method."
    )


def test_a_yoruba_answer_is_stored_in_the_english_value(tmp_path):
    text = [
        f"20/02/2025, 08:58 - {BOT}: ",
        "Obìnrin ni yín tàbí ọkùnrin?",
        "Button 1: ọkùnrin 👨",
        "Button 2: Obìnrin  👩",
        "Button 3: Kò wù yín láti sọ ọ",
        "",
        "20/02/2025, 08:58 - Test User: Obìnrin  👩",
        f"20/02/2025, 08:59 - {BOT}: Kin ni ọjọ orí rẹ? < 25 26-35 36-45 46-55 55 àti jù bẹ̣̣́ẹ́ lọ́ ",
        "20/02/2025, 08:59 - Test User: 55 àti jù bẹ̣̣́ẹ́ lọ́ ",
    ]
    run(write(tmp_path, text))

    user = ChatUser.objects.get()
    assert (user.selected_gender, user.selected_age_group) == ("Female 👩", "55 and older")
    picked = messages(message_type="user").order_by("created_at", "message_sequence_number")
    assert [m.selected_option for m in picked] == ["Obìnrin  👩", "55 àti jù bẹ̣̣́ẹ́ lọ́"]


def test_a_typed_answer_to_a_button_question_is_typed_and_an_error(tmp_path):
    text = [
        *GENDER_BUTTONS,
        "01/03/2025, 10:01 - Test User: I am a woman",
        f"01/03/2025, 10:01 - {BOT}: Sorry, I don't understand. Could you please click one of "
        "the buttons?",
        *[line.replace("10:00", "10:01") for line in GENDER_BUTTONS],
        "01/03/2025, 10:02 - Test User: female 👩",
    ]
    run(write(tmp_path, text))

    typed, clicked = messages(message_type="user").order_by("message_sequence_number")
    assert (typed.message_source, typed.selected_option, typed.chat_step) == (
        "typed",
        None,
        "gender",
    )
    assert (clicked.message_source, clicked.selected_option) == ("button_click", "Female 👩")
    assert list(UserResponse.objects.values_list("conversation", flat=True)) == [clicked.pk]
    record = SessionAnalytics.objects.get()
    assert record.errors_encountered == ["not_understood:gender"]
    assert (record.total_button_clicks, record.total_typed_responses) == (1, 1)
    assert record.session_abandonment_point is None


def test_a_restart_with_hi_starts_the_questions_again_in_the_same_session(tmp_path):
    restart = [
        "01/03/2025, 10:06 - Test User: Hi",
        f"01/03/2025, 10:06 - {BOT}: Hey! My name is Honey.",
        *[line.replace("10:00", "10:06") for line in GENDER_BUTTONS],
        "01/03/2025, 10:07 - Test User: Male 👨",
        f"01/03/2025, 10:07 - {BOT}: What do you want to know? FPM = Family Planning Method "
        "How to get pregnant How to prevent pregnancy How to improve sex life Change/stop "
        "current FPM Ask a general question",
        "01/03/2025, 10:08 - Test User: How to get pregnant",
    ]
    run(write(tmp_path, [*DEMOGRAPHICS, *restart]))

    assert ChatSession.objects.count() == 1
    hi = messages(message_type="user", message_text="Hi").order_by("created_at")
    assert [m.message_source for m in hi] == ["typed", "typed"]
    assert messages(chat_step="greeting").count() == 2
    assert ChatUser.objects.get().selected_gender == "Male 👨"
    genders = UserResponse.objects.filter(step_in_flow="gender").order_by("created_at")
    assert [(r.user_response, r.is_initial_response) for r in genders] == [
        ("Female 👩", True),
        ("Male 👨", False),
    ]
    assert genders[1].previous_response.step_in_flow == "main_menu"
    assert SessionAnalytics.objects.get().flows_attempted == ["prevent_pregnancy", "get_pregnant"]


def test_a_silence_of_exactly_the_gap_keeps_the_session_and_a_longer_one_ends_it(tmp_path):
    text = [
        "01/03/2025, 10:00 - Test User: Hi",
        f"01/03/2025, 10:30 - {BOT}: Hello! How can I assist you with family planning?",
        "01/03/2025, 11:01 - Test User: Are you there?",
    ]
    path = write(tmp_path, text)

    output = run(path, "--dry-run")
    run(path, "--session-gap", "30")

    assert ": sessions 2 created," in last_line(output)
    first, second = ChatSession.objects.order_by("session_start_time")
    assert (first.total_messages_count, first.session_duration_minutes) == (2, 30)
    assert (second.total_messages_count, second.session_duration_minutes) == (1, 0)
    assert [m.message_sequence_number for m in numbered(second)] == [1]


def test_a_shorter_gap_cuts_more_sessions(tmp_path):
    text = [
        "01/03/2025, 10:00 - Test User: Hi",
        f"01/03/2025, 10:30 - {BOT}: Hello! How can I assist you with family planning?",
        "01/03/2025, 11:01 - Test User: Are you there?",
    ]

    output = run(write(tmp_path, text), "--session-gap", "29")

    assert ": sessions 3 created," in last_line(output)


def test_times_are_read_in_the_given_zone_and_stored_in_utc(tmp_path):
    text = ["01/03/2025, 10:00 - Test User: Hi", f"01/03/2025, 10:00 - {BOT}: Hello!"]

    run(write(tmp_path, text))
    run(write(tmp_path, text, name="other.txt"), "--tz", "UTC")

    starts = sorted(ChatSession.objects.values_list("session_start_time", flat=True))
    assert starts == [
        datetime.datetime(2025, 3, 1, 9, 0, tzinfo=UTC),
        datetime.datetime(2025, 3, 1, 10, 0, tzinfo=UTC),
    ]


def test_another_bot_name_is_given_with_bot_name(tmp_path):
    text = [
        "01/03/2025, 10:00 - Test User: Hi",
        "01/03/2025, 10:00 - Clinic Helper: Hello!",
    ]

    run(write(tmp_path, text), "--bot-name", "Clinic Helper")

    assert [m.message_type for m in numbered()] == ["user", "bot"]


def test_abandonment_is_a_question_left_unanswered_at_the_end(tmp_path):
    text = [
        *DEMOGRAPHICS,
        f"01/03/2025, 10:05 - {BOT}: I see! 👍",
        f"01/03/2025, 10:05 - {BOT}: ",
        "What kind of contraception do you want to know about?",
        "Button 1: Emergency",
        "Button 2: Prevent in future",
        "",
        f"01/03/2025, 10:05 - {BOT}: <Media omitted>",
        # The next day: a session that ends with the user, one that ends with a goodbye.
        "02/03/2025, 09:00 - Test User: Thank you",
        "03/03/2025, 09:00 - Test User: Bye",
        f"03/03/2025, 09:00 - {BOT}: Thanks for your time. I look forward to chatting again.",
    ]
    run(write(tmp_path, text))

    points = [
        session.analytics.session_abandonment_point
        for session in ChatSession.objects.order_by("session_start_time")
    ]
    assert points == ["contraception_type", None, None]
    assert ChatSession.objects.order_by("session_start_time")[0].final_step_reached == (
        "contraception_type"
    )


def test_an_old_picker_clicked_in_a_later_session_is_a_click(tmp_path):
    text = [
        f"01/03/2025, 10:00 - {BOT}: ",
        "Hello, my name is Honey.",
        "",
        "Please choose the language you want to chat with.",
        "Button 1: English",
        "Button 2: Hausa",
        "Button 3: Yoruba",
        "",
        "10/03/2025, 08:58 - Test User: Yoruba",
    ]
    run(write(tmp_path, text))

    later = ChatSession.objects.order_by("session_start_time")[1]
    click = later.conversations.get()
    assert (click.message_source, click.chat_step) == ("button_click", "language")
    assert UserResponse.objects.get().session == later
    assert ChatUser.objects.get().selected_language == "Yoruba"
    first = ChatSession.objects.order_by("session_start_time")[0]
    assert first.analytics.session_abandonment_point == "language"


def test_a_later_export_adds_only_what_is_new(tmp_path, small_gazetteer):
    run(write(tmp_path, DEMOGRAPHICS), "--gazetteer", small_gazetteer)
    grown = [
        *DEMOGRAPHICS,
        f"01/03/2025, 10:05 - {BOT}: I see! 👍",
        "02/03/2025, 09:00 - Test User: Hi again",
    ]

    output = run(write(tmp_path, grown, name="grown.txt"), "--gazetteer", small_gazetteer)

    assert last_line(output) == (
        "Imported grown.txt: sessions 1 created, 1 updated, 0 unchanged; messages 2 created, "
        "14 unchanged; responses 0 created, 5 unchanged; analytics records 1 created, "
        "1 updated, 0 unchanged"
    )
    first = ChatSession.objects.order_by("session_start_time").first()
    assert first.total_messages_count == 15
    assert first.analytics.total_bot_messages == 8


def test_an_import_with_another_gap_is_refused_and_writes_nothing(tmp_path):
    text = [
        "01/03/2025, 10:00 - Test User: Hi",
        f"01/03/2025, 10:20 - {BOT}: Hello!",
        "01/03/2025, 10:50 - Test User: Hi again",
    ]
    path = write(tmp_path, text)
    run(path)

    with pytest.raises(CommandError) as caught:
        run(path, "--session-gap", "10")

    assert str(caught.value) == (
        "The session of lines 1-1 is stored with 3 messages where the file has 1: the file "
        "was imported before with other options (--bot-name, --tz, --session-gap, --gazetteer) "
        "or its messages were changed since. Delete the chat user "
        f"{ChatUser.objects.get().user_session_id} in the admin to import the file afresh."
    )
    assert ChatSession.objects.count() == 1


def test_a_session_overlapping_a_stored_one_is_refused(tmp_path):
    text = [
        "01/03/2025, 10:00 - Test User: Hi",
        f"01/03/2025, 10:20 - {BOT}: Hello!",
        "01/03/2025, 10:50 - Test User: Hi again",
    ]
    path = write(tmp_path, text)
    run(path, "--session-gap", "20")

    with pytest.raises(CommandError, match="The session of lines 1-3 overlaps a session stored"):
        run(path)

    assert ChatSession.objects.count() == 2


def test_the_setting_names_the_gazetteer_when_the_option_does_not(
    tmp_path, small_gazetteer, settings
):
    settings.CLINICBOT_GAZETTEER = small_gazetteer

    run(write(tmp_path, DEMOGRAPHICS))

    assert messages(selected_option="Lagos Island").count() == 1


def test_at_verbosity_0_only_the_summary_line_is_printed(tmp_path, small_gazetteer):
    output = run(write(tmp_path, DEMOGRAPHICS), "--gazetteer", small_gazetteer, "-v", "0")

    assert output == (
        "Imported chat.txt: sessions 1 created, 0 updated, 0 unchanged; messages 14 created, "
        "0 unchanged; responses 5 created, 0 unchanged; analytics records 1 created, "
        "0 updated, 0 unchanged\n"
    )


def test_above_verbosity_1_each_session_is_named(tmp_path):
    later = [line.replace("01/03/2025", "05/03/2025") for line in DEMOGRAPHICS]
    path = write(tmp_path, [*DEMOGRAPHICS, *later])

    output = run(path, "--verbosity", "2")

    assert [line for line in output.splitlines() if line.startswith("session ")] == [
        "session 1, lines 2-24 (01/03/2025 10:00 to 10:04, 14 messages): created",
        "session 2, lines 26-48 (05/03/2025 10:00 to 10:04, 14 messages): created",
    ]


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_is_written_on_one_line_on_a_terminal(tmp_path):
    terminal = Terminal()

    call_command("import_transcript", write(tmp_path, DEMOGRAPHICS), stdout=terminal)

    lines = terminal.getvalue().split("\n")
    assert lines[0] == "\r" + "sessions written: 1/1".ljust(39)
    assert lines[-2].startswith("Imported chat.txt: sessions 1 created,")


def test_progress_is_not_written_when_the_output_is_not_a_terminal(tmp_path):
    output = run(write(tmp_path, DEMOGRAPHICS))

    assert "\r" not in output


# --- Errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["chat.zip", "chat.csv", "chat"])
def test_a_wrong_extension_is_refused(tmp_path, name):
    path = tmp_path / name
    path.write_text("01/03/2025, 10:00 - Test User: Hi\n")

    with pytest.raises(CommandError) as caught:
        run(str(path))

    assert str(caught.value) == (
        f"{name} is not a .txt chat export. In WhatsApp open the chat, choose More > Export "
        "chat > Without media, and give the .txt file (unzipped)."
    )


def test_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="There is no file .*nothing.txt. Check the path."):
        run(str(tmp_path / "nothing.txt"))


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_bytes(f"01/03/2025, 10:00 - {BOT}: Hello!\n".encode("utf-16"))

    with pytest.raises(CommandError) as caught:
        run(str(path))

    assert str(caught.value) == (
        "chat.txt is not UTF-8 text. Give the file as WhatsApp exported it (its exports are "
        "UTF-8), not a copy saved in another encoding."
    )


def test_an_unreadable_file_is_an_error(tmp_path, monkeypatch):
    path = write(tmp_path, DEMOGRAPHICS)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_text", refuse)

    with pytest.raises(CommandError, match="Cannot read .*chat.txt: Permission denied. Check"):
        run(path)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "Some notes about the chat\n",
        "01/03/2025, 10:00 - This business uses a secure service from Meta.\n",
        "2025-03-01 10:00 Test User: Hi\n",
    ],
)
def test_a_file_without_messages_is_refused(tmp_path, text):
    path = tmp_path / "chat.txt"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(CommandError) as caught:
        run(str(path))

    assert str(caught.value) == (
        "chat.txt holds no WhatsApp messages: no line starts like `23/07/2024, 09:43 - Sender: "
        "text`. Give a chat export from WhatsApp (More > Export chat > Without media), its "
        "dates written day first."
    )
    assert not ChatUser.objects.exists()


def test_a_file_without_the_bot_s_messages_names_the_option(tmp_path):
    path = write(tmp_path, ["01/03/2025, 10:00 - Test User: Hi", "01/03/2025, 10:00 - Bot: Hi"])

    with pytest.raises(CommandError) as caught:
        run(path)

    assert str(caught.value) == (
        "chat.txt has no message from 'Honey AI Chatbot'. Give the bot's name, as the file "
        "writes it before the colon, with --bot-name."
    )


def test_a_chat_with_two_users_is_refused_without_naming_them(tmp_path):
    path = write(
        tmp_path,
        [
            "01/03/2025, 10:00 - Test User: Hi",
            f"01/03/2025, 10:00 - {BOT}: Hello!",
            "01/03/2025, 10:01 - Other Person: Hello",
        ],
    )

    with pytest.raises(CommandError) as caught:
        run(path)

    assert str(caught.value) == (
        "chat.txt has messages from 2 senders besides 'Honey AI Chatbot'; a chat of one user "
        "with the bot has one. Check --bot-name, or export a one-to-one chat."
    )


def test_a_chat_with_the_bot_alone_is_refused(tmp_path):
    path = write(tmp_path, [f"01/03/2025, 10:00 - {BOT}: Hello!"])

    with pytest.raises(CommandError, match="has messages from 'Honey AI Chatbot' only"):
        run(path)


def test_an_unknown_time_zone_is_refused(tmp_path):
    with pytest.raises(CommandError) as caught:
        run(write(tmp_path, DEMOGRAPHICS), "--tz", "Africa/Nowhere")

    assert str(caught.value) == (
        "There is no time zone 'Africa/Nowhere'. Give an IANA name such as Africa/Lagos."
    )


@pytest.mark.parametrize("gap", ["0", "-5", "half", "527041", "99999999999999999999"])
def test_a_session_gap_must_be_a_whole_number_of_minutes(tmp_path, gap):
    with pytest.raises(CommandError, match="is not a whole number of minutes from 1 to 527040"):
        run(write(tmp_path, DEMOGRAPHICS), "--session-gap", gap)


def test_an_error_is_one_line_on_stderr_and_exit_status_1(tmp_path):
    path = tmp_path / "chat.zip"
    path.write_text("PK")

    done = subprocess.run(
        [sys.executable, "manage.py", "import_transcript", str(path)],
        cwd=REPOSITORY,
        env={**os.environ, "DJANGO_DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        "CommandError: chat.zip is not a .txt chat export. In WhatsApp open the chat, choose "
        "More > Export chat > Without media, and give the .txt file (unzipped)."
    ]


def test_no_message_of_the_real_transcript_keeps_the_users_name(transcript):
    run(transcript)

    texts = list(Conversation.objects.values_list("message_text", flat=True))
    assert not [text for text in texts if re.search(r"\bAda\b", text, re.IGNORECASE)]
    assert sum("Hey [name]!" in text for text in texts) == 30  # the file's "Hey Ada!" greetings
