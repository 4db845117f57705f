from django.contrib import admin

from .models import SessionAnalytics


@admin.register(SessionAnalytics)
class SessionAnalyticsAdmin(admin.ModelAdmin):
    list_display = ["session", "total_user_messages", "satisfaction_rating", "created_at"]
    raw_id_fields = ["session", "user"]
    readonly_fields = ["analytics_id", "created_at", "updated_at"]
