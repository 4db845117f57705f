"""Every filter and the ordering of the /referrals list."""

import datetime
import uuid

import pytest

from clinicbot.factories import make_clinic, make_referral, make_session
from clinics.models import Clinic
from referrals.models import Referral

pytestmark = pytest.mark.django_db

DAY = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)


def ids(answer):
    assert answer.status_code == 200, answer.content
    return [row["referral_id"] for row in answer.json()["results"]]


def test_user_id_finds_the_referrals_of_that_user(api):
    wanted = make_referral()
    make_referral()

    assert ids(api.get("/referrals", {"user_id": str(wanted.user_id)})) == [str(wanted.pk)]


def test_session_id_finds_the_referrals_of_that_session(api):
    wanted = make_referral()
    make_referral(make_session(wanted.user))

    answer = api.get("/referrals", {"session_id": str(wanted.session_id)})

    assert ids(answer) == [str(wanted.pk)]


def test_clinic_id_finds_the_referrals_to_that_clinic(api):
    wanted = make_referral()
    make_referral(wanted.session)

    answer = api.get("/referrals", {"clinic_id": str(wanted.clinic_id)})

    assert ids(answer) == [str(wanted.pk)]


@pytest.mark.parametrize(
    "field",
    ["follow_up_needed", "follow_up_completed", "user_contacted_clinic", "user_visited_clinic"],
)
def test_each_boolean_filter_matches_its_value(api, field):
    yes = make_referral(**{field: True})
    no = make_referral(**{field: False})

    assert ids(api.get("/referrals", {field: "true"})) == [str(yes.pk)]
    assert ids(api.get("/referrals", {field: "false"})) == [str(no.pk)]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("follow_up_needed", "maybe"),
        ("user_visited_clinic", "visited"),
        ("user_id", "not-a-uuid"),
        ("session_id", "1"),
        ("clinic_id", "clinic"),
    ],
)
def test_an_invalid_filter_value_is_a_400_naming_it(api, name, value):
    answer = api.get("/referrals", {name: value})

    assert answer.status_code == 400
    assert list(answer.json()) == [name]


@pytest.mark.parametrize("name", ["user_id", "session_id", "clinic_id"])
def test_an_unknown_reference_gives_an_empty_list(api, name):
    make_referral()

    assert ids(api.get("/referrals", {name: str(uuid.uuid4())})) == []


def make_referrals_at(*moments):
    session, clinic = make_session(), make_clinic()
    return [make_referral(session, clinic, referral_provided_at=moment) for moment in moments]


def test_the_default_order_is_newest_referral_first_with_the_id_breaking_ties(api):
    tied = make_referrals_at(DAY, DAY, DAY)
    (newest,) = make_referrals_at(DAY + datetime.timedelta(seconds=1))

    expected = [str(newest.pk), *sorted(str(row.pk) for row in tied)]
    assert ids(api.get("/referrals")) == expected


def test_ordering_by_referral_provided_at_in_both_directions(api):
    middle, early, late = make_referrals_at(
        DAY, DAY - datetime.timedelta(days=1), DAY + datetime.timedelta(days=1)
    )

    ascending = api.get("/referrals", {"ordering": "referral_provided_at"})
    descending = api.get("/referrals", {"ordering": "-referral_provided_at"})

    assert ids(ascending) == [str(early.pk), str(middle.pk), str(late.pk)]
    assert ids(descending) == [str(late.pk), str(middle.pk), str(early.pk)]


def test_ordering_by_created_at_is_unknown_here_and_ignored(api):
    early, late = make_referrals_at(DAY, DAY + datetime.timedelta(days=1))

    assert ids(api.get("/referrals", {"ordering": "created_at"})) == [str(late.pk), str(early.pk)]


def test_ordering_by_a_boolean_filter_field(api):
    done = make_referral(follow_up_completed=True, referral_provided_at=DAY)
    open_ = make_referral(follow_up_completed=False, referral_provided_at=DAY)

    answer = api.get("/referrals", {"ordering": "-follow_up_completed"})

    assert ids(answer) == [str(done.pk), str(open_.pk)]


def test_the_list_embeds_clinics_in_two_queries_whatever_the_rows(
    api, django_assert_max_num_queries
):
    session = make_session()
    clinics = Clinic.objects.bulk_create(
        Clinic(clinic_name=f"Clinic {n}", state="Oyo", lga="Ibadan North") for n in range(120)
    )
    Referral.objects.bulk_create(
        Referral(user=session.user, session=session, clinic=clinic) for clinic in clinics
    )

    with django_assert_max_num_queries(2):
        answer = api.get("/referrals", {"limit": 100})

    rows = answer.json()["results"]
    assert len(rows) == 100
    assert {row["clinic"]["clinic_id"] for row in rows} == {row["clinic_id"] for row in rows}
    assert len({row["clinic"]["clinic_name"] for row in rows}) == 100
