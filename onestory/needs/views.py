"""The needs assessment and the delivery plan's pages. Thin: forms read, actions write,
``reach`` and ``plan`` compute, ``access`` decides whose plan objects a user may reach."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onestory import audit
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.forms import posted
from onestory.needs import actions, annual, pack, plan
from onestory.needs.access import action_for, objective_for, priority_for
from onestory.needs.estimate import EstimateRefused
from onestory.needs.forms import (
    ActionForm,
    AssessmentForm,
    CommentaryForm,
    ObjectiveForm,
    PriorityForm,
    ReportYearForm,
    UpdateForm,
    report_years,
)
from onestory.needs.maps import reach_map
from onestory.needs.pack import sections, workbook
from onestory.needs.queries import commentary_of
from onestory.needs.reach import Reach, assess
from onestory.needs.rules import quarter_label
from onestory.returns.periods import FinancialYear

AGGREGATES = Permission.VIEW_AGGREGATES


def _assessed(data, *, posted_form: bool = False) -> tuple[AssessmentForm, Reach | None]:
    """The form and, when it is good, the assessment. A GET with no question is a fresh
    form; a POST is always checked."""
    form = AssessmentForm(data if posted_form else (data or None))
    result = None
    if form.is_bound and form.is_valid():
        series, survey_year = form.chosen_series
        try:
            result = assess(
                area=form.cleaned_data["area"],
                year=form.cleaned_data["year"],
                series=series,
                survey_year=survey_year,
            )
        except EstimateRefused as refused:
            form.add_error(None, str(refused))
    return form, result


def _saved(request: HttpRequest, result: Reach) -> dict[str, str]:
    return commentary_of(agency_id=request.user.agency_id, area=result.area, year=result.year)


def _assessment_page(request, form, result, *, commentary=None, status=200) -> HttpResponse:
    if result is not None and commentary is None:
        commentary = CommentaryForm(sections=sections(result), saved=_saved(request, result))
    return render(
        request,
        "needs/assessment.html",
        {
            "form": form,
            "result": result,
            "commentary": commentary,
            "map": reach_map(result) if result is not None else None,
            "query": _query(result) if result is not None else "",
        },
        status=status,
    )


def _query(result: Reach) -> str:
    est = result.estimate
    return urlencode(
        {"year": result.year, "area": result.area.pk, "series": f"{est.survey_year}|{est.series}"}
    )


@staff_view(AGGREGATES)
@require_GET
def assessment(request: HttpRequest) -> HttpResponse:
    form, result = _assessed(request.GET)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        reason="needs assessment"
        + (f" {result.area.code} {result.year}" if result is not None else ""),
    )
    return _assessment_page(request, form, result)


@staff_view(AGGREGATES)
@require_POST
def save_commentary(request: HttpRequest) -> HttpResponse:
    """The analyst's commentary on each section, kept for their agency and the pack."""
    form, result = _assessed(request.POST, posted_form=True)
    if result is None:
        return _assessment_page(request, form, None, status=400)
    commentary = CommentaryForm(request.POST, sections=sections(result))
    if not commentary.is_valid():
        return _assessment_page(request, form, result, commentary=commentary, status=400)
    actions.save_commentary(
        area=result.area, year=result.year, texts=commentary.texts(), by=request.user
    )
    messages.success(request, "Commentary saved. The pack carries it.")
    return redirect(f"{reverse('needs:assessment')}?{_query(result)}#commentary")


@staff_view(AGGREGATES)
@require_GET
def pack_xlsx(request: HttpRequest) -> HttpResponse:
    form, result = _assessed(request.GET)
    if result is None:
        return _assessment_page(request, form, None, status=400)
    body = pack.xlsx_bytes(workbook(result, _saved(request, result)))
    audit.record(
        action=AuditAction.EXPORT,
        request=request,
        reason=f"needs assessment pack {result.area.code} {result.year}",
    )
    response = HttpResponse(
        body,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"needs-assessment-{result.area.code}-{result.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_view(AGGREGATES)
@require_GET
def pack_pdf(request: HttpRequest) -> HttpResponse:
    """The pack as a PDF, with the commentary the analyst's agency saved for each section."""
    form, result = _assessed(request.GET)
    if result is None:
        return _assessment_page(request, form, None, status=400)
    body = pack.pack_pdf(
        result, _saved(request, result), produced_by=request.user, ward_map=reach_map(result)
    )
    audit.record(
        action=AuditAction.EXPORT,
        request=request,
        reason=f"needs assessment pack (PDF) {result.area.code} {result.year}",
    )
    response = HttpResponse(body, content_type="application/pdf")
    name = f"needs-assessment-{result.area.code}-{result.year}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_view(AGGREGATES)
@require_GET
def plan_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    shown = plan.priorities(request.user.agency_id, today)
    audit.record(action=AuditAction.VIEW, request=request, reason="delivery plan")
    return render(
        request,
        "needs/plan.html",
        {
            "priorities": shown,
            "today": today,
            "quarter_label": quarter_label,
            "report_years": report_years(today),
        },
    )


@staff_view(AGGREGATES)
@require_GET
def plan_xlsx(request: HttpRequest) -> HttpResponse:
    """The plan with its figures as a workbook, for the board's papers and the annual report."""
    today = timezone.localdate()
    body = pack.xlsx_bytes(pack.plan_workbook(plan.priorities(request.user.agency_id, today)))
    audit.record(action=AuditAction.EXPORT, request=request, reason="delivery plan")
    response = HttpResponse(
        body,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="delivery-plan-{today}.xlsx"'
    return response


@staff_view(AGGREGATES)
@require_GET
def annual_report(request: HttpRequest) -> HttpResponse:
    """The year's annual report: the plan with its figures, the return and the board's."""
    today = timezone.localdate()
    form = ReportYearForm(request.GET or None)
    if not form.is_valid():
        return render(request, "needs/annual_report.html", {"form": form}, status=400)
    year = FinancialYear(form.cleaned_data["year"])
    body = pack.xlsx_bytes(
        annual.workbook(agency_id=request.user.agency_id, year=year, today=today)
    )
    audit.record(action=AuditAction.EXPORT, request=request, reason=f"annual report {year.code}")
    response = HttpResponse(
        body,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="annual-report-{year.code}.xlsx"'
    return response


def _form_page(request, form, *, title: str, back: str, context=None, status=200):
    return render(
        request,
        "needs/form.html",
        {"form": form, "title": title, "back": back, **(context or {})},
        status=status,
    )


@staff_view(AGGREGATES)
@require_http_methods(["GET", "POST"])
def new_priority(request: HttpRequest) -> HttpResponse:
    form = PriorityForm(posted(request))
    if request.method == "POST" and form.is_valid():
        actions.add_priority(title=form.cleaned_data["title"], by=request.user)
        return redirect("needs:plan")
    return _form_page(request, form, title="Add a priority", back="needs:plan")


@staff_view(AGGREGATES)
@require_http_methods(["GET", "POST"])
def new_objective(request: HttpRequest, priority_id: int) -> HttpResponse:
    priority = priority_for(request, priority_id)
    form = ObjectiveForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.add_objective(
            priority=priority,
            title=data["title"],
            figure=data["figure"],
            baseline=data["baseline"],
            target=data["target"],
            baseline_year=data["baseline_year"],
            target_year=data["target_year"],
            by=request.user,
        )
        return redirect("needs:plan")
    return _form_page(
        request,
        form,
        title="Add an objective",
        back="needs:plan",
        context={"caption": priority.title},
    )


@staff_view(AGGREGATES)
@require_http_methods(["GET", "POST"])
def new_action(request: HttpRequest, objective_id: int) -> HttpResponse:
    objective = objective_for(request, objective_id)
    form = ActionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        actions.add_action(objective=objective, by=request.user, **form.cleaned_data)
        return redirect("needs:plan")
    return _form_page(
        request, form, title="Add an action", back="needs:plan", context={"caption": objective}
    )


@staff_view(AGGREGATES)
@require_http_methods(["GET", "POST"])
def new_update(request: HttpRequest, delivery_action_id: int) -> HttpResponse:
    action = action_for(request, delivery_action_id)
    form = UpdateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        actions.record_update(action=action, by=request.user, **form.cleaned_data)
        return redirect("needs:plan")
    return _form_page(
        request,
        form,
        title="Add a quarterly update",
        back="needs:plan",
        context={"caption": action.description},
    )
