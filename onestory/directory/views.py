"""Finding services in the directory: for everyone whose work is with people.

Directory entries are reference data, not person-level records, so every member of staff
whose role may view persons sees every service. The one exception is where safe
accommodation is: only staff of the agency that runs the service see its locations.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from onestory import audit
from onestory.access.policy import refuse
from onestory.accounts.decorators import staff_view
from onestory.accounts.models import Area
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.directory import actions
from onestory.directory.eligibility import age_range_text
from onestory.directory.forms import LocationForm, SearchForm
from onestory.directory.models import Location, Service

PAGE_SIZE = 25

# Directory entries belong to no agency: anyone whose role may view persons sees them all.
browse_view = staff_view(Permission.VIEW_PERSON)


def covering(services: QuerySet[Service], area: Area) -> QuerySet[Service]:
    """Services open to people living in ``area``: covering it, an area above it, or anywhere."""
    chain = [area.pk]
    parent = area.parent
    while parent is not None and len(chain) < 5:
        chain.append(parent.pk)
        parent = parent.parent
    return services.filter(Q(areas__in=chain) | Q(areas__isnull=True)).distinct()


def search(form: SearchForm) -> QuerySet[Service]:
    services = Service.objects.select_related("organisation", "agency").prefetch_related("areas")
    if not form.is_valid():
        return services.order_by("name", "id")
    data = form.cleaned_data
    if data["q"]:
        words = data["q"]
        services = services.filter(
            Q(name__icontains=words)
            | Q(description__icontains=words)
            | Q(organisation__name__icontains=words)
        )
    if data["kind"]:
        services = services.filter(kind=data["kind"])
    if data["route"]:
        services = services.filter(referral_route=data["route"])
    if data["area"] is not None:
        services = covering(services, data["area"])
    return services.order_by("name", "id")


@browse_view
@require_GET
def services(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    page = Paginator(search(form), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "directory/services.html", context)


def service_rows(service: Service) -> list[tuple[str, str]]:
    areas = ", ".join(sorted(area.name for area in service.areas.all())) or "Anywhere"
    genders = ", ".join(service.genders) if service.genders else "Any"
    # The organisation is named once: not at all when the service bears its name.
    run_by = (
        [("Run by", service.organisation.name)] if service.organisation.name != service.name else []
    )
    return [
        ("Kind of support", service.get_kind_display()),
        *run_by,
        ("Works with", service.get_serves_display()),
        ("Ages", age_range_text(service.minimum_age, service.maximum_age).capitalize()),
        ("Genders", genders.replace("_", "-").capitalize()),
        ("Levels of risk", ", ".join(service.risk_levels).capitalize() or "Any"),
        ("Areas", areas),
        ("Languages", ", ".join(service.languages) or "Not recorded"),
        ("How referrals are made", service.get_referral_route_display()),
    ]


@browse_view
@require_GET
def service_detail(request: HttpRequest, service_id: int) -> HttpResponse:
    service = get_object_or_404(Service.objects.with_details(), pk=service_id)
    locations = service.locations_for(request.user)
    if service.location_secret and locations:
        audit.record(
            action=AuditAction.VIEW,
            request=request,
            obj=service,
            fields=["locations"],
            reason="secret location of a service shown to the agency that runs it",
        )
    context = {
        "service": service,
        "rows": service_rows(service),
        "locations": locations,
        "runs_it": actions.runs_service(request.user, service),
        "may_manage": request.user.has_permission(Permission.MANAGE_REFERENCE_DATA),
    }
    return render(request, "directory/service.html", context)


def locations_page(request: HttpRequest, service: Service, *, back: str) -> HttpResponse:
    """Add or remove where a service is; shared by the running agency's and the managers' page."""
    form = LocationForm(request.POST or None)
    may_change = actions.may_change_locations(request.user, service)
    if request.method == "POST" and may_change:
        remove = request.POST.get("remove")
        if remove:
            location = get_object_or_404(Location, service=service, uid=remove)
            actions.remove_location(location=location, by=request.user, request=request)
            messages.success(request, "Location removed")
            return redirect(request.path)
        if form.is_valid():
            try:
                actions.add_location(
                    service=service, by=request.user, request=request, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Location added")
                return redirect(request.path)
    if may_change and service.location_secret:
        audit.record(action=AuditAction.VIEW, request=request, obj=service, fields=["locations"])
    context = {
        "service": service,
        "form": form,
        "may_change": may_change,
        "locations": list(service.locations.all()) if may_change else [],
        "back": back,
    }
    return render(request, "directory/locations.html", context)


@staff_view(Permission.VIEW_LOCATION_SECRET)
def own_service_locations(request: HttpRequest, service_id: int) -> HttpResponse:
    """Where a service is, for the agency that runs it (the only place a refuge's is kept)."""
    service = Service.objects.filter(pk=service_id).select_related("agency").first()
    if service is None or not actions.runs_service(request.user, service):
        refuse(request, reason=f"service {service_id} is not run by this agency")
    return locations_page(request, service, back=reverse("directory:service", args=[service.pk]))
