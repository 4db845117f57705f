from clinicbot.api.serializers import ApiModelSerializer

from .models import Clinic


class ClinicSerializer(ApiModelSerializer):
    class Meta:
        model = Clinic
        fields = [
            "clinic_id",
            "clinic_name",
            "clinic_type",
            "state",
            "lga",
            "city",
            "address",
            "landmark",
            "phone_number",
            "email",
            "website",
            "services_offered",
            "fpm_methods_available",
            "consultation_fee",
            "operating_hours",
            "latitude",
            "longitude",
            "is_active",
            "verified_at",
            "created_at",
            "updated_at",
        ]
