"""The partner clinics the bot refers people to."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper

from clinicbot.api.columns import CreatedAtField, StringListField


class Clinic(models.Model):
    """A partner clinic: where it is (state, LGA, address), what it offers and how to reach it.

    Referrals point here, so a clinic that has any is never deleted: it is deactivated
    (`is_active` false) and drops out of the bot's suggestions while its history stays.
    """

    clinic_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    clinic_name = models.CharField(max_length=200)
    clinic_type = models.CharField(max_length=50, null=True, blank=True)
    state = models.CharField(max_length=100)
    lga = models.CharField("LGA", max_length=100)
    city = models.CharField(max_length=100, null=True, blank=True)
    address = models.TextField(null=True, blank=True)
    landmark = models.CharField(max_length=200, null=True, blank=True)
    phone_number = models.CharField(max_length=20, null=True, blank=True)
    email = models.EmailField(max_length=100, null=True, blank=True)
    website = models.CharField(max_length=200, null=True, blank=True)
    services_offered = StringListField(default=list, blank=True)
    fpm_methods_available = StringListField(default=list, blank=True)
    consultation_fee = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    operating_hours = models.TextField(null=True, blank=True)
    latitude = models.DecimalField(
        max_digits=10,
        decimal_places=8,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        max_digits=11,
        decimal_places=8,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    is_active = models.BooleanField(default=True, db_index=True)
    verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = CreatedAtField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["state", "lga", "clinic_name", "clinic_id"]
        indexes = [
            # The state and LGA filters compare without case.
            models.Index(Upper("state"), Upper("lga"), name="clinic_upper_state_lga"),
            models.Index(Upper("lga"), name="clinic_upper_lga"),
            models.Index(fields=["state", "lga", "clinic_name"], name="clinic_default_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(consultation_fee__gte=0),
                name="clinic_fee_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90),
                name="clinic_latitude_in_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180, longitude__lte=180),
                name="clinic_longitude_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.clinic_name} ({self.lga}, {self.state})"
