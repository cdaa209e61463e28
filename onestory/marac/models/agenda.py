"""A case on a meeting's agenda, the member agencies' research, and the discussion."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from onestory.core.registry import ORDINARY, SPECIAL_CATEGORY, person_level


@person_level(
    id=ORDINARY,
    meeting=ORDINARY,
    referral=ORDINARY,
    position=ORDINARY,
    listed_by=ORDINARY,
    listed_at=ORDINARY,
    discussion=SPECIAL_CATEGORY,
    discussed_by=ORDINARY,
    discussed_at=ORDINARY,
)
class AgendaItem(models.Model):
    """A referral listed for one meeting. A case kept open may be listed again later."""

    meeting = models.ForeignKey("marac.Meeting", on_delete=models.PROTECT, related_name="items")
    referral = models.ForeignKey(
        "marac.MaracReferral", on_delete=models.PROTECT, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField()
    listed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    listed_at = models.DateTimeField(default=timezone.now)
    discussion = models.TextField("What the meeting discussed", blank=True)
    discussed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    discussed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "referral"],
                name="marac_case_listed_once_a_meeting",
                violation_error_message="This case is already on this meeting's agenda.",
            )
        ]

    def __str__(self) -> str:
        return f"Item {self.position} of meeting {self.meeting_id}"

    @property
    def is_discussed(self) -> bool:
        return self.discussed_at is not None


@person_level(
    id=ORDINARY,
    item=ORDINARY,
    agency=ORDINARY,
    known=SPECIAL_CATEGORY,
    risks=SPECIAL_CATEGORY,
    doing=SPECIAL_CATEGORY,
    written_by=ORDINARY,
    written_at=ORDINARY,
    updated_at=ORDINARY,
)
class Research(models.Model):
    """What one member agency knows about a listed case, before the meeting.

    Seen only by the MARAC's members: its coordinators and the member agencies'
    representatives.
    """

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="research")
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    known = models.TextField("What your agency knows about the people in this case")
    risks = models.TextField("Risks your agency sees", blank=True)
    doing = models.TextField("What your agency is doing", blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["agency__name", "id"]
        verbose_name_plural = "research"
        constraints = [
            models.UniqueConstraint(
                fields=["item", "agency"], name="marac_research_once_an_agency"
            ),
            models.CheckConstraint(condition=~models.Q(known=""), name="marac_research_known"),
        ]

    def __str__(self) -> str:
        return f"Research by agency {self.agency_id} for item {self.item_id}"
