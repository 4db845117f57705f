from django.contrib import admin

from chat.models import ChatSession
from clinicbot.admin_tools import ExactSearchMixin, ReadOnlyInline, RecordAdmin

from .models import ChatUser


class ChatSessionInline(ReadOnlyInline):
    model = ChatSession
    verbose_name_plural = "chat sessions, latest first"
    fields = [
        "session_start_time",
        "session_end_time",
        "total_messages_count",
        "session_completed",
        "final_step_reached",
        "device_type",
    ]
    ordering = ["-session_start_time", "session_id"]


@admin.register(ChatUser)
class ChatUserAdmin(ExactSearchMixin, RecordAdmin):
    """The people chatting with the bot. Deleting one here erases everything they said and
    were told, as the API's delete does."""

    list_display = [
        "user_session_id",
        "selected_state",
        "selected_lga",
        "selected_language",
        "selected_age_group",
        "last_active_at",
        "created_at",
    ]
    list_filter = ["selected_state", "selected_language", "selected_gender", "selected_age_group"]
    search_fields = ["user_session_id", "user_id"]
    search_help_text = "A whole user session id (the chatbot's key) or user id."
    date_hierarchy = "created_at"
    ordering = ["-created_at", "user_id"]
    show_full_result_count = False
    readonly_fields = [
        "user_id",
        "preferred_language",
        "satisfaction_score",
        "total_conversations",
        "last_active_at",
        "created_at",
        "updated_at",
    ]
    inlines = [ChatSessionInline]
