import logging

from django.contrib import admin, messages
from django.db.models import Q

from chat.admin import SessionColumnMixin
from clinicbot.admin_tools import ExactSearchMixin, RecordAdmin, ReferencesMixin

from .models import Referral

logger = logging.getLogger(__name__)


class FollowUpFilter(admin.SimpleListFilter):
    """Where a referral stands with its follow-up: the question staff ask of the list."""

    title = "follow-up"
    parameter_name = "follow_up"
    conditions = {
        "pending": Q(follow_up_needed=True, follow_up_completed=False),
        "done": Q(follow_up_completed=True),
        "not_needed": Q(follow_up_needed=False, follow_up_completed=False),
    }

    def lookups(self, request, model_admin):
        return [("pending", "Pending"), ("done", "Done"), ("not_needed", "Not needed")]

    def queryset(self, request, queryset):
        condition = self.conditions.get(self.value())
        return queryset if condition is None else queryset.filter(condition)


@admin.register(Referral)
class ReferralAdmin(SessionColumnMixin, ExactSearchMixin, ReferencesMixin, RecordAdmin):
    """Referrals of users to partner clinics, and their follow-up. A new referral takes its
    user from its session; user, session and clinic are fixed once it exists, as in the API."""

    list_display = [
        "referral_provided_at",
        "clinic",
        "chat_session",
        "user_contacted_clinic",
        "user_visited_clinic",
        "follow_up_needed",
        "follow_up_completed",
    ]
    list_select_related = ["clinic"]
    list_filter = [
        FollowUpFilter,
        "user_contacted_clinic",
        "user_visited_clinic",
    ]
    search_fields = ["referral_id", "session", "clinic", "user__user_session_id"]
    search_help_text = "A whole referral, session or clinic id, or a user session id."
    date_hierarchy = "referral_provided_at"
    ordering = ["-referral_provided_at", "referral_id"]
    raw_id_fields = ["session"]
    autocomplete_fields = ["clinic"]
    readonly_fields = ["referral_id", "referral_provided_at", "visit_confirmed_at"]
    fixed_references = ["user", "session", "clinic"]
    derived_references = {"user": "session.user"}
    actions = [*RecordAdmin.actions, "mark_followed_up"]

    @admin.action(description="Mark selected referrals as followed up", permissions=["change"])
    def mark_followed_up(self, request, queryset):
        """Record that staff followed these referrals up; those already done are left as
        they are."""
        marked = queryset.filter(follow_up_completed=False).update(follow_up_completed=True)

        logger.info("staff user %s marked %s referrals as followed up", request.user.pk, marked)
        self.message_user(request, f"{marked} referral(s) marked as followed up.", messages.SUCCESS)
