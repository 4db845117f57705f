from django.contrib import admin

from .models import SessionAnalytics


@admin.register(SessionAnalytics)
class SessionAnalyticsAdmin(admin.ModelAdmin):
    """Records come from the chatbot through the upsert; staff may correct the figures, but not
    whose record it is, nor its flows (written only by the upsert service)."""

    list_display = ["session", "total_user_messages", "satisfaction_rating", "created_at"]
    raw_id_fields = ["session", "user"]
    readonly_fields = [
        "analytics_id",
        "session",
        "user",
        "flows",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request):
        return False

    @admin.display(description="flows attempted")
    def flows(self, record):
        return ", ".join(record.flows_attempted)
