from django.contrib import admin

from . import services
from .models import ChatSession, Conversation


class ChatRowAdmin(admin.ModelAdmin):
    """Staff edits follow the API's rules: references are fixed once a row exists, and every
    write keeps the user's `last_active_at` right."""

    fixed_references = ()

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + list(self.fixed_references) if obj is not None else fields

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


@admin.register(ChatSession)
class ChatSessionAdmin(ChatRowAdmin):
    list_display = ["session_id", "user", "session_start_time", "session_completed"]
    raw_id_fields = ["user"]
    readonly_fields = ["session_id", "created_at"]
    fixed_references = ["user"]


@admin.register(Conversation)
class ConversationAdmin(ChatRowAdmin):
    list_display = ["session", "message_sequence_number", "message_type", "chat_step"]
    raw_id_fields = ["session", "user"]
    readonly_fields = ["conversation_id", "created_at"]
    fixed_references = ["session", "user"]
