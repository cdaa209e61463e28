"""Needs, goals and actions of the support plan, and the safety plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from onestory import audit
from onestory.audit.models import AuditAction
from onestory.cases import rules
from onestory.cases.choices import CaseStatus, GoalStatus, NeedArea, NeedLevel
from onestory.cases.models import (
    Case,
    Goal,
    NeedsAssessment,
    PlanAction,
    SafetyPlan,
    TargetHardening,
)


def _refuse_if_closed(case: Case) -> None:
    # Read afresh: the case may have been closed since it was fetched.
    if Case.objects.filter(pk=case.pk, status=CaseStatus.CLOSED).exists():
        raise ValidationError("This case is closed, so its plans can no longer change.")


def _record(action: AuditAction, *, by, obj, case: Case, fields) -> None:
    audit.record(action=action, by=by, obj=obj, person_id=case.person_id, fields=fields)


@transaction.atomic
def record_needs(
    *,
    case: Case,
    levels: Mapping[str, str],
    notes: str = "",
    assessed_on: dt.date | None = None,
    by,
) -> NeedsAssessment:
    """Record what the person needs help with, each area with a level (blank: not asked)."""
    _refuse_if_closed(case)
    unknown = set(levels) - set(NeedArea.values)
    if unknown:
        raise ValidationError({"levels": f"Not an area of need: {', '.join(sorted(unknown))}"})
    bad = {
        area: "Choose a level from the list"
        for area, level in levels.items()
        if level not in NeedLevel.values
    }
    if bad:
        raise ValidationError(bad)
    if not any(levels.values()):
        raise ValidationError("Give a level for at least one area of need.")
    if assessed_on is not None and assessed_on > timezone.localdate():
        raise ValidationError({"assessed_on": "The date of the assessment cannot be in the future"})
    assessment = NeedsAssessment(
        case=case,
        assessed_on=assessed_on or timezone.localdate(),
        assessed_by=by,
        notes=notes.strip(),
        **{area: levels.get(area, "") for area in NeedArea.values},
    )
    assessment.full_clean()
    assessment.save()
    _record(
        AuditAction.CREATE,
        by=by,
        obj=assessment,
        case=case,
        fields={"assessed_on", "notes", *levels},
    )
    return assessment


@transaction.atomic
def add_goal(*, case: Case, description: str, agreed_on: dt.date | None = None, by) -> Goal:
    """Add a goal agreed with the person to the support plan."""
    _refuse_if_closed(case)
    problems = {}
    if not (description or "").strip():
        problems["description"] = "Describe the goal"
    if agreed_on is None:
        problems["agreed_on"] = "Enter the date the goal was agreed with the person"
    elif agreed_on > timezone.localdate():
        problems["agreed_on"] = "The date it was agreed cannot be in the future"
    if problems:
        raise ValidationError(problems)
    goal = Goal(case=case, description=description.strip(), agreed_on=agreed_on, created_by=by)
    goal.full_clean()
    goal.save()
    _record(AuditAction.CREATE, by=by, obj=goal, case=case, fields={"description", "agreed_on"})
    return goal


@transaction.atomic
def set_goal_status(*, goal: Goal, status: str, by) -> Goal:
    """Mark a goal achieved, no longer needed, or back to being worked on."""
    _refuse_if_closed(goal.case)
    if status not in GoalStatus.values:
        raise ValidationError({"status": "Choose how the goal stands"})
    if goal.status != status:
        goal.status = status
        goal.save(update_fields=["status", "updated_at"])
        _record(AuditAction.UPDATE, by=by, obj=goal, case=goal.case, fields={"status"})
    return goal


@transaction.atomic
def add_plan_action(
    *,
    goal: Goal,
    description: str,
    owner_worker=None,
    owner_other: str = "",
    due_on: dt.date | None = None,
    by,
) -> PlanAction:
    """Add an action towards a goal. An action with nobody to do it is refused."""
    case = goal.case
    _refuse_if_closed(case)
    problems = rules.plan_action_problems(
        description=description,
        owner_worker_id=getattr(owner_worker, "pk", None),
        owner_other=owner_other or "",
        owner_is_colleague=owner_worker is not None and owner_worker.agency_id == case.agency_id,
        due_on=due_on,
    )
    if problems:
        raise ValidationError(problems)
    action = PlanAction(
        goal=goal,
        description=description.strip(),
        owner_worker=owner_worker,
        owner_other=(owner_other or "").strip(),
        due_on=due_on,
        created_by=by,
    )
    action.full_clean()
    action.save()
    _record(
        AuditAction.CREATE,
        by=by,
        obj=action,
        case=case,
        fields={"description", "owner_worker", "owner_other", "due_on"},
    )
    return action


@transaction.atomic
def complete_plan_action(*, action: PlanAction, by) -> PlanAction:
    """Mark an action done."""
    case = action.goal.case
    _refuse_if_closed(case)
    if action.done_at is None:
        action.done_at = timezone.now()
        action.done_by = by
        action.save(update_fields=["done_at", "done_by"])
        _record(AuditAction.UPDATE, by=by, obj=action, case=case, fields={"done_at", "done_by"})
    return action


SAFETY_PLAN_FIELDS = ("safe_contacts", "escape_plan", "code_word", "notes")


@transaction.atomic
def save_safety_plan(
    *,
    case: Case,
    safe_contacts: str = "",
    escape_plan: str = "",
    code_word: str = "",
    notes: str = "",
    by,
) -> SafetyPlan:
    """Write or change the case's safety plan. Every part of it is location-secret."""
    _refuse_if_closed(case)
    plan = SafetyPlan.objects.filter(case=case).first() or SafetyPlan(case=case)
    creating = plan.pk is None
    values = {
        "safe_contacts": safe_contacts.strip(),
        "escape_plan": escape_plan.strip(),
        "code_word": code_word.strip(),
        "notes": notes.strip(),
    }
    if creating and not any(values.values()):
        raise ValidationError("Fill in at least one part of the safety plan.")
    changed = {name for name, value in values.items() if getattr(plan, name) != value}
    for name, value in values.items():
        setattr(plan, name, value)
    plan.updated_at = timezone.now()
    plan.updated_by = by
    plan.full_clean()
    plan.save()
    _record(
        AuditAction.CREATE if creating else AuditAction.UPDATE,
        by=by,
        obj=plan,
        case=case,
        fields=changed,
    )
    return plan


@transaction.atomic
def request_hardening(
    *,
    case: Case,
    measure: str,
    details: str = "",
    requested_on: dt.date | None = None,
    by,
) -> TargetHardening:
    """Record that the person asked for a change to their home to keep someone out."""
    _refuse_if_closed(case)
    requested_on = requested_on or timezone.localdate()
    if requested_on > timezone.localdate():
        raise ValidationError({"requested_on": "The date it was asked for cannot be in the future"})
    item = TargetHardening(
        case=case,
        measure=measure,
        details=details.strip(),
        requested_on=requested_on,
        requested_by=by,
    )
    item.full_clean()
    item.save()
    _record(
        AuditAction.CREATE,
        by=by,
        obj=item,
        case=case,
        fields={"measure", "details", "requested_on"},
    )
    return item


@transaction.atomic
def record_hardening_fitted(
    *, item: TargetHardening, fitted_on: dt.date | None = None, by
) -> TargetHardening:
    """Record that a requested change to the home has been fitted."""
    case = item.case
    _refuse_if_closed(case)
    fitted_on = fitted_on or timezone.localdate()
    if fitted_on > timezone.localdate():
        raise ValidationError({"fitted_on": "The date it was fitted cannot be in the future"})
    if fitted_on < item.requested_on:
        raise ValidationError({"fitted_on": "It cannot be fitted before it was asked for"})
    item.fitted_on = fitted_on
    item.fitted_recorded_by = by
    item.save(update_fields=["fitted_on", "fitted_recorded_by"])
    _record(AuditAction.UPDATE, by=by, obj=item, case=case, fields={"fitted_on"})
    return item
