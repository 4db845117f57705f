from clinicbot.api.filters import ApiFilterSet, ReferenceFilter

from .models import Referral


class ReferralFilterSet(ApiFilterSet):
    user_id = ReferenceFilter(field_name="user", help_text="Referrals of this user.")
    session_id = ReferenceFilter(field_name="session", help_text="Referrals made in this session.")
    clinic_id = ReferenceFilter(field_name="clinic", help_text="Referrals to this clinic.")

    class Meta:
        model = Referral
        fields = [
            "follow_up_needed",
            "follow_up_completed",
            "user_contacted_clinic",
            "user_visited_clinic",
        ]
