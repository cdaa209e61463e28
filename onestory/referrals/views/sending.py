"""Sending an onward referral: the worker says why, the needs and the lawful basis.

The page shows, before anything is sent, whether the service takes the person, whether
consent to share with this kind of service is on file, and what will travel with the
referral to the agency that runs the service.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from onestory import audit
from onestory.access.policy import get_person_for_user, refuse
from onestory.accounts.decorators import staff_view
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.forms import add_refusal
from onestory.directory.eligibility import checks
from onestory.directory.models import Service
from onestory.intake.access import visible_referrals
from onestory.intake.choices import Status as TriageStatus
from onestory.intake.models import Referral
from onestory.referrals import actions, circumstances, rules
from onestory.referrals.choices import Basis
from onestory.referrals.forms import SendForm

SHOWN = ["given_name", "family_name", "risk_assessments"]


def _front_door_referral(request: HttpRequest, person) -> Referral | None:
    """The front-door referral named in the address, if it is this user's agency's and about
    this person; otherwise none (the referral goes without a front-door story)."""
    raw = request.POST.get("referral") or request.GET.get("referral") or ""
    if not raw.isdigit() or len(raw) > 18:
        return None
    return visible_referrals(request.user).filter(pk=int(raw), person=person).first()


@staff_view(Permission.SHARE_RECORDS)
def send(request: HttpRequest, person_id: int, service_id: int) -> HttpResponse:
    person, _ = get_person_for_user(request, person_id)
    if not actions.may_send(request.user, person):
        refuse(request, person_id=person.pk, reason="only the holding agency refers on")
    service = (
        Service.objects.select_related("organisation", "agency")
        .prefetch_related("areas")
        .filter(pk=service_id)
        .first()
    )
    if service is None:
        raise Http404("No service found")
    referral = _front_door_referral(request, person)
    on_file = actions.consent_on_file(referral, service.kind)
    may_close = (
        referral is not None
        and referral.status != TriageStatus.CLOSED
        and request.user.has_permission(Permission.TRIAGE)
    )
    initial = {"needs": request.GET.getlist("needs"), "basis": Basis.CONSENT if on_file else None}
    form = SendForm(
        request.POST or None, may_close=may_close, consent_on_file=on_file, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sent = actions.send_onward_referral(
                person=person,
                service=service,
                reason=data["reason"],
                needs=data["needs"],
                work_done=data["work_done"],
                basis=data["basis"],
                basis_reason=data["basis_reason"],
                **form.consent_answers(),
                from_referral=referral,
                close_front_door_referral=data.get("close_front_door_referral", False),
                submission_token=_token(request, data["submission_token"]),
                keep_location_secret=data.get("keep_location_secret", False),
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, f"Referral sent to {service.name}")
            return redirect("referrals:detail", onward_referral_id=sent.pk)
    facts = circumstances.for_person(person, referral=referral)
    travels = service.agency is not None and rules.location_travels(
        service_kind=service.kind, agency_kind=service.agency.kind
    )
    audit.record(action=AuditAction.VIEW, request=request, obj=person, fields=SHOWN)
    context = {
        "person": person,
        "service": service,
        "form": form,
        "referral": referral,
        "checks": checks(facts, circumstances.eligibility_of(service)),
        "consent_on_file": on_file,
        "consent_kind": rules.CONSENT_FOR_KIND.get(service.kind),
        "location_travels": travels,
        "perpetrator_service": service.agency is not None
        and service.agency.kind == AgencyKind.PERPETRATOR_SERVICE,
    }
    return render(request, "referrals/send.html", context)


def _token(request: HttpRequest, token: str) -> str | None:
    # Each user's tokens are kept apart, so no one can reach another's referral by guessing.
    token = token.strip()
    if not token or len(token) > 60:
        return None
    return f"page:{request.user.pk}:{token}"
