from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view

from clinicbot.api.views import ApiViewSet

from .filters import SortByOrderingFilter, UserResponseFilterSet
from .models import UserResponse
from .serializers import UserResponseSerializer


@extend_schema_view(
    list=extend_schema(summary="List answers, newest first"),
    create=extend_schema(summary="Record an answer"),
    retrieve=extend_schema(summary="Get one answer"),
    update=extend_schema(
        summary="Change some of an answer's fields (partial, like PATCH)",
        request=UserResponseSerializer(partial=True),
    ),
    partial_update=extend_schema(summary="Change some of an answer's fields"),
    destroy=extend_schema(
        summary="Delete an answer",
        description="Later answers that named it as `previous_response_id` keep existing, "
        "with that field emptied.",
    ),
)
class UserResponseViewSet(ApiViewSet):
    """The user's answers to the bot's questions, with the options they were shown.

    The session must belong to the user and the message (`conversation_id`) to the session;
    these three are fixed once the answer exists. `previous_response_id` names an earlier answer
    of the same session, may be changed or emptied, and is emptied when that answer is deleted.
    `user_response` and `question_asked` are stored exactly as sent. `PUT` is partial, like
    `PATCH`.
    """

    queryset = UserResponse.objects.all()
    serializer_class = UserResponseSerializer
    filterset_class = UserResponseFilterSet
    filter_backends = [DjangoFilterBackend, SortByOrderingFilter]
    ordering = ["-created_at"]
    ordering_fields = [
        "created_at",
        "session_id",
        "conversation_id",
        "response_category",
        "response_type",
        "step_in_flow",
        "is_initial_response",
    ]

    def update(self, request, *args, **kwargs):
        # The older server's update body has every field optional, and the contract keeps that.
        kwargs["partial"] = True
        return super().update(request, *args, **kwargs)
