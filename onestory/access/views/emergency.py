"""Emergency ("break the glass") access, and its review by the agency that holds the record."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from onestory.access.actions import EmergencyResult, open_emergency_access, review_emergency_access
from onestory.access.forms import EmergencyAccessForm, EmergencyReviewForm
from onestory.access.models import EmergencyAccess
from onestory.access.policy import refuse
from onestory.accounts.decorators import StaffRequest, staff_view
from onestory.accounts.roles import Permission
from onestory.core.forms import add_refusal

PAGE_SIZE = 50
NOT_FOUND = "No record found with that reference"


@staff_view(Permission.EMERGENCY_ACCESS)
def emergency_access(request: HttpRequest) -> HttpResponse:
    form = EmergencyAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = open_emergency_access(
                reference=form.cleaned_data["reference"],
                reason=form.cleaned_data["reason"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            if outcome.result == EmergencyResult.NOT_FOUND:
                form.add_error("reference", NOT_FOUND)
            else:
                return redirect("people:person", person_id=outcome.person_id)
    current = (
        EmergencyAccess.objects.active()
        .filter(user=request.user)
        .only("person_id", "expires_at")
        .order_by("expires_at")
    )
    context = {
        "form": form,
        "current": list(current),
        "minutes": settings.EMERGENCY_ACCESS_MINUTES,
    }
    return render(request, "access/emergency_access.html", context)


@staff_view(Permission.REVIEW_EMERGENCY_ACCESS)
def emergency_reviews(request: StaffRequest) -> HttpResponse:
    accesses = (
        EmergencyAccess.objects.filter(owning_agency_id=request.user.agency_id)
        .select_related("user", "user__agency", "reviewed_by")
        .order_by(F("reviewed_at").asc(nulls_first=True), "-granted_at", "-id")
    )
    page = Paginator(accesses, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "now": timezone.now(),
        "unreviewed": _unreviewed_count(request),
        "previous_url": f"?page={page.previous_page_number()}" if page.has_previous() else None,
        "next_url": f"?page={page.next_page_number()}" if page.has_next() else None,
    }
    return render(request, "access/emergency_reviews.html", context)


def _unreviewed_count(request: StaffRequest) -> int:
    return EmergencyAccess.objects.filter(
        owning_agency_id=request.user.agency_id, reviewed_at__isnull=True
    ).count()


def _access_for_reviewer(request: StaffRequest, emergency_id: int) -> EmergencyAccess:
    """An emergency access to a record the reviewer's agency holds, or 404 (audited)."""
    access = (
        EmergencyAccess.objects.select_related("user", "user__agency", "reviewed_by")
        .filter(pk=emergency_id)
        .first()
    )
    if access is None or access.owning_agency_id != request.user.agency_id:
        refuse(
            request,
            person_id=access.person_id if access is not None else None,
            reason=f"emergency access {emergency_id} not reviewable",
        )
    return access


@staff_view(Permission.REVIEW_EMERGENCY_ACCESS)
def emergency_review(request: StaffRequest, emergency_id: int) -> HttpResponse:
    access = _access_for_reviewer(request, emergency_id)
    form = EmergencyReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review_emergency_access(
                access=access, note=form.cleaned_data["note"], by=request.user, request=request
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, f"Emergency access to person {access.person_id} reviewed")
            return redirect("access:emergency-reviews")
    context = {
        "access": access,
        "form": form,
        "may_see_audit": request.user.has_permission(Permission.VIEW_AUDIT),
    }
    return render(request, "access/emergency_review.html", context)
