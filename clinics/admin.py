from django.contrib import admin

from .models import Clinic


@admin.register(Clinic)
class ClinicAdmin(admin.ModelAdmin):
    list_display = ["clinic_name", "state", "lga", "is_active"]
    list_filter = ["is_active", "state"]
    search_fields = ["clinic_name", "lga", "address"]
    readonly_fields = ["clinic_id", "verified_at", "created_at", "updated_at"]
