"""Matching states and LGAs: the project's own list of states, and a gazetteer CSV."""

import pytest

from clinics.gazetteer import Gazetteer, GazetteerError, Match
from clinics.places import STATES, known_state, spellings_of_state

GAZETTEER = """state,state_code,capital,lga
Benue,BE,Makurdi,Makurdi
Rivers,RI,Port Harcourt,Obio/Akpor
Rivers,RI,Port Harcourt,Port Harcourt
Ekiti,EK,Ado-Ekiti,Ado-Ekiti
Federal Capital Territory,FC,Abuja,Municipal Area Council
Katsina,KT,Katsina,Katsina
"""


@pytest.fixture
def gazetteer(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text(GAZETTEER, encoding="utf-8")
    return Gazetteer.from_csv(path)


def test_the_project_knows_36_states_and_the_fct():
    assert len(STATES) == 37
    assert len(set(STATES)) == 37


@pytest.mark.parametrize(
    ("written", "state"),
    [
        ("Lagos", "Lagos"),
        ("LAGOS ", "Lagos"),
        ("akwa-ibom", "Akwa Ibom"),
        ("Abuja", "Federal Capital Territory"),
        ("FCT", "Federal Capital Territory"),
        ("Kastina", "Katsina"),
        ("Nassarawa", "Nasarawa"),
        ("Atlantis", None),
    ],
)
def test_states_are_known_in_any_case_and_through_aliases(written, state):
    assert known_state(written) == state


def test_without_a_gazetteer_states_match_and_lgas_are_unchecked():
    places = Gazetteer()

    assert places.state("kastina") == Match("Katsina", True)
    assert places.state("Lagoss") == Match("Lagoss", False)
    assert places.lga("Benue", "Markurdi") == Match("Makurdi", None)
    assert places.lga("Rivers", "Port-Harcourt") == Match("Port-Harcourt", None)


@pytest.mark.parametrize(
    ("state", "written", "lga"),
    [
        ("Benue", "Markurdi", "Makurdi"),
        ("Benue", "MAKURDI", "Makurdi"),
        ("Rivers", "Obia/Akpor", "Obio/Akpor"),
        ("Rivers", "Port-Harcourt", "Port Harcourt"),
        ("Rivers", "PORT HARCOURT ", "Port Harcourt"),
        ("Ekiti", "Ado Ekiti", "Ado-Ekiti"),
        ("Federal Capital Territory", "Abuja Municipal (AMAC)", "Municipal Area Council"),
        ("Katsina", "Kastina", "Katsina"),
    ],
)
def test_lgas_take_the_gazetteer_spelling(gazetteer, state, written, lga):
    assert gazetteer.lga(state, written) == Match(lga, True)


def test_an_lga_of_another_state_or_none_is_unmatched(gazetteer):
    assert gazetteer.lga("Benue", "Obio/Akpor") == Match("Obio/Akpor", False)
    assert gazetteer.lga("Ogun", "Mowe") == Match("Mowe", False)


def test_states_take_the_gazetteer_spelling(gazetteer):
    assert gazetteer.state("abuja") == Match("Federal Capital Territory", True)
    assert gazetteer.state("Lagos") == Match("Lagos", True)


def test_a_gazetteer_without_its_columns_is_refused(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text("name,code\nLagos,LA\n", encoding="utf-8")

    with pytest.raises(GazetteerError, match="has no rows with the columns state and lga"):
        Gazetteer.from_csv(path)


@pytest.mark.parametrize("asked", ["Kastina", "kastina"])
def test_the_state_filter_knows_the_katsina_misspelling(asked):
    assert spellings_of_state(asked) == ["Katsina", "kastina"]
