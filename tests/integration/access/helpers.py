"""Small helpers for the access tests."""

from django.db.models import QuerySet

from onestory.audit.models import AuditEvent


def last_event_id() -> int:
    """Audit rows can outlive a test (the log is append-only), so tests look only past this."""
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def events_since(marker: int) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(id__gt=marker).order_by("id")
