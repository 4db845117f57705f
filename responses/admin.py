from django.contrib import admin

from .models import UserResponse


@admin.register(UserResponse)
class UserResponseAdmin(admin.ModelAdmin):
    list_display = ["response_category", "step_in_flow", "session", "created_at"]
    raw_id_fields = ["user", "session", "conversation", "previous_response"]
    readonly_fields = ["response_id", "created_at"]
