"""Managing schemes and units: pages for the staff of the agency that runs them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from onestory import audit
from onestory.accommodation import actions
from onestory.accommodation.access import (
    get_scheme_to_manage,
    get_unit_to_manage,
    managed_schemes,
    may_see_location,
)
from onestory.accommodation.forms import OutOfUseForm, SchemeForm, UnitForm
from onestory.accommodation.models import LOCATION_FIELDS, Scheme, Stay, Unit
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.forms import add_refusal, posted

manage_view = staff_view(Permission.WORK_CASES)


# The accommodation pages show an action's refusal as every other form does.
show_errors = add_refusal


@manage_view
@require_GET
def scheme_list(request: HttpRequest) -> HttpResponse:
    schemes = managed_schemes(request.user).prefetch_related("units")
    return render(request, "accommodation/schemes.html", {"schemes": schemes})


@manage_view
@require_http_methods(["GET", "POST"])
def new_scheme(request: HttpRequest) -> HttpResponse:
    form = SchemeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            scheme = actions.create_scheme(by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{scheme.name} added")
            return redirect("accommodation:scheme", scheme.pk)
    context = {"form": form, "title": "Add a scheme", "submit": "Add the scheme"}
    return render(request, "accommodation/form.html", context)


def _audit_read(request: HttpRequest, scheme: Scheme, location: bool) -> None:
    fields = ["name", "scheme_type", "town", *(LOCATION_FIELDS if location else ())]
    audit.record(action=AuditAction.VIEW, request=request, obj=scheme, fields=fields)


@manage_view
@require_GET
def scheme_detail(request: HttpRequest, scheme_id: int) -> HttpResponse:
    scheme = get_scheme_to_manage(request, scheme_id)
    location = may_see_location(request.user, scheme)
    _audit_read(request, scheme, location)
    units = list(scheme.units.all())
    current = {
        stay.unit_id: stay for stay in Stay.objects.filter(unit__scheme=scheme, departed_on=None)
    }
    for unit in units:
        unit.current_stay = current.get(unit.pk)
    context = {"scheme": scheme, "units": units, "show_location": location}
    return render(request, "accommodation/scheme.html", context)


@manage_view
@require_http_methods(["GET", "POST"])
def edit_scheme(request: HttpRequest, scheme_id: int) -> HttpResponse:
    scheme = get_scheme_to_manage(request, scheme_id)
    location = may_see_location(request.user, scheme)
    form = SchemeForm(
        posted(request), initial={name: getattr(scheme, name) for name in actions.SCHEME_FIELDS}
    )
    if not location:
        # A role that may manage but not see where it is changes everything else.
        for name in LOCATION_FIELDS:
            form.fields.pop(name)
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_scheme(
                scheme=scheme, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Scheme saved")
            return redirect("accommodation:scheme", scheme.pk)
    _audit_read(request, scheme, location)
    context = {
        "form": form,
        "scheme": scheme,
        "title": f"Change {scheme.name}",
        "submit": "Save the scheme",
    }
    return render(request, "accommodation/form.html", context)


def _unit_initial(unit: Unit) -> dict:
    initial = {name: getattr(unit, name) for name in actions.UNIT_FIELDS}
    initial["languages"] = ", ".join(unit.languages or [])
    return initial


@manage_view
@require_http_methods(["GET", "POST"])
def new_unit(request: HttpRequest, scheme_id: int) -> HttpResponse:
    scheme = get_scheme_to_manage(request, scheme_id)
    form = UnitForm(posted(request), initial={"sexes": "women", "max_children": 0})
    if request.method == "POST" and form.is_valid():
        try:
            unit = actions.add_unit(
                scheme=scheme, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{unit.name} added")
            return redirect("accommodation:scheme", scheme.pk)
    context = {
        "form": form,
        "scheme": scheme,
        "title": f"Add a unit to {scheme.name}",
        "submit": "Add the unit",
    }
    return render(request, "accommodation/form.html", context)


@manage_view
@require_http_methods(["GET", "POST"])
def edit_unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_to_manage(request, unit_id)
    form = UnitForm(posted(request), initial=_unit_initial(unit))
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_unit(unit=unit, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{unit.name} saved")
            return redirect("accommodation:scheme", unit.scheme_id)
    context = {
        "form": form,
        "scheme": unit.scheme,
        "title": f"Change {unit.name}",
        "submit": "Save the unit",
    }
    return render(request, "accommodation/form.html", context)


@manage_view
@require_http_methods(["GET", "POST"])
def out_of_use(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_to_manage(request, unit_id)
    initial = {
        "reason": unit.out_of_use_reason or None,
        "details": unit.out_of_use_details,
        "expected_back_on": unit.expected_back_on,
    }
    form = OutOfUseForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.take_out_of_use(
                unit=unit, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{unit.name} is out of use")
            return redirect("accommodation:scheme", unit.scheme_id)
    context = {
        "form": form,
        "scheme": unit.scheme,
        "title": f"Take {unit.name} out of use",
        "submit": "Save",
    }
    return render(request, "accommodation/form.html", context)


@manage_view
@require_http_methods(["GET", "POST"])
def back_in_use(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_unit_to_manage(request, unit_id)
    if request.method != "POST":
        # The button on the scheme's page posts here; a plain visit goes back to it.
        return redirect("accommodation:scheme", unit.scheme_id)
    try:
        actions.bring_back_into_use(unit=unit, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"{unit.name} is back in use")
    return redirect("accommodation:scheme", unit.scheme_id)


@manage_view
@require_http_methods(["GET", "POST"])
def confirm_vacancies(request: HttpRequest, scheme_id: int) -> HttpResponse:
    scheme = get_scheme_to_manage(request, scheme_id)
    if request.method == "POST":
        actions.confirm_vacancies(scheme=scheme, by=request.user, request=request)
        messages.success(request, "The free places are confirmed")
    return redirect("accommodation:scheme", scheme.pk)
