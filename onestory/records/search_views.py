"""The page for finding a person already known."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from onestory.access.search import find_candidates
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.people.search_forms import SearchForm

RESULTS_SHOWN = 20


@staff_view(Permission.SEARCH_PERSONS)
def search(request: HttpRequest) -> HttpResponse:
    """Search by name, date of birth (whole or part), postcode and NHS number.

    Only persons the user may see can appear; each result says why it matched.
    """
    asked = bool(request.GET)
    form = SearchForm(request.GET if asked else None)
    candidates = None
    if asked and form.is_valid():
        data = form.cleaned_data
        candidates = find_candidates(
            request.user,
            name=data["name"],
            date_of_birth=data["date_of_birth"],
            postcode=data["postcode"],
            nhs_number=data["nhs_number"],
            limit=RESULTS_SHOWN,
            request=request,
        )
    context = {
        "form": form,
        "candidates": candidates,
        "may_add": request.user.has_permission(Permission.EDIT_PERSON),
    }
    return render(request, "people/search.html", context)
