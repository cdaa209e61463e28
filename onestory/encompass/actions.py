"""Writes for Operation Encompass: recording a police notification, preparing each child's
school notice, and recording that a notice was sent."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from onestory import audit
from onestory.access.policy import visible_persons
from onestory.audit.models import AuditAction
from onestory.directory.choices import SupportKind
from onestory.directory.models import Service
from onestory.encompass import rules
from onestory.encompass.access import may_record, reads_as_school
from onestory.encompass.models import EncompassNotice, EncompassNotification, SendMethod
from onestory.encompass.notice import NOTICE_FIELDS
from onestory.encompass.terms import calendar_for
from onestory.intake.models import Referral
from onestory.people.models import Person
from onestory.risk.actions import record_incident
from onestory.risk.models import IncidentKind


def require_recorder(by) -> None:
    if not may_record(by):
        raise PermissionDenied(
            "Police notifications for schools are recorded by the police or the front door."
        )


def _require_owner(by, notification: EncompassNotification) -> None:
    require_recorder(by)
    if notification.agency_id != by.agency_id:
        raise PermissionDenied("Only the agency that recorded the notification may change it.")


def school_problem(school: Service | None) -> str | None:
    if school is None:
        return "Select the child's school, so the notice can go to its safeguarding lead"
    if school.kind != SupportKind.SCHOOL or not school.is_active:
        return "Select a school from the directory"
    return None


def _check_people(by, people: Iterable[Person]) -> None:
    ids = {person.pk for person in people}
    if visible_persons(by).filter(pk__in=ids).count() != len(ids):
        raise PermissionDenied("You may record only people whose records you can see.")


def record_notification(
    *,
    victim: Person,
    police_reference: str,
    occurred_at: datetime | None,
    circumstances: str,
    children: Mapping[Person, Service | None] | None = None,
    perpetrators: Iterable[Person] = (),
    referral: Referral | None = None,
    by,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> EncompassNotification:
    """Record a police notification of an incident, and prepare a notice for each child's
    school.

    Each notice is due before the start of its school's next school day after the
    incident (``encompass.rules.notice_due_at``), not after the moment it is recorded; a
    notification recorded after that is late from the start. ``children`` maps each child
    who was present or lives in the household to their school, or to None when the child
    is at no school in the directory (no notice then). The incident is recorded against
    the victim too, so the MARAC repeat check and the escalation count see it.
    """
    require_recorder(by)
    children = dict(children or {})
    perpetrators = list(perpetrators)
    now = now or timezone.now()
    problems = rules.notification_problems(
        police_reference=police_reference,
        occurred_at=occurred_at,
        circumstances=circumstances,
        now=now,
    )
    for child, school in children.items():
        if child.pk == victim.pk:
            problems["children"] = "The victim cannot also be one of the children"
        elif school is not None and school_problem(school):
            problems["children"] = f"{child.display_name}: {school_problem(school)}"
    if referral is not None and (
        referral.owning_agency_id != by.agency_id or referral.person_id != victim.pk
    ):
        problems["referral"] = "Select one of this person's referrals to the front door"
    if problems:
        raise ValidationError(problems)
    _check_people(by, [victim, *children, *perpetrators])
    with transaction.atomic():
        incident = record_incident(
            person=victim,
            occurred_on=timezone.localdate(occurred_at),
            kind=IncidentKind.POLICE_CALL_OUT,
            summary=f"Police notification {police_reference.strip()}: {circumstances.strip()}",
            perpetrators=perpetrators,
            by=by,
            request=request,
        )
        notification = EncompassNotification.objects.create(
            agency_id=by.agency_id,
            victim=victim,
            police_reference=police_reference.strip(),
            occurred_at=occurred_at,
            circumstances=circumstances.strip(),
            notified_at=now,
            notices_due_at=min(
                [due_for(occurred_at, school) for school in children.values() if school]
                or [rules.notice_due_at(occurred_at)]
            ),
            incident=incident,
            referral=referral,
            recorded_by=by,
            recorded_at=now,
        )
        notification.children.set(list(children))
        audit.record(
            action=AuditAction.CREATE,
            by=by,
            request=request,
            obj=notification,
            person_id=victim.pk,
            fields=[
                "police_reference",
                "occurred_at",
                "circumstances",
                "children",
                *(["referral"] if referral is not None else []),
            ],
        )
        for child, school in children.items():
            if school is not None:
                _create_notice(notification, child, school, by=by, request=request, now=now)
    return notification


def due_for(occurred_at: datetime, school: Service) -> datetime:
    """When a notice to ``school`` about an incident at ``occurred_at`` is due."""
    return rules.notice_due_at(occurred_at, calendar_for(school, occurred_at=occurred_at))


def _create_notice(
    notification: EncompassNotification,
    child: Person,
    school: Service,
    *,
    by,
    request: HttpRequest | None,
    now: datetime,
) -> EncompassNotice:
    notice = EncompassNotice.objects.create(
        notification=notification,
        child=child,
        school=school,
        prepared_by=by,
        prepared_at=now,
        due_at=due_for(notification.occurred_at, school),
    )
    if notice.due_at < notification.notices_due_at:
        notification.notices_due_at = notice.due_at
        notification.save(update_fields=["notices_due_at"])
    audit.record(
        action=AuditAction.CREATE,
        by=by,
        request=request,
        obj=notice,
        person_id=child.pk,
        fields=["school", "due_at", *NOTICE_FIELDS],
    )
    return notice


def prepare_notice(
    *,
    notification: EncompassNotification,
    child: Person | None,
    school: Service | None,
    by,
    request: HttpRequest | None = None,
) -> EncompassNotice:
    """Prepare the notice for a child recorded on a notification without one (the school
    was not known then)."""
    _require_owner(by, notification)
    problems: dict[str, str] = {}
    if child is None or not notification.children.filter(pk=child.pk).exists():
        problems["child"] = "Select a child recorded on this notification"
    elif notification.notices.filter(child=child).exists():
        problems["child"] = f"{child.display_name} already has a notice for this incident"
    problem = school_problem(school)
    if problem:
        problems["school"] = problem
    if problems:
        raise ValidationError(problems)
    try:
        with transaction.atomic():
            return _create_notice(
                notification, child, school, by=by, request=request, now=timezone.now()
            )
    except IntegrityError:
        # Prepared by a colleague a moment ago.
        raise ValidationError(
            {"child": f"{child.display_name} already has a notice for this incident"}
        ) from None


def record_sending(
    *,
    notice: EncompassNotice,
    method: str,
    dsl_name: str,
    sent_at: datetime | None,
    by,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> EncompassNotice:
    """Record that a notice went to the school's designated safeguarding lead: when, by
    whom, how (secure email or a phone call), and to whom."""
    _require_owner(by, notice.notification)
    problems = rules.sending_problems(
        method=method,
        allowed_methods=SendMethod.values,
        dsl_name=dsl_name,
        sent_at=sent_at,
        occurred_at=notice.notification.occurred_at,
        now=now or timezone.now(),
    )
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        locked = EncompassNotice.objects.select_for_update().get(pk=notice.pk)
        if locked.sent_at is not None:
            raise ValidationError({rules.NON_FIELD: "This notice's sending is already recorded"})
        locked.sent_at = sent_at
        locked.sent_by = by
        locked.method = method
        locked.dsl_name = dsl_name.strip()
        locked.save(update_fields=["sent_at", "sent_by", "method", "dsl_name"])
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            request=request,
            obj=locked,
            person_id=locked.child_id,
            fields=["sent_at", "sent_by", "method", "dsl_name"],
        )
    return locked


def acknowledge_notice(
    *, notice: EncompassNotice, by, request: HttpRequest | None = None
) -> EncompassNotice:
    """The school confirms it has received a notice. Only staff of the school's own agency
    who read its notices may; confirming twice keeps the first confirmation."""
    if not reads_as_school(by, notice):
        raise PermissionDenied("Only the school the notice is for can confirm it was received.")
    with transaction.atomic():
        locked = EncompassNotice.objects.select_for_update().get(pk=notice.pk)
        if locked.acknowledged_at is not None:
            return locked
        locked.acknowledged_at = timezone.now()
        locked.acknowledged_by = by
        locked.save(update_fields=["acknowledged_at", "acknowledged_by"])
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            request=request,
            obj=locked,
            person_id=locked.child_id,
            fields=["acknowledged_at", "acknowledged_by"],
            reason="the school confirmed it received the notice",
        )
    return locked
