"""Onward referrals sent and received, one referral's page, and the changes to its status.

The page of a referral shows the handover summary: what the receiving agency sees, built
afresh on every request from what it may see now. Each change has its own address and
answers a GET by going back to the referral's page, so only a POST changes anything.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from onestory import audit
from onestory.access.actions import may_manage_shares
from onestory.access.models import Share, ShareScope
from onestory.access.policy import Grant, Route, carried_by, visible_persons
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.cases.models import Case
from onestory.core.forms import add_refusal
from onestory.referrals import handover, transitions
from onestory.referrals.access import get_onward_referral_for_user, visible_onward_referrals
from onestory.referrals.choices import OPEN_STATUSES
from onestory.referrals.forms import (
    AcceptForm,
    CompleteForm,
    DeclineForm,
    WithdrawForm,
)
from onestory.referrals.rules import Side

PAGE_SIZE = 50
SHOWS = [("received", "Received"), ("sent", "Sent")]
STATES = [("open", "Open"), ("closed", "Closed"), ("all", "All")]


@staff_view(Permission.VIEW_PERSON)
@require_GET
def onward_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    show = request.GET.get("show") if request.GET.get("show") in dict(SHOWS) else "received"
    state = request.GET.get("state") if request.GET.get("state") in dict(STATES) else "open"
    referrals = visible_onward_referrals(user)
    if show == "received":
        referrals = referrals.filter(to_agency_id=user.agency_id)
    else:
        referrals = referrals.filter(from_agency_id=user.agency_id)
    if state == "open":
        referrals = referrals.filter(status__in=OPEN_STATUSES)
    elif state == "closed":
        referrals = referrals.exclude(status__in=OPEN_STATUSES)
    referrals = referrals.select_related("person", "service", "from_agency", "to_agency").order_by(
        "-sent_at", "-id"
    )
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page)
    visible = set(
        visible_persons(user)
        .filter(pk__in={row.person_id for row in rows})
        .values_list("pk", flat=True)
    )
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        fields=["given_name", "family_name", "status"],
        reason=f"onward referrals ({show}, {state}): {len(rows)} shown",
    )
    context = {
        "rows": [{"referral": row, "visible": row.person_id in visible} for row in rows],
        "page": page,
        "show": show,
        "state": state,
        "shows": SHOWS,
        "states": STATES,
    }
    return render(request, "referrals/list.html", context)


def _what_travels(referral) -> Grant:
    """What the receiving agency's widest active share carries now; with none active, the
    whole story the referral sent, without location (nothing of it reaches them now)."""
    share = (
        Share.objects.active()
        .filter(person_id=referral.person_id, to_agency_id=referral.to_agency_id)
        .order_by("scope")  # "full" sorts before "summary"
        .first()
    )
    if share is None:
        return Grant(Route.SHARE, ShareScope.FULL, location=False)
    return carried_by(share)


def _forms(referral, failed=None) -> dict:
    forms = {
        "accept_form": AcceptForm(prefix="accept", agency_id=referral.to_agency_id),
        "decline_form": DeclineForm(prefix="decline"),
        "withdraw_form": WithdrawForm(prefix="withdraw"),
        "complete_form": CompleteForm(prefix="complete"),
    }
    if failed is not None:
        forms[failed[0]] = failed[1]
    return forms


def _page(request, referral, sides, grant, *, failed=None, status: int = 200) -> HttpResponse:
    user = request.user
    # The receiver reads under its own grant; the sender sees what its share carries.
    view = grant if Side.RECEIVER in sides and Side.SENDER not in sides else _what_travels(referral)
    summary = handover.build(referral, view=view)
    through = f" through share {grant.share.pk}" if grant.route == Route.SHARE else ""
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=referral.person,
        fields=summary.shown,
        reason=f"handover of onward referral {referral.pk}{through}",
        flagged=grant.route == Route.EMERGENCY,
    )
    share = referral.share if referral.share_id and referral.share.is_active() else None
    context = {
        "case_opened": _case_opened(referral, user),
        "referral": referral,
        "person": referral.person,
        "handover": summary,
        "events": list(referral.events.select_related("by", "by_agency")),
        "is_sender": Side.SENDER in sides,
        "is_receiver": Side.RECEIVER in sides,
        "may": {
            event.value: transitions.may(user, referral, event)
            for event in transitions.PERMISSION_FOR
        },
        "share": share,
        # Free text kept location-secret reaches only staff who may know where the person is.
        "text_withheld": referral.location_secret and not grant.location,
        "may_revoke": share is not None
        and may_manage_shares(user, referral.person, Permission.REVOKE_SHARES),
        "failed_form": failed[1] if failed is not None else None,
        **_forms(referral, failed),
    }
    return render(request, "referrals/detail.html", context, status=status)


def _case_opened(referral, user):
    """The case the receiving agency opened from this referral, for that agency's staff."""
    if referral.to_agency_id != user.agency_id or referral.accepted_at is None:
        return None
    return Case.objects.filter(onward_referral=referral, agency_id=user.agency_id).first()


@staff_view(Permission.VIEW_PERSON)
@require_GET
def detail(request: HttpRequest, onward_referral_id: int) -> HttpResponse:
    referral, sides, grant = get_onward_referral_for_user(request, onward_referral_id)
    return _page(request, referral, sides, grant)


def _change(request, onward_referral_id: int, *, name: str, form_class, apply, done: str, **extra):
    referral, sides, grant = get_onward_referral_for_user(request, onward_referral_id)
    if request.method != "POST":
        return redirect("referrals:detail", onward_referral_id=referral.pk)
    form = form_class(request.POST, prefix=name.removesuffix("_form"), **extra)
    if form.is_valid():
        try:
            apply(referral, form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        except PermissionDenied:
            audit.record(
                action=AuditAction.REFUSED,
                request=request,
                obj=referral,
                reason=f"{name.removesuffix('_form')} refused on onward referral {referral.pk}",
            )
            raise
        else:
            messages.success(request, done)
            return redirect("referrals:detail", onward_referral_id=referral.pk)
    return _page(request, referral, sides, grant, failed=(name, form))


@staff_view(Permission.TAKE_REFERRAL)
def accept(request: HttpRequest, onward_referral_id: int) -> HttpResponse:
    def apply(referral, data):
        transitions.accept_onward_referral(
            onward_referral=referral,
            lead_worker=data["lead_worker"],
            note=data["note"],
            by=request.user,
            request=request,
        )

    return _change(
        request,
        onward_referral_id,
        name="accept_form",
        form_class=AcceptForm,
        apply=apply,
        done="Referral accepted: case opened",
        agency_id=request.user.agency_id,
    )


@staff_view(Permission.TAKE_REFERRAL)
def decline(request: HttpRequest, onward_referral_id: int) -> HttpResponse:
    def apply(referral, data):
        transitions.decline_onward_referral(
            onward_referral=referral,
            reason=data["reason"],
            note=data["note"],
            by=request.user,
            request=request,
        )

    return _change(
        request,
        onward_referral_id,
        name="decline_form",
        form_class=DeclineForm,
        apply=apply,
        done="Referral declined. Your agency can no longer see their record through it.",
    )


@staff_view(Permission.SHARE_RECORDS)
def withdraw(request: HttpRequest, onward_referral_id: int) -> HttpResponse:
    def apply(referral, data):
        transitions.withdraw_onward_referral(
            onward_referral=referral, note=data["note"], by=request.user, request=request
        )

    return _change(
        request,
        onward_referral_id,
        name="withdraw_form",
        form_class=WithdrawForm,
        apply=apply,
        done="Referral withdrawn, and its share ended",
    )


@staff_view(Permission.TAKE_REFERRAL)
def complete(request: HttpRequest, onward_referral_id: int) -> HttpResponse:
    def apply(referral, data):
        transitions.complete_onward_referral(
            onward_referral=referral, note=data["note"], by=request.user, request=request
        )

    return _change(
        request,
        onward_referral_id,
        name="complete_form",
        form_class=CompleteForm,
        apply=apply,
        done="Referral completed",
    )
