from django.contrib import admin
from django.utils.text import Truncator

from analytics.models import SessionAnalytics
from clinicbot.admin_tools import (
    ExactSearchMixin,
    ReadOnlyInline,
    RecordAdmin,
    ReferencesMixin,
    link,
)
from interactions.models import FpmInteraction
from referrals.models import Referral
from responses.models import UserResponse

from . import services
from .models import ChatSession, Conversation

PREVIEW_CHARACTERS = 80


class SessionColumnMixin:
    """A `chat_session` column for the rows recorded in a session: its id, linked to its page.
    The other apps' admins use it too."""

    @admin.display(description="session", ordering="session")
    def chat_session(self, row):
        return link(ChatSession, row.session_id)


class ChatRowAdmin(ReferencesMixin, RecordAdmin):
    """Staff edits follow the API's rules: references are fixed once a row exists, and every
    write keeps the user's `last_active_at` right."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.refresh_last_active(user_id=obj.user_id)

    def delete_model(self, request, obj):
        user_id = obj.user_id
        super().delete_model(request, obj)
        services.refresh_last_active(user_id=user_id)

    def delete_queryset(self, request, queryset):
        user_ids = set(queryset.values_list("user", flat=True))
        super().delete_queryset(request, queryset)
        for user_id in user_ids:
            services.refresh_last_active(user_id=user_id)


class MessageInline(ReadOnlyInline):
    model = Conversation
    verbose_name_plural = "messages, in order"
    max_shown = 500
    fields = [
        "message_sequence_number",
        "message_type",
        "chat_step",
        "message_text",
        "selected_option",
        "created_at",
    ]
    ordering = ["message_sequence_number"]


class ResponseInline(ReadOnlyInline):
    model = UserResponse
    fields = [
        "response_category",
        "step_in_flow",
        "response_type",
        "user_response",
        "response_value",
        "created_at",
    ]
    ordering = ["created_at", "response_id"]


class InteractionInline(ReadOnlyInline):
    model = FpmInteraction
    fields = [
        "fpm_flow_type",
        "current_fpm_method",
        "interested_fpm_method",
        "selected_method",
        "next_action",
        "clinic_referral_needed",
        "created_at",
    ]
    ordering = ["created_at", "interaction_id"]


class ReferralInline(ReadOnlyInline):
    model = Referral
    fields = [
        "clinic",
        "referral_reason",
        "referral_provided_at",
        "user_visited_clinic",
        "follow_up_needed",
        "follow_up_completed",
    ]
    select_related = ["clinic"]
    ordering = ["referral_provided_at", "referral_id"]


class AnalyticsInline(ReadOnlyInline):
    model = SessionAnalytics
    verbose_name_plural = "analytics record"
    fields = [
        "total_user_messages",
        "total_bot_messages",
        "satisfaction_rating",
        "session_abandonment_point",
        "flows",
        "updated_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("flow_attempts")

    @admin.display(description="flows attempted")
    def flows(self, record):
        return ", ".join(record.flows_attempted)


@admin.register(ChatSession)
class ChatSessionAdmin(ExactSearchMixin, ChatRowAdmin):
    list_display = [
        "short_id",
        "user",
        "session_start_time",
        "total_messages_count",
        "session_completed",
        "final_step_reached",
        "device_type",
    ]
    list_select_related = ["user"]
    list_filter = ["session_completed", "device_type"]
    search_fields = ["session_id", "user__user_session_id", "user"]
    search_help_text = "A whole session id, or its user's session id or user id."
    date_hierarchy = "session_start_time"
    ordering = ["-session_start_time", "session_id"]
    show_full_result_count = False
    raw_id_fields = ["user"]
    readonly_fields = ["session_id", "created_at"]
    fixed_references = ["user"]
    inlines = [MessageInline, ResponseInline, InteractionInline, ReferralInline, AnalyticsInline]

    @admin.display(description="session", ordering="session_id")
    def short_id(self, session):
        return f"{str(session.pk)[:8]}\u2026"


@admin.register(Conversation)
class ConversationAdmin(SessionColumnMixin, ExactSearchMixin, ChatRowAdmin):
    list_display = [
        "message_sequence_number",
        "chat_session",
        "message_type",
        "chat_step",
        "preview",
        "created_at",
    ]
    list_filter = ["message_type", "chat_step", "has_widget"]
    search_fields = ["conversation_id", "session", "user__user_session_id"]
    search_help_text = "A whole message id, session id or user session id."
    date_hierarchy = "created_at"
    ordering = ["-created_at", "conversation_id"]
    show_full_result_count = False
    raw_id_fields = ["session"]
    readonly_fields = ["conversation_id", "created_at"]
    fixed_references = ["session", "user"]
    derived_references = {"user": "session.user"}

    @admin.display(description="message")
    def preview(self, message):
        return Truncator(message.message_text).chars(PREVIEW_CHARACTERS)
