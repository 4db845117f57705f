from clinicbot.api.filters import ApiFilterSet, InstantFilter

from .models import ChatUser


class ChatUserFilterSet(ApiFilterSet):
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
        model = ChatUser
        fields = [
            "user_session_id",
            "selected_state",
            "selected_lga",
            "selected_language",
            "selected_gender",
            "selected_age_group",
            "selected_marital_status",
            "main_menu_option",
        ]
