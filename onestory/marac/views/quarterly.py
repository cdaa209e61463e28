"""MARAC quarterly data: a page and a CSV. Counts only; small ones hidden from anyone but the
MARAC's own coordinators."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from onestory import audit
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.marac import quarterly, queries
from onestory.marac.forms import QuarterlyForm


def _record(request: HttpRequest, marac, quarter, *, export: bool) -> None:
    audit.record(
        action=AuditAction.EXPORT if export else AuditAction.VIEW,
        request=request,
        reason=f"MARAC quarterly data: {marac.name}, {quarter.code}",
    )


@staff_view(Permission.VIEW_AGGREGATES)
@require_GET
def quarterly_page(request: HttpRequest) -> HttpResponse:
    form = QuarterlyForm(request.GET or None, today=timezone.localdate())
    context = {"form": form}
    if form.is_bound and form.is_valid():
        marac, quarter = form.cleaned_data["marac"], form.cleaned_data["quarter"]
        result, published = queries.published_figures(request.user, marac, quarter)
        _record(request, marac, quarter, export=False)
        context.update(
            {
                "marac": marac,
                "quarter": quarter,
                "lines": quarterly.lines(result, published),
                "by_agency": [
                    (name, quarterly.shown(count))
                    for name, count in published.referrals_by_agency.items()
                ],
                "suppressed": published.suppressed,
                "query": request.GET.urlencode(),
            }
        )
    return render(request, "marac/quarterly.html", context)


@staff_view(Permission.VIEW_AGGREGATES)
@require_GET
def quarterly_csv(request: HttpRequest) -> HttpResponse:
    form = QuarterlyForm(request.GET, today=timezone.localdate())
    if not form.is_valid():
        problems = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return HttpResponse(
            f"Choose a MARAC and a quarter. {problems}",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    marac, quarter = form.cleaned_data["marac"], form.cleaned_data["quarter"]
    result, published = queries.published_figures(request.user, marac, quarter)
    _record(request, marac, quarter, export=True)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="marac-{marac.pk}-{quarter.code}.csv"'
    writer = csv.writer(response)
    writer.writerow(["MARAC", "quarter", "measure", "value"])
    rows = quarterly.lines(result, published, hidden_text="<5")
    rows += [
        (f"Cases referred by {name}", quarterly.shown(count, hidden_text="<5"))
        for name, count in published.referrals_by_agency.items()
    ]
    for measure, value in rows:
        writer.writerow([_cell(marac.name), quarter.code, _cell(measure), value])
    return response


def _cell(text: str) -> str:
    # A spreadsheet would run a cell starting like a formula; names never need to.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text
