"""Caseloads: a worker's own open cases, and a team's for its managers."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from onestory import audit
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.cases import queries
from onestory.cases.forms.common import WorkerChoiceField, case_workers

CASELOAD_FIELDS = {"person", "status", "risk_level", "last_contact", "overdue_actions"}


def _listed(request: HttpRequest, cases) -> list:
    cases = list(cases)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        fields=CASELOAD_FIELDS,
        reason=f"caseload of {len(cases)} cases",
    )
    return cases


@staff_view(Permission.WORK_CASES)
@require_GET
def my_caseload(request: HttpRequest) -> HttpResponse:
    cases = _listed(request, queries.caseload_of(request.user, request.user))
    return render(request, "cases/caseload.html", {"cases": cases, "team": False})


class WorkerFilter(forms.Form):
    worker = WorkerChoiceField(
        label="Worker", queryset=None, required=False, empty_label="Everyone in the team"
    )

    def __init__(self, *args, agency, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = case_workers(agency)


@staff_view(Permission.ASSIGN_WORK)
@require_GET
def team_caseload(request: HttpRequest) -> HttpResponse:
    form = WorkerFilter(request.GET or None, agency=request.user.agency)
    worker = form.cleaned_data.get("worker") if form.is_valid() else None
    if worker is not None:
        cases = queries.caseload_of(request.user, worker)
    else:
        cases = queries.open_cases_of_agency(request.user)
    cases = _listed(request, cases)
    return render(
        request,
        "cases/caseload.html",
        {"cases": cases, "team": True, "form": form, "worker": worker},
    )
