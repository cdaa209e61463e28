"""Triage: the front-door queue, a referral's page, and the changes a worker makes to it.

Each change has its own address and answers a GET by going back to the referral's page, so
only a POST changes anything; the referral is fetched through ``intake.access`` first, so
another agency's worker always gets 404.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from onestory import audit
from onestory.access import policy as person_policy
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.intake import actions, rules, summary
from onestory.intake.access import get_referral_for_user, visible_referrals
from onestory.intake.choices import Outcome, Status
from onestory.intake.forms.triage import (
    AssignForm,
    FirstContactForm,
    OutcomeForm,
    QueueFilterForm,
    UrgencyForm,
)
from onestory.intake.models import Referral
from onestory.intake.queries import queue as queue_query
from onestory.intake.queries import repeat_count

QUEUE_PAGE_SIZE = 50
QUEUE_FIELDS = ["reference", "received_at", "source", "channel", "urgency", "status", "given_name"]


def clock_for(referral: Referral, now) -> rules.Clock:
    return rules.first_contact_clock(
        received_at=referral.received_at,
        urgency=referral.urgency,
        first_contact_at=referral.first_contact_at,
        now=now,
        targets=settings.FIRST_CONTACT_TARGETS,
    )


@staff_view(Permission.TRIAGE)
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    filters = QueueFilterForm(request.GET)
    show = filters.choice()
    referrals = queue_query(visible_referrals(request.user), show=show, user=request.user, now=now)
    page = Paginator(referrals, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "referral": referral,
            "clock": clock_for(referral, now),
            "repeat": rules.repeat_tag(referral.repeat_count),
        }
        for referral in page
    ]
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        fields=QUEUE_FIELDS,
        reason=f"front-door queue ({show}): {len(rows)} referrals",
    )
    context = {"rows": rows, "page": page, "show": show, "filters": QueueFilterForm.SHOW}
    return render(request, "intake/staff/queue.html", context)


def _signpost_initial(request: HttpRequest) -> dict:
    """The outcome form filled in for a service chosen from the directory ("?signpost=ID")."""
    chosen = request.GET.get("signpost", "")
    if not chosen.isdigit() or len(chosen) > 18:
        return {}
    return {"outcome": Outcome.SIGNPOSTED, "signposted_service": int(chosen)}


def _linked_person(request: HttpRequest, referral: Referral):
    if referral.person is None:
        return None, False
    return referral.person, person_policy.grant_for(request.user, referral.person) is not None


def _referral_page(
    request: HttpRequest, referral: Referral, grant, *, failed=None, status: int = 200
) -> HttpResponse:
    """The referral's page; ``failed`` is a form that came back with errors, shown in place."""
    now = timezone.now()
    forms = {
        "assign_form": AssignForm(referral=referral),
        "first_contact_form": FirstContactForm(referral=referral),
        "outcome_form": OutcomeForm(referral=referral, initial=_signpost_initial(request)),
        "urgency_form": UrgencyForm(referral=referral, initial={"urgency": referral.urgency}),
    }
    if failed is not None:
        forms[failed[0]] = failed[1]
    person, person_visible = _linked_person(request, referral)
    repeats = repeat_count(referral, now=now)
    shown = grant.visible_fields()
    audit.record(action=AuditAction.VIEW, request=request, obj=referral, fields=shown)
    context = {
        "referral": referral,
        "sections": summary.sections(referral, grant),
        "story_visible": "story" in shown,
        "clock": clock_for(referral, now),
        "repeat_count": repeats,
        "repeat_tag": rules.repeat_tag(repeats),
        "person": person,
        "person_visible": person_visible,
        "can_assess_risk": person_visible and request.user.has_permission(Permission.ASSESS_RISK),
        "is_closed": referral.status == Status.CLOSED,
        "may_assign_others": request.user.has_permission(Permission.ASSIGN_WORK),
        "failed_form": failed[1] if failed is not None else None,
        "onward_referrals": referral.onward_referrals.select_related("service"),
        **forms,
    }
    return render(request, "intake/staff/referral.html", context, status=status)


@staff_view(Permission.TRIAGE)
@require_GET
def referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral, grant = get_referral_for_user(request, referral_id)
    return _referral_page(request, referral, grant)


def _change(
    request: HttpRequest, referral_id: int, *, form_name: str, form_class, apply, done: str
):
    """Fetch, check the form, apply the action, and go back to the referral's page."""
    referral, grant = get_referral_for_user(request, referral_id)
    if request.method != "POST":
        return redirect("intake:referral", referral_id=referral.pk)
    form = form_class(request.POST, referral=referral)
    if form.is_valid():
        try:
            apply(referral, form.cleaned_data)
        except ValidationError as problems:
            for field, found in problems.message_dict.items():
                form.add_error(field if field in form.fields else None, found)
        else:
            messages.success(request, done)
            return redirect("intake:referral", referral_id=referral.pk)
    return _referral_page(request, referral, grant, failed=(form_name, form))


@staff_view(Permission.TRIAGE)
def assign(request: HttpRequest, referral_id: int) -> HttpResponse:
    def apply(referral, data):
        actions.assign_referral(
            referral=referral, to=data["assigned_to"], by=request.user, request=request
        )

    return _change(
        request,
        referral_id,
        form_name="assign_form",
        form_class=AssignForm,
        apply=apply,
        done="Referral assigned.",
    )


@staff_view(Permission.TRIAGE)
def first_contact(request: HttpRequest, referral_id: int) -> HttpResponse:
    def apply(referral, data):
        actions.record_first_contact(
            referral=referral,
            method=data["method"],
            at=data.get("when"),
            by=request.user,
            request=request,
        )

    return _change(
        request,
        referral_id,
        form_name="first_contact_form",
        form_class=FirstContactForm,
        apply=apply,
        done="First contact recorded.",
    )


@staff_view(Permission.TRIAGE)
def outcome(request: HttpRequest, referral_id: int) -> HttpResponse:
    next_step = {}

    def apply(referral, data):
        actions.record_outcome(
            referral=referral,
            outcome=data["outcome"],
            reason=data["reason"],
            signposted_to=data.get("signposted_to", ""),
            by=request.user,
            request=request,
        )
        # "Referred on" with no onward referral yet: go on to choose the service.
        next_step["choose_service"] = (
            data["outcome"] == Outcome.REFERRED_ON and not referral.onward_referrals.exists()
        )

    response = _change(
        request,
        referral_id,
        form_name="outcome_form",
        form_class=OutcomeForm,
        apply=apply,
        done="Outcome recorded and referral closed.",
    )
    if next_step.get("choose_service") and response.status_code == 302:
        messages.info(request, "Now choose the service to refer them to.")
        return redirect("referrals:for-referral", referral_id=referral_id)
    return response


@staff_view(Permission.TRIAGE)
def urgency(request: HttpRequest, referral_id: int) -> HttpResponse:
    def apply(referral, data):
        actions.change_urgency(
            referral=referral, urgency=data["urgency"], by=request.user, request=request
        )

    return _change(
        request,
        referral_id,
        form_name="urgency_form",
        form_class=UrgencyForm,
        apply=apply,
        done="Urgency changed.",
    )
