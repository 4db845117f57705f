"""The people who chat with the bot (not staff: those are django.contrib.auth users)."""

import uuid

from django.db import models

from clinicbot.api.columns import CreatedAtField


def new_user_session_id():
    return str(uuid.uuid4())


class ChatUser(models.Model):
    """Someone chatting with the bot, known only by what they chose to tell it.

    The name keeps them apart from `django.contrib.auth`'s users, who are the staff and the API
    clients. Deleting one erases everything they said and were told (their right to erasure):
    every other table cascades from here.
    """

    user_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user_session_id = models.CharField(
        max_length=255,
        unique=True,
        default=new_user_session_id,
        help_text="The chatbot front end's key for this person; a random UUID unless given.",
    )
    selected_language = models.CharField(max_length=20, null=True, blank=True)
    selected_gender = models.CharField(max_length=30, null=True, blank=True)
    selected_state = models.CharField(max_length=100, null=True, blank=True)
    selected_lga = models.CharField(max_length=100, null=True, blank=True)
    selected_age_group = models.CharField(max_length=20, null=True, blank=True)
    selected_marital_status = models.CharField(max_length=30, null=True, blank=True)
    main_menu_option = models.CharField(max_length=50, null=True, blank=True)
    current_step = models.CharField(max_length=50, null=True, blank=True)
    current_fpm_method = models.CharField(max_length=100, null=True, blank=True)
    current_concern_type = models.CharField(max_length=100, null=True, blank=True)
    user_intention = models.CharField(max_length=100, null=True, blank=True)
    preferred_language = models.TextField(null=True, blank=True, editable=False)
    satisfaction_score = models.FloatField(null=True, blank=True, editable=False)
    total_conversations = models.IntegerField(default=0, editable=False)
    last_active_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="The latest of this user's session starts and messages; empty before any.",
    )
    created_at = CreatedAtField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "chatbot user"
        ordering = ["-created_at", "user_id"]
        indexes = [
            models.Index(fields=["selected_state", "selected_lga"]),
            models.Index(fields=["selected_lga"]),
            models.Index(fields=["selected_language"]),
            models.Index(fields=["selected_gender"]),
            models.Index(fields=["selected_age_group"]),
            models.Index(fields=["selected_marital_status"]),
            models.Index(fields=["main_menu_option"]),
            models.Index(fields=["last_active_at"]),
        ]

    def __str__(self):
        return self.user_session_id
