from django.contrib import admin

from .models import ChatUser


@admin.register(ChatUser)
class ChatUserAdmin(admin.ModelAdmin):
    list_display = ["user_session_id", "selected_state", "selected_lga", "created_at"]
    search_fields = ["user_session_id"]
    readonly_fields = ["user_id", "last_active_at", "created_at", "updated_at"]
