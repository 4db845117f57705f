"""The value rules the kit's serializer fields hold."""

import decimal

import pytest
from rest_framework.exceptions import ValidationError

from clinicbot.api.fields import (
    RoundedDecimalField,
    StrictCharField,
    StringListField,
    VerbatimTextField,
)


def test_a_number_is_not_text():
    with pytest.raises(ValidationError):
        StrictCharField().run_validation(5)


def test_text_is_trimmed_by_default():
    assert StrictCharField().run_validation("  Lagos ") == "Lagos"


def test_verbatim_text_keeps_its_spaces():
    assert VerbatimTextField().run_validation("  hi\n") == "  hi\n"


def test_verbatim_text_of_spaces_only_is_blank():
    with pytest.raises(ValidationError) as caught:
        VerbatimTextField().run_validation("   ")

    assert caught.value.detail[0].code == "blank"


@pytest.mark.parametrize("value", ["a", None, 3, {"a": 1}, ["a", 1], ["a", None], [["a"]]])
def test_a_list_of_strings_refuses_anything_else(value):
    with pytest.raises(ValidationError):
        StringListField().run_validation(value)


def test_a_list_of_strings_keeps_order_and_text():
    assert StringListField().run_validation([" b", "a", ""]) == [" b", "a", ""]


@pytest.mark.parametrize(
    ("sent", "kept"),
    [("1.005", "1.01"), ("1.004", "1.00"), (2.675, "2.68"), ("-1.005", "-1.01"), (7, "7.00")],
)
def test_decimals_round_half_up_to_the_column(sent, kept):
    field = RoundedDecimalField(max_digits=10, decimal_places=2)

    assert field.run_validation(sent) == decimal.Decimal(kept)


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-inf", True, "1e999999", "12345678901"])
def test_decimals_refuse_what_is_not_a_finite_number_in_range(value):
    field = RoundedDecimalField(max_digits=10, decimal_places=2)

    with pytest.raises(ValidationError):
        field.run_validation(value)


@pytest.mark.django_db
def test_a_reference_must_be_the_uuid_of_an_existing_row():
    from clinicbot.api.fields import ReferenceField
    from clinicbot.factories import make_user
    from users.models import ChatUser

    field = ReferenceField(queryset=ChatUser.objects.all())
    user = make_user()

    assert field.run_validation(str(user.pk)) == user
    for bad, message in [
        ("not-a-uuid", "Must be a valid UUID."),
        (5, "Must be a UUID string."),
        ("6f1c1a8e-64a5-4f7e-9a4b-0e7f3c0d2a11", "No record has this id."),
    ]:
        with pytest.raises(ValidationError) as caught:
            field.run_validation(bad)
        assert caught.value.detail == [message]


def test_a_refused_list_item_is_reported_as_a_list_of_messages():
    with pytest.raises(ValidationError) as caught:
        StringListField().run_validation(["a", 3, "b", None])

    assert caught.value.detail == [
        "Item 2: Must be a string.",
        "Item 4: This field may not be null.",
    ]


def test_a_negative_value_that_rounds_to_zero_is_zero_without_a_sign():
    field = RoundedDecimalField(max_digits=10, decimal_places=2, min_value=0)

    value = field.run_validation("-0.004")

    assert value == 0 and not value.is_signed()


@pytest.mark.parametrize(("sent", "kept"), [(3, 3), ("3", 3), (3.0, 3), ("3.0", 3), (" -4 ", -4)])
def test_whole_numbers_arrive_as_numbers_or_ascii_digits(sent, kept):
    from clinicbot.api.fields import StrictIntegerField

    assert StrictIntegerField().run_validation(sent) == kept


@pytest.mark.parametrize("sent", ["1_000", "٣", "３", "3.5", True, "0x10", "1e3", ""])
def test_other_spellings_of_numbers_are_refused(sent):
    from clinicbot.api.fields import StrictIntegerField

    with pytest.raises(ValidationError):
        StrictIntegerField().run_validation(sent)
