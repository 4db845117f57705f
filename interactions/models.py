"""What a user and the bot worked out about family-planning methods (FPM) in a session."""

import uuid

from django.db import models

from clinicbot.api.columns import CreatedAtField, StringListField


def optional_text(max_length):
    return models.CharField(max_length=max_length, null=True, blank=True)


class FpmInteraction(models.Model):
    """One pass through a family-planning flow: the method the user uses or wants, why they
    want to switch or stop, what they were told, and whether a clinic or a person should follow.

    `has_medical_conditions`, `medical_screening_shown` and `requires_clinic_referral` were
    columns of the older server that its API could not set; here they are ordinary fields.
    """

    interaction_id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        "users.ChatUser",
        on_delete=models.CASCADE,
        related_name="fpm_interactions",
    )
    session = models.ForeignKey(
        "chat.ChatSession",
        on_delete=models.CASCADE,
        related_name="fpm_interactions",
    )
    fpm_flow_type = models.CharField(max_length=50, null=True, blank=True, db_index=True)
    main_menu_option = optional_text(50)
    current_fpm_method = models.CharField(max_length=100, null=True, blank=True, db_index=True)
    interested_fpm_method = models.CharField(max_length=100, null=True, blank=True, db_index=True)
    fpm_duration_preference = optional_text(50)
    contraception_type = optional_text(50)
    emergency_product = optional_text(50)
    prevention_duration = optional_text(50)
    selected_method = models.CharField(max_length=100, null=True, blank=True, db_index=True)
    satisfaction_level = optional_text(50)
    switch_reason = optional_text(200)
    stop_reason = optional_text(200)
    important_factors = StringListField(default=list, blank=True)
    kids_in_future = optional_text(20)
    timing_preference = optional_text(50)
    menstrual_flow_preference = optional_text(100)
    fpm_concern_type = optional_text(100)
    pregnancy_trial = optional_text(100)
    iud_removal_duration = optional_text(100)
    implant_removal_duration = optional_text(100)
    injection_stop_period = optional_text(100)
    dailypills_stop_period = optional_text(100)
    contraception_choice = optional_text(100)
    improve_intimacy_choice = optional_text(100)
    other_method_choices = optional_text(100)
    side_effects = optional_text(100)
    switch_method = optional_text(100)
    prevention_choice = optional_text(100)
    emergency_prevention_choice = optional_text(100)
    gel_lubricant_choice = optional_text(100)
    provided_information = models.TextField(null=True, blank=True)
    next_action = optional_text(100)
    clinic_referral_needed = models.BooleanField(default=False, db_index=True)
    human_agent_requested = models.BooleanField(default=False, db_index=True)
    has_medical_conditions = optional_text(20)
    medical_screening_shown = optional_text(20)
    requires_clinic_referral = models.BooleanField(default=False)
    created_at = CreatedAtField()

    class Meta:
        verbose_name = "FPM interaction"
        ordering = ["-created_at", "interaction_id"]

    def __str__(self):
        return f"{self.fpm_flow_type or 'FPM'} interaction {self.interaction_id}"
