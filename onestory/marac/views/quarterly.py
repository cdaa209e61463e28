"""MARAC quarterly data: a page, and the SafeLives template's row as CSV and XLSX. Counts
only; small ones hidden from anyone but the MARAC's own coordinators."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from onestory import audit
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.marac import quarterly_template as template
from onestory.marac import queries
from onestory.marac.forms import QuarterlyForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _record(request: HttpRequest, marac, quarter, *, export: str = "") -> None:
    audit.record(
        action=AuditAction.EXPORT if export else AuditAction.VIEW,
        request=request,
        reason=f"MARAC quarterly data{f' ({export})' if export else ''}: "
        f"{marac.name}, {quarter.code}",
    )


@staff_view(Permission.VIEW_AGGREGATES)
@require_GET
def quarterly_page(request: HttpRequest) -> HttpResponse:
    form = QuarterlyForm(request.GET or None, today=timezone.localdate())
    context = {"form": form}
    if form.is_bound and form.is_valid():
        marac, quarter = form.cleaned_data["marac"], form.cleaned_data["quarter"]
        result, published = queries.published_figures(request.user, marac, quarter)
        _record(request, marac, quarter)
        context.update(
            {
                "marac": marac,
                "quarter": quarter,
                "lines": template.lines(result, published),
                "by_agency": [
                    (name, template.shown(count))
                    for name, count in published.referrals_by_agency.items()
                ],
                "suppressed": published.suppressed,
                "query": request.GET.urlencode(),
            }
        )
    return render(request, "marac/quarterly.html", context)


def _export(request: HttpRequest, kind: str) -> HttpResponse:
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
    _record(request, marac, quarter, export=kind)
    values = template.row(marac.name, quarter, result, published)
    if kind == "csv":
        response = HttpResponse(template.as_csv(values), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(template.as_xlsx(values), content_type=XLSX)
    name = f"marac-{marac.pk}-{quarter.code}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_view(Permission.VIEW_AGGREGATES)
@require_GET
def quarterly_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, "csv")


@staff_view(Permission.VIEW_AGGREGATES)
@require_GET
def quarterly_xlsx(request: HttpRequest) -> HttpResponse:
    return _export(request, "xlsx")
