"""Emergency ("break the glass") access to a record another agency owns."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class EmergencyAccessQuerySet(models.QuerySet):
    def active(self, at=None):
        return self.filter(expires_at__gt=at or timezone.now())


class EmergencyAccess(models.Model):
    """A worker outside the owning agency opened a record, giving a reason.

    Granted for a short time, always flagged, and listed for the owning agency's manager.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="emergency_accesses"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="emergency_accesses"
    )
    owning_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="emergency_accesses"
    )
    reason = models.TextField()
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="emergency_reviews",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)

    objects = EmergencyAccessQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_at"]
        verbose_name_plural = "emergency accesses"
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="emergency_access_reason")
        ]

    def __str__(self) -> str:
        return f"{self.user} opened person {self.person_id} at {self.granted_at:%Y-%m-%d %H:%M}"
