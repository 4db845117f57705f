"""The chat sessions and conversations endpoints."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.response import Response

from clinicbot.api.views import ApiViewSet

from . import services
from .filters import ChatSessionFilterSet, ConversationFilterSet
from .models import ChatSession, Conversation
from .serializers import ChatSessionSerializer, ConversationSerializer


class LastActiveMixin:
    """Keeps the owner's `last_active_at` right after every write, in the write's transaction:
    a new row can only move it up; a change or a delete makes it recomputed."""

    def perform_create(self, serializer):
        super().perform_create(serializer)
        session = serializer.instance
        services.note_activity(user_id=session.user_id, moment=session.session_start_time)

    def perform_update(self, serializer):
        super().perform_update(serializer)
        services.refresh_last_active(user_id=serializer.instance.user_id)

    def perform_destroy(self, instance):
        user_id = instance.user_id
        super().perform_destroy(instance)
        services.refresh_last_active(user_id=user_id)


@extend_schema_view(
    list=extend_schema(summary="List chat sessions, newest first"),
    create=extend_schema(summary="Start a chat session for a user"),
    retrieve=extend_schema(summary="Get one chat session"),
    update=extend_schema(summary="Replace a chat session's fields"),
    partial_update=extend_schema(summary="Change some of a chat session's fields (end it)"),
    destroy=extend_schema(
        summary="Delete a chat session and everything recorded in it",
        description=(
            "Deletes the session with its messages, responses, FPM interactions, referrals "
            "and analytics record."
        ),
    ),
)
class ChatSessionViewSet(LastActiveMixin, ApiViewSet):
    """One visit of a user to the chatbot.

    The owner is named on create by `user_id` or by `user_session_id` (both: the same user) and
    is fixed after. `user_session_id` is always the owner's current value.
    `session_duration_minutes` is derived from start and end unless the request sends it; an end
    before the start is refused.
    """

    queryset = ChatSession.objects.select_related("user")
    serializer_class = ChatSessionSerializer
    filterset_class = ChatSessionFilterSet
    ordering = ["-created_at"]
    ordering_fields = [
        "created_at",
        "session_start_time",
        "user_id",
        *ChatSessionFilterSet.Meta.fields,
    ]


@extend_schema_view(
    list=extend_schema(summary="List messages, oldest first"),
    create=extend_schema(
        summary="Store a message (a retry of a stored one is answered, not stored again)",
        responses={
            201: OpenApiResponse(ConversationSerializer, description="The message, stored."),
            200: OpenApiResponse(
                ConversationSerializer,
                description="The same message was already stored: it is answered as stored.",
            ),
        },
    ),
    retrieve=extend_schema(summary="Get one message"),
    update=extend_schema(summary="Replace a message's fields"),
    partial_update=extend_schema(summary="Change some of a message's fields"),
    destroy=extend_schema(summary="Delete a message and the responses to it"),
)
class ConversationViewSet(LastActiveMixin, ApiViewSet):
    """The messages of the chats, one row per message, numbered by the client in each session.

    The pair (`session_id`, `message_sequence_number`) is unique. Posting a message again with
    the same content (fields left out count as their defaults) answers the stored one with 200
    and stores nothing, so clients may retry safely; other content under a taken number is 409.
    """

    queryset = Conversation.objects.all()
    serializer_class = ConversationSerializer
    filterset_class = ConversationFilterSet
    ordering = ["created_at", "message_sequence_number"]
    ordering_fields = [
        "created_at",
        "message_sequence_number",
        "session_id",
        "user_id",
        *ConversationFilterSet.Meta.fields,
    ]

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)

        message, created = services.record_message(fields=serializer.validated_data)
        if created:
            self._log("created", message)

        answer = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(self.get_serializer(message).data, status=answer)
