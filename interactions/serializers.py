from rest_framework import serializers

from chat.models import ChatSession
from clinicbot.api.fields import ReferenceField
from clinicbot.api.serializers import ApiModelSerializer
from users.models import ChatUser

from .models import FpmInteraction


class FpmInteractionSerializer(ApiModelSerializer):
    """A family-planning discussion of a session; the session must belong to the user.

    `user_session_id` is the owner's current key, read through the user and never stored here,
    so that it cannot drift from the user's own.
    """

    user_id = ReferenceField(source="user", queryset=ChatUser.objects.all())
    session_id = ReferenceField(source="session", queryset=ChatSession.objects.all())
    user_session_id = serializers.CharField(
        source="user.user_session_id",
        read_only=True,
        help_text="The owner's current user_session_id, read through the user.",
    )

    class Meta:
        model = FpmInteraction
        fields = [
            "interaction_id",
            "user_id",
            "session_id",
            "user_session_id",
            "fpm_flow_type",
            "main_menu_option",
            "current_fpm_method",
            "interested_fpm_method",
            "fpm_duration_preference",
            "contraception_type",
            "emergency_product",
            "prevention_duration",
            "selected_method",
            "satisfaction_level",
            "switch_reason",
            "stop_reason",
            "important_factors",
            "kids_in_future",
            "timing_preference",
            "menstrual_flow_preference",
            "fpm_concern_type",
            "pregnancy_trial",
            "iud_removal_duration",
            "implant_removal_duration",
            "injection_stop_period",
            "dailypills_stop_period",
            "contraception_choice",
            "improve_intimacy_choice",
            "other_method_choices",
            "side_effects",
            "switch_method",
            "prevention_choice",
            "emergency_prevention_choice",
            "gel_lubricant_choice",
            "provided_information",
            "next_action",
            "clinic_referral_needed",
            "human_agent_requested",
            "has_medical_conditions",
            "medical_screening_shown",
            "requires_clinic_referral",
            "created_at",
        ]
        fixed_fields = ["user_id", "session_id"]

    def validate(self, attrs):
        attrs = super().validate(attrs)

        self.check_session_owner(attrs)
        return attrs
