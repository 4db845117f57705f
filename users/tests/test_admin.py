"""The admin of chatbot users: a list staff can search by session id, each user's sessions."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from clinicbot.factories import make_session, make_user

pytestmark = pytest.mark.django_db

NINE = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)

# Queries of a page, whatever its number of rows: the signed-in session and user, then the page.
LIST_QUERIES = 10  # count, 4 filters' values, 2 of the date hierarchy, the rows
CHANGE_QUERIES = 5  # the user, its content type, its sessions


@pytest.fixture
def staff(client, django_user_model):
    ContentType.objects.clear_cache()
    client.force_login(django_user_model.objects.create_superuser("boss", password="pw"))
    return client


@pytest.mark.parametrize("rows", [3, 30])
def test_the_user_list_runs_a_fixed_number_of_queries(staff, rows, django_assert_max_num_queries):
    users = [make_user(selected_state="Lagos", selected_lga=f"LGA {n}") for n in range(rows)]

    with django_assert_max_num_queries(LIST_QUERIES):
        page = staff.get("/admin/users/chatuser/")

    assert page.status_code == 200
    assert all(user.user_session_id.encode() in page.content for user in users)


@pytest.mark.parametrize("rows", [3, 30])
def test_a_users_page_lists_their_sessions_latest_first_in_a_fixed_number_of_queries(
    staff, rows, django_assert_max_num_queries
):
    user = make_user()
    for n in range(rows):
        make_session(user, session_start_time=NINE + datetime.timedelta(days=n))

    with django_assert_max_num_queries(CHANGE_QUERIES):
        page = staff.get(f"/admin/users/chatuser/{user.pk}/change/")

    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('class="field-session_start_time"') == rows
    assert html.index(f"March {rows}, 2026") < html.index("March 1, 2026")


def test_a_users_page_shows_their_first_fifty_sessions_and_links_to_all(staff):
    user = make_user()
    for n in range(51):
        make_session(user, session_start_time=NINE + datetime.timedelta(hours=n))

    page = staff.get(f"/admin/users/chatuser/{user.pk}/change/").content.decode()

    assert page.count('class="field-session_start_time"') == 50
    assert f'href="/admin/chat/chatsession/?user__exact={user.pk}"' in page
    listed = staff.get(f"/admin/chat/chatsession/?user__exact={user.pk}")
    assert listed.context["cl"].result_count == 51


def test_a_user_is_found_by_their_whole_session_id_but_not_by_a_part(staff):
    wanted = make_user(user_session_id="wa-2348012345678")
    make_user(user_session_id="wa-2348099999999")

    whole = staff.get("/admin/users/chatuser/", {"q": "wa-2348012345678"})
    part = staff.get("/admin/users/chatuser/", {"q": "wa-23480"})

    assert [user.pk for user in whole.context["cl"].result_list] == [wanted.pk]
    assert list(part.context["cl"].result_list) == []


def test_a_user_is_found_by_their_user_id(staff):
    wanted = make_user()
    make_user()

    found = staff.get("/admin/users/chatuser/", {"q": str(wanted.pk)})

    assert [user.pk for user in found.context["cl"].result_list] == [wanted.pk]


def test_the_user_list_filters_by_state(staff):
    lagos = make_user(selected_state="Lagos")
    make_user(selected_state="Kano")

    found = staff.get("/admin/users/chatuser/", {"selected_state": "Lagos"})

    assert [user.pk for user in found.context["cl"].result_list] == [lagos.pk]


def test_the_ids_and_timestamps_of_a_user_are_read_only(staff):
    user = make_user()

    page = staff.get(f"/admin/users/chatuser/{user.pk}/change/").content.decode()

    assert str(user.pk) in page
    for name in ["user_id", "last_active_at", "created_at", "updated_at"]:
        assert f'name="{name}' not in page
    assert 'name="user_session_id"' in page
