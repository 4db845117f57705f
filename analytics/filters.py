import django_filters
from django import forms

from clinicbot.api.filters import ApiFilterSet, InstantFilter, ReferenceFilter

from .models import SessionAnalytics


class WholeNumberFilter(django_filters.NumberFilter):
    """A whole number: `2.5` is a 400 rather than silently read as 2."""

    field_class = forms.IntegerField


class SessionAnalyticsFilterSet(ApiFilterSet):
    session_id = ReferenceFilter(
        field_name="session",
        help_text="The record of this chat session (its UUID).",
    )
    user_id = ReferenceFilter(
        field_name="user",
        help_text="Only the records of this user's sessions (the user's UUID).",
    )
    flow = django_filters.CharFilter(
        field_name="flow_attempts__flow",
        help_text="Only records whose flows_attempted holds exactly this flow (case-sensitive).",
    )
    satisfaction_rating = WholeNumberFilter(
        help_text="Only records rated exactly this (1 to 5).",
    )
    created_after = InstantFilter(
        field_name="created_at",
        lookup_expr="gte",
        help_text="Created at or after this ISO 8601 date (UTC midnight) or date-time.",
    )
    created_before = InstantFilter(
        field_name="created_at",
        lookup_expr="lt",
        help_text="Created before this ISO 8601 date (UTC midnight) or date-time.",
    )

    class Meta:
        model = SessionAnalytics
        fields = ["session_abandonment_point"]
