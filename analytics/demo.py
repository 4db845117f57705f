"""The project's own demo data: a few states' partner clinics and two weeks of made-up chats.

Everything here is invented (no real person or clinic) and generated from a fixed seed, so that
every machine gets the same dataset relative to the day it runs. Demo rows are recognisable by
their keys (`demo-user-NN` session ids, clinic names ending in "(demo)"), which is how a rerun
finds them and `--reset` removes them without touching anything else.
"""

import datetime
import logging
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from analytics.services import upsert_session_analytics
from chat.models import ChatSession, Conversation
from clinics.models import Clinic
from interactions.models import FpmInteraction
from referrals.models import Referral
from responses.models import UserResponse
from users.models import ChatUser

logger = logging.getLogger(__name__)

DEMO_USER_PREFIX = "demo-user-"
DEMO_CLINIC_SUFFIX = " (demo)"
SEED = 2026
USERS = 24
DAYS = 14
MINUTE = datetime.timedelta(minutes=1)

CLINICS = [
    ("Lagos", "Ikeja", "Allen Avenue Family Health Centre", "14 Allen Avenue"),
    ("Lagos", "Surulere", "Bode Thomas Women's Clinic", "3 Bode Thomas Street"),
    ("Lagos", "Alimosho", "Egbeda Primary Health Centre", "Egbeda Road, by the market"),
    ("Kano", "Nassarawa", "Bompai Family Planning Unit", "Bompai Road"),
    ("Kano", "Fagge", "Sabon Gari Health Post", "Sabon Gari, near the motor park"),
    ("Federal Capital Territory", "Gwagwalada", "Gwagwalada Family Clinic", "Phase 2"),
    ("Federal Capital Territory", "Bwari", "Bwari Community Health Centre", "Kubwa Road"),
    ("Oyo", "Ibadan North", "Bodija Family Health Clinic", "Bodija Market Road"),
    ("Rivers", "Port Harcourt", "D-Line Women's Health Centre", "D-Line, off Ikwerre Road"),
]

METHODS = ["Implant", "IUD", "Injectables", "Daily pills", "Condoms", "Emergency pills"]
SERVICES = ["Family planning counselling", "Method insertion and removal", "Pregnancy test"]

LANGUAGES = ["English", "Hausa", "Yoruba", "Pidgin"]
GENDERS = ["Female 👩", "Male 👨", "Prefer not to say"]
AGE_GROUPS = ["< 25", "26-35", "36-45", "46-55"]
MARITAL = ["Single", "In a relationship", "Married", "Divorced"]
STATES = [("Lagos", "Ikeja"), ("Kano", "Nassarawa"), ("Federal Capital Territory", "Bwari")]

# Main-menu choice -> (flow name, the flow's own question, its options, what the bot says).
FLOWS = {
    "Prevent pregnancy": (
        "prevent_pregnancy",
        "For how long do you want to prevent pregnancy?",
        ["Up to 1 year", "1-2 years", "3-4 years", "5-10 years", "Permanently"],
        "A long-acting method such as an implant or an IUD may suit you.",
    ),
    "Get pregnant": (
        "get_pregnant",
        "Are you using a family planning method now?",
        ["Yes", "No"],
        "Fertility returns soon after most methods stop; a clinic can advise you.",
    ),
    "Change FPM method": (
        "change_fpm",
        "Why do you want to change your method?",
        ["Side effects", "It is hard to use", "I want a longer method"],
        "Many people switch methods; here is what to expect from the options.",
    ),
    "Stop FPM method": (
        "stop_fpm",
        "Which method do you want to stop?",
        ["Implant", "IUD", "Injectables", "Daily pills"],
        "A trained provider should remove an implant or an IUD.",
    ),
    "Ask about FPM concerns": (
        "fpm_concerns",
        "What is your concern?",
        ["Irregular bleeding", "Weight change", "Headaches"],
        "These effects are common and often settle within a few months.",
    ),
}


@dataclass
class Summary:
    """What a run created; `skipped` is set when the demo data was already there."""

    counts: dict = field(default_factory=dict)
    skipped: bool = False

    def add(self, name, number=1):
        self.counts[name] = self.counts.get(name, 0) + number

    def line(self):
        if self.skipped:
            return "already present, nothing created (use --reset to rebuild it)"
        return ", ".join(f"{n} {name}" for name, n in self.counts.items())


def demo_data_present():
    return ChatUser.objects.filter(user_session_id__startswith=DEMO_USER_PREFIX).exists()


def remove_demo_data():
    """Delete the demo rows (users cascade to their chats), leaving everything else alone."""
    users, _ = ChatUser.objects.filter(user_session_id__startswith=DEMO_USER_PREFIX).delete()
    clinics, _ = Clinic.objects.filter(clinic_name__endswith=DEMO_CLINIC_SUFFIX).delete()
    logger.info("removed demo data: %s rows through users, %s through clinics", users, clinics)


@transaction.atomic
def create_demo_data(*, today=None, reset=False, progress=None):
    """Create the demo dataset unless it is there already; one transaction, all or nothing.

    `progress`, when given, is called with (done, total) after each user's chats.
    """
    summary = Summary()
    if reset:
        remove_demo_data()
    elif demo_data_present():
        summary.skipped = True
        return summary

    rng = random.Random(SEED)
    today = today or timezone.now().date()
    clinics = _create_clinics(rng, summary)

    for number in range(1, USERS + 1):
        _create_user_with_chats(rng, number, today, clinics, summary)
        if progress:
            progress(number, USERS)

    logger.info("created demo data: %s", summary.line())
    return summary


def _create_clinics(rng, summary):
    clinics = []
    for state, lga, name, address in CLINICS:
        clinics.append(
            Clinic.objects.create(
                clinic_name=name + DEMO_CLINIC_SUFFIX,
                clinic_type=rng.choice(["Public", "Private", "NGO"]),
                state=state,
                lga=lga,
                city=lga,
                address=address,
                phone_number=f"+23480{rng.randrange(10_000_000, 99_999_999)}",
                services_offered=rng.sample(SERVICES, k=2),
                fpm_methods_available=rng.sample(METHODS, k=4),
                consultation_fee=rng.choice([0, 500, 1000, 2500]),
                operating_hours="Mon-Fri 8:00-16:00",
                is_active=rng.random() > 0.1,
            )
        )
    summary.add("clinics", len(clinics))
    return clinics


def _create_user_with_chats(rng, number, today, clinics, summary):
    state, lga = rng.choice(STATES)
    user = ChatUser.objects.create(
        user_session_id=f"{DEMO_USER_PREFIX}{number:02d}",
        selected_language=rng.choice(LANGUAGES),
        selected_gender=rng.choice(GENDERS),
        selected_state=state,
        selected_lga=lga,
        selected_age_group=rng.choice(AGE_GROUPS),
        selected_marital_status=rng.choice(MARITAL),
    )
    summary.add("users")

    starts, ends = [], []
    for _ in range(rng.choice([1, 1, 2])):
        day = today - datetime.timedelta(days=rng.randrange(DAYS))
        start = datetime.datetime.combine(day, datetime.time(rng.randrange(7, 22)), datetime.UTC)
        start += datetime.timedelta(minutes=rng.randrange(60))
        starts.append(start)
        ends.append(_create_session(rng, user, start, clinics, summary))

    ChatUser.objects.filter(pk=user.pk).update(created_at=min(starts), last_active_at=max(ends))


class Script:
    """Writes one session's messages in order, a few seconds apart, numbering them."""

    def __init__(self, rng, session, start):
        self.rng = rng
        self.session = session
        self.clock = start
        self.messages = []
        self.answers = []

    def bot(self, text, step, options=()):
        return self._say("bot", text, step=step, options=list(options))

    def pick(self, question, choice, category):
        message = self._say(
            "user",
            choice,
            step=question.chat_step,
            source="button_click",
            selected=choice,
        )
        self.answers.append((question, message, category))
        return message

    def type(self, text, step):
        return self._say("user", text, step=step)

    def _say(self, kind, text, *, step, options=(), source="typed", selected=None):
        self.clock += datetime.timedelta(seconds=self.rng.randrange(3, 40))
        message = Conversation.objects.create(
            session=self.session,
            user=self.session.user,
            message_text=text,
            message_type=kind,
            message_source=source,
            chat_step=step,
            widget_name=f"{step}_buttons" if options else None,
            has_widget=bool(options),
            widget_options=list(options),
            selected_option=selected,
            message_sequence_number=len(self.messages) + 1,
            created_at=self.clock,
        )
        self.messages.append(message)
        return message


def _create_session(rng, user, start, clinics, summary):
    session = ChatSession.objects.create(
        user=user,
        session_start_time=start,
        device_type=rng.choice(["mobile", "mobile", "desktop", "tablet"]),
        ip_address=f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}",
        created_at=start,
    )
    summary.add("chat sessions")
    chat = Script(rng, session, start)

    question = chat.bot("Hello! Which language would you like to use?", "language", LANGUAGES)
    chat.pick(question, user.selected_language, "demographic")
    question = chat.bot("What is your gender?", "gender", GENDERS)
    chat.pick(question, user.selected_gender, "demographic")
    chat.bot("Which state and LGA do you live in?", "location")
    chat.type(f"{user.selected_lga}, {user.selected_state}", "location")
    menu = chat.bot("What would you like to do today?", "main_menu", FLOWS)
    choice = rng.choice(list(FLOWS))
    chat.pick(menu, choice, "fpm_selection")

    flow, flow_question, options, advice = FLOWS[choice]
    abandoned = rng.random() < 0.25
    referral = None
    rating = None
    if abandoned:
        chat.bot(flow_question, flow, options)
    else:
        asked = chat.bot(flow_question, flow, options)
        chat.pick(asked, rng.choice(options), "preference")
        chat.bot(advice, f"{flow}_advice")
        offer = chat.bot(
            "Would you like the address of a clinic near you?", "referral", ["Yes", "No"]
        )
        if chat.pick(offer, rng.choice(["Yes", "No"]), "referral").message_text == "Yes":
            nearby = [c for c in clinics if c.state == user.selected_state] or clinics
            referral = rng.choice(nearby)
            chat.bot(f"You can visit {referral.clinic_name}, {referral.address}.", "referral")
        rate = chat.bot("How helpful was this chat, from 1 to 5?", "satisfaction", "12345")
        rating = int(chat.pick(rate, rng.choice("34455"), "satisfaction").message_text)
        chat.bot("Thank you for chatting with us. Stay safe!", "goodbye")

    _finish_session(session, chat, abandoned)
    _record_answers(chat, summary)
    _record_interaction(rng, session, flow, choice, referral, start)
    summary.add("FPM interactions")
    if referral:
        Referral.objects.create(
            user=user,
            session=session,
            clinic=referral,
            referral_reason=flow,
            recommended_service="Family planning counselling",
            referral_provided_at=chat.clock,
            follow_up_needed=rng.random() < 0.5,
        )
        summary.add("referrals")
    _record_analytics(rng, session, chat, flow, abandoned, rating)
    summary.add("analytics records")
    summary.add("messages", len(chat.messages))
    return chat.clock


def _finish_session(session, chat, abandoned):
    session.session_end_time = chat.clock
    session.total_messages_count = len(chat.messages)
    session.session_duration_minutes = (chat.clock - session.session_start_time) // MINUTE
    session.session_completed = not abandoned
    session.session_outcome = "abandoned" if abandoned else "completed"
    session.final_step_reached = chat.messages[-1].chat_step
    session.save()


def _record_answers(chat, summary):
    previous = None
    for question, message, category in chat.answers:
        previous = UserResponse.objects.create(
            user=chat.session.user,
            session=chat.session,
            conversation=message,
            previous_response=previous,
            response_category=category,
            response_type="button_click",
            question_asked=question.message_text,
            user_response=message.message_text,
            available_options=question.widget_options,
            step_in_flow=question.chat_step,
            is_initial_response=previous is None,
            created_at=message.created_at,
        )
        summary.add("responses")


def _record_interaction(rng, session, flow, choice, referral, start):
    FpmInteraction.objects.create(
        user=session.user,
        session=session,
        fpm_flow_type=flow,
        main_menu_option=choice,
        interested_fpm_method=rng.choice(METHODS),
        clinic_referral_needed=referral is not None,
        created_at=start,
    )


def _record_analytics(rng, session, chat, flow, abandoned, rating):
    user_messages = [m for m in chat.messages if m.message_type == "user"]
    upsert_session_analytics(
        session=session,
        created_at=chat.clock,
        steps_completed=list(dict.fromkeys(m.chat_step for m in chat.messages)),
        flows_attempted=[flow],
        total_user_messages=len(user_messages),
        total_bot_messages=len(chat.messages) - len(user_messages),
        total_button_clicks=sum(m.message_source == "button_click" for m in user_messages),
        total_typed_responses=sum(m.message_source == "typed" for m in user_messages),
        session_abandonment_point=chat.messages[-1].chat_step if abandoned else None,
        satisfaction_rating=rating,
        average_response_time_seconds=round(rng.uniform(1.5, 9.5), 2),
    )
