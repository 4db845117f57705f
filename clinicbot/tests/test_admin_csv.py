"""The CSV export of the admin: exact content, spreadsheet-safe cells, who may run it, the log."""

import datetime
import decimal
import logging
import uuid

import pytest
from django.contrib.auth.models import Permission

from clinicbot.admin_csv import csv_cell
from clinicbot.factories import make_clinic

pytestmark = pytest.mark.django_db

CLINIC_HEADER = (
    "clinic_id,clinic_name,clinic_type,state,lga,city,address,landmark,phone_number,email,"
    "website,services_offered,fpm_methods_available,consultation_fee,operating_hours,latitude,"
    "longitude,is_active,verified_at,created_at,updated_at"
)


@pytest.fixture
def staff(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", password="pw"))
    return client


def export(client, url, **form):
    answer = client.post(url, {"action": "export_csv", **form})
    return answer, b"".join(answer.streaming_content).decode("utf-8")


def clinic_line(clinic, *, name, lga, services):
    return (
        f"{clinic.pk},{name},,Lagos,{lga},,,,,,,{services},[],,,,,true,,"
        f"{clinic.created_at.isoformat()},{clinic.updated_at.isoformat()}"
    )


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (-3, "-3"),
        (decimal.Decimal("-6.45"), "-6.45"),
        (uuid.UUID(int=1), "00000000-0000-0000-0000-000000000001"),
        (datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC), "2026-03-01T09:00:00+00:00"),
        (["Implant", "IUD"], '["Implant", "IUD"]'),
        ("Ikeja", "Ikeja"),
        ("=1+2", "'=1+2"),
        ("+2348000000000", "'+2348000000000"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("a=1", "a=1"),
    ],
)
def test_a_value_becomes_the_text_of_a_safe_cell(value, cell):
    assert csv_cell(value) == cell


def test_the_selected_clinics_are_exported_with_every_stored_field(staff):
    first = make_clinic(clinic_name="Alpha", lga="Ikeja", services_offered=["Pills"])
    second = make_clinic(clinic_name="=HYPERLINK(evil)", lga="Surulere")
    make_clinic(clinic_name="Not chosen")

    answer, text = export(staff, "/admin/clinics/clinic/", _selected_action=[first.pk, second.pk])

    assert answer.status_code == 200
    assert answer["Content-Type"] == "text/csv; charset=utf-8"
    assert answer["Content-Disposition"].startswith('attachment; filename="clinic-')
    assert text.split("\r\n") == [
        "\ufeff" + CLINIC_HEADER,
        clinic_line(first, name="Alpha", lga="Ikeja", services='"[""Pills""]"'),
        clinic_line(second, name="'=HYPERLINK(evil)", lga="Surulere", services="[]"),
        "",
    ]


def test_select_all_exports_the_whole_filtered_list_in_its_order(staff):
    make_clinic(clinic_name="Bravo", lga="Ikeja")
    make_clinic(clinic_name="Alpha", lga="Ikeja")
    make_clinic(clinic_name="Elsewhere", lga="Surulere")

    _, text = export(
        staff, "/admin/clinics/clinic/?q=Ikeja", select_across="1", _selected_action=["x"]
    )

    names = [line.split(",")[1] for line in text.split("\r\n")[1:-1]]
    assert names == ["Alpha", "Bravo"]


def test_the_export_is_streamed(staff):
    clinic = make_clinic()

    answer = staff.post(
        "/admin/clinics/clinic/", {"action": "export_csv", "_selected_action": [clinic.pk]}
    )

    assert answer.streaming


def test_staff_who_may_not_view_a_model_cannot_export_it(client, django_user_model):
    clerk = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_clinic"))
    client.force_login(clerk)
    clinic = make_clinic()

    refused = client.post(
        "/admin/referrals/referral/", {"action": "export_csv", "_selected_action": [clinic.pk]}
    )

    assert refused.status_code == 403


def test_staff_who_may_only_view_a_model_can_export_it(client, django_user_model):
    clerk = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_clinic"))
    client.force_login(clerk)
    clinic = make_clinic(clinic_name="Alpha")

    answer, text = export(client, "/admin/clinics/clinic/", _selected_action=[clinic.pk])

    assert answer.status_code == 200
    assert text.split("\r\n")[1].split(",")[1] == "Alpha"


def test_the_log_says_who_exported_how_many_rows_of_what_and_nothing_they_hold(staff, caplog):
    clinics = [make_clinic(clinic_name=f"Secret name {n}") for n in range(3)]

    with caplog.at_level(logging.INFO, logger="clinicbot.admin_csv"):
        export(staff, "/admin/clinics/clinic/", _selected_action=[c.pk for c in clinics])

    lines = [r.getMessage() for r in caplog.records if r.name == "clinicbot.admin_csv"]
    boss = staff.session["_auth_user_id"]
    assert lines == [f"staff user boss (id {boss}) exported 3 rows of clinics.Clinic as CSV"]
    assert "Secret" not in caplog.text
