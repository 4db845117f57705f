"""The /referrals resource: create, read, update, delete and their rules."""

import datetime
import uuid

import pytest

from clinicbot.factories import make_clinic, make_referral, make_session
from referrals.models import Referral

pytestmark = pytest.mark.django_db

BOOLEAN_FIELDS = [
    "user_contacted_clinic",
    "user_visited_clinic",
    "follow_up_needed",
    "follow_up_completed",
]


def hope_clinic():
    return make_clinic(
        clinic_name="Hope Clinic",
        state="Kano",
        lga="Nassarawa",
        address="4 Zoo Road",
        phone_number="+2348030000000",
        city="Kano",
        services_offered=["Family planning"],
    )


def embedded(clinic):
    return {
        "clinic_id": str(clinic.pk),
        "clinic_name": clinic.clinic_name,
        "state": clinic.state,
        "lga": clinic.lga,
        "address": clinic.address,
        "phone_number": clinic.phone_number,
    }


def post(api, session=None, to=None, **fields):
    session = session or make_session()
    clinic = to or make_clinic()
    body = {
        "user_id": str(session.user_id),
        "session_id": str(session.pk),
        "clinic_id": str(clinic.pk),
        **fields,
    }
    return api.post("/referrals", body, format="json")


def test_create_answers_the_whole_referral_with_the_clinic_embedded(api):
    session, clinic = make_session(), hope_clinic()
    before = datetime.datetime.now(datetime.UTC)

    answer = post(api, session, clinic)

    assert answer.status_code == 201
    body = answer.json()
    stored = Referral.objects.get()
    assert body == {
        "referral_id": str(stored.pk),
        "user_id": str(session.user_id),
        "session_id": str(session.pk),
        "clinic_id": str(clinic.pk),
        "clinic": embedded(clinic),
        "referral_reason": None,
        "user_concern": None,
        "recommended_service": None,
        "referral_provided_at": body["referral_provided_at"],
        "user_contacted_clinic": False,
        "user_visited_clinic": False,
        "visit_confirmed_at": None,
        "follow_up_needed": False,
        "follow_up_completed": False,
        "follow_up_notes": None,
    }
    provided_at = datetime.datetime.fromisoformat(body["referral_provided_at"])
    assert provided_at == stored.referral_provided_at
    assert before <= provided_at <= datetime.datetime.now(datetime.UTC)


def test_every_optional_field_is_stored_and_answered(api):
    sent = {
        "referral_reason": "Wants an implant",
        "user_concern": "Side effects",
        "recommended_service": "Implant insertion",
        "follow_up_notes": "Call back on Monday.",
        **dict.fromkeys(BOOLEAN_FIELDS, True),
    }

    answer = post(api, **sent)

    assert answer.status_code == 201
    assert {key: answer.json()[key] for key in sent} == sent


def test_the_server_sets_the_times_and_ignores_them_on_input(api):
    answer = post(
        api,
        referral_provided_at="2020-01-01T00:00:00Z",
        visit_confirmed_at="2020-01-02T00:00:00Z",
        referral_id=str(uuid.uuid4()),
        clinic={"clinic_name": "Forged"},
    )

    assert answer.status_code == 201
    body = answer.json()
    stored = Referral.objects.get()
    assert body["referral_id"] == str(stored.pk)
    assert not body["referral_provided_at"].startswith("2020")
    assert body["visit_confirmed_at"] is None
    assert stored.visit_confirmed_at is None
    assert body["clinic"]["clinic_name"] == stored.clinic.clinic_name


@pytest.mark.parametrize("field", ["user_id", "session_id", "clinic_id"])
def test_each_required_field_missing_is_a_400_naming_it(api, field):
    session, clinic = make_session(), make_clinic()
    body = {"user_id": str(session.user_id), "session_id": str(session.pk)}
    body["clinic_id"] = str(clinic.pk)
    del body[field]

    answer = api.post("/referrals", body, format="json")

    assert answer.status_code == 400
    assert answer.json() == {field: ["This field is required."]}


@pytest.mark.parametrize("field", ["user_id", "session_id", "clinic_id"])
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("not-a-uuid", "Must be a valid UUID."),
        ("6f1c1a8e-64a5-4f7e-9a4b-0e7f3c0d2a11", "No record has this id."),
        (None, "This field may not be null."),
        (12, "Must be a UUID string."),
    ],
)
def test_a_reference_that_is_malformed_unknown_or_null_is_a_400_on_that_field(
    api, field, value, message
):
    answer = post(api, **{field: value})

    assert answer.status_code == 400
    assert answer.json() == {field: [message]}


def test_a_session_of_another_user_is_a_400(api):
    session = make_session()
    stranger = make_session()

    answer = post(api, session, user_id=str(stranger.user_id))

    assert answer.status_code == 400
    assert answer.json() == {"session_id": ["This chat session belongs to another user."]}


@pytest.mark.parametrize(
    ("field", "limit"),
    [("referral_reason", 200), ("user_concern", 200), ("recommended_service", 100)],
)
def test_text_longer_than_its_column_is_a_400_naming_the_field(api, field, limit):
    session, clinic = make_session(), make_clinic()
    assert post(api, session, clinic, **{field: "x" * limit}).status_code == 201

    answer = post(api, session, clinic, **{field: "x" * (limit + 1)})

    assert answer.status_code == 400
    assert list(answer.json()) == [field]


@pytest.mark.parametrize("field", BOOLEAN_FIELDS)
def test_null_for_a_boolean_is_a_400_not_the_default(api, field):
    answer = post(api, **{field: None})

    assert answer.status_code == 400
    assert answer.json() == {field: ["This field may not be null."]}


def test_null_is_accepted_for_optional_text(api):
    answer = post(api, referral_reason=None, follow_up_notes=None)

    assert answer.status_code == 201


def test_get_answers_one_referral_with_its_clinic(api):
    clinic = hope_clinic()
    referral = make_referral(clinic=clinic, referral_reason="Implant")

    answer = api.get(f"/referrals/{referral.pk}")

    assert answer.status_code == 200
    assert answer.json()["referral_id"] == str(referral.pk)
    assert answer.json()["clinic_id"] == str(clinic.pk)
    assert answer.json()["clinic"] == embedded(clinic)


def test_the_list_embeds_each_clinic(api):
    clinic = hope_clinic()
    make_referral(clinic=clinic)

    (row,) = api.get("/referrals").json()["results"]

    assert row["clinic_id"] == str(clinic.pk)
    assert row["clinic"] == embedded(clinic)


@pytest.mark.parametrize("method", ["get", "patch", "put", "delete"])
@pytest.mark.parametrize("ident", ["not-a-uuid", str(uuid.uuid4()), "123"])
def test_malformed_and_unknown_ids_are_a_404(api, method, ident):
    make_referral()

    answer = getattr(api, method)(f"/referrals/{ident}", {}, format="json")

    assert answer.status_code == 404
    assert answer.json() == {"detail": "Not found."}


def test_patch_changes_only_what_it_sends_and_answers_with_the_clinic(api):
    clinic = hope_clinic()
    referral = make_referral(clinic=clinic, referral_reason="Implant")

    answer = api.patch(
        f"/referrals/{referral.pk}",
        {"user_contacted_clinic": True, "follow_up_notes": "Called the clinic."},
        format="json",
    )

    assert answer.status_code == 200
    assert answer.json()["clinic"] == embedded(clinic)
    referral.refresh_from_db()
    assert referral.user_contacted_clinic is True
    assert referral.follow_up_notes == "Called the clinic."
    assert referral.referral_reason == "Implant"


def test_an_update_does_not_move_referral_provided_at(api):
    referral = make_referral()
    provided_at = referral.referral_provided_at

    api.patch(
        f"/referrals/{referral.pk}",
        {"referral_provided_at": "2020-01-01T00:00:00Z", "follow_up_needed": True},
        format="json",
    )

    referral.refresh_from_db()
    assert referral.referral_provided_at == provided_at
    assert referral.follow_up_needed is True


def test_put_needs_the_required_fields(api):
    referral = make_referral()

    answer = api.put(f"/referrals/{referral.pk}", {"follow_up_needed": True}, format="json")

    assert answer.status_code == 400
    assert set(answer.json()) == {"user_id", "session_id", "clinic_id"}


def test_put_with_the_required_fields_updates_and_embeds_the_clinic(api):
    clinic = hope_clinic()
    referral = make_referral(clinic=clinic)

    answer = api.put(
        f"/referrals/{referral.pk}",
        {
            "user_id": str(referral.user_id),
            "session_id": str(referral.session_id),
            "clinic_id": str(clinic.pk),
            "user_visited_clinic": True,
        },
        format="json",
    )

    assert answer.status_code == 200
    assert answer.json()["user_visited_clinic"] is True
    assert answer.json()["clinic"] == embedded(clinic)


@pytest.mark.parametrize("field", ["user_id", "session_id", "clinic_id"])
def test_an_update_naming_another_reference_is_a_400(api, field):
    referral = make_referral()
    other = make_referral()
    value = {
        "user_id": other.user_id,
        "session_id": other.session_id,
        "clinic_id": other.clinic_id,
    }[field]

    answer = api.patch(f"/referrals/{referral.pk}", {field: str(value)}, format="json")

    assert answer.status_code == 400
    assert answer.json() == {field: ["This reference is fixed when the record is created."]}


def test_delete_answers_204_without_a_body_and_keeps_the_clinic(api):
    referral = make_referral()

    answer = api.delete(f"/referrals/{referral.pk}")

    assert answer.status_code == 204
    assert answer.content == b""
    assert not Referral.objects.exists()
    assert api.get(f"/clinics/{referral.clinic_id}").status_code == 200


def test_a_referred_clinic_cannot_be_deleted_and_its_referrals_stay(api):
    referral = make_referral()

    answer = api.delete(f"/clinics/{referral.clinic_id}")

    assert answer.status_code == 409
    assert "set is_active to false" in answer.json()["detail"]
    assert api.get(f"/referrals/{referral.pk}").status_code == 200


def test_once_its_referrals_are_deleted_a_clinic_can_be_deleted(api):
    referral = make_referral()
    api.delete(f"/referrals/{referral.pk}")

    answer = api.delete(f"/clinics/{referral.clinic_id}")

    assert answer.status_code == 204


@pytest.mark.parametrize("path", ["/referrals", "/referrals/"])
def test_the_list_answers_with_and_without_a_trailing_slash(api, path):
    make_referral()

    answer = api.get(path)

    assert answer.status_code == 200
    assert answer.json()["count"] == 1
