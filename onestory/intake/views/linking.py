"""Linking a referral to the person it is about: a person already known, or a new record.

Nothing is merged: the worker chooses, and a wrong link can be changed.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from onestory.access.policy import visible_persons
from onestory.access.search import find_candidates
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.intake import actions
from onestory.intake.access import get_referral_for_user
from onestory.intake.forms.phone import NEW_PERSON

CHOOSE = "Choose one of the people listed, or create a new person"


def _candidates(request: HttpRequest, referral, grant) -> list:
    terms = {
        "name": referral.display_name,
        "date_of_birth": referral.date_of_birth,
        # The postcode is location-secret: it only helps the search for those who may see it.
        "postcode": referral.postcode if grant.location else "",
    }
    return find_candidates(request.user, **terms, limit=10)  # audited by the search


@staff_view(Permission.TRIAGE)
@require_http_methods(["GET", "POST"])
def link_person(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral, grant = get_referral_for_user(request, referral_id)
    error = ""
    chosen = request.POST.get("link", "") if request.method == "POST" else ""
    if request.method == "POST":
        if chosen == NEW_PERSON:
            actions.create_person_for_referral(referral=referral, by=request.user, request=request)
            messages.success(request, "New person record made and linked to this referral.")
            return redirect("intake:referral", referral_id=referral.pk)
        person = (
            visible_persons(request.user).filter(pk=chosen).first() if chosen.isdigit() else None
        )
        if person is not None:
            actions.link_person(referral=referral, person=person, by=request.user, request=request)
            messages.success(request, f"Referral linked to {person.display_name}.")
            return redirect("intake:referral", referral_id=referral.pk)
        error = CHOOSE
    context = {
        "referral": referral,
        "candidates": _candidates(request, referral, grant),
        "searched": True,
        "chosen": chosen,
        "error": error,
    }
    return render(request, "intake/staff/link_person.html", context)
