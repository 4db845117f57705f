"""What happened in each chat session, summed up for the team's reports."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from clinicbot.api.columns import CountField, CreatedAtField, StringListField


class SessionAnalytics(models.Model):
    """The summary of one chat session: counts of messages and clicks, the flows tried, where
    the user left, how satisfied they were. Exactly one per session, written by upsert.

    `flows_attempted` is not a column here: it lives in `FlowAttempt` rows, one a flow, so that
    the flow report is a plain indexed count on both databases.
    """

    analytics_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.OneToOneField(
        "chat.ChatSession",
        on_delete=models.CASCADE,
        related_name="analytics",
    )
    user = models.ForeignKey(
        "users.ChatUser",
        on_delete=models.CASCADE,
        related_name="analytics",
    )
    steps_completed = StringListField(default=list, blank=True)
    widgets_interacted_with = StringListField(default=list, blank=True)
    total_user_messages = CountField(default=0)
    total_bot_messages = CountField(default=0)
    total_button_clicks = CountField(default=0)
    total_typed_responses = CountField(default=0)
    session_abandonment_point = models.CharField(
        max_length=50, null=True, blank=True, db_index=True
    )
    information_provided = StringListField(default=list, blank=True)
    goals_achieved = StringListField(default=list, blank=True)
    unresolved_concerns = StringListField(default=list, blank=True)
    satisfaction_rating = models.IntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    average_response_time_seconds = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    errors_encountered = StringListField(default=list, blank=True)
    created_at = CreatedAtField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "session analytics record"
        verbose_name_plural = "session analytics records"
        ordering = ["-created_at", "analytics_id"]
        permissions = [("view_reports", "Can view analytics reports (list, stats, flows)")]
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction_rating__gte=1, satisfaction_rating__lte=5),
                name="analytics_rating_one_to_five",
            ),
            models.CheckConstraint(
                condition=Q(average_response_time_seconds__gte=0),
                name="analytics_response_time_not_negative",
            ),
            *[
                models.CheckConstraint(condition=Q(**{f"{name}__gte": 0}), name=f"analytics_{name}")
                for name in (
                    "total_user_messages",
                    "total_bot_messages",
                    "total_button_clicks",
                    "total_typed_responses",
                )
            ],
        ]

    def __str__(self):
        return f"analytics of session {self.session_id}"

    @property
    def flows_attempted(self):
        """The flows of this record in the order first sent, read from its `FlowAttempt` rows
        (from the prefetch cache when the query asked for one)."""
        return [attempt.flow for attempt in self.flow_attempts.all()]


class FlowAttempt(models.Model):
    """One flow a session attempted: a row of its record's `flows_attempted` list.

    A flow is stored once per record, in the order first sent (`position`); the record's
    creation time is copied here so that a windowed flow count reads this table alone.
    """

    analytics = models.ForeignKey(
        SessionAnalytics,
        on_delete=models.CASCADE,
        related_name="flow_attempts",
    )
    flow = models.CharField(max_length=500)
    position = models.PositiveSmallIntegerField()
    record_created_at = models.DateTimeField()

    class Meta:
        ordering = ["analytics", "position"]
        indexes = [
            models.Index(fields=["flow"], name="flowattempt_flow"),
            models.Index(fields=["record_created_at", "flow"], name="flowattempt_created_flow"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["analytics", "flow"], name="flowattempt_once"),
        ]

    def __str__(self):
        return self.flow
