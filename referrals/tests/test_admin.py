"""The admin of referrals: by follow-up state, marked as followed up, a light list and page."""

import logging

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from clinicbot.factories import make_clinic, make_referral, make_session
from referrals.models import Referral

pytestmark = pytest.mark.django_db

# Queries of a page, whatever its number of rows (the signed-in session and user included).
LIST_QUERIES = 7  # count, full count, 2 of the date hierarchy, rows with their clinics
CHANGE_QUERIES = 7  # the referral, its content type, user, session and clinic shown


@pytest.fixture
def staff(client, django_user_model):
    ContentType.objects.clear_cache()
    client.force_login(django_user_model.objects.create_superuser("boss", password="pw"))
    return client


def listed(page):
    return {referral.pk for referral in page.context["cl"].result_list}


@pytest.mark.parametrize("rows", [3, 30])
def test_the_referral_list_runs_a_fixed_number_of_queries(
    staff, rows, django_assert_max_num_queries
):
    for n in range(rows):
        make_referral(clinic=make_clinic(clinic_name=f"Clinic {n:02}"))

    with django_assert_max_num_queries(LIST_QUERIES):
        page = staff.get("/admin/referrals/referral/")

    assert page.status_code == 200
    assert page.content.count(b'<td class="field-clinic') == rows


@pytest.mark.parametrize("rows", [3, 30])
def test_a_referrals_page_runs_a_fixed_number_of_queries(
    staff, rows, django_assert_max_num_queries
):
    session = make_session()
    referrals = [make_referral(session) for _ in range(rows)]

    with django_assert_max_num_queries(CHANGE_QUERIES):
        page = staff.get(f"/admin/referrals/referral/{referrals[0].pk}/change/")

    assert page.status_code == 200


@pytest.mark.parametrize(
    ("state", "expected"),
    [("pending", {"pending"}), ("done", {"done", "done unasked"}), ("not_needed", {"none"})],
)
def test_the_referral_list_filters_by_follow_up_state(staff, state, expected):
    made = {
        "pending": make_referral(follow_up_needed=True),
        "done": make_referral(follow_up_needed=True, follow_up_completed=True),
        "done unasked": make_referral(follow_up_completed=True),
        "none": make_referral(),
    }

    page = staff.get("/admin/referrals/referral/", {"follow_up": state})

    assert listed(page) == {made[name].pk for name in expected}


def test_marking_referrals_as_followed_up_counts_only_those_not_done_yet(staff, caplog):
    pending = [make_referral(follow_up_needed=True) for _ in range(2)]
    done = make_referral(follow_up_needed=True, follow_up_completed=True)
    untouched = make_referral(follow_up_needed=True)

    with caplog.at_level(logging.INFO, logger="referrals.admin"):
        answer = staff.post(
            "/admin/referrals/referral/",
            {"action": "mark_followed_up", "_selected_action": [r.pk for r in [*pending, done]]},
            follow=True,
        )

    assert [str(m) for m in answer.context["messages"]] == ["2 referral(s) marked as followed up."]
    completed = set(Referral.objects.filter(follow_up_completed=True).values_list("pk", flat=True))
    assert completed == {pending[0].pk, pending[1].pk, done.pk}
    assert untouched.pk not in completed
    boss = staff.session["_auth_user_id"]
    assert f"staff user {boss} marked 2 referrals as followed up" in caplog.messages


def test_staff_who_may_only_view_referrals_cannot_mark_them(client, django_user_model):
    clerk = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_referral"))
    client.force_login(clerk)
    referral = make_referral(follow_up_needed=True)

    client.post(
        "/admin/referrals/referral/",
        {"action": "mark_followed_up", "_selected_action": [referral.pk]},
    )

    assert not Referral.objects.get().follow_up_completed


def test_a_referral_added_in_the_admin_belongs_to_its_sessions_user(staff):
    session = make_session()
    clinic = make_clinic()

    answer = staff.post(
        "/admin/referrals/referral/add/", {"session": str(session.pk), "clinic": str(clinic.pk)}
    )

    assert answer.status_code == 302, answer.content
    assert Referral.objects.get().user_id == session.user_id


def test_the_clinic_of_a_referral_is_chosen_by_autocomplete_not_from_a_list(staff):
    make_clinic()

    html = staff.get("/admin/referrals/referral/add/").content.decode()

    assert 'class="admin-autocomplete' in html
    assert "<option" not in html.split('name="clinic"')[1].split("</select>")[0]
