from drf_spectacular.utils import extend_schema, extend_schema_view

from clinicbot.api.views import ApiViewSet

from .filters import ChatUserFilterSet
from .models import ChatUser
from .serializers import ChatUserSerializer


@extend_schema_view(
    list=extend_schema(summary="List chatbot users, newest first"),
    create=extend_schema(summary="Create a chatbot user (every field optional)"),
    retrieve=extend_schema(summary="Get one chatbot user"),
    update=extend_schema(summary="Replace a chatbot user's fields"),
    partial_update=extend_schema(summary="Change some of a chatbot user's fields"),
    destroy=extend_schema(
        summary="Erase a chatbot user",
        description=(
            "Deletes the user and everything that belongs to them: chat sessions, messages, "
            "responses, FPM interactions, referrals and analytics (the right to erasure)."
        ),
    ),
)
class ChatUserViewSet(ApiViewSet):
    """The people who chat with the bot, with what they told it about themselves.

    `user_session_id` is the front end's key for a person: made by the server when absent,
    unique. `preferred_language`, `satisfaction_score`, `total_conversations` and
    `last_active_at` are read-only.
    """

    queryset = ChatUser.objects.all()
    serializer_class = ChatUserSerializer
    filterset_class = ChatUserFilterSet
    ordering = ["-created_at"]
    ordering_fields = ["created_at", *ChatUserFilterSet.Meta.fields]
