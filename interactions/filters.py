from clinicbot.api.filters import ApiFilterSet, ReferenceFilter

from .models import FpmInteraction


class FpmInteractionFilterSet(ApiFilterSet):
    user_id = ReferenceFilter(field_name="user", help_text="Interactions of this user.")
    session_id = ReferenceFilter(field_name="session", help_text="Interactions of this session.")

    class Meta:
        model = FpmInteraction
        fields = [
            "fpm_flow_type",
            "current_fpm_method",
            "interested_fpm_method",
            "selected_method",
            "clinic_referral_needed",
            "human_agent_requested",
        ]
