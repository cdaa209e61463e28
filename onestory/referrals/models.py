"""Onward referrals: one agency asks a service in the directory to support a person.

The sending agency holds the person's record; sending shares it with the agency that runs
the service, so the story, the risk and the needs travel with the referral and nobody asks
the person again. Every change of status is a row in ``OnwardReferralEvent``: who did what,
when, and why. Writes go through ``onestory.referrals.actions``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from onestory.core.registry import ORDINARY, PERSONAL, SPECIAL_CATEGORY, person_level
from onestory.referrals.choices import Basis, Consent, DeclineReason, Event, Status


@person_level(
    id=ORDINARY,
    person=ORDINARY,
    from_agency=ORDINARY,
    to_agency=ORDINARY,
    service=SPECIAL_CATEGORY,
    from_referral=ORDINARY,
    status=ORDINARY,
    needs=SPECIAL_CATEGORY,
    reason=SPECIAL_CATEGORY,
    work_done=SPECIAL_CATEGORY,
    basis=PERSONAL,
    basis_reason=SPECIAL_CATEGORY,
    location_secret=ORDINARY,
    consent=PERSONAL,
    consent_note=PERSONAL,
    consent_on_file=PERSONAL,
    share=ORDINARY,
    submission_token=ORDINARY,
    sent_by=ORDINARY,
    sent_at=ORDINARY,
    accepted_at=ORDINARY,
    waiting_time=ORDINARY,
    decline_reason=ORDINARY,
    closed_at=ORDINARY,
)
class OnwardReferral(models.Model):
    """A referral of one person from one agency to one service in the directory."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="onward_referrals"
    )
    from_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="onward_referrals_sent"
    )
    to_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="onward_referrals_received"
    )
    service = models.ForeignKey(
        "directory.Service", on_delete=models.PROTECT, related_name="onward_referrals"
    )
    from_referral = models.ForeignKey(
        "intake.Referral",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="onward_referrals",
        help_text="The front-door referral this came from, whose story travels with it.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENT)
    needs = models.JSONField(default=list, blank=True)
    reason = models.TextField("Why you are referring them")
    work_done = models.TextField("What has been done so far", blank=True)
    basis = models.CharField("Lawful basis", max_length=20, choices=Basis.choices)
    basis_reason = models.TextField(blank=True)
    # The free text (reason, work done, basis reason) looked as if it held an address and was
    # kept location-secret: shown only to staff who may know where the person is.
    location_secret = models.BooleanField(default=False)
    consent = models.CharField(max_length=10, choices=Consent.choices, default=Consent.NOT_ASKED)
    consent_note = models.CharField(max_length=500, blank=True)
    consent_on_file = models.BooleanField(
        default=False,
        help_text="Whether the front-door referral recorded consent for this kind of service.",
    )
    share = models.ForeignKey(
        "access.Share",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="onward_referrals",
        help_text="The share this referral made; empty when the agency could already see.",
    )
    submission_token = models.CharField(max_length=80, unique=True, null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="onward_referrals_sent"
    )
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    waiting_time = models.DurationField(null=True, blank=True, help_text="From sent to accepted.")
    decline_reason = models.CharField(max_length=20, choices=DeclineReason.choices, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [
            models.Index(fields=["to_agency", "status"], name="onward_to_agency_status"),
            models.Index(fields=["from_agency", "status"], name="onward_from_agency_status"),
            models.Index(fields=["person", "service"], name="onward_person_service"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(basis=Basis.CONSENT) | ~Q(basis_reason=""),
                name="onward_basis_other_than_consent_has_reason",
                violation_error_message="A lawful basis other than consent needs a reason.",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.DECLINED) | ~Q(decline_reason=""),
                name="onward_declined_has_reason",
                violation_error_message="A declined referral needs a reason.",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[Status.ACCEPTED, Status.COMPLETED])
                | Q(accepted_at__isnull=False),
                name="onward_accepted_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="onward_has_reason",
                violation_error_message="Say why you are referring them.",
            ),
        ]

    def __str__(self) -> str:
        return f"Onward referral {self.pk} to {self.service}"

    @property
    def is_open(self) -> bool:
        return self.status in (Status.SENT, Status.ACCEPTED)

    @property
    def consent_refused(self) -> bool:
        return self.consent == Consent.REFUSED


@person_level(
    id=ORDINARY,
    onward_referral=ORDINARY,
    event=ORDINARY,
    from_status=ORDINARY,
    to_status=ORDINARY,
    by=ORDINARY,
    by_agency=ORDINARY,
    at=ORDINARY,
    reason=ORDINARY,
    note=SPECIAL_CATEGORY,
)
class OnwardReferralEvent(models.Model):
    """One change to an onward referral: who did what, when, and why. Never changed."""

    onward_referral = models.ForeignKey(
        OnwardReferral, on_delete=models.PROTECT, related_name="events"
    )
    event = models.CharField(max_length=10, choices=Event.choices)
    from_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    by_agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=20, choices=DeclineReason.choices, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_event_display()} at {self.at:%Y-%m-%d %H:%M}"
