"""The partnership board's quarterly report: a dashboard page, and the same figures as a
workbook and CSV."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from onestory import audit
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.returns import board
from onestory.returns.forms import quarter_from
from onestory.returns.views.statutory import XLSX


@staff_view(Permission.VIEW_AGGREGATES)
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    form, quarter = quarter_from(request)
    context = {"form": form, "quarter": quarter}
    if quarter is not None:
        context["report"] = board.build(quarter, agency_id=request.user.agency_id)
        audit.record(
            action=AuditAction.VIEW, request=request, reason=f"board report {quarter.code}"
        )
    return render(request, "returns/board.html", context)


def _export(request: HttpRequest, kind: str) -> HttpResponse:
    form, quarter = quarter_from(request)
    if quarter is None:
        problems = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return HttpResponse(
            f"Choose a quarter. {problems}", status=400, content_type="text/plain; charset=utf-8"
        )
    built = board.build(quarter, agency_id=request.user.agency_id)
    audit.record(
        action=AuditAction.EXPORT, request=request, reason=f"board report {quarter.code} ({kind})"
    )
    if kind == "csv":
        response = HttpResponse(board.csv_text(built), content_type="text/csv; charset=utf-8")
    elif kind == "pdf":
        response = HttpResponse(board.pdf_bytes(built), content_type="application/pdf")
    else:
        response = HttpResponse(board.workbook_bytes(built), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="board-report-{quarter.code}.{kind}"'
    return response


@staff_view(Permission.VIEW_AGGREGATES)
@require_GET
def board_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, "csv")


@staff_view(Permission.VIEW_AGGREGATES)
@require_GET
def board_workbook(request: HttpRequest) -> HttpResponse:
    return _export(request, "xlsx")


@staff_view(Permission.VIEW_AGGREGATES)
@require_GET
def board_pdf(request: HttpRequest) -> HttpResponse:
    return _export(request, "pdf")
