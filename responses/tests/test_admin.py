"""The admin of the users' answers: a light list, and references kept as the API keeps them."""

import pytest
from django.contrib.contenttypes.models import ContentType

from clinicbot.factories import make_message, make_response, make_session
from responses.models import UserResponse

pytestmark = pytest.mark.django_db

# Queries of a page, whatever its number of rows (the signed-in session and user included).
LIST_QUERIES = 9  # count, 3 filters' values, 2 of the date hierarchy, rows
CHANGE_QUERIES = 7  # the answer, its content type, its message and user, session and user shown


@pytest.fixture
def staff(client, django_user_model):
    ContentType.objects.clear_cache()
    client.force_login(django_user_model.objects.create_superuser("boss", password="pw"))
    return client


@pytest.mark.parametrize("rows", [3, 30])
def test_the_response_list_runs_a_fixed_number_of_queries(
    staff, rows, django_assert_max_num_queries
):
    for n in range(rows):
        make_response(step_in_flow=f"step-{n}")

    with django_assert_max_num_queries(LIST_QUERIES):
        page = staff.get("/admin/responses/userresponse/")

    assert page.status_code == 200
    assert page.content.count(b'<td class="field-step_in_flow">') == rows


@pytest.mark.parametrize("rows", [3, 30])
def test_a_responses_page_runs_a_fixed_number_of_queries(
    staff, rows, django_assert_max_num_queries
):
    message = make_message()
    responses = [make_response(message) for _ in range(rows)]

    with django_assert_max_num_queries(CHANGE_QUERIES):
        page = staff.get(f"/admin/responses/userresponse/{responses[0].pk}/change/")

    assert page.status_code == 200


def test_the_response_list_filters_by_category(staff):
    wanted = make_response(response_category="demographic")
    make_response(response_category="fpm")

    found = staff.get("/admin/responses/userresponse/", {"response_category": "demographic"})

    assert [response.pk for response in found.context["cl"].result_list] == [wanted.pk]


def test_an_answer_added_in_the_admin_takes_its_session_and_user_from_its_message(staff):
    message = make_message(make_session())

    answer = staff.post(
        "/admin/responses/userresponse/add/",
        {
            "conversation": str(message.pk),
            "response_category": "demographic",
            "response_type": "button",
            "user_response": "Yes",
            "available_options": '["Yes", "No"]',
            "is_initial_response": "on",
        },
    )

    assert answer.status_code == 302, answer.content
    stored = UserResponse.objects.get()
    assert (stored.session_id, stored.user_id) == (message.session_id, message.user_id)


def test_the_references_of_a_stored_answer_are_read_only(staff):
    response = make_response()

    html = staff.get(f"/admin/responses/userresponse/{response.pk}/change/").content.decode()

    for name in ["user", "session", "conversation"]:
        assert f'name="{name}"' not in html
    assert 'name="previous_response"' in html
