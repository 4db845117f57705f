from drf_spectacular.utils import extend_schema, extend_schema_view

from clinicbot.api.views import ApiViewSet

from .filters import FpmInteractionFilterSet
from .models import FpmInteraction
from .serializers import FpmInteractionSerializer


@extend_schema_view(
    list=extend_schema(summary="List FPM interactions, newest first"),
    create=extend_schema(summary="Record an FPM interaction"),
    retrieve=extend_schema(summary="Get one FPM interaction"),
    update=extend_schema(summary="Replace an FPM interaction's fields"),
    partial_update=extend_schema(summary="Change some of an FPM interaction's fields"),
    destroy=extend_schema(summary="Delete an FPM interaction"),
)
class FpmInteractionViewSet(ApiViewSet):
    """What a user and the bot worked out about family-planning methods (FPM) in a session.

    `user_id` and `session_id` are required, the session must belong to the user, and both are
    fixed once the interaction exists. `user_session_id` is the owner's current value, read-only.
    """

    queryset = FpmInteraction.objects.select_related("user")
    serializer_class = FpmInteractionSerializer
    filterset_class = FpmInteractionFilterSet
    ordering = ["-created_at"]
    ordering_fields = [
        "created_at",
        "user_id",
        "session_id",
        *FpmInteractionFilterSet.Meta.fields,
    ]
