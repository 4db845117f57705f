"""Chat sessions and the messages exchanged in them."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone

from clinicbot.api.columns import CountField, CreatedAtField, StringListField


class ChatSession(models.Model):
    """One visit of a user to the chatbot, from the first message to the last.

    Everything recorded during the visit (messages, answers, method discussions, referrals,
    analytics) belongs to the session and is deleted with it.
    """

    session_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        "users.ChatUser",
        on_delete=models.CASCADE,
        related_name="chat_sessions",
        db_index=False,  # the index on (user, session_start_time) serves lookups by user
    )
    session_start_time = models.DateTimeField(default=timezone.now, db_index=True)
    session_end_time = models.DateTimeField(null=True, blank=True)
    total_messages_count = CountField(default=0)
    session_duration_minutes = CountField(null=True, blank=True)
    session_completed = models.BooleanField(default=False)
    session_outcome = models.CharField(max_length=100, null=True, blank=True)
    final_step_reached = models.CharField(max_length=50, null=True, blank=True)
    user_agent = models.TextField(null=True, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    device_type = models.CharField(max_length=20, null=True, blank=True)
    created_at = CreatedAtField()

    class Meta:
        ordering = ["-created_at", "session_id"]
        indexes = [
            models.Index(fields=["session_completed"]),
            models.Index(fields=["device_type"]),
            # The user's latest session start, for `last_active_at`, without a scan.
            models.Index(fields=["user", "session_start_time"], name="chatsession_user_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(total_messages_count__gte=0),
                name="chatsession_total_messages_count_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(session_duration_minutes__gte=0),
                name="chatsession_duration_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(session_end_time__isnull=True)
                | Q(session_end_time__gte=models.F("session_start_time")),
                name="chatsession_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"session {self.session_id}"


class MessageType(models.TextChoices):
    BOT = "bot", "Bot"
    USER = "user", "User"


class Conversation(models.Model):
    """One message of a chat, from the bot or from the user (the name is the older server's).

    The client numbers the messages of a session; the pair (session, number) is unique, which
    is what lets a retried post be recognised instead of stored twice.
    """

    conversation_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Lookups by session use the unique index on (session, number), and by user the index on
    # (user, created_at): a single-column index on either would only slow every insert.
    session = models.ForeignKey(
        ChatSession,
        on_delete=models.CASCADE,
        related_name="conversations",
        db_index=False,
    )
    user = models.ForeignKey(
        "users.ChatUser",
        on_delete=models.CASCADE,
        related_name="conversations",
        db_index=False,
    )
    message_text = models.TextField()
    message_type = models.CharField(max_length=10, choices=MessageType.choices)
    message_source = models.CharField(max_length=20, default="typed")
    chat_step = models.CharField(max_length=50, null=True, blank=True)
    widget_name = models.CharField(max_length=100, null=True, blank=True)
    selected_option = models.CharField(max_length=200, null=True, blank=True)
    message_delay_ms = CountField(null=True, blank=True)
    has_widget = models.BooleanField(default=False)
    widget_options = StringListField(default=list, blank=True)
    message_sequence_number = CountField()
    created_at = CreatedAtField()

    class Meta:
        ordering = ["created_at", "message_sequence_number", "conversation_id"]
        indexes = [
            models.Index(fields=["message_type"]),
            models.Index(fields=["chat_step"]),
            models.Index(fields=["widget_name"]),
            # The user's latest message, for `last_active_at`, without a scan.
            models.Index(fields=["user", "created_at"], name="conversation_user_created"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "message_sequence_number"],
                name="conversation_unique_sequence_in_session",
            ),
            models.CheckConstraint(
                condition=Q(message_type__in=MessageType.values),
                name="conversation_message_type_known",
            ),
            models.CheckConstraint(
                condition=Q(message_sequence_number__gte=0),
                name="conversation_sequence_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(message_delay_ms__gte=0),
                name="conversation_delay_not_negative",
            ),
        ]

    def __str__(self):
        return f"message {self.message_sequence_number} of session {self.session_id}"
