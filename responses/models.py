"""The user's answers to the bot's questions."""

import uuid

from django.db import models

from clinicbot.api.columns import CreatedAtField, StringListField


class UserResponse(models.Model):
    """An answer the user gave to one of the bot's questions, with the options they were shown.

    Answers of a session can be chained through `previous_response`; deleting an earlier answer
    leaves the link empty rather than deleting the later one.
    """

    response_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        "users.ChatUser",
        on_delete=models.CASCADE,
        related_name="responses",
    )
    session = models.ForeignKey(
        "chat.ChatSession",
        on_delete=models.CASCADE,
        related_name="responses",
    )
    conversation = models.ForeignKey(
        "chat.Conversation",
        on_delete=models.CASCADE,
        related_name="responses",
    )
    previous_response = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_responses",
    )
    response_category = models.CharField(max_length=50, db_index=True)
    response_type = models.CharField(max_length=50, db_index=True)
    question_asked = models.TextField(null=True, blank=True)
    user_response = models.TextField()
    response_value = models.CharField(max_length=200, null=True, blank=True)
    widget_used = models.CharField(max_length=100, null=True, blank=True)
    available_options = StringListField()
    step_in_flow = models.CharField(max_length=50, null=True, blank=True, db_index=True)
    is_initial_response = models.BooleanField(default=True, db_index=True)
    created_at = CreatedAtField()

    class Meta:
        verbose_name = "response"
        ordering = ["-created_at", "response_id"]

    def __str__(self):
        return f"{self.response_category} answer {self.response_id}"
