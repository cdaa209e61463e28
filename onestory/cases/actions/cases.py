"""Opening a case, choosing who works on it, and closing it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from onestory import audit
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.cases import rules
from onestory.cases.choices import CaseStatus, ClosureReason, PersonRole
from onestory.cases.models import Case, NeedsAssessment
from onestory.people.models import Involvement

ROLE_FROM_INVOLVEMENT = {
    Involvement.CHILD_VICTIM: PersonRole.CHILD,
    Involvement.PERSON_USING_HARM: PersonRole.PERSON_USING_HARM,
}


def role_for(person) -> str:
    """The part a person plays in a new case, from how their record says they are involved."""
    return ROLE_FROM_INVOLVEMENT.get(person.involvement, PersonRole.VICTIM)


def _check_workers(agency, lead_worker, workers) -> None:
    problems = {}
    if lead_worker is not None and (
        lead_worker.agency_id != agency.pk
        or not lead_worker.is_active
        or not lead_worker.has_permission(Permission.WORK_CASES)
    ):
        problems["lead_worker"] = "Choose a lead worker from the agency doing the work"
    if any(
        worker.agency_id != agency.pk
        or not worker.is_active
        or not worker.has_permission(Permission.WORK_CASES)
        for worker in workers
    ):
        problems["workers"] = "Choose workers from the agency doing the work"
    if problems:
        raise ValidationError(problems)


def _check_onward_referral(person, agency, onward_referral) -> None:
    """A case opened from an onward referral must be for its person, at the agency it went to."""
    if onward_referral is None:
        return
    if onward_referral.person_id != person.pk or onward_referral.to_agency_id != agency.pk:
        raise ValidationError(
            {"onward_referral": "This referral was not made for this person to this agency."}
        )


@transaction.atomic
def open_case(
    *,
    person,
    agency,
    lead_worker=None,
    onward_referral=None,
    by,
    person_role: str | None = None,
    summary: str = "",
    workers: Iterable = (),
    opened_at: dt.datetime | None = None,
) -> Case:
    """Open a case: ``agency`` starts supporting ``person``, directly or from a referral.

    The person's part (victim, child, person using harm) follows their record unless
    given. Refused when the agency already has an open case for the person, when a worker
    is not from the agency, when the record was merged into another, or when the onward
    referral was for someone else or to another agency. A referral opens at most one case.
    """
    workers = list(workers)
    if person.merged_into_id is not None:
        raise ValidationError(
            {"person": "That record was merged into another. Open the case on the one kept."}
        )
    if not agency.is_active:
        raise ValidationError({"agency": "This agency is no longer part of the partnership."})
    _check_workers(agency, lead_worker, workers)
    _check_onward_referral(person, agency, onward_referral)
    case = Case(
        person=person,
        agency=agency,
        person_role=person_role or role_for(person),
        summary=(summary or "").strip(),
        lead_worker=lead_worker,
        opened_by=by,
        opened_at=opened_at or timezone.now(),
        onward_referral=onward_referral,
    )
    case.full_clean()
    case.save()
    if workers:
        case.workers.set(w for w in workers if w != lead_worker)
    if onward_referral is not None and onward_referral.needs:
        record_reported_needs(case, onward_referral, by=by)
    audit.record(
        action=AuditAction.CREATE,
        by=by,
        obj=case,
        person_id=person.pk,
        fields={
            "person",
            "agency",
            "person_role",
            "summary",
            "lead_worker",
            "workers",
            "onward_referral",
        },
    )
    return case


def record_reported_needs(case: Case, onward_referral, *, by) -> None:
    """The needs ticked on the referral become a needs record on the case: its first, when
    the referral opened it, or the latest, when the agency already supported the person."""
    needs = NeedsAssessment(
        case=case,
        assessed_on=timezone.localdate(onward_referral.sent_at),
        assessed_by=onward_referral.sent_by or by,
        onward_referral=onward_referral,
        reported_needs=list(onward_referral.needs),
    )
    needs.full_clean()
    needs.save()
    audit.record(
        action=AuditAction.CREATE,
        by=by,
        obj=needs,
        person_id=case.person_id,
        fields={"reported_needs", "onward_referral"},
        reason="reported at referral",
    )


@transaction.atomic
def change_workers(*, case: Case, lead_worker, workers: Iterable, by) -> Case:
    """Choose the case's lead worker and the others working on it."""
    workers = [w for w in workers if w != lead_worker]
    _check_workers(case.agency, lead_worker, workers)
    changed = set()
    if case.lead_worker_id != getattr(lead_worker, "pk", None):
        case.lead_worker = lead_worker
        case.save(update_fields=["lead_worker"])
        changed.add("lead_worker")
    if {w.pk for w in case.workers.all()} != {w.pk for w in workers}:
        case.workers.set(workers)
        changed.add("workers")
    if changed:
        audit.record(
            action=AuditAction.UPDATE, by=by, obj=case, person_id=case.person_id, fields=changed
        )
    return case


@transaction.atomic
def close_case(
    *,
    case: Case,
    reason: str,
    other_reason: str = "",
    follow_up_on: dt.date | None = None,
    by,
) -> Case:
    """Close a case with a reason from the list ("other" needs words) and, if wanted, a
    date to check in with the person again."""
    current = Case.objects.select_for_update().get(pk=case.pk)
    problems = rules.closure_problems(
        reason=reason,
        other_reason=other_reason,
        follow_up_on=follow_up_on,
        today=timezone.localdate(),
        already_closed=current.is_closed,
    )
    if problems:
        raise ValidationError(problems)
    case.status = CaseStatus.CLOSED
    case.closure_reason = reason
    case.closure_reason_other = other_reason.strip() if reason == ClosureReason.OTHER else ""
    case.follow_up_on = follow_up_on
    case.closed_at = timezone.now()
    case.closed_by = by
    closing = ["status", "closure_reason", "closure_reason_other", "follow_up_on", "closed_at"]
    case.full_clean()
    case.save(update_fields=[*closing, "closed_by"])
    audit.record(
        action=AuditAction.UPDATE, by=by, obj=case, person_id=case.person_id, fields=closing
    )
    return case
