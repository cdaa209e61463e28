"""Recording the person's outcome ratings, and the partnership's figures for them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from onestory import audit
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.cases import access, actions, reports
from onestory.cases.choices import OutcomeStage, PersonRole
from onestory.cases.forms.outcomes import OutcomesForm
from onestory.cases.views.common import case_form_page
from onestory.core.forms import add_refusal, posted


def _next_stage(case) -> str:
    stages = set(case.outcomes.values_list("stage", flat=True))
    if OutcomeStage.INTAKE not in stages:
        return OutcomeStage.INTAKE
    return OutcomeStage.EXIT if case.is_closed else OutcomeStage.REVIEW


@staff_view(Permission.WORK_CASES)
@require_http_methods(["GET", "POST"])
def record_outcomes(request: HttpRequest, case_id: int) -> HttpResponse:
    # Ratings at exit are often gathered on the last call, so a closed case still takes them.
    case, _ = access.get_case_to_change(request, case_id, while_closed=True)
    form = OutcomesForm(
        posted(request),
        behaviour=case.person_role == PersonRole.PERSON_USING_HARM,
        initial={"stage": _next_stage(case)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_outcomes(
                case=case,
                stage=form.cleaned_data["stage"],
                scores=form.scores(),
                abuse=form.abuse(),
                recorded_on=form.cleaned_data["recorded_on"],
                notes=form.cleaned_data["notes"],
                by=request.user,
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, "Outcomes recorded")
            return redirect("cases:case", case_id=case.pk)
    return case_form_page(
        request,
        case,
        form,
        title="Record their outcomes",
        submit="Save the outcomes",
        intro="Ask the person to rate each from 1 (very poor) to 5 (very good), in their own "
        "view, and whether each kind of abuse is still happening.",
        shown={"person", "outcomes"},
    )


@staff_view(Permission.VIEW_AGGREGATES)
@require_GET
def outcomes_report(request: HttpRequest) -> HttpResponse:
    """How people's outcomes changed from intake to exit, across the partnership."""
    report = reports.outcomes_report()
    audit.record(action=AuditAction.EXPORT, request=request, reason="outcomes report (aggregate)")
    return render(request, "cases/outcomes_report.html", {"report": report})
