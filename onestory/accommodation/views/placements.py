"""Placement requests: asking schemes for a place, their answers, and the survivor's."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from onestory import audit
from onestory.access.policy import get_person_for_user
from onestory.accommodation.access import (
    get_ask_for_user,
    get_placement_for_user,
    placements_for,
)
from onestory.accommodation.actions import placements
from onestory.accommodation.choices import AskStatus
from onestory.accommodation.forms import (
    PlacementForm,
    SchemeAnswerForm,
    SurvivorAnswerForm,
    children_text,
)
from onestory.accommodation.queries import household_from_record, waiting_on
from onestory.accommodation.views.manage import posted, show_errors
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction

HOUSEHOLD_SHOWN = [
    "adult_sex",
    "adults",
    "children",
    "pets",
    "wheelchair",
    "access_needs",
    "languages",
    "nrpf",
    "risk_to_others",
    "unsafe_areas",
    "from_area",
]


@staff_view(Permission.VIEW_PERSON)
@require_GET
def placement_list(request: HttpRequest) -> HttpResponse:
    found = (
        placements_for(request.user)
        .select_related("agency")
        .prefetch_related("asks__scheme", "asks__stay")
    )
    rows = list(found[:200])
    for placement in rows:
        placement.waiting_on = waiting_on(placement, request.user.agency_id)
    audit.record(
        action=AuditAction.VIEW, request=request, reason=f"placement requests: {len(rows)}"
    )
    return render(request, "accommodation/placements.html", {"placements": rows})


@staff_view(Permission.TAKE_REFERRAL)
@require_http_methods(["GET", "POST"])
def new_placement(request: HttpRequest, person_id: int) -> HttpResponse:
    person, _grant = get_person_for_user(request, person_id)
    known = household_from_record(person, timezone.localdate())
    initial = known | {
        "children": children_text(known["children"]),
        "languages": ", ".join(known["languages"]),
    }
    form = PlacementForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            placement = placements.request_placement(
                person=person,
                schemes=data.pop("schemes"),
                by=request.user,
                request=request,
                **data,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Places asked for")
            return redirect("accommodation:placement", placement.pk)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=person,
        fields=["sex", "first_language", "no_recourse_to_public_funds", "relationships"],
        reason="starting a placement request",
    )
    context = {"form": form, "person": person}
    return render(request, "accommodation/new_placement.html", context)


@staff_view(Permission.VIEW_PERSON)
@require_GET
def placement_detail(request: HttpRequest, placement_request_id: int) -> HttpResponse:
    placement, sides = get_placement_for_user(request, placement_request_id)
    asks = [ask for ask in placement.asks.select_related("scheme", "unit") if sides.sees_ask(ask)]
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=placement,
        fields=HOUSEHOLD_SHOWN,
        reason="" if sides.requester else "asked for a place at our scheme",
    )
    context = {"placement": placement, "sides": sides, "asks": asks}
    return render(request, "accommodation/placement.html", context)


@staff_view(Permission.WORK_CASES)
@require_http_methods(["GET", "POST"])
def answer_ask(request: HttpRequest, placement_ask_id: int) -> HttpResponse:
    ask, sides = get_ask_for_user(request, placement_ask_id)
    if ask.scheme_id not in sides.responding_scheme_ids or ask.status not in (
        AskStatus.ASKED,
        AskStatus.ACCEPTED,
    ):
        if ask.scheme_id in sides.responding_scheme_ids:
            messages.info(request, "This request has already been answered.")
        return redirect("accommodation:placement", ask.request_id)
    form = SchemeAnswerForm(posted(request), scheme=ask.scheme)
    if request.method == "POST" and form.is_valid():
        try:
            placements.answer_ask(ask=ask, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Answer recorded")
            return redirect("accommodation:placement", ask.request_id)
    context = {"form": form, "ask": ask, "placement": ask.request}
    return render(request, "accommodation/answer.html", context)


@staff_view(Permission.TAKE_REFERRAL)
@require_http_methods(["GET", "POST"])
def answer_offer(request: HttpRequest, placement_ask_id: int) -> HttpResponse:
    ask, sides = get_ask_for_user(request, placement_ask_id)
    if not sides.may_decide or ask.status != AskStatus.OFFERED:
        if sides.may_decide:
            messages.info(request, "Only an offered place can be accepted or declined.")
        return redirect("accommodation:placement", ask.request_id)
    sharing = placements.share_choice(ask=ask, by=request.user)
    form = SurvivorAnswerForm(
        posted(request), agency_name=ask.scheme.agency.name, ask_to_share=sharing == "ask"
    )
    if request.method == "POST" and form.is_valid():
        try:
            placements.answer_offer(ask=ask, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Their answer is recorded")
            return redirect("accommodation:placement", ask.request_id)
    context = {"form": form, "ask": ask, "placement": ask.request, "sharing": sharing}
    return render(request, "accommodation/offer.html", context)
