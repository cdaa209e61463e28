"""Front-door figures: counts only, never a person; small counts hidden outside the front door."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.intake import figures, queries
from onestory.intake.forms.figures import DateRangeForm


def default_range(today: date) -> tuple[date, date]:
    """From the first of the month two months back, to today: about three months."""
    month = today.month - 2
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, 1), today


@staff_view(Permission.VIEW_AGGREGATES)
@require_GET
def front_door_figures(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    start, end = default_range(today)
    asked = any(key.startswith(("start_", "end_")) for key in request.GET)
    form = (
        DateRangeForm(request.GET) if asked else DateRangeForm(initial={"start": start, "end": end})
    )
    context = {"form": form, "suppressed": False, "headlines": [], "tables": []}
    if asked and not form.is_valid():
        return render(request, "intake/staff/figures.html", context)
    if asked:
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    agency = request.user.agency
    suppressed = figures.should_suppress(agency_kind=agency.kind if agency else None)
    headlines, tables = figures.front_door_tables(
        queries.counts(start, end), suppressed=suppressed, targets=settings.FIRST_CONTACT_TARGETS
    )
    context |= {
        "start": start,
        "end": end,
        "suppressed": suppressed,
        "headlines": headlines,
        "tables": tables,
    }
    return render(request, "intake/staff/figures.html", context)
