"""Changes of status: accept, decline, withdraw, complete. Who did what, when, and why.

The receiving agency accepts, declines and completes; the sending agency withdraws. Declining
or withdrawing ends the share the referral made, so the receiving agency stops seeing the
record on its next request. Accepting records the waiting time and, once case work is part
of OneStory, opens a case at the receiving agency.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from onestory import audit
from onestory.access.models import Share
from onestory.access.policy import grant_for
from onestory.accounts.models import User
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.cases.actions import open_case, record_reported_needs
from onestory.cases.choices import CaseStatus
from onestory.cases.models import Case
from onestory.referrals import rules
from onestory.referrals.choices import OPEN_STATUSES, DeclineReason, Event, Status
from onestory.referrals.models import OnwardReferral, OnwardReferralEvent
from onestory.referrals.rules import Side

PERMISSION_FOR = {
    Event.ACCEPT: Permission.TAKE_REFERRAL,
    Event.DECLINE: Permission.TAKE_REFERRAL,
    Event.COMPLETE: Permission.TAKE_REFERRAL,
    Event.WITHDRAW: Permission.SHARE_RECORDS,
}
REVOKE_FIELDS = ("revoked_at", "revoked_by", "revoke_reason")


def record_event(
    referral: OnwardReferral,
    *,
    event: Event,
    from_status: str,
    by: User,
    at: datetime,
    reason: str = "",
    note: str = "",
) -> OnwardReferralEvent:
    return OnwardReferralEvent.objects.create(
        onward_referral=referral,
        event=event,
        from_status=from_status,
        to_status=referral.status,
        by=by,
        by_agency_id=by.agency_id,
        at=at,
        reason=reason,
        note=note,
    )


def sides_of(user: User, referral: OnwardReferral) -> set[Side]:
    """Which ends of the referral the user's agency is at: sending, receiving, or neither."""
    sides = set()
    if user.agency_id is not None and user.agency_id == referral.from_agency_id:
        sides.add(Side.SENDER)
    if user.agency_id is not None and user.agency_id == referral.to_agency_id:
        sides.add(Side.RECEIVER)
    return sides


def may(user: User, referral: OnwardReferral, event: Event) -> bool:
    """Whether ``user`` may make this change now (for showing the choice)."""
    return user.has_permission(PERMISSION_FOR[event]) and event in rules.events_for(
        referral.status, sides_of(user, referral)
    )


def accept_onward_referral(
    *,
    onward_referral: OnwardReferral,
    by: User,
    lead_worker: User | None = None,
    note: str = "",
    request: HttpRequest | None = None,
) -> OnwardReferral:
    """The receiving agency takes the person on. Opens a case there when cases exist."""
    if lead_worker is not None and (
        lead_worker.agency_id != onward_referral.to_agency_id or not lead_worker.is_active
    ):
        raise ValidationError({"lead_worker": "Choose a worker from your own agency"})

    def before(referral: OnwardReferral) -> None:
        if grant_for(by, referral.person) is None:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: "The agency that sent this referral no longer shares the "
                    "record with you, so it cannot be accepted. Get in touch with them."
                }
            )

    def after(referral: OnwardReferral) -> None:
        _open_case(referral, lead_worker=lead_worker, by=by)

    return _change(
        onward_referral,
        event=Event.ACCEPT,
        by=by,
        note=note.strip(),
        request=request,
        before=before,
        after=after,
    )


def decline_onward_referral(
    *,
    onward_referral: OnwardReferral,
    reason: str,
    note: str = "",
    by: User,
    request: HttpRequest | None = None,
) -> OnwardReferral:
    """The receiving agency cannot take the person on, for a reason from the list."""
    problems = rules.decline_problems(reason, note)
    if problems:
        raise ValidationError(problems)
    return _change(
        onward_referral,
        event=Event.DECLINE,
        by=by,
        reason=reason,
        note=note.strip(),
        request=request,
    )


def withdraw_onward_referral(
    *, onward_referral: OnwardReferral, note: str, by: User, request: HttpRequest | None = None
) -> OnwardReferral:
    """The sending agency takes the referral back."""
    if not note.strip():
        raise ValidationError({"note": "Say why you are withdrawing this referral"})
    return _change(onward_referral, event=Event.WITHDRAW, by=by, note=note.strip(), request=request)


def complete_onward_referral(
    *,
    onward_referral: OnwardReferral,
    note: str = "",
    by: User,
    request: HttpRequest | None = None,
) -> OnwardReferral:
    """The receiving agency has finished the work the referral asked for."""
    return _change(onward_referral, event=Event.COMPLETE, by=by, note=note.strip(), request=request)


def _change(
    onward_referral: OnwardReferral,
    *,
    event: Event,
    by: User,
    request: HttpRequest | None,
    reason: str = "",
    note: str = "",
    before=None,
    after=None,
) -> OnwardReferral:
    if not by.has_permission(PERMISSION_FOR[event]):
        raise PermissionDenied("Your role does not allow this change.")
    sides = sides_of(by, onward_referral)
    if not sides:
        raise PermissionDenied("This referral is not your agency's.")
    with transaction.atomic():
        referral = (
            OnwardReferral.objects.select_for_update()
            .select_related("person", "service", "to_agency", "from_agency")
            .get(pk=onward_referral.pk)
        )
        try:
            status = rules.next_status(referral.status, event, sides)
        except rules.WrongSide as wrong:
            raise PermissionDenied(str(wrong)) from None
        except rules.TransitionRefused as refused:
            raise ValidationError({NON_FIELD_ERRORS: str(refused)}) from None
        if before is not None:
            before(referral)
        now = timezone.now()
        from_status = referral.status
        referral.status = status
        fields = ["status"]
        if event == Event.ACCEPT:
            referral.accepted_at = now
            referral.waiting_time = now - referral.sent_at
            fields += ["accepted_at", "waiting_time"]
        if event == Event.DECLINE:
            referral.decline_reason = DeclineReason(reason)
            fields.append("decline_reason")
        if status not in OPEN_STATUSES:
            referral.closed_at = now
            fields.append("closed_at")
        referral.save(update_fields=fields)
        record_event(
            referral, event=event, from_status=from_status, by=by, at=now, reason=reason, note=note
        )
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            request=request,
            obj=referral,
            fields=[*fields, "events"],
            reason=f"onward referral {Status(status).label.lower()}",
        )
        if event in rules.ENDS_SHARE:
            _end_share(referral, by=by, event=event, request=request)
        if after is not None:
            after(referral)
    onward_referral.refresh_from_db()
    return onward_referral


def _end_share(
    referral: OnwardReferral, *, by: User, event: Event, request: HttpRequest | None
) -> None:
    """End the share this referral made, unless another open referral still needs it."""
    if referral.share_id is None:
        return  # the agency could already see the record before this referral
    still_needed = (
        OnwardReferral.objects.filter(
            person_id=referral.person_id,
            to_agency_id=referral.to_agency_id,
            status__in=OPEN_STATUSES,
        )
        .exclude(pk=referral.pk)
        .exists()
    )
    if still_needed:
        return
    share = Share.objects.select_for_update().get(pk=referral.share_id)
    now = timezone.now()
    if not share.is_active(now):
        return
    why = f"Onward referral {referral.pk} {'declined' if event == Event.DECLINE else 'withdrawn'}."
    share.revoked_at, share.revoked_by, share.revoke_reason = now, by, why
    share.save(update_fields=list(REVOKE_FIELDS))
    audit.record(
        action=AuditAction.SHARE_REVOKED,
        by=by,
        request=request,
        obj=share,
        fields=REVOKE_FIELDS,
        reason=why,
    )


def _open_case(referral: OnwardReferral, *, lead_worker: User | None, by: User):
    """Open a case at the receiving agency, unless it already supports the person."""
    # An agency already supporting the person goes on with the case it has, and the needs
    # the referral reported are added to it.
    already = (
        Case.objects.filter(person_id=referral.person_id, agency_id=referral.to_agency_id)
        .exclude(status=CaseStatus.CLOSED)
        .order_by("-opened_at")
        .first()
    )
    if already is not None:
        if referral.needs:
            record_reported_needs(already, referral, by=by)
        return None
    return open_case(
        person=referral.person,
        agency=referral.to_agency,
        lead_worker=lead_worker,
        onward_referral=referral,
        by=by,
    )
