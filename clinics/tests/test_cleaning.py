"""Cleaning cells of a partner-clinic list: whitespace, missing values, address cells."""

import pytest

from clinics.cleaning import AddressCell, clean, split_address


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("  Peace Hospital ", "Peace Hospital"),
        ("Save  A Life\u00a0Mission\tHospital", "Save A Life Mission Hospital"),
        ("Ark of Noah Hospital\n,29 Ebong Street\n", "Ark of Noah Hospital ,29 Ebong Street"),
        ("Lokoja\n STATE:\u200b KOGI", "Lokoja STATE: KOGI"),
        ('Plot 35, Owerri.\n"', "Plot 35, Owerri."),
        ('The "Best" Clinic', 'The "Best" Clinic'),
        (0.0, "0"),
        (12, "12"),
    ],
)
def test_clean_folds_whitespace_and_stray_quotes(raw, cleaned):
    assert clean(raw) == cleaned


@pytest.mark.parametrize("raw", [None, "", "   ", "\u00a0\n", "N/A", "n/a", " N/A "])
def test_empty_cells_and_n_a_are_missing(raw):
    assert clean(raw) is None


def split(text, name="Hope Clinic", places=("Lagos", "Ikeja")):
    return split_address(text, name=name, places=places)


def test_the_name_in_front_is_removed_and_the_landmark_split_at_the_last_bare_comma():
    assert split("Hope Clinic,3 Oke Street, Ikeja,Opposite the market") == AddressCell(
        "3 Oke Street, Ikeja", "Opposite the market", True, False
    )


def test_the_name_is_found_whatever_its_case_spaces_and_punctuation():
    assert split("HOPE  clinic. ,3 Oke Street").address == "3 Oke Street"
    assert split("Hope Clinic, 3 Oke Street").address == "3 Oke Street"


def test_a_cell_without_the_name_is_kept_whole():
    assert split("3 Oke Street, Opposite the market") == AddressCell(
        "3 Oke Street, Opposite the market", None, False, False
    )


def test_a_trailing_n_a_is_dropped_in_either_layout():
    assert split("Hope Clinic,3 Oke Street,N/A") == AddressCell("3 Oke Street", None, True, False)
    assert split("Before Alhaji Bello, Giwa, N/A").address == "Before Alhaji Bello, Giwa"


@pytest.mark.parametrize(
    "cell",
    [
        "Hope Clinic,16,maria street, Baruwa Ipaja",
        "Hope Clinic,No,403 State Low Cost",
        "Hope Clinic,1,25th Street DDPA, Off Old Airport Road",
        "Hope Clinic,KM 3,no 20, Biket avenue, Osogbo",
    ],
)
def test_a_comma_inside_a_house_number_is_not_a_separator(cell):
    parts = split(cell)

    assert parts.landmark is None
    assert parts.address == cell.removeprefix("Hope Clinic,")


def test_the_clinics_lga_or_state_after_the_last_comma_is_not_a_landmark():
    assert split("Hope Clinic,24 Janna road,Ikeja") == AddressCell(
        "24 Janna road,Ikeja", None, True, False
    )


def test_a_contact_line_is_withheld_whole():
    assert split("Hope Clinic,Mrs. Jane Doe,8000000000") == AddressCell(None, None, False, True)
    assert split("Mrs. A. Person, +234 803 123 4567").withheld
    assert split("Mrs. A. Person, 0803-123-4567").withheld


@pytest.mark.parametrize(
    "text", ["Plot 1195 Cadastral Zone", "24 - 32 Ogunlana Street", "P.O.Box 21", "Km31, Badagry"]
)
def test_house_numbers_are_not_phone_numbers(text):
    assert not split(text).withheld


def test_a_cell_holding_only_the_name_has_no_address():
    assert split("Hope Clinic") == AddressCell(None, None, True, False)


def test_control_characters_are_dropped_and_line_breaks_folded():
    from clinics.cleaning import clean

    assert clean("12 Allen\x00 Avenue\x07,\tIkeja\r\nLagos") == "12 Allen Avenue, Ikeja Lagos"
