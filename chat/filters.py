"""The filters of the chat sessions and conversations lists."""

import django_filters

from clinicbot.api.filters import ApiFilterSet, InstantFilter, ReferenceFilter

from .models import ChatSession, Conversation


def owner_key_filter():
    return django_filters.CharFilter(
        field_name="user__user_session_id",
        help_text="Only rows whose user has exactly this user_session_id (case-sensitive).",
    )


class ChatSessionFilterSet(ApiFilterSet):
    user_id = ReferenceFilter(field_name="user", help_text="Only this user's sessions.")
    user_session_id = owner_key_filter()
    started_after = InstantFilter(
        field_name="session_start_time",
        lookup_expr="gte",
        help_text="Started at or after this ISO 8601 date (UTC midnight) or date-time.",
    )
    started_before = InstantFilter(
        field_name="session_start_time",
        lookup_expr="lt",
        help_text="Started before this ISO 8601 date (UTC midnight) or date-time.",
    )

    class Meta:
        model = ChatSession
        fields = ["session_completed", "device_type"]


class ConversationFilterSet(ApiFilterSet):
    session_id = ReferenceFilter(field_name="session", help_text="Only this session's messages.")
    user_id = ReferenceFilter(field_name="user", help_text="Only this user's messages.")
    user_session_id = owner_key_filter()

    class Meta:
        model = Conversation
        fields = ["message_type", "chat_step", "widget_name"]
