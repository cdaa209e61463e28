"""Stays: arrival, key worker and support, departure and move-on. Pages for the staff of
the agency that runs the scheme."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from onestory import audit
from onestory.access.policy import grant_for
from onestory.accommodation.access import get_ask_for_user, get_stay_to_manage
from onestory.accommodation.actions import stays
from onestory.accommodation.choices import AskStatus
from onestory.accommodation.forms import ArrivalForm, DepartureForm, SupportForm, children_text
from onestory.accommodation.models import Stay
from onestory.accommodation.views.manage import posted, show_errors
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction

stay_view = staff_view(Permission.WORK_CASES)


@stay_view
@require_http_methods(["GET", "POST"])
def arrive(request: HttpRequest, placement_ask_id: int) -> HttpResponse:
    ask, sides = get_ask_for_user(request, placement_ask_id)
    if (
        ask.scheme_id not in sides.responding_scheme_ids
        or ask.status != AskStatus.TAKEN
        or Stay.objects.filter(ask=ask).exists()
    ):
        if ask.scheme_id in sides.responding_scheme_ids:
            messages.info(request, "An arrival is recorded only once, at a place they accepted.")
        return redirect("accommodation:placement", ask.request_id)
    placement = ask.request
    form = ArrivalForm(
        posted(request),
        agency_id=request.user.agency_id,
        initial={
            "arrived_on": timezone.localdate(),
            "adults": placement.adults,
            "children": children_text(placement.children),
            "key_worker": request.user.pk,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            stay = stays.record_arrival(
                ask=ask, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Arrival recorded")
            return redirect("accommodation:stay", stay.pk)
    context = {"form": form, "ask": ask, "placement": placement}
    return render(request, "accommodation/arrive.html", context)


# What the request said of the household, shown with the stay so that no one asks again.
STAY_SHOWS_OF_REQUEST = (
    "adult_sex",
    "pets",
    "wheelchair",
    "access_needs",
    "languages",
    "nrpf",
    "risk_to_others",
    "unsafe_areas",
    "from_area",
)


@stay_view
@require_http_methods(["GET", "POST"])
def stay_detail(request: HttpRequest, stay_id: int) -> HttpResponse:
    stay = get_stay_to_manage(request, stay_id)
    form = SupportForm(
        posted(request),
        agency_id=stay.unit.scheme.agency_id,
        initial={"key_worker": stay.key_worker_id, "support_given": stay.support_given},
    )
    if request.method == "POST" and form.is_valid():
        try:
            stays.change_support(stay=stay, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Support saved")
            return redirect("accommodation:stay", stay.pk)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=stay,
        fields=[
            "adults",
            "children",
            "arrived_on",
            "departed_on",
            "support_given",
            "move_on",
            *(f"request.{name}" for name in STAY_SHOWS_OF_REQUEST),
        ],
    )
    context = {
        "stay": stay,
        "form": form,
        "length": stay.length_in_days(timezone.localdate()),
        # The resident's name only to staff who may see their record.
        "person_visible": grant_for(request.user, stay.person) is not None,
    }
    return render(request, "accommodation/stay.html", context)


@stay_view
@require_http_methods(["GET", "POST"])
def depart(request: HttpRequest, stay_id: int) -> HttpResponse:
    stay = get_stay_to_manage(request, stay_id)
    if stay.departed_on is not None:
        messages.info(request, "Their departure is already recorded.")
        return redirect("accommodation:stay", stay.pk)
    form = DepartureForm(posted(request), initial={"departed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            stays.record_departure(stay=stay, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Departure recorded")
            return redirect("accommodation:stay", stay.pk)
    context = {"form": form, "stay": stay}
    return render(request, "accommodation/depart.html", context)
