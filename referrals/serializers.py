from rest_framework import serializers

from chat.models import ChatSession
from clinicbot.api.fields import ReferenceField
from clinicbot.api.serializers import ApiModelSerializer
from clinics.models import Clinic
from users.models import ChatUser

from .models import Referral


class ReferredClinicSerializer(serializers.ModelSerializer):
    """What a person needs to reach the clinic they were referred to."""

    class Meta:
        model = Clinic
        fields = ["clinic_id", "clinic_name", "state", "lga", "address", "phone_number"]
        read_only_fields = fields


class ReferralSerializer(ApiModelSerializer):
    """A referral of a session's user to a clinic, with the clinic embedded for display.

    The session must belong to the user; user, session and clinic are fixed once the referral
    exists (another clinic is another referral).
    """

    user_id = ReferenceField(source="user", queryset=ChatUser.objects.all())
    session_id = ReferenceField(source="session", queryset=ChatSession.objects.all())
    clinic_id = ReferenceField(source="clinic", queryset=Clinic.objects.all())
    clinic = ReferredClinicSerializer(read_only=True)

    class Meta:
        model = Referral
        fields = [
            "referral_id",
            "user_id",
            "session_id",
            "clinic_id",
            "clinic",
            "referral_reason",
            "user_concern",
            "recommended_service",
            "referral_provided_at",
            "user_contacted_clinic",
            "user_visited_clinic",
            "visit_confirmed_at",
            "follow_up_needed",
            "follow_up_completed",
            "follow_up_notes",
        ]
        fixed_fields = ["user_id", "session_id", "clinic_id"]

    def validate(self, attrs):
        attrs = super().validate(attrs)

        self.check_session_owner(attrs)
        return attrs
