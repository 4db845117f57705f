"""The admin of the clinic directory: search by place, a clinic's referrals, deactivation."""

import datetime
import logging

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from clinicbot.factories import make_clinic, make_referral, make_session
from clinics.models import Clinic

pytestmark = pytest.mark.django_db

NINE = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)

# Queries of a page, whatever its number of rows (the signed-in session and user included).
LIST_QUERIES = 7  # count, full count, states, clinic types, rows
CHANGE_QUERIES = 5  # the clinic, its content type, its referrals


@pytest.fixture
def staff(client, django_user_model):
    ContentType.objects.clear_cache()
    client.force_login(django_user_model.objects.create_superuser("boss", password="pw"))
    return client


@pytest.fixture
def viewer(client, django_user_model):
    """Staff who may view clinics but not change them."""
    clerk = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_clinic"))
    client.force_login(clerk)
    return client


def names(page):
    return [clinic.clinic_name for clinic in page.context["cl"].result_list]


@pytest.mark.parametrize("rows", [3, 30])
def test_the_clinic_list_runs_a_fixed_number_of_queries(staff, rows, django_assert_max_num_queries):
    for n in range(rows):
        make_clinic(clinic_name=f"Clinic {n:02}", clinic_type="Public")

    with django_assert_max_num_queries(LIST_QUERIES):
        page = staff.get("/admin/clinics/clinic/")

    assert page.status_code == 200
    assert len(names(page)) == rows


@pytest.mark.parametrize("rows", [3, 30])
def test_a_clinics_page_lists_its_referrals_in_a_fixed_number_of_queries(
    staff, rows, django_assert_max_num_queries
):
    clinic = make_clinic()
    for _ in range(rows):
        make_referral(clinic=clinic, referral_reason="Implant removal")

    with django_assert_max_num_queries(CHANGE_QUERIES):
        page = staff.get(f"/admin/clinics/clinic/{clinic.pk}/change/")

    assert page.status_code == 200
    assert page.content.count(b'<td class="field-referral_reason">') == rows


def test_a_clinics_page_shows_its_latest_fifty_referrals_and_links_to_all(staff):
    clinic = make_clinic()
    session = make_session()
    for n in range(51):
        make_referral(session, clinic, referral_provided_at=NINE + datetime.timedelta(hours=n))

    html = staff.get(f"/admin/clinics/clinic/{clinic.pk}/change/").content.decode()

    assert html.count('<td class="field-referral_provided_at">') == 50
    assert "March 1, 2026, 9 a.m." not in html
    assert f'href="/admin/referrals/referral/?clinic__exact={clinic.pk}"' in html


def test_a_clinic_is_found_by_its_lga(staff):
    make_clinic(clinic_name="Ikeja clinic", lga="Ikeja")
    make_clinic(clinic_name="Surulere clinic", lga="Surulere")

    assert names(staff.get("/admin/clinics/clinic/", {"q": "surul"})) == ["Surulere clinic"]


def test_the_clinic_list_filters_by_state(staff):
    make_clinic(clinic_name="In Kano", state="Kano")
    make_clinic(clinic_name="In Lagos", state="Lagos")

    assert names(staff.get("/admin/clinics/clinic/", {"state": "Kano"})) == ["In Kano"]


def test_deactivating_clinics_takes_them_out_of_the_suggestions_and_keeps_them(staff, caplog):
    chosen = [make_clinic(clinic_name=name) for name in ("A", "B")]
    already = make_clinic(clinic_name="C", is_active=False)
    other = make_clinic(clinic_name="D")
    make_referral(clinic=chosen[0])

    with caplog.at_level(logging.INFO, logger="clinics.admin"):
        answer = staff.post(
            "/admin/clinics/clinic/",
            {"action": "deactivate", "_selected_action": [c.pk for c in [*chosen, already]]},
            follow=True,
        )

    assert [str(m) for m in answer.context["messages"]] == ["2 clinic(s) deactivated."]
    assert dict(Clinic.objects.values_list("clinic_name", "is_active")) == {
        "A": False,
        "B": False,
        "C": False,
        "D": True,
    }
    assert Clinic.objects.get(pk=chosen[0].pk).updated_at > chosen[0].updated_at
    assert other.referrals.count() == 0
    boss = staff.session["_auth_user_id"]
    assert f"staff user {boss} deactivated 2 clinics" in caplog.messages


def test_staff_who_may_only_view_clinics_are_not_offered_deactivation(viewer):
    clinic = make_clinic()

    page = viewer.get("/admin/clinics/clinic/")
    viewer.post("/admin/clinics/clinic/", {"action": "deactivate", "_selected_action": [clinic.pk]})

    assert [name for name, _ in page.context["action_form"].fields["action"].choices] == [
        "",
        "export_csv",
    ]
    assert Clinic.objects.get().is_active
