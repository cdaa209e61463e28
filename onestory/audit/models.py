"""The append-only audit log.

The table is made by a hand-written migration (``0003_audit_log``) with database triggers
that refuse UPDATE and DELETE on PostgreSQL and SQLite. The model is unmanaged so that
Django's test flush leaves it alone, and it holds ids and names rather than foreign keys,
so no cascade or truncate elsewhere can reach it. See docs/decisions/0005-audit-log.md.
"""

from django.db import models
from django.utils import timezone


class AuditAction(models.TextChoices):
    VIEW = "view", "Viewed"
    SEARCH = "search", "Searched"
    CREATE = "create", "Created"
    UPDATE = "update", "Changed"
    EXPORT = "export", "Exported"
    REFUSED = "refused", "Refused access"
    EMERGENCY_ACCESS = "emergency_access", "Emergency access"
    SHARE_GRANTED = "share_granted", "Share granted"
    SHARE_REVOKED = "share_revoked", "Share revoked"
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    SIGN_OUT = "sign_out", "Signed out"
    MFA_ENROLLED = "mfa_enrolled", "Set up two-step verification"
    MFA_FAILED = "mfa_failed", "Two-step verification failed"
    ACCOUNT_CHANGED = "account_changed", "Account changed"
    TOKEN_ISSUED = "token_issued", "API token issued"
    TOKEN_REVOKED = "token_revoked", "API token revoked"
    PASSWORD_RESET_REQUESTED = "password_reset_requested", "Password reset asked for"
    PASSWORD_RESET_SENT = "password_reset_sent", "Password reset link sent"
    PASSWORD_RESET = "password_reset", "Password reset"
    RETENTION_DELETE = "retention_delete", "Deleted at the end of retention"


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")


class AuditEvent(models.Model):
    """Who did what to which record, when (UTC), from where, and why when a reason was given.

    Names of fields touched are recorded, never their values.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    actor_username = models.CharField(max_length=150, blank=True)
    agency_id = models.BigIntegerField(null=True, blank=True)
    action = models.CharField(max_length=30, choices=AuditAction.choices)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    person_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    fields = models.JSONField(default=list, blank=True)
    reason = models.TextField(blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    channel = models.CharField(max_length=10, blank=True, help_text="page, api or command")
    flagged = models.BooleanField(default=False)
    # A search's results: the id of every person it showed (audit/0003).
    shown_person_ids = models.JSONField(default=list, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        managed = False
        db_table = "access_auditevent"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_username or '-'} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")
