"""Chat sessions and messages as the API reads and writes them."""

import datetime

from django.utils import timezone
from rest_framework import serializers

from clinicbot.api.columns import INT32_MAX
from clinicbot.api.fields import ReferenceField, StrictCharField, VerbatimTextField
from clinicbot.api.serializers import ApiModelSerializer
from users.models import ChatUser

from .models import ChatSession, Conversation

FIXED = "This reference is fixed when the record is created."


class OwnerKeyField(StrictCharField):
    """`user_session_id` of a chat session: read through the owner, so that it is always the
    owner's current value; on input, a way to name the owner (looked up by the serializer)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", ChatUser._meta.get_field("user_session_id").max_length)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance.user.user_session_id


class ChatSessionSerializer(ApiModelSerializer):
    """A chat session: one visit of a user to the chatbot."""

    user_id = ReferenceField(
        source="user",
        queryset=ChatUser.objects.all(),
        required=False,
        help_text="The owner. On create, this or user_session_id is required; fixed after.",
    )
    user_session_id = OwnerKeyField(
        required=False,
        help_text=(
            "The owner's user_session_id, always its current value. On create it may name "
            "the owner instead of user_id (both: the same user)."
        ),
    )

    class Meta:
        model = ChatSession
        fields = [
            "session_id",
            "user_id",
            "user_session_id",
            "session_start_time",
            "session_end_time",
            "total_messages_count",
            "session_duration_minutes",
            "session_completed",
            "session_outcome",
            "final_step_reached",
            "user_agent",
            "ip_address",
            "device_type",
            "created_at",
        ]
        fixed_fields = ["user_id"]
        extra_kwargs = {
            "ip_address": {"allow_blank": False, "help_text": "An IPv4 or IPv6 address."},
            "session_start_time": {"help_text": "Defaults to the time of creation."},
            "session_duration_minutes": {
                "help_text": (
                    "Whole minutes from start to end, rounded down: derived when a request "
                    "sets the start or the end, the end is known and this is not sent."
                )
            },
        }

    def validate(self, attrs):
        attrs = super().validate(attrs)
        key = attrs.pop("user_session_id", None)
        if self.instance is None:
            attrs["user"] = self._owner(attrs.get("user"), key)
            attrs.setdefault("session_start_time", timezone.now())
        elif key is not None and key != self.instance.user.user_session_id:
            raise serializers.ValidationError({"user_session_id": [FIXED]})

        self._derive_duration(attrs)
        return attrs

    def _owner(self, user, key):
        """The owner a new session names, by id, by key, or by both when they agree."""
        if user is None and key is None:
            message = "Name the owner with user_id or user_session_id."
            raise serializers.ValidationError({"user_id": [message]})
        if key is None:
            return user

        named = ChatUser.objects.filter(user_session_id=key).first()
        if named is None:
            message = "No user has this user_session_id."
            raise serializers.ValidationError({"user_session_id": [message]})
        if user is not None and user != named:
            message = "user_id and user_session_id name different users."
            raise serializers.ValidationError({"non_field_errors": [message]})
        return named

    def _derive_duration(self, attrs):
        start = self.current(attrs, "session_start_time")
        end = self.current(attrs, "session_end_time")
        if end is None:
            return
        if end < start:
            message = "The session cannot end before it starts."
            raise serializers.ValidationError({"session_end_time": [message]})

        times_sent = "session_start_time" in attrs or "session_end_time" in attrs
        if times_sent and "session_duration_minutes" not in attrs:
            minutes = (end - start) // datetime.timedelta(minutes=1)
            if minutes > INT32_MAX:
                message = f"The session would last more than {INT32_MAX} minutes."
                raise serializers.ValidationError({"session_end_time": [message]})
            attrs["session_duration_minutes"] = minutes


class ConversationSerializer(ApiModelSerializer):
    """One message of a chat, from the bot or the user, numbered within its session."""

    session_id = ReferenceField(
        source="session",
        queryset=ChatSession.objects.all(),
        help_text="The chat session; it must belong to user_id. Fixed after creation.",
    )
    user_id = ReferenceField(
        source="user",
        queryset=ChatUser.objects.all(),
        help_text="The user whose session this is. Fixed after creation.",
    )
    message_text = VerbatimTextField(help_text="Stored exactly as sent; not blank.")

    class Meta:
        model = Conversation
        fields = [
            "conversation_id",
            "session_id",
            "user_id",
            "message_text",
            "message_type",
            "message_source",
            "chat_step",
            "widget_name",
            "selected_option",
            "message_delay_ms",
            "has_widget",
            "widget_options",
            "message_sequence_number",
            "created_at",
        ]
        fixed_fields = ["session_id", "user_id"]
        # The (session, sequence number) pair is checked where a message is stored: a retry
        # of a stored message is answered, not refused.
        validators = []
        extra_kwargs = {
            "message_source": {
                "help_text": "How the message was made: typed (the default), button_click, ..."
            },
            "has_widget": {"help_text": "Whether the message showed a widget; false by default."},
            "message_sequence_number": {
                "help_text": "The message's place in its session, unique within the session."
            },
        }

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is None:
            # On update both references are fixed, so they still agree.
            self.check_session_owner(attrs)
        else:
            self._refuse_taken_number(attrs)
        return attrs

    def _refuse_taken_number(self, attrs):
        number = attrs.get("message_sequence_number")
        if number is None or number == self.instance.message_sequence_number:
            return
        taken = Conversation.objects.filter(
            session=self.instance.session_id, message_sequence_number=number
        )
        if taken.exists():
            message = f"Message {number} of this session is already stored."
            raise serializers.ValidationError({"message_sequence_number": [message]})
