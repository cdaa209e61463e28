"""Sharing a record with another agency, and revoking a share. Only the holding agency may."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from onestory import audit
from onestory.access.actions import grant_share, may_manage_shares, revoke_share
from onestory.access.forms import RevokeShareForm, ShareForm
from onestory.access.models import Share
from onestory.access.policy import Grant, Route, get_person_for_user, refuse
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.forms import add_refusal
from onestory.people.models import Person

SHOWN_ON_SHARE_PAGES = ("given_name", "family_name")


def sharing_panel(request: HttpRequest, person: Person, grant: Grant) -> dict | None:
    """What the person page shows about shares: only to the agency that holds the record."""
    user = request.user
    if grant.route != Route.OWNER:
        return None
    may_share = may_manage_shares(user, person, Permission.SHARE_RECORDS)
    may_revoke = may_manage_shares(user, person, Permission.REVOKE_SHARES)
    if not (may_share or may_revoke):
        return None
    shares = (
        Share.objects.active(timezone.now())
        .filter(person=person)
        .select_related("to_agency", "granted_by")
        .order_by("to_agency__name", "-granted_at")
    )
    return {"shares": list(shares), "may_share": may_share, "may_revoke": may_revoke}


@staff_view(Permission.SHARE_RECORDS)
def share_record(request: HttpRequest, person_id: int) -> HttpResponse:
    person, _ = get_person_for_user(request, person_id)
    if not may_manage_shares(request.user, person, Permission.SHARE_RECORDS):
        refuse(request, person_id=person.pk, reason="only the holding agency may share")
    form = ShareForm(request.POST or None, owning_agency=person.owning_agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            share = grant_share(
                person=person,
                to_agency=data["to_agency"],
                scope=data["scope"],
                lawful_basis=data["lawful_basis"],
                reason=data["reason"],
                expires_at=form.expires_at(),
                includes_location=data["includes_location"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, f"Record shared with {share.to_agency}")
            return redirect("people:person", person_id=person.pk)
    audit.record(action=AuditAction.VIEW, request=request, obj=person, fields=SHOWN_ON_SHARE_PAGES)
    return render(request, "access/share_form.html", {"person": person, "form": form})


def _share_for_manager(request: HttpRequest, share_id: int) -> Share:
    """A share of a record the user's agency holds, or 404 (audited), even for the receiver."""
    share = (
        Share.objects.select_related("person", "to_agency", "from_agency", "granted_by")
        .filter(pk=share_id)
        .first()
    )
    if share is None or not may_manage_shares(request.user, share.person, Permission.REVOKE_SHARES):
        refuse(
            request,
            person_id=share.person_id if share is not None else None,
            reason=f"share {share_id} not manageable",
        )
    return share


@staff_view(Permission.REVOKE_SHARES)
def revoke_share_page(request: HttpRequest, share_id: int) -> HttpResponse:
    share = _share_for_manager(request, share_id)
    form = RevokeShareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            revoke_share(
                share=share, reason=form.cleaned_data["reason"], by=request.user, request=request
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, f"Share with {share.to_agency} revoked")
            return redirect("people:person", person_id=share.person_id)
    audit.record(
        action=AuditAction.VIEW, request=request, obj=share.person, fields=SHOWN_ON_SHARE_PAGES
    )
    context = {"share": share, "person": share.person, "form": form, "active": share.is_active()}
    return render(request, "access/share_revoke.html", context)
