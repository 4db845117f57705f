import logging

from django.db.models import ProtectedError
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view

from clinicbot.api.exceptions import Conflict
from clinicbot.api.permissions import AnyoneMayRead, ModelPermissions
from clinicbot.api.views import ApiViewSet

from .filters import ClinicFilterSet
from .models import Clinic
from .serializers import ClinicSerializer

logger = logging.getLogger(__name__)


@extend_schema_view(
    list=extend_schema(summary="List partner clinics, by state, LGA and name"),
    create=extend_schema(summary="Add a partner clinic"),
    retrieve=extend_schema(summary="Get one partner clinic"),
    update=extend_schema(summary="Replace a clinic's fields"),
    partial_update=extend_schema(summary="Change some of a clinic's fields"),
    destroy=extend_schema(
        summary="Delete a clinic that no referral points to",
        responses={
            204: None,
            409: OpenApiResponse(description="Referrals point to it: deactivate it instead."),
        },
    ),
)
class ClinicViewSet(ApiViewSet):
    """The partner clinic directory the bot refers people to.

    Reading the directory needs no login. A clinic that referrals point to cannot be deleted
    (409): set `is_active` to false instead.
    """

    queryset = Clinic.objects.all()
    serializer_class = ClinicSerializer
    filterset_class = ClinicFilterSet
    ordering = ["state", "lga", "clinic_name"]
    ordering_fields = ["created_at", "clinic_name", "state", "lga", "is_active"]
    # The directory is public: anyone may look a clinic up; changing one takes permissions.
    permission_classes = [AnyoneMayRead | ModelPermissions]

    def perform_destroy(self, instance):
        try:
            super().perform_destroy(instance)
        except ProtectedError as exc:
            logger.warning("refused to delete clinic %s: it has referrals", instance.pk)
            count = len(exc.protected_objects)
            raise Conflict(
                f"This clinic has {count} referral{'s' if count != 1 else ''} and cannot be "
                "deleted; set is_active to false instead."
            ) from exc
