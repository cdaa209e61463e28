"""Routing pages: the services that fit a person, and why, from their record or a referral.

The worker chooses: a service whose referrals go through OneStory can be referred to from
here; any other is signposted to.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from onestory import audit
from onestory.access import policy as person_policy
from onestory.accounts.decorators import staff_view
from onestory.accounts.models import Area
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.registry import FieldClass
from onestory.directory.choices import RiskBand, ServedSide
from onestory.directory.eligibility import Circumstances
from onestory.directory.models import Service
from onestory.intake.access import get_referral_for_user
from onestory.intake.choices import Status as TriageStatus
from onestory.referrals import circumstances
from onestory.referrals.actions import may_send
from onestory.referrals.forms import RoutingForm
from onestory.referrals.routing import suggest

NOT_KNOWN = "Not known"
SHOWN = ["date_of_birth", "sex", "gender_identity", "involvement", "risk_assessments", "area"]


def _routing_form(request: HttpRequest, record_area: Area | None):
    """The worker's choice of area and needs; the area starts as the record's.

    Returns the form, the needs chosen, and the area to match on (None: not known).
    """
    data = request.GET.copy()
    if request.GET and "area" not in data and record_area is not None:
        data["area"] = str(record_area.pk)
    initial = {"area": record_area.pk if record_area is not None else None}
    form = RoutingForm(data or None, initial=initial)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["needs"], form.cleaned_data["area"]
    return form, [], record_area


def _without_area(facts: Circumstances, area: Area | None) -> Circumstances:
    return facts if area is not None else replace(facts, area_codes=(), area_name="")


def matched_on(facts: Circumstances) -> list[tuple[str, str]]:
    side = {
        ServedSide.VICTIMS: "Victim or survivor",
        ServedSide.PEOPLE_USING_HARM: "Person using harm",
    }.get(facts.side, NOT_KNOWN)
    level = RiskBand(facts.risk_level).label if facts.risk_level else "No assessment yet"
    return [
        ("Where they live", facts.area_name or NOT_KNOWN),
        ("Age", str(facts.age) if facts.age is not None else NOT_KNOWN),
        ("Gender", (facts.gender or NOT_KNOWN).replace("_", "-").capitalize()),
        ("Latest risk level", level),
        ("How they are involved", side),
    ]


def routed_services():
    return (
        Service.objects.active()
        .select_related("organisation", "agency")
        .prefetch_related("areas")
        .order_by("name", "id")
    )


def _marac_url(person) -> str:
    """Where to refer the person to MARAC, once MARAC is part of OneStory."""
    if person is None:
        return ""
    try:
        return reverse("marac:refer", args=[person.pk])
    except NoReverseMatch:
        return ""


def _page(request, *, facts, form, person, referral, may_refer, title_name) -> HttpResponse:
    routing = suggest(facts, circumstances.options(routed_services()))
    query = {"needs": sorted(facts.needs)}
    if referral is not None:
        query["referral"] = referral.pk
    context = {
        "refer_query": urlencode(query, doseq=True),
        "form": form,
        "routing": routing,
        "matched_on": matched_on(facts),
        "person": person,
        "referral": referral,
        "may_refer": may_refer,
        "title_name": title_name,
        "marac_url": _marac_url(person) if routing.marac else "",
        "referral_open": referral is not None and referral.status != TriageStatus.CLOSED,
    }
    return render(request, "referrals/suggestions.html", context)


@staff_view(Permission.VIEW_PERSON)
@require_GET
def for_person(request: HttpRequest, person_id: int) -> HttpResponse:
    person, grant = person_policy.get_person_for_user(request, person_id)
    form, needs, area = _routing_form(request, circumstances.latest_area(person))
    facts = _without_area(circumstances.for_person(person, needs=needs, area=area), area)
    if not grant.may_see(FieldClass.SPECIAL_CATEGORY):
        # A summary share does not reach how they are involved.
        facts = replace(facts, side=None)
    audit.record(
        action=AuditAction.VIEW, request=request, obj=person, fields=SHOWN, reason="routing"
    )
    return _page(
        request,
        facts=facts,
        form=form,
        person=person,
        referral=None,
        may_refer=may_send(request.user, person),
        title_name=person.display_name,
    )


@staff_view(Permission.TRIAGE)
@require_GET
def for_referral(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral, _ = get_referral_for_user(request, referral_id)
    person = referral.person
    if person is not None and person_policy.grant_for(request.user, person) is None:
        person = None
    form, needs, area = _routing_form(request, referral.area)
    area = circumstances.area_with_parents(area.pk) if area is not None else None
    if person is not None:
        facts = circumstances.for_person(person, referral=referral, needs=needs, area=area)
    else:
        facts = circumstances.for_referral(referral, needs=needs, area=area)
    facts = _without_area(facts, area)
    audit.record(
        action=AuditAction.VIEW, request=request, obj=referral, fields=SHOWN, reason="routing"
    )
    return _page(
        request,
        facts=facts,
        form=form,
        person=person,
        referral=referral,
        may_refer=person is not None and may_send(request.user, person),
        title_name=referral.display_name,
    )
