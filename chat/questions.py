"""What the Honey chatbot asks, as its WhatsApp exports show it: each question's step, the
words that give it away, and the option sets of its list pickers.

A WhatsApp export keeps reply buttons apart (`Button N: label` lines) but runs a list picker's
prompt and option titles together on one line, and an option may hold spaces; only knowing the
option sets splits them again. The sets below are the chatbot's own, in English and in the
Yoruba and Hausa versions its users may pick, in the order it shows them. Where a question
fills a field of the user (gender, age group...) or names a flow (the main menu), `values`
gives the English value at each position, so that an answer stored in the user's record reads
the same in every language.

Prompts and options are compared folded (`fold`): Unicode NFC, whitespace collapsed, no case.
"""

import unicodedata
from dataclasses import dataclass

# The closing option of the LGA picker, whose other options change with what the user typed.
NONE_OF_THE_ABOVE = "None of the above"

# The hint some list pickers leave between their prompt and their options.
SCROLL_HINT = "Scroll to see all options"


def fold(text):
    """`text` as compared: NFC, whitespace runs made one space, trimmed, without case."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


@dataclass(frozen=True)
class Question:
    """A question the chatbot asks.

    `prompts`: words that identify it, any one of which is enough. `option_sets`: the option
    titles of its list pickers (and of button sets that come without a telling prompt).
    `values`: the English value at each option position. `fills`: the user's field its answer
    sets. `open_options`: a picker whose options vary (the LGA suggestions) and end with
    `None of the above`, which is not an answer.
    """

    step: str
    category: str
    prompts: tuple = ()
    option_sets: tuple = ()
    values: tuple = ()
    fills: str | None = None
    open_options: bool = False

    def value_at(self, position, label):
        """The value stored for the option at `position` (counted from 0) titled `label`."""
        if self.values and position < len(self.values):
            return self.values[position]
        return label


GENDERS = ("Male 👨", "Female 👩", "Prefer not to say")
AGE_GROUPS = ("< 25", "26-35", "36-45", "46-55", "55 and older")
MARITAL_STATUSES = (
    "Single",
    "In a relationship",
    "Married",
    "Divorced",
    "Widowed",
    "Prefer not to say",
)
MAIN_MENU = (
    "How to get pregnant",
    "How to prevent pregnancy",
    "How to improve sex life",
    "Change/stop current FPM",
    "Ask a general question",
)
NEXT_ACTIONS = ("Back to main menu", "Ask another question")

# Main-menu choice -> the flow it starts (the names `/analytics/flows` counts).
FLOWS = {
    "How to get pregnant": "get_pregnant",
    "How to prevent pregnancy": "prevent_pregnancy",
    "How to improve sex life": "improve_sex_life",
    "Change/stop current FPM": "change_stop_fpm",
    "Ask a general question": "general_question",
}

QUESTIONS = (
    Question(
        "language",
        "demographic",
        prompts=("Please choose the language you want to chat with",),
        values=("English", "Hausa", "Yoruba"),
        fills="selected_language",
    ),
    Question(
        "gender",
        "demographic",
        prompts=(
            "What is your gender?",
            "Obìnrin ni yín tàbí ọkùnrin?",
            "Kin ni ibi yin?",
            "Mene ne jinsinki?",
        ),
        values=GENDERS,
        fills="selected_gender",
    ),
    Question(
        "lga_confirmation",
        "demographic",
        prompts=(
            "Please confirm your local government area.",
            "Jọwọ, se aridaju pé Ijọba Ibilẹ rẹ ni èyí",
        ),
        fills="selected_lga",
        open_options=True,
    ),
    Question(
        "lga",
        "demographic",
        prompts=(
            "What Local Government Area (LGA) are you chatting from?",
            "E mu eyi ti o jẹ ìjọba ìbíle tí e ti n bawa sọrọ",
            "Ko Ijọba ìbílẹ̀ tí o ti n bá wa sọ̀rọ̀.",
        ),
    ),
    Question(
        "age_group",
        "demographic",
        prompts=("How old are you?", "Kin ni ọjọ orí rẹ?"),
        option_sets=(
            AGE_GROUPS,
            ("< 25", "26-35", "36-45", "46-55", "55 àti jù bẹ̣̣́ẹ́ lọ́"),
        ),
        values=AGE_GROUPS,
        fills="selected_age_group",
    ),
    Question(
        "marital_status",
        "demographic",
        prompts=(
            "What is your current marital status?",
            "Se wúndíá ni ọ àbí abilekọ báyìí?",
            "Ṣe wúndíá tàbí àpọn ni ọ báyìí àbí o ti ṣègbéyàwó?",
        ),
        option_sets=(
            MARITAL_STATUSES,
            ("Wundia", "In a relationship", "Abileko", "Divorced", "Widowed", "Ko wù yín láti sọ"),
            (
                "Mo dà wá",
                "Mo ní àfẹ́sọ́nà",
                "Mo ti ṣe ìgbéyàwó",
                "Dàlémọ́ṣù",
                "òpó",
                "Ko wù yín láti sọ",
            ),
            (
                "N kò tíì ní ọkọ/ìyàwó",
                "Mo ti ní àfẹ́sọ́nà.",
                "Mo ti ní ọkọ/ìyàwó.",
                "Mo ti kọ aya/ọkọ",
                "0pó",
                "Kò wù yín láti sọ ọ",
            ),
        ),
        values=MARITAL_STATUSES,
        fills="selected_marital_status",
    ),
    Question(
        "main_menu",
        "fpm_selection",
        prompts=("What do you want to know?", "Kin nnkan tí o fẹ mọ?", "Ki ni nnkan tí o fẹ mọ?"),
        option_sets=(
            MAIN_MENU,
            (
                "Bí a ṣe le loyún",
                "Bí a ṣe le dena oyun",
                "Bi ibálòpọ se le dun si",
                "Yi/da eto re duro",
            ),
            (
                "Bí a ṣe le loyún",
                "Bí a ṣe lè dènà oyún",
                "Bí ìbálòpọ̀ ṣe lè dùn sí",
                "Yí / dá ìlànà dúró.",
            ),
        ),
        values=MAIN_MENU,
        fills="main_menu_option",
    ),
    Question(
        "ask_question",
        "general_question",
        prompts=("What is your question?",),
    ),
    Question(
        "next_action",
        "navigation",
        prompts=(
            "What do you want to do next?",
            "What would you like to do next?",
            "Feel free to type in your question.",
            "Me kike son yi gaba?",
        ),
        option_sets=(NEXT_ACTIONS,),
    ),
    Question(
        "contraception_type",
        "fpm_selection",
        prompts=(
            "What kind of contraception do you want to know about?",
            "Iru ọna ìdènà lóyún wo ni o fẹ́ mọ̀ nípa rẹ̀?",
        ),
        values=("Emergency", "Prevent in future"),
    ),
    Question(
        "emergency_product",
        "fpm_selection",
        prompts=("Which product do you want to learn about?",),
    ),
    Question(
        "prevention_duration",
        "preference",
        prompts=(
            "For how long do you want to prevent pregnancy?",
            "Titi di igba wo ni o fẹ dena oyun nini?",
        ),
        option_sets=(
            ("Up to 1 year", "1-2 years", "3-4 years", "5-10 years", "Permanently"),
            (
                "Titi di ọdún kan",
                "ọdún kan si meji",
                "ọdún meta si mẹrin",
                "ọdún marun-un si mẹwaa",
                "Titilai",
                "Kò dájú.",
            ),
        ),
        values=("Up to 1 year", "1-2 years", "3-4 years", "5-10 years", "Permanently", "Not sure"),
    ),
    Question(
        "method_choice",
        "fpm_selection",
        prompts=(
            "Which method you want to learn more about?",
            "Ọ̀nà wo lo fẹ́ kọ́ nípa rẹ̀?",
            "Click on any of the products to get more information about it.",
        ),
        option_sets=(
            ("Daily pills", "Injectables", "Implants", "Emergency pills"),
            ("Daily pills", "Diaphgram", "Female condom", "Male Condom", "Injectables"),
        ),
    ),
    Question(
        "method_info",
        "preference",
        prompts=(
            "What do you want to learn about?",
            "advantages and disadvantages of",
            "Yan ohun tí o fẹ́ mọ̀ nípa",
        ),
        option_sets=(
            ("Advantages and dis-", "Who can(not) use it"),
            ("Ànfààní ati aleebu", "Ẹnito le/ti ole lòó"),
        ),
    ),
    Question(
        "medical_conditions",
        "medical",
        prompts=(
            "Do you have any of the medical conditions listed?",
            "Ǹjẹ́ o ní èyíkéyìí lára àwọn àìsàn tá a mẹ́nu kàn yìí?",
        ),
    ),
    Question(
        "product_choice",
        "fpm_selection",
        prompts=(
            "Click on any of them to get their full details.",
            "Tẹ lori eyikeyi ninu awọn ọja lati gba awọn alaye wọn ni kikun.",
        ),
    ),
    Question(
        "other_methods",
        "preference",
        prompts=("Do you want to find out about other family planning methods?",),
    ),
    Question(
        "answer_check",
        "satisfaction",
        prompts=("Did I answer your question?",),
    ),
    Question(
        "anything_else",
        "navigation",
        prompts=("Can I help you with anything else?",),
    ),
    Question(
        "ask_ai",
        "navigation",
        prompts=("Would you like me to ask a question to the AI chatbot?",),
    ),
    Question(
        "agent_choice",
        "navigation",
        prompts=("Do you want to be connected to a human medical professional agent",),
    ),
    Question(
        "human_agent",
        "navigation",
        prompts=("Do you want me to connect you to a human?",),
        option_sets=(("Yes", "No"),),
    ),
    Question(
        "clinic_referral",
        "referral",
        prompts=(
            "Do you want me to refer you to a clinic?",
            "Se o fẹ kí n tọka ile-iwosan ti o ti le se ìlànà yìí?",
        ),
    ),
    Question(
        "referral_lga",
        "referral",
        prompts=(
            "Please can you confirm that your current local government is",
            "jọwọ se o se aridaju ipinle ti o wa lọwọlọwọ",
        ),
    ),
    Question(
        "clinic_town",
        "referral",
        prompts=("the town where you can visit the clinic", "from the list of towns"),
    ),
    Question(
        "fpm_concern_type",
        "concern",
        prompts=("Could you tell me a little more about the situation?",),
    ),
    Question(
        "current_method",
        "fpm_selection",
        prompts=(
            "Which method are you currently using?",
            "Irú ilànà wọ lo n lo lọwọlọwọ?",
            "Please select from the options your current or recently used method.",
            "Jọwọ yan lara àwọn àṣàyàn ìlànà rẹ ti o n lo lọwọlọwọ tàbí èyí ti o lo laipẹ.",
        ),
        option_sets=(
            (
                "IUD",
                "Implants",
                "Injection/Depo-provera",
                "Sayana Press",
                "Daily Pills",
                "Condoms",
                "Emergency contraceptives",
                "Female sterilisation",
                "Male sterilisation",
                "Other",
            ),
            (
                "IUD",
                "Implant",
                "Injection/Depo-provera",
                "Sayana Press",
                "Daily Pill",
                "Female sterilisation",
                "Male sterilisation",
            ),
            (
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
            ),
            (
                "No FPM now or recently",
                "Ìlànà IUD",
                "Ìlànà alápá",
                "Adena oyún alábẹ́rẹ́ / Sayana Press",
                "Ìlànà Sayana Press",
                "Òògùn olojoojúmọ́",
                "Kọndọọmu",
                "Òògùn onípàjáwìrì",
                "Ìlànà siso àwọn obìnrin",
                "Ìlànà siso àwọn obìnrin",
            ),
        ),
    ),
    Question(
        "stop_reason",
        "concern",
        prompts=(
            "why do you want to stop using this method?",
            "N jẹ o le sọ fún mi ìdí ti o fi fẹ dawọ lilo ìlànà yìí dúró?",
        ),
        option_sets=(
            (
                "Low Effectiveness",
                "Effect on my health",
                "Inconvinience",
                "High price",
                "Side effects",
                "Sex life/pleasure",
                "Privacy in contraception",
                "Want no clinic visits",
                "I gained extra weight",
                "Something else",
            ),
            (
                "ko munadoko",
                "Ìpa lórí ìlera",
                "Kò rò rùn",
                "O won",
                "Àwọn ìpalára",
                "Ìbálòpo/adùn",
                "Lọ̀ ògùn nì íkọ̀kọ̀",
                "Mi o fẹ́ ilé ìwòsàn",
                "mo si sanra si",
                "nkan mii",
            ),
        ),
    ),
    Question(
        "iud_removal",
        "medical",
        prompts=("Have you already removed the IUD",),
        option_sets=(
            ("Yes,more than 1 year", "Yes,less than 1 year", "No, I didn't remove"),
            ("o ju ọdun kan lọ", "ko to ọdun kan", "rara, mi o ti yọ"),
        ),
    ),
    Question(
        "sex_life_topic",
        "sex_enhancement",
        prompts=("What do you want to learn more about?",),
    ),
    Question(
        "feedback",
        "satisfaction",
        prompts=("Would you like to leave feedback for us?",),
    ),
)

# Bot messages that ask nothing but mark where the chat stands.
GREETING_STEP = "greeting"
GREETINGS = (
    "My name is Honey",
    "Oruko mi ni Honey",
    "Orúkọ mi ni Honey",
    "Sunana Honey",
    "How can I assist you with family planning",
)

# The bot's replies when it could not use what the user sent: kind -> words that show it.
ERRORS = {
    "not_understood": (
        "I don't understand",
        "Could you please click one of the buttons?",
        "Jọ̀wọ́ ṣe ó lè tẹ ọ̀kan nínú àwọn aṣàyàn tí ó hàn sáájú?",
    ),
    "no_answer": ("I don't know an answer to your question",),
}
# A reply that is only these words is a failure too.
ERROR_TEXTS = {"NO ANSWER": "no_answer"}


def _folded(phrases):
    return tuple(fold(phrase) for phrase in phrases)


_PROMPTS = [(question, _folded(question.prompts)) for question in QUESTIONS]
_GREETINGS = _folded(GREETINGS)
_ERRORS = {kind: _folded(phrases) for kind, phrases in ERRORS.items()}
_ERROR_TEXTS = {fold(text): kind for text, kind in ERROR_TEXTS.items()}

# Folded option set -> the questions that offer it; a set offered by one question names it.
_BY_OPTIONS = {}
for _question in QUESTIONS:
    for _options in _question.option_sets:
        _BY_OPTIONS.setdefault(_folded(_options), []).append(_question)


def question_asked_in(text):
    """The question whose prompt `text` holds (the first in `QUESTIONS`), or None."""
    folded = fold(text)
    for question, prompts in _PROMPTS:
        if any(prompt in folded for prompt in prompts):
            return question
    return None


def question_offering(options):
    """The one question that offers exactly these options, or None (also when several do)."""
    questions = _BY_OPTIONS.get(_folded(options), [])
    return questions[0] if len(questions) == 1 else None


def is_greeting(text):
    folded = fold(text)
    return any(greeting in folded for greeting in _GREETINGS)


def error_in(text):
    """The kind of failure a bot message reports (`not_understood`, `no_answer`), or None."""
    folded = fold(text)
    if folded in _ERROR_TEXTS:
        return _ERROR_TEXTS[folded]
    for kind, phrases in _ERRORS.items():
        if any(phrase in folded for phrase in phrases):
            return kind
    return None
