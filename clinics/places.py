"""Names of places that the clinic directory must recognise however they are written."""

FEDERAL_CAPITAL_TERRITORY = "Federal Capital Territory"

# Abuja is the FCT's city and FCT its short form; people and spreadsheets use all three.
STATE_ALIASES = {
    "abuja": FEDERAL_CAPITAL_TERRITORY,
    "fct": FEDERAL_CAPITAL_TERRITORY,
    "fct abuja": FEDERAL_CAPITAL_TERRITORY,
    "fct-abuja": FEDERAL_CAPITAL_TERRITORY,
    "federal capital territory": FEDERAL_CAPITAL_TERRITORY,
}


def spellings_of_state(name):
    """Every spelling under which `name` may be stored, itself included."""
    key = " ".join(name.split()).casefold()
    canonical = STATE_ALIASES.get(key)
    if canonical is None:
        return [name]
    return [canonical, *(alias for alias, target in STATE_ALIASES.items() if target == canonical)]
