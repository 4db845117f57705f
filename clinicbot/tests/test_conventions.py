"""The conventions every resource shares: media types, paths, errors, health, the schema."""

import os

import pytest
from django.core.management import call_command
from django.db import connection

from clinicbot.factories import make_user

pytestmark = pytest.mark.django_db


def test_the_suite_runs_on_the_database_that_database_url_names():
    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected


def test_a_form_body_is_refused_with_415(api):
    answer = api.post(
        "/users", "selected_state=Lagos", content_type="application/x-www-form-urlencoded"
    )

    assert answer.status_code == 415
    assert "Unsupported media type" in answer.json()["detail"]


def test_plain_text_is_refused_with_415(api):
    answer = api.post("/clinics", "clinic_name=A", content_type="text/plain")

    assert answer.status_code == 415


def test_malformed_json_is_a_400(api):
    answer = api.post("/users", '{"selected_state": ', content_type="application/json")

    assert answer.status_code == 400
    assert "JSON parse error" in answer.json()["detail"]


def test_nan_in_json_is_a_400(api):
    answer = api.post("/clinics", '{"latitude": NaN}', content_type="application/json")

    assert answer.status_code == 400


def test_a_body_that_is_not_an_object_is_a_400(api):
    answer = api.post("/users", [1, 2], format="json")

    assert answer.status_code == 400
    assert "non_field_errors" in answer.json()


@pytest.mark.parametrize("path", ["/users", "/users/", "/clinics", "/clinics/"])
def test_paths_answer_with_and_without_a_trailing_slash(api, path):
    answer = api.get(path)

    assert answer.status_code == 200
    assert answer.json()["count"] == 0


def test_an_item_path_answers_with_and_without_a_trailing_slash(api):
    user = make_user()

    assert api.get(f"/users/{user.pk}").status_code == 200
    assert api.get(f"/users/{user.pk}/").status_code == 200


def test_a_post_to_a_path_without_slash_is_not_redirected(api):
    answer = api.post("/users", {}, format="json")

    assert answer.status_code == 201


@pytest.mark.parametrize("path", ["/nothing", "/users/x/y", "/api/", "/usersx"])
def test_unknown_paths_get_a_json_404(api, path):
    answer = api.get(path)

    assert answer.status_code == 404
    assert answer.json() == {"detail": "Not found."}


def test_a_method_the_resource_lacks_is_a_405(api):
    answer = api.put("/users", {}, format="json")

    assert answer.status_code == 405
    assert answer.json()["detail"] == 'Method "PUT" not allowed.'


def test_a_browser_gets_the_browsable_api(api):
    answer = api.get("/clinics", HTTP_ACCEPT="text/html")

    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/html")
    assert b"Clinic" in answer.content


def test_healthz_answers_without_the_database(api, django_assert_num_queries):
    with django_assert_num_queries(0):
        answer = api.get("/healthz")

    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}


def test_readyz_asks_the_database(api):
    answer = api.get("/readyz")

    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "database": "ok"}


def test_readyz_is_503_when_the_database_fails(api, monkeypatch):
    from django.db import OperationalError
    from django.db.backends.utils import CursorWrapper

    def refuse(*args, **kwargs):
        raise OperationalError("no answer")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    answer = api.get("/readyz")

    assert answer.status_code == 503
    assert answer.json()["status"] == "unavailable"


def test_the_openapi_schema_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    text = target.read_text()
    assert "/users/{user_id}/" in text
    assert "/clinics/{clinic_id}/" in text


def test_the_schema_is_served_as_json(api):
    answer = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert answer.status_code == 200
    schema = answer.json()
    assert schema["openapi"].startswith("3.")
    list_parameters = {p["name"] for p in schema["paths"]["/users/"]["get"]["parameters"]}
    assert {"page", "page_size", "limit", "ordering", "created_after"} <= list_parameters


def test_swagger_ui_is_served_from_local_static_files(api):
    answer = api.get("/api/docs/")

    assert answer.status_code == 200
    page = answer.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()


def test_the_admin_lists_every_model_for_a_superuser(client, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", password="pw")
    client.force_login(admin)

    index = client.get("/admin/")

    assert index.status_code == 200
    for path in [
        "users/chatuser",
        "chat/chatsession",
        "chat/conversation",
        "responses/userresponse",
        "interactions/fpminteraction",
        "clinics/clinic",
        "referrals/referral",
        "analytics/sessionanalytics",
    ]:
        assert f"/admin/{path}/".encode() in index.content
        assert client.get(f"/admin/{path}/").status_code == 200


def test_the_migrations_match_the_models():
    from io import StringIO

    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)

    assert "No changes detected" in out.getvalue()


def test_a_body_nested_thousands_deep_is_a_400_not_a_crash(api):
    answer = api.post("/users", "[" * 100_000 + "]" * 100_000, content_type="application/json")

    assert answer.status_code == 400
    assert answer.json() == {"detail": "JSON parse error - the body is nested too deeply."}


def test_a_body_over_the_size_limit_is_a_413(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    answer = api.post("/users", {"selected_state": "x" * 2000}, format="json")

    assert answer.status_code == 413
    assert answer.json() == {"detail": "The request body is larger than the 1000 bytes allowed."}


def test_a_search_of_more_than_ten_words_is_a_400(api):
    answer = api.get("/clinics", {"search": "a " * 11})

    assert answer.status_code == 400
    assert answer.json() == {"search": ["Search with at most 10 words."]}


def test_a_field_named_many_times_in_ordering_is_sorted_by_once(api):
    answer = api.get("/users", {"ordering": ",".join(["created_at"] * 5000)})

    assert answer.status_code == 200


def test_list_parameters_do_not_apply_to_one_record(api):
    user = make_user(selected_state="Lagos")

    answer = api.get(f"/users/{user.pk}", {"selected_state": "Kano", "created_after": "junk"})

    assert answer.status_code == 200
    assert answer.json()["user_id"] == str(user.pk)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/nope", "/users/abc/extra", "/users.json", "/clinics/a.b/"])
def test_writes_to_paths_that_match_nothing_get_a_json_404_not_a_csrf_page(
    superuser_token, method, path
):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.credentials(HTTP_AUTHORIZATION=f"Token {superuser_token}")

    answer = getattr(client, method)(path, {}, format="json")

    assert answer.status_code == 404
    assert answer.json() == {"detail": "Not found."}


def test_the_admin_without_its_slash_is_redirected_to_it(client):
    answer = client.get("/admin")

    assert answer.status_code == 301
    assert answer["Location"] == "/admin/"
