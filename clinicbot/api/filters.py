"""Filter types and the base filter set: strict values, so that a bad query is a 400."""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

# Imported for its side effect: it registers the filter descriptions with drf-spectacular.
from . import schema  # noqa: F401


class InstantField(forms.Field):
    """An ISO 8601 date (meaning its midnight, UTC) or date-time (UTC when it has no offset)."""

    default_error_messages = {
        "invalid": "Enter an ISO 8601 date or date-time.",
        "out_of_range": "This moment is out of range in UTC.",
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None

        text = value.strip()
        moment = _parse_or_none(parse_datetime, text)
        if moment is None:
            day = _parse_or_none(parse_date, text)
            if day is None:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            moment = datetime.datetime.combine(day, datetime.time.min)

        if timezone.is_naive(moment):
            moment = moment.replace(tzinfo=datetime.UTC)
        try:
            # In UTC now, so that no database adapter has to move it past year 1 or 9999.
            return moment.astimezone(datetime.UTC)
        except OverflowError:
            raise ValidationError(self.error_messages["out_of_range"], code="invalid") from None


def _parse_or_none(parse, text):
    try:
        return parse(text)
    except ValueError:
        return None


class StrictBooleanField(forms.Field):
    """`true`/`false` (or 1/0), any case; anything else is an error, never "no filter"."""

    default_error_messages = {"invalid": "Enter true or false."}
    truths = {"true": True, "1": True, "false": False, "0": False}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.truths[value.strip().lower()]
        except KeyError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


@extend_schema_field(OpenApiTypes.DATETIME)
class InstantFilter(django_filters.Filter):
    """`..._after` (lookup `gte`) and `..._before` (lookup `lt`) on a time column."""

    field_class = InstantField


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(django_filters.Filter):
    field_class = StrictBooleanField


class ReferenceFilter(django_filters.UUIDFilter):
    """A reference by id: a malformed UUID is a 400, an unknown one matches nothing."""


def at_most_ten_words(value):
    """Each word is one more condition in the query; a page of words is an attack, not a search."""
    if len(value.split()) > 10:
        raise ValidationError("Search with at most 10 words.", code="too_many_words")


@extend_schema_field(OpenApiTypes.STR)
class SearchFilter(django_filters.CharFilter):
    """Every word of the query must appear, in any case, in at least one of `fields`.

    A filter of the filter set rather than DRF's search backend, so that the text goes through
    form validation (a NUL character is a 400, not a database error).
    """

    def __init__(self, *, fields, **kwargs):
        self.search_fields = fields
        kwargs.setdefault("validators", [at_most_ten_words])
        super().__init__(**kwargs)

    def filter(self, qs, value):
        for word in (value or "").split():
            match = Q()
            for field in self.search_fields:
                match |= Q(**{f"{field}__icontains": word})
            qs = qs.filter(match)
        return qs


class ApiFilterSet(django_filters.FilterSet):
    """The base of every resource's filter set: booleans are strict, text matches exactly, and
    every filter made from `Meta.fields` says so in the API docs."""

    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        models.BooleanField: {"filter_class": StrictBooleanFilter},
    }

    @classmethod
    def filter_for_field(cls, field, field_name, lookup_expr=None):
        made = super().filter_for_field(field, field_name, lookup_expr)
        if isinstance(made, StrictBooleanFilter):
            made.extra.setdefault("help_text", f"Only rows whose {field_name} is true or false.")
        else:
            made.extra.setdefault(
                "help_text", f"Only rows whose {field_name} is exactly this (case-sensitive)."
            )
        return made
