"""The /users resource: create, read, update, delete and their rules."""

import uuid

import pytest

from clinicbot.factories import make_user
from users.models import ChatUser

pytestmark = pytest.mark.django_db


def test_an_empty_body_creates_a_user_with_a_fresh_session_id(api):
    answer = api.post("/users", {}, format="json")

    assert answer.status_code == 201
    body = answer.json()
    assert uuid.UUID(body["user_id"])
    assert uuid.UUID(body["user_session_id"])
    assert body["total_conversations"] == 0
    assert body["last_active_at"] is None
    assert ChatUser.objects.get().user_session_id == body["user_session_id"]


def test_create_answers_the_whole_stored_object(api):
    sent = {
        "user_session_id": "front-end-key-1",
        "selected_language": "Hausa",
        "selected_gender": "Female 👩",
        "selected_state": "Kano",
        "selected_lga": "Nassarawa",
        "selected_age_group": "26-35",
        "selected_marital_status": "Married",
        "main_menu_option": "Prevent pregnancy",
        "current_step": "fpm_menu",
        "current_fpm_method": "Implant",
        "current_concern_type": "Side effects",
        "user_intention": "switch",
    }

    body = api.post("/users", sent, format="json").json()

    assert {key: body[key] for key in sent} == sent
    assert set(body) == {
        *sent,
        "user_id",
        "preferred_language",
        "satisfaction_score",
        "total_conversations",
        "last_active_at",
        "created_at",
        "updated_at",
    }


def test_a_second_user_with_the_same_session_id_is_a_400(api):
    make_user(user_session_id="taken")

    answer = api.post("/users", {"user_session_id": "taken"}, format="json")

    assert answer.status_code == 400
    assert "user_session_id" in answer.json()
    assert ChatUser.objects.count() == 1


def test_read_only_and_unknown_fields_are_ignored(api):
    answer = api.post(
        "/users",
        {
            "user_id": str(uuid.uuid4()),
            "preferred_language": "French",
            "satisfaction_score": 5,
            "total_conversations": 9,
            "last_active_at": "2020-01-01T00:00:00Z",
            "created_at": "2020-01-01T00:00:00Z",
            "favourite_colour": "blue",
        },
        format="json",
    )

    body = answer.json()
    assert answer.status_code == 201
    assert body["preferred_language"] is None
    assert body["satisfaction_score"] is None
    assert body["total_conversations"] == 0
    assert body["last_active_at"] is None
    assert not body["created_at"].startswith("2020")
    assert "favourite_colour" not in body


def test_null_is_accepted_for_optional_text(api):
    answer = api.post("/users", {"selected_state": None}, format="json")

    assert answer.status_code == 201
    assert answer.json()["selected_state"] is None


def test_null_session_id_is_a_400_not_the_default(api):
    answer = api.post("/users", {"user_session_id": None}, format="json")

    assert answer.status_code == 400
    assert answer.json()["user_session_id"] == ["This field may not be null."]


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("user_session_id", 255),
        ("selected_language", 20),
        ("selected_gender", 30),
        ("selected_state", 100),
        ("selected_lga", 100),
        ("selected_age_group", 20),
        ("selected_marital_status", 30),
        ("main_menu_option", 50),
        ("current_step", 50),
        ("current_fpm_method", 100),
        ("current_concern_type", 100),
        ("user_intention", 100),
    ],
)
def test_text_longer_than_its_column_is_a_400_naming_the_field(api, field, limit):
    assert api.post("/users", {field: "x" * limit}, format="json").status_code == 201

    answer = api.post("/users", {field: "y" * (limit + 1)}, format="json")

    assert answer.status_code == 400
    assert list(answer.json()) == [field]


@pytest.mark.parametrize("value", [5, True, ["Lagos"], {"name": "Lagos"}])
def test_text_fields_refuse_other_json_types(api, value):
    answer = api.post("/users", {"selected_state": value}, format="json")

    assert answer.status_code == 400
    assert "selected_state" in answer.json()


def test_a_blank_session_id_is_a_400(api):
    answer = api.post("/users", {"user_session_id": "  "}, format="json")

    assert answer.status_code == 400


def test_a_nul_character_is_a_400(api):
    answer = api.post("/users", {"selected_state": "La\u0000gos"}, format="json")

    assert answer.status_code == 400


def test_get_answers_one_user(api):
    user = make_user(selected_state="Oyo")

    answer = api.get(f"/users/{user.pk}")

    assert answer.status_code == 200
    assert answer.json()["selected_state"] == "Oyo"
    assert answer.json()["user_id"] == str(user.pk)


@pytest.mark.parametrize("method", ["get", "patch", "put", "delete"])
@pytest.mark.parametrize("ident", ["not-a-uuid", str(uuid.uuid4()), "123"])
def test_malformed_and_unknown_ids_are_a_404(api, method, ident):
    make_user()

    answer = getattr(api, method)(f"/users/{ident}", {}, format="json")

    assert answer.status_code == 404
    assert answer.json() == {"detail": "Not found."}


def test_patch_changes_only_what_it_sends(api):
    user = make_user(selected_state="Oyo", selected_lga="Ibadan North")

    answer = api.patch(f"/users/{user.pk}", {"selected_lga": "Ogbomosho"}, format="json")

    assert answer.status_code == 200
    user.refresh_from_db()
    assert (user.selected_state, user.selected_lga) == ("Oyo", "Ogbomosho")
    assert answer.json()["selected_lga"] == "Ogbomosho"


def test_put_replaces_the_fields_it_sends(api):
    user = make_user(selected_state="Oyo")

    answer = api.put(
        f"/users/{user.pk}",
        {"selected_state": "Kano", "user_session_id": "new-key"},
        format="json",
    )

    assert answer.status_code == 200
    user.refresh_from_db()
    assert (user.selected_state, user.user_session_id) == ("Kano", "new-key")


def test_an_update_to_a_taken_session_id_is_a_400(api):
    make_user(user_session_id="taken")
    user = make_user()

    answer = api.patch(f"/users/{user.pk}", {"user_session_id": "taken"}, format="json")

    assert answer.status_code == 400
    assert "user_session_id" in answer.json()


def test_update_ignores_read_only_fields(api):
    user = make_user()

    api.patch(f"/users/{user.pk}", {"total_conversations": 50, "user_id": "x"}, format="json")

    user.refresh_from_db()
    assert user.total_conversations == 0


def test_delete_answers_204_without_a_body(api):
    user = make_user()

    answer = api.delete(f"/users/{user.pk}")

    assert answer.status_code == 204
    assert answer.content == b""
    assert not ChatUser.objects.exists()
