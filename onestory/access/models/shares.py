"""A share lets another agency see a person the owning agency holds."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ShareScope(models.TextChoices):
    SUMMARY = "summary", "Summary: who the person is and how to contact them safely"
    FULL = "full", "Full: everything the owning agency may share"


class LawfulBasis(models.TextChoices):
    CONSENT = "consent", "Consent"
    MARAC = "marac", "MARAC"
    SAFEGUARDING = "safeguarding", "Safeguarding"
    VITAL_INTERESTS = "vital_interests", "Vital interests"
    LEGAL_DUTY = "legal_duty", "Legal duty"


class ShareQuerySet(models.QuerySet):
    def active(self, at=None) -> ShareQuerySet:
        """Shares in force now: not revoked and not expired. Checked on every request."""
        at = at or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=at)
        )


class Share(models.Model):
    """``from_agency`` lets ``to_agency`` see ``person``, for a lawful basis, until revoked."""

    from_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="shares_given"
    )
    to_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="shares_received"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="shares")
    scope = models.CharField(max_length=10, choices=ShareScope.choices)
    lawful_basis = models.CharField(max_length=20, choices=LawfulBasis.choices)
    reason = models.TextField(blank=True)
    includes_location = models.BooleanField(
        default=False,
        help_text="Whether location-secret fields travel with this share. Only for agencies "
        "whose work needs them; never for a perpetrator service.",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="shares_granted"
    )
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="shares_revoked",
    )
    revoke_reason = models.TextField(blank=True)

    objects = ShareQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["to_agency", "person"], name="share_to_agency_person")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_agency=models.F("to_agency")),
                name="share_between_two_agencies",
                violation_error_message="An agency does not need a share to see its own records.",
            ),
            models.CheckConstraint(
                condition=~Q(lawful_basis="") & ~Q(scope=""),
                name="share_has_basis_and_scope",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_agency} → {self.to_agency}: person {self.person_id} ({self.scope})"

    def is_active(self, at=None) -> bool:
        at = at or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > at)
