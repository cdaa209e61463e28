"""A case: one episode of support by one agency for one person."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from onestory.cases.choices import CaseStatus, ClosureReason, PersonRole
from onestory.core.registry import ORDINARY, PERSONAL, SPECIAL_CATEGORY, person_level


@person_level(
    id=ORDINARY,
    person=ORDINARY,
    agency=ORDINARY,
    person_role=SPECIAL_CATEGORY,
    status=PERSONAL,
    summary=SPECIAL_CATEGORY,
    lead_worker=ORDINARY,
    workers=ORDINARY,
    opened_at=PERSONAL,
    opened_by=ORDINARY,
    first_contact_at=PERSONAL,
    closed_at=PERSONAL,
    closed_by=ORDINARY,
    closure_reason=SPECIAL_CATEGORY,
    closure_reason_other=SPECIAL_CATEGORY,
    follow_up_on=PERSONAL,
    onward_referral=ORDINARY,
)
class Case(models.Model):
    """One agency's work with one person: a victim, a child, or a person using harm.

    A case is open until someone at the agency first makes contact with the person, then
    active until it is closed with a reason. Writes go through ``onestory.cases.actions``.
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="cases")
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="cases")
    person_role = models.CharField(
        "The person is", max_length=20, choices=PersonRole.choices, default=PersonRole.VICTIM
    )
    status = models.CharField(max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    summary = models.TextField("What the person wants help with", blank=True)
    lead_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases_led",
    )
    workers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="cases_worked"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The first time anyone at the agency made contact: with opened_at, the time to first contact.
    first_contact_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closure_reason = models.CharField(
        "Why the case is closing", max_length=20, choices=ClosureReason.choices, blank=True
    )
    closure_reason_other = models.CharField("The reason", max_length=300, blank=True)
    follow_up_on = models.DateField("Follow-up date", null=True, blank=True)
    # The onward referral the case was opened from, when it came through one.
    onward_referral = models.OneToOneField(
        "referrals.OnwardReferral",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="case",
    )

    class Meta:
        ordering = ["-opened_at", "-id"]
        indexes = [
            models.Index(fields=["agency", "status"], name="case_agency_status"),
            models.Index(fields=["person", "-opened_at"], name="case_person_latest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CaseStatus.values), name="case_status_known"
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=CaseStatus.CLOSED, closed_at__isnull=False) & ~Q(closure_reason="")
                )
                | (~Q(status=CaseStatus.CLOSED) & Q(closure_reason="", closed_at__isnull=True)),
                name="case_closed_with_a_reason",
                violation_error_message="A case is closed with a reason, and only then.",
            ),
            models.CheckConstraint(
                condition=~Q(closure_reason=ClosureReason.OTHER) | ~Q(closure_reason_other=""),
                name="case_other_reason_explained",
                violation_error_message="Say why the case is closing.",
            ),
            models.UniqueConstraint(
                fields=["person", "agency"],
                condition=~Q(status=CaseStatus.CLOSED),
                name="one_open_case_per_person_and_agency",
                violation_error_message="Your agency already has an open case for this person.",
            ),
        ]

    def __str__(self) -> str:
        return f"Case {self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED

    @property
    def time_to_first_contact(self):
        if self.first_contact_at is None:
            return None
        return self.first_contact_at - self.opened_at
