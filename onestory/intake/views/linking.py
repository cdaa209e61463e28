"""Linking a referral to the person it is about: a person already known, or a new record.

Nothing is merged: the worker chooses, and a wrong link can be changed.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from onestory import audit
from onestory.access.policy import get_person_for_user, visible_persons
from onestory.access.search import find_candidates
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.intake import actions, carry_over
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
            return redirect("intake:link-compare", referral_id=referral.pk, person_id=person.pk)
        error = CHOOSE
    context = {
        "referral": referral,
        "candidates": _candidates(request, referral, grant),
        "searched": True,
        "chosen": chosen,
        "error": error,
    }
    return render(request, "intake/staff/link_person.html", context)


def _rows(differences, *, location: bool, full: bool) -> list[dict]:
    """The comparison as rows; location-secret details only for those who may see them."""
    rows = []
    for difference in differences:
        hidden = difference.offer.location_secret and not location
        rows.append(
            {
                "difference": difference,
                "hidden": hidden,
                "may_take": full and not hidden and difference.state != carry_over.State.SAME,
            }
        )
    return rows


@staff_view(Permission.TRIAGE)
@require_http_methods(["GET", "POST"])
def compare_and_link(request: HttpRequest, referral_id: int, person_id: int) -> HttpResponse:
    """Set what the referral says beside the record, and link, taking the details chosen."""
    referral, referral_grant = get_referral_for_user(request, referral_id)
    person, grant = get_person_for_user(request, person_id)
    full = grant.full
    differences = carry_over.compare(
        carry_over.offers(referral, today=timezone.localdate()), carry_over.held_by(person)
    )
    rows = _rows(differences, location=grant.location and referral_grant.location, full=full)
    error = ""
    if request.method == "POST":
        allowed = {row["difference"].key for row in rows if row["may_take"]}
        take = [key for key in request.POST.getlist("take") if key in allowed]
        try:
            actions.link_person_taking(
                referral=referral, person=person, take=take, by=request.user, request=request
            )
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            taken = (
                f" and took {len(take)} new detail{'s' if len(take) != 1 else ''}" if take else ""
            )
            messages.success(request, f"Referral linked to {person.display_name}{taken}.")
            return redirect("intake:referral", referral_id=referral.pk)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=person,
        fields=sorted({"given_name", "date_of_birth", *(r["difference"].key for r in rows)}),
        reason=f"compared with referral {referral.reference}",
    )
    context = {
        "referral": referral,
        "person": person,
        "rows": rows,
        "full": full,
        "error": error,
        "any_to_take": any(row["may_take"] for row in rows),
    }
    return render(request, "intake/staff/link_compare.html", context)
