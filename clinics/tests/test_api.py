"""The /clinics resource: create, read, update, delete and their rules."""

import uuid

import pytest

from clinicbot.factories import make_clinic, make_referral
from clinics.models import Clinic

pytestmark = pytest.mark.django_db

MINIMAL = {"clinic_name": "Hope Clinic", "state": "Lagos", "lga": "Ikeja"}


def post(api, **fields):
    return api.post("/clinics", {**MINIMAL, **fields}, format="json")


def test_create_with_the_required_fields_answers_the_whole_clinic(api):
    answer = post(api)

    assert answer.status_code == 201
    body = answer.json()
    assert body["clinic_name"] == "Hope Clinic"
    assert body["is_active"] is True
    assert body["services_offered"] == []
    assert body["fpm_methods_available"] == []
    assert body["email"] is None
    assert body["verified_at"] is None
    assert uuid.UUID(body["clinic_id"])
    assert Clinic.objects.get().lga == "Ikeja"


@pytest.mark.parametrize("field", ["clinic_name", "state", "lga"])
def test_each_required_field_missing_is_a_400_naming_it(api, field):
    body = {key: value for key, value in MINIMAL.items() if key != field}

    answer = api.post("/clinics", body, format="json")

    assert answer.status_code == 400
    assert answer.json() == {field: ["This field is required."]}


@pytest.mark.parametrize("field", ["clinic_name", "state", "lga"])
@pytest.mark.parametrize("value", ["", "   ", None])
def test_required_text_may_not_be_blank_or_null(api, field, value):
    answer = post(api, **{field: value})

    assert answer.status_code == 400
    assert list(answer.json()) == [field]


def test_every_optional_field_is_stored_and_answered(api):
    sent = {
        "clinic_type": "Public",
        "city": "Ikeja",
        "address": "12 Allen Avenue",
        "landmark": "Opposite the market",
        "phone_number": "+2348012345678",
        "email": "info@hope.example",
        "website": "hope.example",
        "services_offered": ["Family planning", "Counselling"],
        "fpm_methods_available": ["Implant", "IUD"],
        "consultation_fee": 1500.5,
        "operating_hours": "Mon-Fri 8-4",
        "latitude": 6.6018,
        "longitude": 3.3515,
        "is_active": False,
    }

    body = post(api, **sent).json()

    assert {key: body[key] for key in sent} == sent


def test_decimals_are_json_numbers_rounded_half_up(api):
    body = post(api, consultation_fee="10.005", latitude="6.123456785", longitude=3.5).json()

    assert body["consultation_fee"] == 10.01
    assert body["latitude"] == 6.12345679
    assert body["longitude"] == 3.5


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("latitude", 90.0000001),
        ("latitude", -91),
        ("longitude", 180.5),
        ("longitude", -181),
        ("consultation_fee", -1),
        ("consultation_fee", 123456789012),
        ("latitude", "north"),
        ("consultation_fee", "NaN"),
        ("consultation_fee", "Infinity"),
        ("latitude", True),
    ],
)
def test_numbers_out_of_range_or_not_numbers_are_a_400(api, field, value):
    answer = post(api, **{field: value})

    assert answer.status_code == 400
    assert list(answer.json()) == [field]


@pytest.mark.parametrize(("field", "value"), [("latitude", 90), ("longitude", -180)])
def test_the_range_ends_are_accepted(api, field, value):
    assert post(api, **{field: value}).status_code == 201


@pytest.mark.parametrize("email", ["not-an-email", "a@", 5])
def test_email_must_be_an_address(api, email):
    answer = post(api, email=email)

    assert answer.status_code == 400
    assert list(answer.json()) == ["email"]


@pytest.mark.parametrize("value", ["Implant", ["Implant", 3], [None], {"a": "b"}, None])
def test_lists_must_be_lists_of_strings(api, value):
    answer = post(api, fpm_methods_available=value)

    assert answer.status_code == 400
    assert list(answer.json()) == ["fpm_methods_available"]


@pytest.mark.parametrize("field", ["is_active"])
def test_null_for_a_boolean_is_a_400(api, field):
    answer = post(api, **{field: None})

    assert answer.status_code == 400


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("clinic_name", 200),
        ("clinic_type", 50),
        ("state", 100),
        ("lga", 100),
        ("city", 100),
        ("landmark", 200),
        ("phone_number", 20),
        ("website", 200),
    ],
)
def test_text_longer_than_its_column_is_a_400(api, field, limit):
    assert post(api, **{field: "x" * limit}).status_code == 201

    answer = post(api, **{field: "x" * (limit + 1)})

    assert answer.status_code == 400
    assert list(answer.json()) == [field]


def test_get_answers_one_clinic(api):
    clinic = make_clinic(clinic_name="Sunrise")

    answer = api.get(f"/clinics/{clinic.pk}")

    assert answer.status_code == 200
    assert answer.json()["clinic_name"] == "Sunrise"


@pytest.mark.parametrize("method", ["get", "patch", "put", "delete"])
@pytest.mark.parametrize("ident", ["nope", str(uuid.uuid4())])
def test_malformed_and_unknown_ids_are_a_404(api, method, ident):
    answer = getattr(api, method)(f"/clinics/{ident}", MINIMAL, format="json")

    assert answer.status_code == 404


def test_patch_changes_only_what_it_sends(api):
    clinic = make_clinic(clinic_name="Old", city="Ikeja")

    answer = api.patch(f"/clinics/{clinic.pk}", {"clinic_name": "New"}, format="json")

    assert answer.status_code == 200
    clinic.refresh_from_db()
    assert (clinic.clinic_name, clinic.city) == ("New", "Ikeja")


def test_patch_cannot_empty_a_required_field(api):
    clinic = make_clinic()

    answer = api.patch(f"/clinics/{clinic.pk}", {"state": None}, format="json")

    assert answer.status_code == 400
    assert list(answer.json()) == ["state"]


def test_put_needs_the_required_fields(api):
    clinic = make_clinic()

    answer = api.put(f"/clinics/{clinic.pk}", {"clinic_name": "Only a name"}, format="json")

    assert answer.status_code == 400
    assert set(answer.json()) == {"state", "lga"}


def test_put_with_the_required_fields_updates(api):
    clinic = make_clinic()

    answer = api.put(
        f"/clinics/{clinic.pk}",
        {"clinic_name": "Renamed", "state": "Oyo", "lga": "Ibadan North"},
        format="json",
    )

    assert answer.status_code == 200
    clinic.refresh_from_db()
    assert (clinic.clinic_name, clinic.state, clinic.lga) == ("Renamed", "Oyo", "Ibadan North")


def test_deleting_a_clinic_without_referrals_answers_204(api):
    clinic = make_clinic()

    answer = api.delete(f"/clinics/{clinic.pk}")

    assert answer.status_code == 204
    assert not Clinic.objects.exists()


def test_deleting_a_referenced_clinic_is_refused_with_409(api):
    clinic = make_clinic()
    make_referral(clinic=clinic)
    make_referral(clinic=clinic)

    answer = api.delete(f"/clinics/{clinic.pk}")

    assert answer.status_code == 409
    assert answer.json() == {
        "detail": "This clinic has 2 referrals and cannot be deleted; "
        "set is_active to false instead."
    }
    assert Clinic.objects.filter(pk=clinic.pk).exists()
