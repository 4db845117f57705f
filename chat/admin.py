from django.contrib import admin

from .models import ChatSession, Conversation


@admin.register(ChatSession)
class ChatSessionAdmin(admin.ModelAdmin):
    list_display = ["session_id", "user", "session_start_time", "session_completed"]
    raw_id_fields = ["user"]
    readonly_fields = ["session_id", "created_at"]


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ["session", "message_sequence_number", "message_type", "chat_step"]
    raw_id_fields = ["session", "user"]
    readonly_fields = ["conversation_id", "created_at"]
