"""The admin of FPM interactions: a light list and page, references kept as in the API."""

import pytest
from django.contrib.contenttypes.models import ContentType

from clinicbot.factories import make_interaction, make_session
from interactions.models import FpmInteraction

pytestmark = pytest.mark.django_db

# Queries of a page, whatever its number of rows (the signed-in session and user included).
LIST_QUERIES = 8  # count, 2 filters' values, 2 of the date hierarchy, rows
CHANGE_QUERIES = 6  # the interaction, its content type, session and user shown read-only


@pytest.fixture
def staff(client, django_user_model):
    ContentType.objects.clear_cache()
    client.force_login(django_user_model.objects.create_superuser("boss", password="pw"))
    return client


@pytest.mark.parametrize("rows", [3, 30])
def test_the_interaction_list_runs_a_fixed_number_of_queries(
    staff, rows, django_assert_max_num_queries
):
    for n in range(rows):
        make_interaction(fpm_flow_type=f"flow-{n}", selected_method="Implant")

    with django_assert_max_num_queries(LIST_QUERIES):
        page = staff.get("/admin/interactions/fpminteraction/")

    assert page.status_code == 200
    assert page.content.count(b'class="field-fpm_flow_type"') == rows


@pytest.mark.parametrize("rows", [3, 30])
def test_an_interactions_page_runs_a_fixed_number_of_queries(
    staff, rows, django_assert_max_num_queries
):
    session = make_session()
    interactions = [make_interaction(session) for _ in range(rows)]

    with django_assert_max_num_queries(CHANGE_QUERIES):
        page = staff.get(f"/admin/interactions/fpminteraction/{interactions[0].pk}/change/")

    assert page.status_code == 200


def test_the_interaction_list_filters_by_flow_and_by_referral_needed(staff):
    wanted = make_interaction(fpm_flow_type="change_fpm", clinic_referral_needed=True)
    make_interaction(fpm_flow_type="change_fpm")
    make_interaction(fpm_flow_type="stop_fpm", clinic_referral_needed=True)

    found = staff.get(
        "/admin/interactions/fpminteraction/",
        {"fpm_flow_type": "change_fpm", "clinic_referral_needed__exact": "1"},
    )

    assert [interaction.pk for interaction in found.context["cl"].result_list] == [wanted.pk]


def test_an_interaction_added_in_the_admin_belongs_to_its_sessions_user(staff):
    session = make_session()

    answer = staff.post(
        "/admin/interactions/fpminteraction/add/",
        {"session": str(session.pk), "important_factors": "[]"},
    )

    assert answer.status_code == 302, answer.content
    assert FpmInteraction.objects.get().user_id == session.user_id
