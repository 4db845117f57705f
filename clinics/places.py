"""Names of places that the clinic directory must recognise however they are written.

The project knows Nigeria's 36 states and the Federal Capital Territory itself. LGAs are checked
only against a gazetteer (`clinics.gazetteer`); the aliases below, known misspellings and short
forms met in the partner clinics' own lists, are the one table both use.
"""

import re
import unicodedata

FEDERAL_CAPITAL_TERRITORY = "Federal Capital Territory"

# The 36 states and the FCT, spelled as `nigeria-states-lgas.csv` spells them.
STATES = (
    "Abia",
    "Adamawa",
    "Akwa Ibom",
    "Anambra",
    "Bauchi",
    "Bayelsa",
    "Benue",
    "Borno",
    "Cross River",
    "Delta",
    "Ebonyi",
    "Edo",
    "Ekiti",
    "Enugu",
    FEDERAL_CAPITAL_TERRITORY,
    "Gombe",
    "Imo",
    "Jigawa",
    "Kaduna",
    "Kano",
    "Katsina",
    "Kebbi",
    "Kogi",
    "Kwara",
    "Lagos",
    "Nasarawa",
    "Niger",
    "Ogun",
    "Ondo",
    "Osun",
    "Oyo",
    "Plateau",
    "Rivers",
    "Sokoto",
    "Taraba",
    "Yobe",
    "Zamfara",
)

# Abuja is the FCT's city and FCT its short form; people and spreadsheets use all three.
# Keys are lower case with single spaces (how `spellings_of_state` looks them up).
STATE_ALIASES = {
    "abuja": FEDERAL_CAPITAL_TERRITORY,
    "fct": FEDERAL_CAPITAL_TERRITORY,
    "fct abuja": FEDERAL_CAPITAL_TERRITORY,
    "fct-abuja": FEDERAL_CAPITAL_TERRITORY,
    "federal capital territory": FEDERAL_CAPITAL_TERRITORY,
    "kastina": "Katsina",
    "nassarawa": "Nasarawa",
}

# LGAs written otherwise than the gazetteer writes them, by state: misspellings and short
# forms. Hyphens, slashes, spaces and case need no entry (`place_key` ignores them). Towns that
# are not LGAs (the workbook's `Amechi`, `Mowe`) have none either: which LGA a town lies in is
# for a person to decide, so such rows are reported as unmatched.
LGA_ALIASES = {
    "Abia": {"Osisioma Ngwa": "Osisioma"},
    "Bauchi": {"Katagun": "Katagum"},
    "Bayelsa": {"Yenegoa": "Yenagoa"},
    "Benue": {"Markurdi": "Makurdi"},
    FEDERAL_CAPITAL_TERRITORY: {
        "Abuja Municipal (AMAC)": "Municipal Area Council",
        "Abuja Municipal": "Municipal Area Council",
        "AMAC": "Municipal Area Council",
    },
    "Katsina": {"Kastina": "Katsina"},
    "Lagos": {"Ifako-Ijaye": "Ifako-Ijaiye"},
    "Oyo": {"Ogbomosho North": "Ogbomoso North", "Ogbomosho South": "Ogbomoso South"},
    "Rivers": {"Obia/Akpor": "Obio/Akpor"},
}


def spellings_of_state(name):
    """Every spelling under which `name` may be stored, itself included."""
    key = " ".join(name.split()).casefold()
    canonical = STATE_ALIASES.get(key)
    if canonical is None:
        return [name]
    return [canonical, *(alias for alias, target in STATE_ALIASES.items() if target == canonical)]


def place_key(text):
    """Fold a name for comparison: letters and digits only, without case or accents.

    `Isiala-Ngwa North`, `ISIALA NGWA NORTH` and `Isiala Ngwa  North` all give one key.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"[\W_]+", "", "".join(c for c in decomposed if not unicodedata.combining(c)))


_STATE_BY_KEY = {
    **{place_key(state): state for state in STATES},
    **{place_key(alias): state for alias, state in STATE_ALIASES.items()},
}

_LGA_ALIAS_BY_KEY = {
    place_key(state): {place_key(alias): lga for alias, lga in aliases.items()}
    for state, aliases in LGA_ALIASES.items()
}


def known_state(name):
    """The state or FCT that `name` means, in the canonical spelling; None if unknown."""
    return _STATE_BY_KEY.get(place_key(name))


def lga_alias(state, lga):
    """The gazetteer's spelling of `lga` when it is a known alias in `state`, else None."""
    return _LGA_ALIAS_BY_KEY.get(place_key(state), {}).get(place_key(lga))
