"""Sanctuary installs: the survey, the measures fitted, the landlord's permission and the
review. Pages for the staff of the agency running the sanctuary scheme."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from onestory import audit
from onestory.access.policy import get_person_for_user
from onestory.accommodation.access import get_install_to_manage, managed_schemes, may_see_location
from onestory.accommodation.actions import sanctuary
from onestory.accommodation.choices import SchemeType
from onestory.accommodation.forms import InstallForm, MeasureForm, PermissionForm, ReviewForm
from onestory.accommodation.views.manage import posted, show_errors
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction

sanctuary_view = staff_view(Permission.WORK_CASES)


@sanctuary_view
@require_http_methods(["GET", "POST"])
def new_install(request: HttpRequest, person_id: int) -> HttpResponse:
    person, _grant = get_person_for_user(request, person_id)
    schemes = managed_schemes(request.user).filter(scheme_type=SchemeType.SANCTUARY, is_active=True)
    form = InstallForm(
        posted(request), schemes=schemes, initial={"surveyed_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            install = sanctuary.start_install(
                person=person, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Survey recorded")
            return redirect("accommodation:install", install.pk)
    context = {"form": form, "person": person, "has_schemes": schemes.exists()}
    return render(request, "accommodation/new_install.html", context)


@sanctuary_view
@require_http_methods(["GET", "POST"])
def install_detail(request: HttpRequest, sanctuary_install_id: int) -> HttpResponse:
    install = get_install_to_manage(request, sanctuary_install_id)
    form = MeasureForm(posted(request), initial={"fitted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            sanctuary.record_measure(
                install=install, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Measure recorded")
            return redirect("accommodation:install", install.pk)
    location = may_see_location(request.user, install.scheme)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=install,
        fields=["surveyed_on", "landlord_permission", "measures", "reviewed_on"]
        + (["survey_findings"] if location else []),
    )
    measures = list(install.measures.all())
    context = {
        "install": install,
        "measures": measures,
        "total": install.measures.aggregate(total=Sum("cost"))["total"] or 0,
        "form": form,
        "show_location": location,
    }
    return render(request, "accommodation/install.html", context)


@sanctuary_view
@require_http_methods(["GET", "POST"])
def install_permission(request: HttpRequest, sanctuary_install_id: int) -> HttpResponse:
    install = get_install_to_manage(request, sanctuary_install_id)
    form = PermissionForm(
        posted(request), initial={"landlord_permission": install.landlord_permission}
    )
    if request.method == "POST" and form.is_valid():
        sanctuary.change_permission(
            install=install, by=request.user, request=request, **form.cleaned_data
        )
        messages.success(request, "Landlord's permission saved")
        return redirect("accommodation:install", install.pk)
    context = {
        "form": form,
        "title": "The landlord's permission",
        "submit": "Save",
        "back_install": install,
    }
    return render(request, "accommodation/install_form.html", context)


@sanctuary_view
@require_http_methods(["GET", "POST"])
def install_review(request: HttpRequest, sanctuary_install_id: int) -> HttpResponse:
    install = get_install_to_manage(request, sanctuary_install_id)
    form = ReviewForm(
        posted(request),
        initial={
            "reviewed_on": install.reviewed_on or timezone.localdate(),
            "review_notes": install.review_notes,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            sanctuary.record_review(
                install=install, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Review recorded")
            return redirect("accommodation:install", install.pk)
    context = {
        "form": form,
        "title": "Record the review",
        "submit": "Record the review",
        "back_install": install,
    }
    return render(request, "accommodation/install_form.html", context)
