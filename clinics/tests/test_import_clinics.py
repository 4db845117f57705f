"""`manage.py import_clinics`: the real partner-clinic workbook, and small files made here for
each messy case and each error.

The figures about the real workbook were counted from the file itself (see its README in
`../shared/data`): 615 rows on the summary sheet and the same 615 on the per-state sheets, of
which two summary rows are one clinic (`Sentinel Hospital`, Oshodi-Isolo, same address twice),
so 614 clinics; 52 per-state rows name an LGA but no clinic.
"""

import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from clinics.models import Clinic

pytestmark = pytest.mark.django_db

REPOSITORY = Path(__file__).resolve().parents[2]

REAL_SUMMARY = (
    "Imported partner-clinics.xlsx: 614 created, 0 updated, 0 unchanged, 52 skipped, 3 unmatched"
)


@pytest.fixture
def data(shared_data):
    return shared_data


@pytest.fixture
def workbook(data):
    return str(data / "partner-clinics.xlsx")


@pytest.fixture
def gazetteer(data):
    return str(data / "nigeria-states-lgas.csv")


def run(*args):
    out = io.StringIO()
    call_command("import_clinics", *args, stdout=out)
    return out.getvalue()


def last_line(output):
    return output.strip().splitlines()[-1]


def per_state():
    rows = Clinic.objects.values("state").annotate(n=Count("*"))
    return {row["state"]: row["n"] for row in rows}


def per_lga(state):
    rows = Clinic.objects.filter(state=state).values("lga").annotate(n=Count("*"))
    return {row["lga"]: row["n"] for row in rows}


# --- The real workbook ----------------------------------------------------------------------


def test_the_real_workbook_with_the_gazetteer_gives_614_clinics(workbook, gazetteer):
    output = run(workbook, "--gazetteer", gazetteer)

    assert last_line(output) == REAL_SUMMARY
    assert Clinic.objects.count() == 614
    counts = per_state()
    assert len(counts) == 34
    assert counts["Lagos"] == 216
    assert counts["Ogun"] == 60
    assert counts["Rivers"] == 41
    assert counts["Federal Capital Territory"] == 36
    assert counts["Kano"] == 25
    assert counts["Katsina"] == 3
    assert counts["Jigawa"] == 1
    assert "Abuja" not in counts
    assert "Kastina" not in counts


def test_the_unmatched_rows_are_listed_with_where_they_are(workbook, gazetteer):
    output = run(workbook, "--gazetteer", gazetteer)

    unmatched = [line for line in output.splitlines() if line.startswith("unmatched")]
    assert unmatched == [
        "unmatched 'Palms Medical Consultants' (Amechi, Enugu): LGA not in the gazetteer "
        "(sheet 'Partner Clinic Data' row 150, sheet 'Enugu' row 20)",
        "unmatched 'Lotto central Hospital.' (Mowe, Ogun): LGA not in the gazetteer "
        "(sheet 'Partner Clinic Data' row 525, sheet 'Ogun' row 61)",
        "unmatched 'Peamak Hospital' (Oyo West, Oyo): LGA not in the gazetteer "
        "(sheet 'Partner Clinic Data' row 551, sheet 'Oyo' row 21)",
    ]
    assert Clinic.objects.get(clinic_name="Palms Medical Consultants").lga == "Amechi"
    assert Clinic.objects.filter(state="Ogun", lga="Mowe").count() == 1


def test_lgas_are_stored_in_the_gazetteer_spelling(workbook, gazetteer):
    run(workbook, "--gazetteer", gazetteer)

    assert per_lga("Federal Capital Territory") == {
        "Municipal Area Council": 28,
        "Bwari": 5,
        "Gwagwalada": 3,
    }
    assert per_lga("Rivers")["Obio/Akpor"] == 34
    assert per_lga("Rivers")["Port Harcourt"] == 2
    assert per_lga("Benue") == {"Makurdi": 2}
    assert per_lga("Bayelsa") == {"Yenagoa": 7}
    assert per_lga("Katsina") == {"Katsina": 3}
    assert per_lga("Oyo")["Ogbomoso North"] == 4
    assert per_lga("Lagos")["Ifako-Ijaiye"] == 12
    assert per_lga("Lagos")["Ibeju-Lekki"] == 7


def test_without_a_gazetteer_states_are_still_matched_and_lgas_kept(workbook):
    output = run(workbook)

    assert last_line(output) == (
        "Imported partner-clinics.xlsx: 614 created, 0 updated, 0 unchanged, 52 skipped, "
        "0 unmatched (LGAs not checked: no gazetteer)"
    )
    counts = per_state()
    assert counts["Lagos"] == 216
    assert counts["Federal Capital Territory"] == 36
    assert counts["Katsina"] == 3
    # Known misspellings are corrected; other spellings stay as the summary sheet has them.
    assert per_lga("Rivers")["Obio/Akpor"] == 34
    assert per_lga("Rivers")["Port-Harcourt"] == 2
    assert per_lga("Lagos")["Ibeju/Lekki"] == 7


def test_the_setting_names_the_gazetteer_when_the_option_does_not(workbook, gazetteer, settings):
    settings.CLINICBOT_GAZETTEER = gazetteer

    assert last_line(run(workbook)) == REAL_SUMMARY


def test_a_second_run_creates_and_updates_nothing(workbook, gazetteer):
    run(workbook, "--gazetteer", gazetteer)
    before = {c.pk: c.updated_at for c in Clinic.objects.all()}

    output = run(workbook, "--gazetteer", gazetteer)

    assert last_line(output) == (
        "Imported partner-clinics.xlsx: 0 created, 0 updated, 614 unchanged, 52 skipped, "
        "3 unmatched"
    )
    assert {c.pk: c.updated_at for c in Clinic.objects.all()} == before


def test_a_run_with_the_gazetteer_after_one_without_respells_the_lgas(workbook, gazetteer):
    run(workbook)

    output = run(workbook, "--gazetteer", gazetteer)

    # 48 clinics have an LGA that the gazetteer spells otherwise (`Port-Harcourt`, `Ado Ekiti`).
    assert last_line(output) == (
        "Imported partner-clinics.xlsx: 0 created, 48 updated, 566 unchanged, 52 skipped, "
        "3 unmatched"
    )
    assert Clinic.objects.count() == 614
    assert per_lga("Rivers")["Port Harcourt"] == 2
    assert per_lga("Ekiti") == {"Ado-Ekiti": 4}


def test_a_changed_address_updates_that_one_clinic(workbook, gazetteer):
    run(workbook, "--gazetteer", gazetteer)
    clinic = Clinic.objects.get(clinic_name="Subol hospital")
    clinic.address = "An old address"
    clinic.save()

    output = run(workbook, "--gazetteer", gazetteer, "--verbosity", "2")

    assert last_line(output) == (
        "Imported partner-clinics.xlsx: 0 created, 1 updated, 613 unchanged, 52 skipped, "
        "3 unmatched"
    )
    assert "updated 'Subol hospital' (Alimosho, Lagos): address" in output
    clinic.refresh_from_db()
    assert clinic.address == "16/17 Oba Amusa Avenue, Idimu Lagos state"
    assert clinic.landmark == "Subol bus-stop"


def test_a_dry_run_writes_nothing_and_says_what_would_change(workbook, gazetteer):
    output = run(workbook, "--gazetteer", gazetteer, "--dry-run")

    assert last_line(output) == (
        "Dry run of partner-clinics.xlsx, nothing written: 614 created, 0 updated, "
        "0 unchanged, 52 skipped, 3 unmatched"
    )
    assert not Clinic.objects.exists()


def test_a_dry_run_after_a_change_names_it_and_leaves_it(workbook, gazetteer):
    run(workbook, "--gazetteer", gazetteer)
    Clinic.objects.filter(clinic_name="Subol hospital").update(address="An old address")

    output = run(workbook, "--gazetteer", gazetteer, "--dry-run", "--verbosity", "2")

    assert "updated 'Subol hospital' (Alimosho, Lagos): address" in output
    assert ": 0 created, 1 updated, 613 unchanged," in last_line(output)
    assert Clinic.objects.get(clinic_name="Subol hospital").address == "An old address"


def test_the_contact_line_in_the_workbook_is_never_stored(workbook, gazetteer):
    output = run(workbook, "--gazetteer", gazetteer)

    clinic = Clinic.objects.get(clinic_name="Trust Charitos Hospital")
    assert (clinic.address, clinic.landmark, clinic.phone_number) == (None, None, None)
    assert not Clinic.objects.filter(address__contains="8000000000").exists()
    assert not Clinic.objects.filter(address__contains="Jane Doe").exists()
    assert not Clinic.objects.filter(landmark__contains="Jane Doe").exists()
    assert (
        "address left empty for 'Trust Charitos Hospital' (Municipal Area Council, Federal "
        "Capital Territory): the cell holds a contact line (a phone number), not an address "
        "(sheet 'Partner Clinic Data' row 45, sheet 'Abuja' row 29)"
    ) in output
    assert "8000000000" not in output


def test_branches_stay_apart_and_a_repeated_row_is_one_clinic(workbook, gazetteer):
    run(workbook, "--gazetteer", gazetteer)

    meridian = Clinic.objects.filter(clinic_name="Meridian Hospital").order_by("address")
    assert [(c.lga, c.address) for c in meridian] == [
        ("Port Harcourt", "128 Ikwerre Road, Mile 1"),
        ("Port Harcourt", "21 IGBOKWE STREET, D LINE PORT HARCOURT"),
    ]
    assert Clinic.objects.filter(clinic_name__iexact="City of Hope Hospital").count() == 2
    sentinel = Clinic.objects.get(clinic_name="Sentinel Hospital")
    assert sentinel.address == "1 Benson Akinyele street Oke-Ara Isolo"
    assert sentinel.landmark == "Jankande's Gate"


def test_the_landmark_comes_from_the_sheet_that_separates_it(workbook, gazetteer):
    run(workbook, "--gazetteer", gazetteer)

    # The summary sheet joins address and landmark with ", "; the Abia sheet keeps them apart.
    jarnis = Clinic.objects.get(clinic_name="Jarnis Maternity & Clinic")
    assert jarnis.address == "303E PORT HARCOURT ROAD"
    assert jarnis.landmark == "OPPOSITE ORIE OHAMBIAM PORT HARCOURT ROAD"
    assert jarnis.lga == "Aba South"


def test_cells_are_cleaned_in_the_real_workbook(workbook, gazetteer):
    run(workbook, "--gazetteer", gazetteer)

    # `Save  A Life Mission Hospital` (doubled space), in six states.
    assert Clinic.objects.filter(clinic_name="Save A Life Mission Hospital").count() == 6
    # `Peace Hospital ` with a trailing space, its address cell `Peace Hospital \n,2 upper ...`.
    peace = Clinic.objects.get(clinic_name="Peace Hospital")
    assert (peace.address, peace.landmark) == ("2 upper lugere jimeta", "BESIDE GATE 3 KASOWA")
    # A non-breaking space before the name.
    assert Clinic.objects.get(clinic_name="Equity Hospital").lga == "Birnin Kebbi"
    # `N/A` as the landmark.
    broad = Clinic.objects.get(clinic_name="Broad hospital")
    assert (broad.address, broad.landmark) == ("13, Feyintola street, Ikotun", None)
    # A stray quote and a line break at the end.
    humility = Clinic.objects.get(clinic_name="Humility Specialist Hospital")
    assert humility.address == "Plot 35 Akwakuma Extension, Opp Akwakuma Girls School, Owerri."
    for text in Clinic.objects.values_list("clinic_name", "address", "landmark"):
        for value in filter(None, text):
            assert value == " ".join(value.split())
            assert "N/A" not in value


def test_above_verbosity_1_every_skipped_row_is_named(workbook, gazetteer):
    output = run(workbook, "--gazetteer", gazetteer, "--verbosity", "2")

    skipped = [line for line in output.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == 52
    assert "skipped sheet 'Rivers' row 39: no clinic in column B" in skipped
    assert "skipped sheet 'Lagos' row 39: no clinic in column B" in skipped
    assert sum(line.startswith("created ") for line in output.splitlines()) == 614


def test_at_verbosity_0_only_the_summary_line_is_printed(workbook, gazetteer):
    output = run(workbook, "--gazetteer", gazetteer, "--verbosity", "0")

    assert output == REAL_SUMMARY + "\n"


def test_the_directory_lists_the_imported_clinics_by_state(workbook, gazetteer, anonymous):
    run(workbook, "--gazetteer", gazetteer)

    assert anonymous.get("/clinics?state=Lagos").json()["count"] == 216
    assert anonymous.get("/clinics?state=Abuja").json()["count"] == 36
    assert anonymous.get("/clinics?state=Rivers&lga=obio/akpor").json()["count"] == 34


# --- Small files made here: messy cells -----------------------------------------------------

SMALL_GAZETTEER = """state,state_code,capital,lga
Lagos,LA,Ikeja,Ikeja
Lagos,LA,Ikeja,Oshodi-Isolo
Lagos,LA,Ikeja,Ibeju-Lekki
Katsina,KT,Katsina,Katsina
Federal Capital Territory,FC,Abuja,Municipal Area Council
Rivers,RI,Port Harcourt,Obio/Akpor
"""


@pytest.fixture
def small_gazetteer(tmp_path):
    path = tmp_path / "gazetteer.csv"
    path.write_text(SMALL_GAZETTEER, encoding="utf-8")
    return str(path)


def write_csv(tmp_path, text, name="clinics.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def write_workbook(tmp_path, sheets, name="clinics.xlsx"):
    """A workbook with a sheet per (title, rows) pair, rows as lists of cell values."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return str(path)


def test_a_csv_is_cleaned_cell_by_cell(tmp_path, small_gazetteer):
    path = write_csv(
        tmp_path,
        "Hospital Name,State,LGA,Address\n"
        '"Save  A\u00a0Life Hospital ",LAGOS,IKEJA,"Save A Life Hospital\n,12  Allen Avenue,N/A"\n'
        'HOPE CLINIC,lagos,oshodi isolo,"  3 Oke   Street,\nNear The Market "\n'
        "Quiet Clinic,Lagos,Ikeja,N/A\n",
    )

    output = run(path, "--gazetteer", small_gazetteer)

    assert last_line(output) == (
        "Imported clinics.csv: 3 created, 0 updated, 0 unchanged, 0 skipped, 0 unmatched"
    )
    rows = Clinic.objects.order_by("clinic_name").values_list(
        "clinic_name", "state", "lga", "address", "landmark"
    )
    assert list(rows) == [
        ("HOPE CLINIC", "Lagos", "Oshodi-Isolo", "3 Oke Street, Near The Market", None),
        ("Quiet Clinic", "Lagos", "Ikeja", None, None),
        ("Save A Life Hospital", "Lagos", "Ikeja", "12 Allen Avenue", None),
    ]


@pytest.mark.parametrize(
    "header",
    [
        "name,state,lga,address",
        "Clinic_Name,STATE,Lga,Address",
        "Hospital Name,State,Local Government Area,Clinic Address",
        "clinic name;state;LGA;address",
    ],
)
def test_header_spellings_are_recognised(tmp_path, header):
    separator = ";" if ";" in header else ","
    line = separator.join(["Hope Clinic", "Lagos", "Ikeja", "1 Road"])
    path = write_csv(tmp_path, f"{header}\n{line}\n")

    run(path)

    clinic = Clinic.objects.get()
    assert (clinic.clinic_name, clinic.state, clinic.lga, clinic.address) == (
        "Hope Clinic",
        "Lagos",
        "Ikeja",
        "1 Road",
    )


def test_a_landmark_column_is_used_and_the_address_kept_whole(tmp_path):
    path = write_csv(
        tmp_path,
        "name,state,lga,address,landmark,phone\n"
        'Hope Clinic,Lagos,Ikeja,"2 Road,Ikeja Town",By the bridge,0803 000 0000\n',
    )

    run(path)

    clinic = Clinic.objects.get()
    assert (clinic.address, clinic.landmark, clinic.phone_number) == (
        "2 Road,Ikeja Town",
        "By the bridge",
        "0803 000 0000",
    )


def test_misspelled_and_short_state_names_are_matched(tmp_path, small_gazetteer):
    path = write_csv(
        tmp_path,
        "name,state,lga\n"
        "North Clinic,Kastina,KASTINA\n"
        "Capital Clinic,Abuja,Abuja Municipal (AMAC)\n"
        "Other Capital Clinic,FCT,amac\n"
        "River Clinic,rivers,Obia/Akpor\n"
        "Coast Clinic,Lagos,Ibeju/Lekki\n",
    )

    output = run(path, "--gazetteer", small_gazetteer)

    assert last_line(output).endswith("5 created, 0 updated, 0 unchanged, 0 skipped, 0 unmatched")
    assert list(Clinic.objects.order_by("clinic_name").values_list("state", "lga")) == [
        ("Federal Capital Territory", "Municipal Area Council"),
        ("Lagos", "Ibeju-Lekki"),
        ("Katsina", "Katsina"),
        ("Federal Capital Territory", "Municipal Area Council"),
        ("Rivers", "Obio/Akpor"),
    ]


def test_an_unknown_state_or_lga_is_imported_as_written_and_listed(tmp_path, small_gazetteer):
    path = write_csv(
        tmp_path,
        "name,state,lga\n"
        "A Clinic,Lagoss,Ikeja\n"
        "B Clinic,Lagos,Nowhere Town\n"
        "C Clinic,Lagos,Ikeja\n",
    )

    output = run(path, "--gazetteer", small_gazetteer)

    assert output.splitlines()[:2] == [
        "unmatched 'A Clinic' (Ikeja, Lagoss): state not known (row 2)",
        "unmatched 'B Clinic' (Nowhere Town, Lagos): LGA not in the gazetteer (row 3)",
    ]
    assert last_line(output).endswith("3 created, 0 updated, 0 unchanged, 0 skipped, 2 unmatched")
    assert Clinic.objects.get(clinic_name="A Clinic").state == "Lagoss"
    assert Clinic.objects.get(clinic_name="B Clinic").lga == "Nowhere Town"


def test_without_a_gazetteer_an_unknown_state_is_still_unmatched(tmp_path):
    path = write_csv(tmp_path, "name,state,lga\nA Clinic,Lagoss,Ikeja\nB Clinic,Lagos,Nowhere\n")

    output = run(path)

    assert last_line(output) == (
        "Imported clinics.csv: 2 created, 0 updated, 0 unchanged, 0 skipped, 1 unmatched "
        "(LGAs not checked: no gazetteer)"
    )


def test_rows_without_name_state_or_lga_are_skipped_and_named(tmp_path):
    path = write_csv(
        tmp_path,
        "name,state,lga,address\n,Lagos,Ikeja,1 Road\nB Clinic,,Ikeja,\nC Clinic,Lagos,N/A,\n,,,\n",
    )

    output = run(path, "--verbosity", "2")

    assert output.splitlines()[:3] == [
        "skipped row 2: no name",
        "skipped row 3: no state",
        "skipped row 4: no LGA",
    ]
    assert last_line(output) == (
        "Imported clinics.csv: 0 created, 0 updated, 0 unchanged, 3 skipped, 0 unmatched "
        "(LGAs not checked: no gazetteer)"
    )
    assert not Clinic.objects.exists()


def test_a_clinic_on_the_summary_and_its_state_sheet_is_one_clinic(tmp_path, small_gazetteer):
    path = write_workbook(
        tmp_path,
        {
            "Partner Clinic Data": [
                [None],
                ["Hospital Name", "State", "LGA", "Address"],
                ["Hope Clinic", "Lagos", "Ikeja", "3 Oke Street, By the market"],
                ["GOOD HEALTH", "Abuja", "Abuja Municipal (AMAC)", "Good Health,5 Wuse Road"],
            ],
            "total": [],
            "Lagos": [
                ["LGAs ", "Address"],
                ["IKEJA ", "Hope Clinic\n,3 Oke Street,By the market"],
                ["SURULERE", None],
                [0, None],
                [None, None],
            ],
            "Abuja": [
                ["Local Government Area", "Address"],
                ["ABUJA MUNICIPAL (AMAC)", "Good\u00a0Health ,5 Wuse Road,N/A"],
            ],
        },
    )

    output = run(path, "--gazetteer", small_gazetteer, "--verbosity", "2")

    assert last_line(output) == (
        "Imported clinics.xlsx: 2 created, 0 updated, 0 unchanged, 2 skipped, 0 unmatched"
    )
    assert "skipped sheet 'Lagos' row 3: no clinic in column B" in output
    assert "skipped sheet 'Lagos' row 4: no clinic in column B" in output
    rows = Clinic.objects.order_by("clinic_name").values_list(
        "clinic_name", "state", "lga", "address", "landmark"
    )
    assert list(rows) == [
        ("GOOD HEALTH", "Federal Capital Territory", "Municipal Area Council", "5 Wuse Road", None),
        # The state sheet's cell separates the landmark, which the summary's cannot.
        ("Hope Clinic", "Lagos", "Ikeja", "3 Oke Street", "By the market"),
    ]


def test_a_state_sheet_alone_is_read_by_position(tmp_path):
    path = write_workbook(
        tmp_path,
        {
            "Kastina": [
                ["LGAs In Kastina State", "Address"],
                ["Katsina", "OKMOS CLINICS,IBB WAY KOFAR KAURA BY GATE "],
                ["KATSINA", "Sauki Clinic,12,Kano Road,Opposite the mosque"],
            ]
        },
    )

    run(path)

    rows = Clinic.objects.order_by("clinic_name").values_list(
        "clinic_name", "state", "lga", "address", "landmark"
    )
    assert list(rows) == [
        ("OKMOS CLINICS", "Katsina", "Katsina", "IBB WAY KOFAR KAURA BY GATE", None),
        # Without a gazetteer an LGA keeps the spelling of the row that names it.
        ("Sauki Clinic", "Katsina", "KATSINA", "12,Kano Road", "Opposite the mosque"),
    ]


BRANCHES = (
    "name,state,lga,address\n"
    "Dr Express,Lagos,Ikeja,1 Allen Avenue\n"
    "DR. EXPRESS,Lagos,Ikeja,9 Opebi Road\n"
    "Hope Clinic,Lagos,Ikeja,3 Oke Street\n"
)


def test_branches_are_one_clinic_each_and_rerunning_keeps_them(tmp_path):
    path = write_csv(tmp_path, BRANCHES)

    first = run(path)
    second = run(path)

    assert ": 3 created, 0 updated, 0 unchanged, 0 skipped, 0 unmatched" in last_line(first)
    assert ": 0 created, 0 updated, 3 unchanged," in last_line(second)
    assert sorted(Clinic.objects.values_list("address", flat=True)) == [
        "1 Allen Avenue",
        "3 Oke Street",
        "9 Opebi Road",
    ]


def test_a_new_branch_address_is_another_clinic_not_an_update(tmp_path):
    run(write_csv(tmp_path, BRANCHES))

    changed = BRANCHES.replace("9 Opebi Road", "4 Toyin Street")
    output = run(write_csv(tmp_path, changed, name="changed.csv"))

    assert "new branch 'DR. EXPRESS' (Ikeja, Lagos): 4 Toyin Street" in output
    assert ": 1 created, 0 updated, 2 unchanged," in last_line(output)
    assert Clinic.objects.filter(clinic_name__iexact="dr express").count() == 1
    assert Clinic.objects.count() == 4


def test_a_unique_clinic_whose_address_changed_is_updated(tmp_path):
    run(write_csv(tmp_path, BRANCHES))

    changed = BRANCHES.replace("3 Oke Street", "5 New Road")
    output = run(write_csv(tmp_path, changed, name="changed.csv"), "--verbosity", "2")

    assert "updated 'Hope Clinic' (Ikeja, Lagos): address" in output
    assert ": 0 created, 1 updated, 2 unchanged," in last_line(output)
    assert Clinic.objects.get(clinic_name="Hope Clinic").address == "5 New Road"


def test_an_empty_address_never_blanks_a_stored_one(tmp_path):
    run(write_csv(tmp_path, "name,state,lga,address\nHope Clinic,Lagos,Ikeja,3 Oke Street\n"))

    output = run(write_csv(tmp_path, "name,state,lga,address\nHOPE CLINIC,Lagos,IKEJA,\n", "b.csv"))

    assert ": 0 created, 0 updated, 1 unchanged," in last_line(output)
    assert Clinic.objects.get().address == "3 Oke Street"


def test_a_contact_line_is_not_stored_as_an_address(tmp_path):
    path = write_csv(
        tmp_path,
        "name,state,lga,address\n"
        'Care Clinic,Lagos,Ikeja,"Care Clinic,Mrs. A. Person,0803 123 4567"\n'
        'Plot Clinic,Lagos,Ikeja,"Plot 1195 Cadastral Zone, 24 - 32 Some Street"\n',
    )

    output = run(path)

    assert Clinic.objects.get(clinic_name="Care Clinic").address is None
    assert Clinic.objects.get(clinic_name="Plot Clinic").address == (
        "Plot 1195 Cadastral Zone, 24 - 32 Some Street"
    )
    assert "address left empty for 'Care Clinic' (Ikeja, Lagos)" in output
    assert "4567" not in output


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_landmark_holding_a_phone_number_and_an_overlong_phone_are_left_out(tmp_path):
    path = write_csv(
        tmp_path,
        "name,state,lga,address,landmark,phone\n"
        "Hope Clinic,Lagos,Ikeja,2 Road,Ask Mr. B on 0803 123 4567,"
        "0803 000 0000 or 0805 000 0000\n",
    )

    output = run(path)

    assert output.splitlines()[:2] == [
        "note row 2: landmark holds a phone number, left out",
        "note row 2: phone number too long to store, left out",
    ]
    clinic = Clinic.objects.get()
    assert (clinic.address, clinic.landmark, clinic.phone_number) == ("2 Road", None, None)


def test_progress_is_written_on_one_line_on_a_terminal(tmp_path):
    terminal = Terminal()

    call_command("import_clinics", write_csv(tmp_path, BRANCHES), stdout=terminal)

    lines = terminal.getvalue().split("\n")
    assert lines[0] == "\r" + "clinics written: 3/3".ljust(39)
    assert lines[1].startswith("Imported clinics.csv: 3 created,")


def test_progress_is_not_written_when_the_output_is_not_a_terminal(tmp_path):
    output = run(write_csv(tmp_path, BRANCHES))

    assert "\r" not in output
    assert output.count("\n") == 1


# --- Errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["clinics.xls", "clinics.txt", "clinics"])
def test_a_wrong_extension_is_refused(tmp_path, name):
    path = tmp_path / name
    path.write_text("name,state,lga\n")

    with pytest.raises(CommandError) as caught:
        run(str(path))

    assert str(caught.value) == (
        f"{name} is neither a .xlsx workbook nor a .csv file. Save it as one of those "
        "(in Excel: File > Save As > Excel Workbook, or CSV UTF-8)."
    )


def test_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="There is no file .*nothing.csv. Check the path."):
        run(str(tmp_path / "nothing.csv"))


def test_a_file_that_is_not_a_workbook_is_unreadable(tmp_path):
    path = tmp_path / "clinics.xlsx"
    path.write_bytes(b"this is not a zip archive")

    with pytest.raises(CommandError) as caught:
        run(str(path))

    assert str(caught.value) == (
        "Cannot read clinics.xlsx as an Excel workbook (BadZipFile). Open it in a spreadsheet "
        "program and save it again as .xlsx, or export the clinics as CSV."
    )


def test_a_csv_that_is_not_utf8_is_unreadable(tmp_path):
    path = tmp_path / "clinics.csv"
    path.write_bytes("name,state,lga\nCl\u00ednica,Lagos,Ikeja\n".encode("utf-16"))

    with pytest.raises(CommandError, match="clinics.csv is not UTF-8 text. Save it again"):
        run(str(path))


def test_a_csv_without_an_lga_column_is_refused(tmp_path):
    path = write_csv(tmp_path, "Hospital Name,State,Address\nHope Clinic,Lagos,1 Road\n")

    with pytest.raises(CommandError) as caught:
        run(path)

    assert str(caught.value) == (
        "clinics.csv has no header row with a LGA column in its first 10 rows. Add or rename "
        "the header cells, e.g. `Hospital Name,State,LGA,Address`."
    )


def test_a_summary_sheet_without_its_columns_is_refused(tmp_path):
    path = write_workbook(
        tmp_path,
        {"Partner Clinic Data": [[None], ["Clinic", "Address"], ["Hope Clinic", "1 Road"]]},
    )

    with pytest.raises(CommandError) as caught:
        run(path)

    assert str(caught.value) == (
        "Sheet 'Partner Clinic Data' of clinics.xlsx is not named after a state and has no "
        "header row with a state and LGA column in its first 10 rows. Add or rename the header "
        "cells, e.g. `Hospital Name,State,LGA,Address`."
    )
    assert not Clinic.objects.exists()


@pytest.mark.parametrize("text", ["", "\n \n"])
def test_an_empty_csv_is_refused(tmp_path, text):
    path = write_csv(tmp_path, text)

    with pytest.raises(CommandError) as caught:
        run(path)

    assert str(caught.value) == (
        "clinics.csv is empty. Give a CSV with a header line (name, state, LGA, address) and a "
        "line per clinic."
    )


def test_a_csv_with_only_its_header_is_refused(tmp_path):
    path = write_csv(tmp_path, "name,state,lga,address\n")

    with pytest.raises(CommandError) as caught:
        run(path)

    assert str(caught.value) == (
        "clinics.csv holds no clinics. Give a file with a row per clinic under a header naming "
        "the name, state and LGA columns."
    )


def test_an_empty_workbook_is_refused(tmp_path):
    path = write_workbook(tmp_path, {"Sheet1": []})

    with pytest.raises(CommandError) as caught:
        run(path)

    assert str(caught.value) == (
        "clinics.xlsx holds no clinics. Give a file with a row per clinic under a header naming "
        "the name, state and LGA columns."
    )


def test_an_unreadable_gazetteer_is_an_error(tmp_path):
    path = write_csv(tmp_path, BRANCHES)
    places = write_csv(tmp_path, "name,code\nLagos,LA\n", name="places.csv")

    with pytest.raises(CommandError, match="has no rows with the columns state and lga"):
        run(path, "--gazetteer", places)
    with pytest.raises(CommandError, match="Cannot read the gazetteer"):
        run(path, "--gazetteer", str(tmp_path / "missing.csv"))


def test_an_error_is_one_line_on_stderr_and_exit_status_1(tmp_path):
    path = tmp_path / "clinics.pdf"
    path.write_text("%PDF")

    done = subprocess.run(
        [sys.executable, "manage.py", "import_clinics", str(path)],
        cwd=REPOSITORY,
        env={**os.environ, "DJANGO_DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        "CommandError: clinics.pdf is neither a .xlsx workbook nor a .csv file. Save it as one "
        "of those (in Excel: File > Save As > Excel Workbook, or CSV UTF-8)."
    ]


def test_a_clinic_too_long_to_store_is_named_above_the_summary(tmp_path, small_gazetteer):
    path = write_csv(tmp_path, "name,state,lga\n" + "X" * 201 + ",Lagos,Ikeja\nShort,Lagos,Ikeja\n")

    output = run(path, "--gazetteer", small_gazetteer)

    assert "skipped row 2: name longer than 200 characters" in output
    assert last_line(output) == (
        "Imported clinics.csv: 1 created, 0 updated, 0 unchanged, 1 skipped, 0 unmatched"
    )


def test_a_nul_character_in_a_cell_is_dropped_not_stored(tmp_path, small_gazetteer):
    path = write_csv(
        tmp_path, "name,state,lga,address\nHope\x00 Clinic,Lagos,Ikeja,1 Main\x00 St\n"
    )

    run(path, "--gazetteer", small_gazetteer)

    assert list(Clinic.objects.values_list("clinic_name", "address")) == [
        ("Hope Clinic", "1 Main St")
    ]
