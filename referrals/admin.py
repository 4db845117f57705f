from django.contrib import admin

from .models import Referral


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ["clinic", "referral_provided_at", "follow_up_needed", "follow_up_completed"]
    raw_id_fields = ["user", "session", "clinic"]
    readonly_fields = ["referral_id", "referral_provided_at", "visit_confirmed_at"]
