from django.contrib import admin

from chat.admin import SessionColumnMixin
from clinicbot.admin_tools import ExactSearchMixin, RecordAdmin, ReferencesMixin

from .models import UserResponse


@admin.register(UserResponse)
class UserResponseAdmin(SessionColumnMixin, ExactSearchMixin, ReferencesMixin, RecordAdmin):
    """Answers to the bot's questions. A new answer takes its session and user from the message
    it answers; all three are fixed once it exists, as in the API."""

    list_display = [
        "response_category",
        "step_in_flow",
        "response_type",
        "response_value",
        "chat_session",
        "created_at",
    ]
    list_filter = ["response_category", "response_type", "step_in_flow", "is_initial_response"]
    search_fields = ["response_id", "session", "conversation", "user__user_session_id"]
    search_help_text = "A whole response, session or message id, or a user session id."
    date_hierarchy = "created_at"
    ordering = ["-created_at", "response_id"]
    show_full_result_count = False
    raw_id_fields = ["conversation", "previous_response"]
    readonly_fields = ["response_id", "created_at"]
    fixed_references = ["user", "session", "conversation"]
    derived_references = {"session": "conversation.session", "user": "conversation.user"}
