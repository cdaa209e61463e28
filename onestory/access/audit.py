"""Writing audit events. Every read and write of person-level data goes through ``record``."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.http import HttpRequest

from onestory.access.models import AuditAction, AuditEvent
from onestory.core import throttles

# The client's address, as the rate limits see it (behind trusted proxies too).
client_address = throttles.client_address


def record(
    *,
    action: AuditAction,
    by=None,
    request: HttpRequest | None = None,
    obj: models.Model | None = None,
    person_id: int | None = None,
    fields: Iterable[str] = (),
    reason: str = "",
    username: str = "",
    channel: str = "",
    flagged: bool = False,
    shown_person_ids: Iterable[int] = (),
) -> AuditEvent:
    """Append one event. ``by`` is the acting user (or None for a failed sign-in)."""
    if by is None and request is not None and request.user.is_authenticated:
        by = request.user
    if obj is not None and person_id is None:
        person_id = _person_id_of(obj)
    if not channel and request is not None:
        channel = "api" if request.path.startswith("/api/") else "page"
    return AuditEvent.objects.create(
        actor_id=getattr(by, "pk", None),
        actor_username=getattr(by, "username", "") or username,
        agency_id=getattr(by, "agency_id", None),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        person_id=person_id,
        fields=sorted(fields),
        reason=reason,
        ip_address=client_address(request),
        channel=channel or "command",
        flagged=flagged,
        shown_person_ids=list(shown_person_ids),
    )


def _person_id_of(obj: models.Model) -> int | None:
    if obj._meta.label_lower == "people.person":
        return obj.pk
    return getattr(obj, "person_id", None)
