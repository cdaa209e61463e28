"""The vacancy board: places free now across the partnership and listed out of area, for
professionals. It shows each scheme's town or district, never where it is."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from onestory import audit
from onestory.accommodation import actions
from onestory.accommodation.access import (
    get_listed_vacancy_to_change,
    may_list_vacancies,
    may_manage,
    require_board,
)
from onestory.accommodation.forms import ListedVacancyForm, NeedsForm
from onestory.accommodation.queries import board, listed_out_of_area
from onestory.accommodation.views.manage import posted, show_errors
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction


@staff_view(Permission.VIEW_PERSON)
@require_GET
def vacancies(request: HttpRequest) -> HttpResponse:
    require_board(request)
    form = NeedsForm(request.GET or None)
    needs = form.needs()
    rows = board(needs)
    listed = listed_out_of_area(needs)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        reason=f"vacancy board: {len(rows)} schemes, {len(listed)} places out of area",
    )
    context = {
        "form": form,
        "rows": rows,
        "listed": listed,
        "filtered": bool(request.GET),
        "may_list": may_list_vacancies(request.user),
        "may_manage": may_manage(request.user),
    }
    return render(request, "accommodation/vacancies.html", context)


@staff_view(Permission.TAKE_REFERRAL)
@require_http_methods(["GET", "POST"])
def list_vacancy(request: HttpRequest) -> HttpResponse:
    require_board(request)
    form = ListedVacancyForm(posted(request), initial={"sexes": "women", "max_children": 0})
    if request.method == "POST" and form.is_valid():
        try:
            actions.list_vacancy(by=request.user, request=request, **form.details())
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Place listed on the vacancy board")
            return redirect("accommodation:vacancies")
    context = {
        "form": form,
        "title": "List a place out of area",
        "submit": "List the place",
        "back": "accommodation:vacancies",
    }
    return render(request, "accommodation/form.html", context)


@staff_view(Permission.TAKE_REFERRAL)
@require_http_methods(["GET", "POST"])
def remove_listed(request: HttpRequest, listed_vacancy_id: int) -> HttpResponse:
    listed = get_listed_vacancy_to_change(request, listed_vacancy_id)
    if listed.removed_at is not None:
        messages.info(request, f"{listed.scheme_name} is already off the board.")
        return redirect("accommodation:vacancies")
    if request.method == "POST":
        actions.remove_listed_vacancy(listed=listed, by=request.user, request=request)
        messages.success(request, f"{listed.scheme_name} taken off the board")
        return redirect("accommodation:vacancies")
    return render(request, "accommodation/remove_listed.html", {"listed": listed})
