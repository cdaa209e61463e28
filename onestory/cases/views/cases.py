"""A person's cases, opening a case, the case page, its workers, and closing it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from onestory import audit
from onestory.access.policy import FULL, Route, get_person_for_user
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.cases import access, actions, queries
from onestory.cases.actions.cases import role_for
from onestory.cases.forms.cases import CloseCaseForm, OpenCaseForm, WorkersForm
from onestory.cases.views.common import case_form_page
from onestory.core.forms import add_refusal, posted

CASE_PAGE_FIELDS = {
    "person",
    "person_role",
    "status",
    "summary",
    "lead_worker",
    "workers",
    "first_contact_at",
    "closure_reason",
    "needs",
    "goals",
    "notes",
    "documents",
    "outcomes",
}


@staff_view(Permission.WORK_CASES)
def person_cases(request: HttpRequest, person_id: int) -> HttpResponse:
    person, grant = get_person_for_user(request, person_id)
    cases = list(
        access.cases_of_person_for_user(request.user, person, grant).select_related(
            "agency", "lead_worker"
        )
    )
    audit.record(action=AuditAction.VIEW, request=request, obj=person, fields={"cases"})
    may_open = (
        grant.full
        and person.merged_into_id is None
        and not any(c.agency_id == request.user.agency_id and not c.is_closed for c in cases)
    )
    return render(
        request,
        "cases/person_cases.html",
        {"person": person, "cases": cases, "may_open": may_open},
    )


@staff_view(Permission.WORK_CASES)
@require_http_methods(["GET", "POST"])
def open_case(request: HttpRequest, person_id: int) -> HttpResponse:
    # Opening a case means working with the whole story: a summary share is not enough.
    person, _ = get_person_for_user(request, person_id, need=FULL)
    form = OpenCaseForm(
        posted(request),
        agency=request.user.agency,
        initial={"person_role": role_for(person), "lead_worker": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = actions.open_case(
                person=person,
                agency=request.user.agency,
                lead_worker=data["lead_worker"],
                workers=data["workers"],
                person_role=data["person_role"],
                summary=data["summary"],
                by=request.user,
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, f"Case {case.pk} opened")
            return redirect("cases:case", case_id=case.pk)
    elif request.method == "GET":
        audit.record(action=AuditAction.VIEW, request=request, obj=person, fields={"involvement"})
    return render(request, "cases/open_case.html", {"person": person, "form": form})


@staff_view(Permission.WORK_CASES)
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case, grant = access.get_case_for_user(request, case_id)
    page = queries.case_page(request.user, case, grant)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=case,
        person_id=case.person_id,
        fields=CASE_PAGE_FIELDS,
        flagged=grant.person_grant.route == Route.EMERGENCY,
    )
    return render(request, "cases/case_detail.html", {"case": case, "page": page})


@staff_view(Permission.ASSIGN_WORK)
@require_http_methods(["GET", "POST"])
def change_workers(request: HttpRequest, case_id: int) -> HttpResponse:
    case, _ = access.get_case_to_change(request, case_id)
    form = WorkersForm(
        posted(request),
        agency=case.agency,
        initial={"lead_worker": case.lead_worker_id, "workers": list(case.workers.all())},
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_workers(
                case=case,
                lead_worker=form.cleaned_data["lead_worker"],
                workers=form.cleaned_data["workers"],
                by=request.user,
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, "Workers saved")
            return redirect("cases:case", case_id=case.pk)
    return case_form_page(
        request,
        case,
        form,
        title="Who works on this case",
        submit="Save workers",
        shown={"person", "lead_worker", "workers"},
    )


@staff_view(Permission.WORK_CASES)
@require_http_methods(["GET", "POST"])
def close_case(request: HttpRequest, case_id: int) -> HttpResponse:
    case, _ = access.get_case_to_change(request, case_id)
    form = CloseCaseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.close_case(
                case=case,
                reason=data["reason"],
                other_reason=data["other_reason"],
                follow_up_on=data["follow_up_on"],
                by=request.user,
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, f"Case {case.pk} closed")
            return redirect("cases:case", case_id=case.pk)
    exit_recorded = case.outcomes.filter(stage="exit").exists()
    intro = "Closing the case ends your agency's work with the person for now."
    if not exit_recorded:
        intro += (
            " Their ratings at exit have not been recorded yet: ask them before you close "
            "the case if you can."
        )
    return case_form_page(
        request,
        case,
        form,
        title="Close the case",
        submit="Close the case",
        intro=intro,
        extra={"outcomes_url": reverse("cases:outcomes", args=[case.pk])},
    )
