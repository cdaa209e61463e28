"""Action plans: what each agency agreed to do for a case, by when, and the reminders sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from onestory.core.registry import ORDINARY, PERSONAL, SPECIAL_CATEGORY, person_level


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "No longer needed"


OPEN_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)


@person_level(
    id=ORDINARY,
    referral=ORDINARY,
    item=ORDINARY,
    owning_agency=ORDINARY,
    description=SPECIAL_CATEGORY,
    due_on=PERSONAL,
    status=PERSONAL,
    update_note=SPECIAL_CATEGORY,
    completed_on=PERSONAL,
    created_by=ORDINARY,
    created_at=ORDINARY,
    updated_by=ORDINARY,
    updated_at=ORDINARY,
)
class MaracAction(models.Model):
    """One action in a case's action plan, owned by one agency, due by a date."""

    referral = models.ForeignKey(
        "marac.MaracReferral", on_delete=models.PROTECT, related_name="actions"
    )
    item = models.ForeignKey(
        "marac.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
        help_text="The meeting discussion that agreed it.",
    )
    owning_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="marac_actions"
    )
    description = models.TextField("What needs to be done")
    due_on = models.DateField("Due by")
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    update_note = models.TextField("Latest update", blank=True)
    completed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["owning_agency", "status", "due_on"], name="marac_action_agency")
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(description=""), name="marac_action_has_description"
            )
        ]

    def __str__(self) -> str:
        return f"MARAC action {self.pk} for agency {self.owning_agency_id}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@person_level(id=ORDINARY, action=ORDINARY, due_on=ORDINARY, sent_at=ORDINARY, recipients=ORDINARY)
class ActionReminder(models.Model):
    """A reminder emailed to an action's owning agency before its due date.

    One is sent for each due date, so moving the date sends a fresh reminder. It records
    who was emailed (accounts, not addresses) and holds nothing about the case.
    """

    action = models.ForeignKey(MaracAction, on_delete=models.CASCADE, related_name="reminders")
    due_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "due_on"], name="marac_reminder_once_a_due_date"
            )
        ]

    def __str__(self) -> str:
        return f"Reminder for MARAC action {self.action_id} due {self.due_on}"
