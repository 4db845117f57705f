from django.contrib import admin

from .models import FpmInteraction


@admin.register(FpmInteraction)
class FpmInteractionAdmin(admin.ModelAdmin):
    list_display = ["fpm_flow_type", "interested_fpm_method", "session", "created_at"]
    raw_id_fields = ["user", "session"]
    readonly_fields = ["interaction_id", "created_at"]
