"""Writes about access: shares between agencies, and emergency access with its review.

Each action takes keyword arguments and the acting user as ``by``, runs in one
transaction and leaves an audit event. A refusal the user can put right raises
``ValidationError`` keyed by argument name (``NON_FIELD_ERRORS`` for the whole request);
a refusal they cannot (the wrong role or the wrong agency) raises ``PermissionDenied``.
``request``, when given, only supplies the address recorded in the audit event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from onestory import audit
from onestory.access.models import EmergencyAccess, Share
from onestory.access.policy import grant_for, may_see_location
from onestory.access.rules import emergency_reason_problem, share_problems
from onestory.accounts.models import Agency
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.people.models import Person

SHARE_FIELDS = ("to_agency", "scope", "lawful_basis", "reason", "expires_at", "includes_location")
REVOKE_FIELDS = ("revoked_at", "revoked_by", "revoke_reason")
REVIEW_FIELDS = ("reviewed_at", "reviewed_by", "review_note")


def may_manage_shares(user, person: Person, permission: Permission) -> bool:
    """Only the staff of the agency that holds the record grant or revoke its shares."""
    return (
        user.is_authenticated
        and user.has_permission(permission)
        and user.agency_id is not None
        and user.agency_id == person.owning_agency_id
    )


def _require_share_manager(user, person: Person, permission: Permission) -> None:
    if not may_manage_shares(user, person, permission):
        raise PermissionDenied("Only the agency that holds this record may manage its shares.")


def grant_share(
    *,
    person: Person,
    to_agency: Agency | None,
    scope: str,
    lawful_basis: str,
    reason: str,
    expires_at: datetime | None = None,
    includes_location: bool = False,
    by,
    request: HttpRequest | None = None,
) -> Share:
    """Let ``to_agency`` see ``person`` for a lawful basis, until revoked or ``expires_at``."""
    _require_share_manager(by, person, Permission.SHARE_RECORDS)
    reason = reason.strip()
    with transaction.atomic():
        # Lock the person so two workers cannot both share it with the same agency at once.
        list(Person.objects.select_for_update().filter(pk=person.pk).values_list("pk"))
        now = timezone.now()
        already = (
            to_agency is not None
            and Share.objects.active(now).filter(person=person, to_agency=to_agency).exists()
        )
        problems = share_problems(
            owning_agency_id=person.owning_agency_id,
            to_agency_id=to_agency.pk if to_agency is not None else None,
            to_agency_kind=to_agency.kind if to_agency is not None else "",
            to_agency_active=to_agency is not None and to_agency.is_active,
            already_shared=already,
            scope=scope,
            lawful_basis=lawful_basis,
            reason=reason,
            includes_location=includes_location,
            granter_sees_location=may_see_location(by, owner=True),
            expires_at=expires_at,
            now=now,
        )
        if problems:
            raise ValidationError(problems)
        assert to_agency is not None  # the rules refuse a share to no agency
        share = Share.objects.create(
            from_agency_id=person.owning_agency_id,
            to_agency=to_agency,
            person=person,
            scope=scope,
            lawful_basis=lawful_basis,
            reason=reason,
            includes_location=includes_location,
            granted_by=by,
            granted_at=now,
            expires_at=expires_at,
        )
        audit.record(
            action=AuditAction.SHARE_GRANTED,
            by=by,
            request=request,
            obj=share,
            fields=SHARE_FIELDS,
            reason=reason,
        )
    return share


def revoke_share(*, share: Share, reason: str, by, request: HttpRequest | None = None) -> Share:
    """End a share now. The receiving agency loses sight of the record on its next request."""
    _require_share_manager(by, share.person, Permission.REVOKE_SHARES)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why you are revoking this share"})
    with transaction.atomic():
        share = Share.objects.select_for_update().get(pk=share.pk)
        now = timezone.now()
        if share.revoked_at is not None:
            raise ValidationError({NON_FIELD_ERRORS: "This share has already been revoked"})
        if not share.is_active(now):
            raise ValidationError({NON_FIELD_ERRORS: "This share has already ended"})
        share.revoked_at = now
        share.revoked_by = by
        share.revoke_reason = reason
        share.save(update_fields=list(REVOKE_FIELDS))
        audit.record(
            action=AuditAction.SHARE_REVOKED,
            by=by,
            request=request,
            obj=share,
            fields=REVOKE_FIELDS,
            reason=reason,
        )
    return share


class EmergencyResult(StrEnum):
    GRANTED = "granted"
    ALREADY_VISIBLE = "already_visible"
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class EmergencyOutcome:
    result: EmergencyResult
    person_id: int | None = None
    access: EmergencyAccess | None = None


def open_emergency_access(
    *, reference: int, reason: str, by, request: HttpRequest | None = None
) -> EmergencyOutcome:
    """Open another agency's record for a short time, for a reason, flagged for review.

    When the worker can already see the record nothing is granted; when there is no record
    with that reference the attempt is still audited and flagged.
    """
    if not by.has_permission(Permission.EMERGENCY_ACCESS):
        raise PermissionDenied("Your role does not allow emergency access.")
    problem = emergency_reason_problem(reason)
    if problem:
        raise ValidationError({"reason": problem})
    reason = reason.strip()
    person = Person.objects.filter(pk=reference).select_related("owning_agency").first()
    if person is None:
        audit.record(
            action=AuditAction.REFUSED,
            by=by,
            request=request,
            reason=f"emergency access: no record with reference {reference}. {reason}",
            flagged=True,
        )
        return EmergencyOutcome(EmergencyResult.NOT_FOUND)
    if grant_for(by, person) is not None:
        return EmergencyOutcome(EmergencyResult.ALREADY_VISIBLE, person.pk)
    now = timezone.now()
    with transaction.atomic():
        access = EmergencyAccess.objects.create(
            user=by,
            person=person,
            owning_agency_id=person.owning_agency_id,
            reason=reason,
            granted_at=now,
            expires_at=now + timedelta(minutes=settings.EMERGENCY_ACCESS_MINUTES),
        )
        audit.record(
            action=AuditAction.EMERGENCY_ACCESS,
            by=by,
            request=request,
            obj=access,
            reason=reason,
            flagged=True,
        )
    return EmergencyOutcome(EmergencyResult.GRANTED, person.pk, access)


def review_emergency_access(
    *, access: EmergencyAccess, note: str, by, request: HttpRequest | None = None
) -> EmergencyAccess:
    """A manager of the agency that holds the record records that they have looked into it."""
    if not (
        by.has_permission(Permission.REVIEW_EMERGENCY_ACCESS)
        and by.agency_id is not None
        and by.agency_id == access.owning_agency_id
    ):
        raise PermissionDenied("Only a manager at the agency that holds the record may review.")
    note = note.strip()
    if not note:
        raise ValidationError({"note": "Enter what you found when you looked into this access"})
    with transaction.atomic():
        access = EmergencyAccess.objects.select_for_update().get(pk=access.pk)
        if access.reviewed_at is not None:
            raise ValidationError({NON_FIELD_ERRORS: "This emergency access is already reviewed"})
        access.reviewed_by = by
        access.reviewed_at = timezone.now()
        access.review_note = note
        access.save(update_fields=list(REVIEW_FIELDS))
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            request=request,
            obj=access,
            fields=REVIEW_FIELDS,
            reason="emergency access reviewed",
        )
    return access
