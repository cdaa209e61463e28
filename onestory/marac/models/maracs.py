"""MARACs (one per area, with member agencies) and their schedule of meetings."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone


class Marac(models.Model):
    """A Multi-Agency Risk Assessment Conference for one area.

    The coordinating agency's MARAC coordinators run it; the member agencies send
    representatives who research the cases and own actions.
    """

    name = models.CharField("Name", max_length=200, unique=True)
    area = models.ForeignKey(
        "accounts.Area",
        on_delete=models.PROTECT,
        related_name="maracs",
        help_text="The area the MARAC covers; its population gives the rate per 10,000 women.",
    )
    coordinating_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="maracs_coordinated"
    )
    members = models.ManyToManyField(
        "accounts.Agency", blank=True, related_name="marac_memberships"
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = "MARAC"

    def __str__(self) -> str:
        return self.name


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class Meeting(models.Model):
    """One sitting of a MARAC. It holds no one's details: the agenda items do."""

    marac = models.ForeignKey(Marac, on_delete=models.PROTECT, related_name="meetings")
    meets_on = models.DateField("Date")
    starts_at = models.TimeField("Start time", default=dt.time(10, 0))
    venue = models.CharField("Where", max_length=200, blank=True)
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    held_recorded_at = models.DateTimeField(null=True, blank=True)
    held_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meets_on", "starts_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["marac", "meets_on", "starts_at"],
                name="marac_meeting_once_at_a_time",
                violation_error_message="This MARAC already meets at that date and time.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.marac} on {self.meets_on.day} {self.meets_on:%B %Y}"

    @property
    def is_open(self) -> bool:
        return self.status == MeetingStatus.SCHEDULED
