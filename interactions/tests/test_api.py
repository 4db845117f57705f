"""The /fpm-interactions resource: create, read, update, delete and their rules."""

import uuid

import pytest

from clinicbot.factories import make_interaction, make_session
from interactions.models import FpmInteraction

pytestmark = pytest.mark.django_db

# Every text field with its column's length, as in the data model.
TEXT_FIELDS = [
    ("fpm_flow_type", 50),
    ("main_menu_option", 50),
    ("current_fpm_method", 100),
    ("interested_fpm_method", 100),
    ("fpm_duration_preference", 50),
    ("contraception_type", 50),
    ("emergency_product", 50),
    ("prevention_duration", 50),
    ("selected_method", 100),
    ("satisfaction_level", 50),
    ("switch_reason", 200),
    ("stop_reason", 200),
    ("kids_in_future", 20),
    ("timing_preference", 50),
    ("menstrual_flow_preference", 100),
    ("fpm_concern_type", 100),
    ("pregnancy_trial", 100),
    ("iud_removal_duration", 100),
    ("implant_removal_duration", 100),
    ("injection_stop_period", 100),
    ("dailypills_stop_period", 100),
    ("contraception_choice", 100),
    ("improve_intimacy_choice", 100),
    ("other_method_choices", 100),
    ("side_effects", 100),
    ("switch_method", 100),
    ("prevention_choice", 100),
    ("emergency_prevention_choice", 100),
    ("gel_lubricant_choice", 100),
    ("next_action", 100),
    ("has_medical_conditions", 20),
    ("medical_screening_shown", 20),
]
BOOLEAN_FIELDS = ["clinic_referral_needed", "human_agent_requested", "requires_clinic_referral"]


def post(api, session=None, **fields):
    session = session or make_session()
    body = {"user_id": str(session.user_id), "session_id": str(session.pk), **fields}
    return api.post("/fpm-interactions", body, format="json")


def test_create_with_the_required_fields_answers_the_whole_stored_interaction(api):
    session = make_session()

    answer = post(api, session)

    assert answer.status_code == 201
    body = answer.json()
    stored = FpmInteraction.objects.get()
    assert body == {
        "interaction_id": str(stored.pk),
        "user_id": str(session.user_id),
        "session_id": str(session.pk),
        "user_session_id": session.user.user_session_id,
        **{field: None for field, _ in TEXT_FIELDS},
        "provided_information": None,
        "important_factors": [],
        **dict.fromkeys(BOOLEAN_FIELDS, False),
        "created_at": body["created_at"],
    }


def test_every_field_is_settable_including_the_three_of_the_older_schema(api):
    sent = {
        **{field: f"{field[:10]} value" for field, _ in TEXT_FIELDS},
        "provided_information": "Implants last three to five years.",
        "important_factors": ["Long lasting", "No daily pill"],
        **dict.fromkeys(BOOLEAN_FIELDS, True),
    }

    answer = post(api, **sent)

    assert answer.status_code == 201
    assert {key: answer.json()[key] for key in sent} == sent
    stored = FpmInteraction.objects.get()
    assert stored.has_medical_conditions == "has_medica value"
    assert stored.medical_screening_shown == "medical_sc value"
    assert stored.requires_clinic_referral is True


@pytest.mark.parametrize("field", ["user_id", "session_id"])
def test_each_required_field_missing_is_a_400_naming_it(api, field):
    session = make_session()
    body = {"user_id": str(session.user_id), "session_id": str(session.pk)}
    del body[field]

    answer = api.post("/fpm-interactions", body, format="json")

    assert answer.status_code == 400
    assert answer.json() == {field: ["This field is required."]}


@pytest.mark.parametrize("field", ["user_id", "session_id"])
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("not-a-uuid", "Must be a valid UUID."),
        ("6f1c1a8e-64a5-4f7e-9a4b-0e7f3c0d2a11", "No record has this id."),
        (None, "This field may not be null."),
        (True, "Must be a UUID string."),
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


@pytest.mark.parametrize(("field", "limit"), TEXT_FIELDS)
def test_text_longer_than_its_column_is_a_400_naming_the_field(api, field, limit):
    session = make_session()
    assert post(api, session, **{field: "x" * limit}).status_code == 201

    answer = post(api, session, **{field: "x" * (limit + 1)})

    assert answer.status_code == 400
    assert list(answer.json()) == [field]


def test_null_is_accepted_for_optional_text(api):
    answer = post(api, fpm_flow_type=None, provided_information=None)

    assert answer.status_code == 201


@pytest.mark.parametrize("field", BOOLEAN_FIELDS)
def test_null_for_a_boolean_is_a_400_not_the_default(api, field):
    answer = post(api, **{field: None})

    assert answer.status_code == 400
    assert answer.json() == {field: ["This field may not be null."]}


@pytest.mark.parametrize("value", [None, "Cost", ["Cost", 3]])
def test_important_factors_must_be_a_list_of_strings(api, value):
    answer = post(api, important_factors=value)

    assert answer.status_code == 400
    assert list(answer.json()) == ["important_factors"]


def test_user_session_id_is_read_only_and_ignored_on_input(api):
    session = make_session()

    answer = post(api, session, user_session_id="someone-else", interaction_id=str(uuid.uuid4()))

    assert answer.status_code == 201
    assert answer.json()["user_session_id"] == session.user.user_session_id
    assert answer.json()["interaction_id"] == str(FpmInteraction.objects.get().pk)


def test_user_session_id_follows_the_owner_when_it_changes(api):
    interaction = make_interaction()
    user = interaction.user
    user.user_session_id = "renamed-key"
    user.save()

    answer = api.get(f"/fpm-interactions/{interaction.pk}")

    assert answer.json()["user_session_id"] == "renamed-key"


def test_get_answers_one_interaction(api):
    interaction = make_interaction(selected_method="Implant")

    answer = api.get(f"/fpm-interactions/{interaction.pk}")

    assert answer.status_code == 200
    assert answer.json()["interaction_id"] == str(interaction.pk)
    assert answer.json()["selected_method"] == "Implant"


@pytest.mark.parametrize("method", ["get", "patch", "put", "delete"])
@pytest.mark.parametrize("ident", ["not-a-uuid", str(uuid.uuid4()), "123"])
def test_malformed_and_unknown_ids_are_a_404(api, method, ident):
    make_interaction()

    answer = getattr(api, method)(f"/fpm-interactions/{ident}", {}, format="json")

    assert answer.status_code == 404
    assert answer.json() == {"detail": "Not found."}


def test_patch_changes_only_what_it_sends(api):
    interaction = make_interaction(selected_method="Implant", next_action="visit clinic")

    answer = api.patch(
        f"/fpm-interactions/{interaction.pk}", {"human_agent_requested": True}, format="json"
    )

    assert answer.status_code == 200
    interaction.refresh_from_db()
    assert interaction.human_agent_requested is True
    assert (interaction.selected_method, interaction.next_action) == ("Implant", "visit clinic")


def test_put_needs_the_required_fields(api):
    interaction = make_interaction()

    answer = api.put(
        f"/fpm-interactions/{interaction.pk}", {"selected_method": "IUD"}, format="json"
    )

    assert answer.status_code == 400
    assert set(answer.json()) == {"user_id", "session_id"}


def test_put_with_the_required_fields_updates(api):
    interaction = make_interaction()

    answer = api.put(
        f"/fpm-interactions/{interaction.pk}",
        {
            "user_id": str(interaction.user_id),
            "session_id": str(interaction.session_id),
            "selected_method": "IUD",
        },
        format="json",
    )

    assert answer.status_code == 200
    interaction.refresh_from_db()
    assert interaction.selected_method == "IUD"


@pytest.mark.parametrize("field", ["user_id", "session_id"])
def test_an_update_naming_another_reference_is_a_400(api, field):
    interaction = make_interaction()
    other = make_session()
    value = {"user_id": other.user_id, "session_id": other.pk}[field]

    answer = api.patch(f"/fpm-interactions/{interaction.pk}", {field: str(value)}, format="json")

    assert answer.status_code == 400
    assert answer.json() == {field: ["This reference is fixed when the record is created."]}


def test_delete_answers_204_without_a_body(api):
    interaction = make_interaction()

    answer = api.delete(f"/fpm-interactions/{interaction.pk}")

    assert answer.status_code == 204
    assert answer.content == b""
    assert not FpmInteraction.objects.exists()


@pytest.mark.parametrize("path", ["/fpm-interactions", "/fpm-interactions/"])
def test_the_list_answers_with_and_without_a_trailing_slash(api, path):
    make_interaction()

    answer = api.get(path)

    assert answer.status_code == 200
    assert answer.json()["count"] == 1
