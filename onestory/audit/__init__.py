"""The append-only audit log, on the ground floor: it imports no other app.

Every read and write of person-level data, every refusal and every sign-in goes through
``record``. The event model is in ``onestory.audit.models``; it is imported when the first
event is written, so that importing this package needs no app registry.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import models
from django.http import HttpRequest

from onestory.clients import client_address

if TYPE_CHECKING:
    from onestory.audit.models import AuditAction, AuditEvent

__all__ = ["client_address", "record"]


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
    from onestory.audit.models import AuditEvent

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
