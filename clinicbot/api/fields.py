"""Serializer fields that hold the API's value rules (strict text, lists, rounded decimals)."""

import decimal
import re

from rest_framework import serializers

from .columns import LIST_ITEM_MAX_LENGTH, LIST_MAX_ITEMS


class StrictCharField(serializers.CharField):
    """Text that must arrive as a JSON string: a number or boolean is refused, not converted."""

    default_error_messages = {"invalid": "Must be a string."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class VerbatimTextField(StrictCharField):
    """Text stored exactly as sent: never trimmed, yet refused when it holds only spaces."""

    def __init__(self, **kwargs):
        kwargs["trim_whitespace"] = False
        super().__init__(**kwargs)

    def run_validation(self, data=serializers.empty):
        if isinstance(data, str) and data and not data.strip() and not self.allow_blank:
            self.fail("blank")
        return super().run_validation(data)


class StringListField(serializers.ListField):
    """A JSON array of strings; anything else, `null` included, is refused with 400.

    A refused item is reported in the API's error shape, a list of messages on the field
    (`"Item 2: Must be a string."`), not DRF's object keyed by position.
    """

    default_error_messages = {
        "not_a_list": "Expected a list of strings but got {input_type}.",
    }

    def __init__(self, **kwargs):
        # ModelSerializer passes a JSON encoder and decoder for JSON columns; a list has no use.
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        kwargs.setdefault("max_length", LIST_MAX_ITEMS)
        kwargs["child"] = StrictCharField(
            allow_blank=True,
            trim_whitespace=False,
            max_length=LIST_ITEM_MAX_LENGTH,
        )
        super().__init__(**kwargs)

    def run_child_validation(self, data):
        try:
            return super().run_child_validation(data)
        except serializers.ValidationError as refused:
            if not isinstance(refused.detail, dict):
                raise
            raise serializers.ValidationError(
                [
                    f"Item {position + 1}: {message}"
                    for position, messages in sorted(refused.detail.items())
                    for message in messages
                ]
            ) from None


class RoundedDecimalField(serializers.DecimalField):
    """A decimal that keeps the column's places by rounding half up instead of refusing.

    DRF refuses extra decimal places even when a rounding mode is given; the API rounds them.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("rounding", decimal.ROUND_HALF_UP)
        super().__init__(*args, **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool):
            self.fail("invalid")
        return super().to_internal_value(data)

    def validate_precision(self, value):
        if self.decimal_places is not None:
            step = decimal.Decimal(1).scaleb(-self.decimal_places)
            try:
                value = value.quantize(step, rounding=self.rounding)
            except decimal.InvalidOperation:
                self.fail("max_digits", max_digits=self.max_digits)
        if value.is_zero():
            value = value.copy_abs()  # -0.001 rounds to zero, and zero has no sign
        return super().validate_precision(value)


class ReferenceField(serializers.PrimaryKeyRelatedField):
    """A reference to another row by its UUID, named like the column (`user_id`, `session_id`).

    A malformed UUID and an unknown one are both a 400 on this field, with words that say which.
    """

    default_error_messages = {
        "does_not_exist": "No record has this id.",
        "incorrect_type": "Must be a UUID string.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("pk_field", serializers.UUIDField())
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    """A whole number as a JSON number (`3`, `3.0`) or as ASCII digits in a string (`"3"`).

    DRF hands strings to Python's `int()`, which also reads `"1_000"` and digits of other
    scripts (`"٣"`); a client sending those has a bug worth hearing about.
    """

    plain_number = re.compile(r"\s*[-+]?[0-9]+(\.0*)?\s*", re.ASCII)

    def to_internal_value(self, data):
        if isinstance(data, bool):
            self.fail("invalid")
        if isinstance(data, str) and not self.plain_number.fullmatch(data):
            self.fail("invalid")
        return super().to_internal_value(data)
