"""Safe accommodation figures for a period, for those who may see aggregates."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from onestory import audit
from onestory.accommodation.figures import figures
from onestory.accommodation.forms import PeriodForm
from onestory.accommodation.rules import financial_year_start
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction


@staff_view(Permission.VIEW_AGGREGATES)
@require_GET
def figures_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = PeriodForm(request.GET or None)
    start, end = financial_year_start(today), today
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    elif not form.is_bound:
        form = PeriodForm(initial={"start": start, "end": end})
    result = figures(start, end) if not form.errors else None
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        reason=f"safe accommodation figures {start.isoformat()} to {end.isoformat()}",
    )
    return render(
        request,
        "accommodation/figures.html",
        {"form": form, "figures": result, "start": start, "end": end},
    )
