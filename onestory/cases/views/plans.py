"""Needs, goals and actions of the support plan, and the safety plan."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from onestory import audit
from onestory.access.policy import refuse
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.cases import access, actions
from onestory.cases.choices import NeedArea
from onestory.cases.forms.plans import (
    GoalForm,
    GoalStatusForm,
    HardeningFittedForm,
    HardeningForm,
    NeedsForm,
    PlanActionForm,
    SafetyPlanForm,
)
from onestory.cases.models import Goal, PlanAction, SafetyPlan, TargetHardening
from onestory.cases.views.common import case_form_page
from onestory.core.forms import add_refusal, posted


@staff_view(Permission.WORK_CASES)
@require_http_methods(["GET", "POST"])
def record_needs(request: HttpRequest, case_id: int) -> HttpResponse:
    case, _ = access.get_case_to_change(request, case_id)
    latest = case.needs.first()
    initial = {area: getattr(latest, area) for area in NeedArea.values} if latest else {}
    form = NeedsForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_needs(
                case=case,
                levels=form.levels(),
                notes=form.cleaned_data["notes"],
                assessed_on=form.cleaned_data["assessed_on"],
                by=request.user,
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, "Needs assessment saved")
            return redirect("cases:case", case_id=case.pk)
    return case_form_page(
        request,
        case,
        form,
        title="Assess their needs",
        submit="Save the needs assessment",
        intro="For each area, how much help the person needs now. Leave an area as "
        "\u201cNot asked\u201d if you have not talked about it yet.",
        shown={"person", "needs"},
    )


@staff_view(Permission.WORK_CASES)
@require_http_methods(["GET", "POST"])
def add_goal(request: HttpRequest, case_id: int) -> HttpResponse:
    case, _ = access.get_case_to_change(request, case_id)
    form = GoalForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_goal(case=case, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, "Goal added to the support plan")
            return redirect("cases:case", case_id=case.pk)
    return case_form_page(
        request,
        case,
        form,
        title="Add a goal to the support plan",
        submit="Add the goal",
        intro="A goal is something the person wants to achieve, agreed with them.",
    )


def _goal_to_change(request: HttpRequest, goal_id: int) -> Goal:
    case_id = Goal.objects.filter(pk=goal_id).values_list("case_id", flat=True).first()
    if case_id is None:
        refuse(request, reason=f"goal {goal_id}")
    case, _ = access.get_case_to_change(request, case_id)
    goal = Goal.objects.get(pk=goal_id)
    goal.case = case
    return goal


@staff_view(Permission.WORK_CASES)
@require_http_methods(["GET", "POST"])
def goal_status(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = _goal_to_change(request, goal_id)
    form = GoalStatusForm(posted(request), initial={"status": goal.status})
    form.fields["status"].label = "How does the goal stand?"
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_goal_status(goal=goal, status=form.cleaned_data["status"], by=request.user)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, "Goal updated")
            return redirect("cases:case", case_id=goal.case_id)
    return case_form_page(
        request,
        goal.case,
        form,
        title="Update a goal",
        submit="Save",
        intro=goal.description,
        shown={"person", "goals"},
    )


@staff_view(Permission.WORK_CASES)
@require_http_methods(["GET", "POST"])
def add_plan_action(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = _goal_to_change(request, goal_id)
    form = PlanActionForm(posted(request), agency=goal.case.agency)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_plan_action(goal=goal, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, "Action added to the support plan")
            return redirect("cases:case", case_id=goal.case_id)
    return case_form_page(
        request,
        goal.case,
        form,
        title="Add an action",
        submit="Add the action",
        intro=f"Towards the goal: {goal.description}",
        shown={"person", "goals"},
    )


@staff_view(Permission.WORK_CASES)
@require_http_methods(["GET", "POST"])
def complete_plan_action(request: HttpRequest, plan_action_id: int) -> HttpResponse:
    goal_id = PlanAction.objects.filter(pk=plan_action_id).values_list("goal_id", flat=True).first()
    if goal_id is None:
        refuse(request, reason=f"action {plan_action_id}")
    goal = _goal_to_change(request, goal_id)
    plan_action = PlanAction.objects.select_related("owner_worker").get(pk=plan_action_id)
    plan_action.goal = goal
    if request.method == "POST":
        try:
            actions.complete_plan_action(action=plan_action, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Action marked as done")
        return redirect("cases:case", case_id=goal.case_id)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=plan_action,
        person_id=goal.case.person_id,
        fields={"description"},
    )
    return render(
        request,
        "cases/confirm_action_done.html",
        {"case": goal.case, "person": goal.case.person, "plan_action": plan_action},
    )


# Safety plan ---------------------------------------------------------------------------


@staff_view(Permission.WORK_CASES)
def safety_plan(request: HttpRequest, case_id: int) -> HttpResponse:
    case, grant = access.get_case_for_user(request, case_id)
    if not grant.may_see_safety_plan:
        audit.record(
            action=AuditAction.REFUSED,
            request=request,
            obj=case,
            reason="may not see location-secret details",
        )
        raise PermissionDenied
    plan = SafetyPlan.objects.filter(case=case).select_related("updated_by").first()
    hardening = list(case.hardening.all())
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=case,
        person_id=case.person_id,
        fields={"safety_plan", "hardening"},
    )
    return render(
        request,
        "cases/safety_plan.html",
        {
            "case": case,
            "person": case.person,
            "plan": plan,
            "hardening": hardening,
            "may_change": grant.may_work and not case.is_closed,
        },
    )


@staff_view(Permission.WORK_CASES)
@require_http_methods(["GET", "POST"])
def change_safety_plan(request: HttpRequest, case_id: int) -> HttpResponse:
    case, _ = access.get_case_to_change(request, case_id, location=True)
    plan = SafetyPlan.objects.filter(case=case).first()
    initial = {name: getattr(plan, name) for name in SafetyPlanForm.base_fields} if plan else {}
    form = SafetyPlanForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_safety_plan(case=case, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, "Safety plan saved")
            return redirect("cases:safety-plan", case_id=case.pk)
    return case_form_page(
        request,
        case,
        form,
        title="Safety plan",
        submit="Save the safety plan",
        intro="Only your team sees the safety plan. It is never printed, exported or shared "
        "with a service for people using harm.",
        shown={"person", "safety_plan"},
        extra={"back_url_name": "cases:safety-plan"},
    )


@staff_view(Permission.WORK_CASES)
@require_http_methods(["GET", "POST"])
def add_hardening(request: HttpRequest, case_id: int) -> HttpResponse:
    case, _ = access.get_case_to_change(request, case_id, location=True)
    form = HardeningForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.request_hardening(case=case, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, "Request recorded")
            return redirect("cases:safety-plan", case_id=case.pk)
    return case_form_page(
        request,
        case,
        form,
        title="Make their home safer",
        submit="Record the request",
        intro="Record each change to the home the person has asked for, then when it is fitted.",
        extra={"back_url_name": "cases:safety-plan"},
    )


@staff_view(Permission.WORK_CASES)
@require_http_methods(["GET", "POST"])
def hardening_fitted(request: HttpRequest, hardening_id: int) -> HttpResponse:
    case_id = (
        TargetHardening.objects.filter(pk=hardening_id).values_list("case_id", flat=True).first()
    )
    if case_id is None:
        refuse(request, reason=f"hardening {hardening_id}")
    case, _ = access.get_case_to_change(request, case_id, location=True)
    item = TargetHardening.objects.get(pk=hardening_id)
    item.case = case
    form = HardeningFittedForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_hardening_fitted(
                item=item, fitted_on=form.cleaned_data["fitted_on"], by=request.user
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, f"{item.get_measure_display()}: recorded as fitted")
            return redirect("cases:safety-plan", case_id=case.pk)
    return case_form_page(
        request,
        case,
        form,
        title="Record that it is fitted",
        submit="Save",
        intro=item.get_measure_display(),
        shown={"person", "hardening"},
        extra={"back_url_name": "cases:safety-plan"},
    )
