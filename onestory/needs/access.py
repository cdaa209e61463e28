"""Who may reach the delivery plan's objects: staff who may see aggregates, at the agency
that holds the plan. Anyone else is told "not found", and the refusal is audited.

The needs assessment itself is aggregate and suppressed: it names no object, so the view's
permission is the whole of its rule."""

from __future__ import annotations

from django.http import HttpRequest

from onestory.access.policy import refuse
from onestory.needs.models import Objective, PlanAction, Priority


def _ours(request: HttpRequest, obj, agency_id: int | None, what: str):
    if obj is None or agency_id is None or agency_id != request.user.agency_id:
        refuse(request, reason=f"delivery plan {what} of another agency", obj=obj)
    return obj


def priority_for(request: HttpRequest, pk: int) -> Priority:
    obj = Priority.objects.filter(pk=pk).first()
    return _ours(request, obj, obj and obj.agency_id, "priority")


def objective_for(request: HttpRequest, pk: int) -> Objective:
    obj = Objective.objects.select_related("priority").filter(pk=pk).first()
    return _ours(request, obj, obj and obj.priority.agency_id, "objective")


def action_for(request: HttpRequest, pk: int) -> PlanAction:
    obj = PlanAction.objects.select_related("objective__priority").filter(pk=pk).first()
    return _ours(request, obj, obj and obj.objective.priority.agency_id, "action")
