import logging

from django.contrib import admin, messages
from django.utils import timezone

from chat.admin import SessionColumnMixin
from clinicbot.admin_tools import ReadOnlyInline, RecordAdmin
from referrals.models import Referral

from .models import Clinic

logger = logging.getLogger(__name__)


class ReferralInline(SessionColumnMixin, ReadOnlyInline):
    model = Referral
    verbose_name_plural = "referrals, latest first"
    fields = [
        "referral_provided_at",
        "chat_session",
        "referral_reason",
        "user_visited_clinic",
        "follow_up_needed",
        "follow_up_completed",
    ]
    ordering = ["-referral_provided_at", "referral_id"]


@admin.register(Clinic)
class ClinicAdmin(RecordAdmin):
    """The partner clinic directory. A clinic with referrals cannot be deleted: deactivate it,
    and it drops out of the bot's suggestions while its history stays."""

    list_display = ["clinic_name", "clinic_type", "state", "lga", "phone_number", "is_active"]
    list_filter = ["is_active", "state", "clinic_type"]
    search_fields = ["clinic_name", "lga", "state", "city", "address"]
    search_help_text = "Part of a name, LGA, state, city or address."
    ordering = ["state", "lga", "clinic_name", "clinic_id"]
    readonly_fields = ["clinic_id", "verified_at", "created_at", "updated_at"]
    show_facets = admin.ShowFacets.ALLOW
    inlines = [ReferralInline]
    actions = [*RecordAdmin.actions, "deactivate"]

    @admin.action(description="Deactivate selected clinics", permissions=["change"])
    def deactivate(self, request, queryset):
        """Take these clinics out of the bot's suggestions, keeping them and their referrals."""
        deactivated = queryset.filter(is_active=True).update(
            is_active=False, updated_at=timezone.now()
        )

        logger.info("staff user %s deactivated %s clinics", request.user.pk, deactivated)
        self.message_user(request, f"{deactivated} clinic(s) deactivated.", messages.SUCCESS)
