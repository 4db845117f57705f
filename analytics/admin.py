from django.contrib import admin
from django.urls import path

from chat.admin import SessionColumnMixin
from clinicbot.admin_tools import ExactSearchMixin, RecordAdmin

from . import dashboard
from .models import SessionAnalytics


class RatingFilter(admin.SimpleListFilter):
    """The ratings 1 to 5, listed without asking the database which ones occur."""

    title = "satisfaction rating"
    parameter_name = "satisfaction_rating"

    def lookups(self, request, model_admin):
        return [(str(rating), str(rating)) for rating in range(1, 6)] + [("none", "Not rated")]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(satisfaction_rating__isnull=True)
        if self.value() in {str(rating) for rating in range(1, 6)}:
            return queryset.filter(satisfaction_rating=int(self.value()))
        return queryset


@admin.register(SessionAnalytics)
class SessionAnalyticsAdmin(SessionColumnMixin, ExactSearchMixin, RecordAdmin):
    """Records come from the chatbot through the upsert; staff may correct the figures, but not
    whose record it is, nor its flows (written only by the upsert service).

    The analytics dashboard lives under this admin's URLs.
    """

    list_display = [
        "created_at",
        "chat_session",
        "user",
        "satisfaction_rating",
        "session_abandonment_point",
        "total_user_messages",
        "total_bot_messages",
        "flows",
    ]
    list_select_related = ["user"]
    list_filter = [RatingFilter, "session_abandonment_point"]
    search_fields = ["session", "user__user_session_id", "analytics_id"]
    search_help_text = "A whole session id or user session id."
    date_hierarchy = "created_at"
    ordering = ["-created_at", "analytics_id"]
    show_full_result_count = False
    raw_id_fields = ["session", "user"]
    readonly_fields = [
        "analytics_id",
        "session",
        "user",
        "flows",
        "created_at",
        "updated_at",
    ]
    csv_columns = [
        *(field.attname for field in SessionAnalytics._meta.concrete_fields),
        "flows_attempted",
    ]
    csv_prefetch = ["flow_attempts"]

    def get_urls(self):
        view = self.admin_site.admin_view(self.dashboard_view)
        mine = [path("dashboard/", view, name="analytics_dashboard")]
        return mine + super().get_urls()

    def dashboard_view(self, request):
        return dashboard.dashboard(request, self.admin_site)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("flow_attempts")

    def has_add_permission(self, request):
        return False

    @admin.display(description="flows attempted")
    def flows(self, record):
        return ", ".join(record.flows_attempted)
