from django.contrib import admin

from chat.admin import SessionColumnMixin
from clinicbot.admin_tools import ExactSearchMixin, RecordAdmin, ReferencesMixin

from .models import FpmInteraction


@admin.register(FpmInteraction)
class FpmInteractionAdmin(SessionColumnMixin, ExactSearchMixin, ReferencesMixin, RecordAdmin):
    """Passes through the family-planning flows. A new one takes its user from its session;
    both are fixed once it exists, as in the API."""

    list_display = [
        "fpm_flow_type",
        "current_fpm_method",
        "interested_fpm_method",
        "selected_method",
        "clinic_referral_needed",
        "human_agent_requested",
        "chat_session",
        "created_at",
    ]
    list_filter = [
        "fpm_flow_type",
        "clinic_referral_needed",
        "human_agent_requested",
        "selected_method",
    ]
    search_fields = ["interaction_id", "session", "user__user_session_id"]
    search_help_text = "A whole interaction or session id, or a user session id."
    date_hierarchy = "created_at"
    ordering = ["-created_at", "interaction_id"]
    show_full_result_count = False
    raw_id_fields = ["session"]
    readonly_fields = ["interaction_id", "created_at"]
    fixed_references = ["user", "session"]
    derived_references = {"user": "session.user"}
