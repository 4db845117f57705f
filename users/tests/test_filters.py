"""Every filter and the ordering of the /users list."""

import datetime

import pytest

from clinicbot.factories import make_user
from users.models import ChatUser

pytestmark = pytest.mark.django_db


def ids(answer):
    assert answer.status_code == 200, answer.content
    return [row["user_id"] for row in answer.json()["results"]]


@pytest.mark.parametrize(
    ("field", "value", "other"),
    [
        ("user_session_id", "key-a", "key-b"),
        ("selected_state", "Lagos", "Kano"),
        ("selected_lga", "Ikeja", "Surulere"),
        ("selected_language", "Yoruba", "Hausa"),
        ("selected_gender", "Female 👩", "Male 👨"),
        ("selected_age_group", "< 25", "26-35"),
        ("selected_marital_status", "Single", "Married"),
        ("main_menu_option", "Get pregnant", "Prevent pregnancy"),
    ],
)
def test_each_text_filter_matches_exactly(api, field, value, other):
    wanted = make_user(**{field: value})
    make_user(**{field: other})
    if value.upper() != value:
        make_user(**{field: value.upper()})

    assert ids(api.get("/users", {field: value})) == [str(wanted.pk)]


def make_users_created_on(*days):
    users = [make_user() for _ in days]
    for user, day in zip(users, days, strict=True):
        ChatUser.objects.filter(pk=user.pk).update(created_at=day)
    return users


def test_created_after_is_inclusive_and_created_before_exclusive(api):
    early, edge, late = make_users_created_on(
        datetime.datetime(2026, 1, 31, 23, 59, tzinfo=datetime.UTC),
        datetime.datetime(2026, 2, 1, 0, 0, tzinfo=datetime.UTC),
        datetime.datetime(2026, 2, 2, 12, 0, tzinfo=datetime.UTC),
    )

    assert ids(api.get("/users?created_after=2026-02-01")) == [str(late.pk), str(edge.pk)]
    assert ids(api.get("/users?created_before=2026-02-01")) == [str(early.pk)]
    assert ids(api.get("/users?created_after=2026-02-01T00:00:01&created_before=2026-02-03")) == [
        str(late.pk)
    ]


def test_a_date_time_with_an_offset_is_honoured(api):
    (user,) = make_users_created_on(datetime.datetime(2026, 2, 1, 10, 0, tzinfo=datetime.UTC))

    assert ids(api.get("/users", {"created_after": "2026-02-01T10:30:00+01:00"})) == [str(user.pk)]
    assert ids(api.get("/users", {"created_after": "2026-02-01T11:30:00+01:00"})) == []


@pytest.mark.parametrize("value", ["yesterday", "2026-02-30", "2026-13-01", "01/02/2026"])
def test_a_date_that_does_not_parse_is_a_400(api, value):
    answer = api.get("/users", {"created_after": value})

    assert answer.status_code == 400
    assert list(answer.json()) == ["created_after"]


def test_the_default_order_is_newest_first_with_the_id_breaking_ties(api):
    same_time = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    tied = make_users_created_on(same_time, same_time, same_time)
    (newest,) = make_users_created_on(datetime.datetime(2026, 1, 2, tzinfo=datetime.UTC))

    expected = [str(newest.pk), *sorted(str(user.pk) for user in tied)]
    assert ids(api.get("/users")) == expected


def test_ordering_by_a_filter_field_ascending_and_descending(api):
    kano, abia, lagos = (make_user(selected_state=s) for s in ("Kano", "Abia", "Lagos"))

    assert ids(api.get("/users?ordering=selected_state")) == [
        str(abia.pk),
        str(kano.pk),
        str(lagos.pk),
    ]
    assert ids(api.get("/users?ordering=-selected_state")) == [
        str(lagos.pk),
        str(kano.pk),
        str(abia.pk),
    ]


def test_an_unknown_ordering_field_is_ignored(api):
    first, second = make_users_created_on(
        datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        datetime.datetime(2026, 1, 2, tzinfo=datetime.UTC),
    )

    assert ids(api.get("/users?ordering=favourite_colour")) == [str(second.pk), str(first.pk)]


def test_the_list_runs_two_queries_whatever_the_rows(api, django_assert_max_num_queries):
    ChatUser.objects.bulk_create(ChatUser() for _ in range(120))

    with django_assert_max_num_queries(2):
        answer = api.get("/users?page_size=100")

    assert len(answer.json()["results"]) == 100


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00"])
def test_a_moment_out_of_range_in_utc_is_a_400(api, value):
    answer = api.get("/users", {"created_after": value})

    assert answer.status_code == 400
    assert answer.json() == {"created_after": ["This moment is out of range in UTC."]}
