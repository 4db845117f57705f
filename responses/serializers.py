from rest_framework import serializers

from chat.models import ChatSession, Conversation
from clinicbot.api.fields import ReferenceField, VerbatimTextField
from clinicbot.api.serializers import ApiModelSerializer, check_owner
from users.models import ChatUser

from .models import UserResponse


class UserResponseSerializer(ApiModelSerializer):
    """An answer, with its user, session, message and the answer before it named by id.

    The session must be the user's, the message must be of that session, and the previous
    answer must be an earlier answer of the same session.
    """

    user_id = ReferenceField(source="user", queryset=ChatUser.objects.all())
    session_id = ReferenceField(source="session", queryset=ChatSession.objects.all())
    conversation_id = ReferenceField(
        source="conversation",
        queryset=Conversation.objects.all(),
        help_text="The message (a row of /conversations) this answer was given to.",
    )
    previous_response_id = ReferenceField(
        source="previous_response",
        queryset=UserResponse.objects.all(),
        required=False,
        allow_null=True,
        help_text="An earlier answer of the same session; emptied when that answer is deleted.",
    )
    question_asked = VerbatimTextField(required=False, allow_null=True, allow_blank=True)
    user_response = VerbatimTextField()

    class Meta:
        model = UserResponse
        fields = [
            "response_id",
            "user_id",
            "session_id",
            "conversation_id",
            "previous_response_id",
            "response_category",
            "response_type",
            "question_asked",
            "user_response",
            "response_value",
            "widget_used",
            "available_options",
            "step_in_flow",
            "is_initial_response",
            "created_at",
        ]
        fixed_fields = ["user_id", "session_id", "conversation_id"]

    def validate(self, attrs):
        attrs = super().validate(attrs)

        self.check_session_owner(attrs)
        session = self.current(attrs, "session")
        check_owner(
            self.current(attrs, "conversation"),
            session,
            link="session_id",
            field="conversation_id",
            item_name="message",
            owner_name="chat session",
        )
        previous = attrs.get("previous_response")
        if previous is not None:
            check_owner(
                previous,
                session,
                link="session_id",
                field="previous_response_id",
                item_name="response",
                owner_name="chat session",
            )
            self._refuse_later_previous(previous)
        return attrs

    def _refuse_later_previous(self, previous):
        """A chain of answers only runs back in time, so that it can never loop."""
        if self.instance is None:
            return
        if (previous.created_at, previous.pk) >= (self.instance.created_at, self.instance.pk):
            raise serializers.ValidationError(
                {"previous_response_id": ["Must name an answer given before this one."]}
            )
