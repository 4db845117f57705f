from drf_spectacular.utils import extend_schema, extend_schema_view

from clinicbot.api.views import ApiViewSet

from .filters import ReferralFilterSet
from .models import Referral
from .serializers import ReferralSerializer


@extend_schema_view(
    list=extend_schema(summary="List referrals, newest first"),
    create=extend_schema(summary="Refer a user to a clinic"),
    retrieve=extend_schema(summary="Get one referral"),
    update=extend_schema(summary="Replace a referral's fields"),
    partial_update=extend_schema(summary="Change some of a referral's fields"),
    destroy=extend_schema(summary="Delete a referral"),
)
class ReferralViewSet(ApiViewSet):
    """Referrals of users to partner clinics, and how they were followed up.

    `user_id`, `session_id` and `clinic_id` are required, the session must belong to the user,
    and all three are fixed once the referral exists. `referral_provided_at` is set by the
    server and stands where other resources have `created_at`, in ordering too;
    `visit_confirmed_at` is read-only. Every answer embeds the clinic under `clinic`.
    """

    queryset = Referral.objects.select_related("clinic")
    serializer_class = ReferralSerializer
    filterset_class = ReferralFilterSet
    ordering = ["-referral_provided_at"]
    ordering_fields = [
        "referral_provided_at",
        "user_id",
        "session_id",
        "clinic_id",
        *ReferralFilterSet.Meta.fields,
    ]
