"""Referrals of users to partner clinics, and how they were followed up."""

import uuid

from django.db import models
from django.utils import timezone


class Referral(models.Model):
    """The bot pointed a user to a clinic; staff record whether they went and were followed up.

    `referral_provided_at` is set when the referral is made and serves as its creation time.
    The clinic is protected: a clinic with referrals cannot be deleted, only deactivated.
    """

    referral_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        "users.ChatUser",
        on_delete=models.CASCADE,
        related_name="referrals",
    )
    session = models.ForeignKey(
        "chat.ChatSession",
        on_delete=models.CASCADE,
        related_name="referrals",
    )
    clinic = models.ForeignKey(
        "clinics.Clinic",
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    referral_reason = models.CharField(max_length=200, null=True, blank=True)
    user_concern = models.CharField(max_length=200, null=True, blank=True)
    recommended_service = models.CharField(max_length=100, null=True, blank=True)
    referral_provided_at = models.DateTimeField(default=timezone.now, editable=False)
    user_contacted_clinic = models.BooleanField(default=False, db_index=True)
    user_visited_clinic = models.BooleanField(default=False, db_index=True)
    visit_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    follow_up_needed = models.BooleanField(default=False, db_index=True)
    follow_up_completed = models.BooleanField(default=False, db_index=True)
    follow_up_notes = models.TextField(null=True, blank=True)

    class Meta:
        ordering = ["-referral_provided_at", "referral_id"]
        indexes = [models.Index(fields=["referral_provided_at"])]

    def __str__(self):
        return f"referral {self.referral_id}"
