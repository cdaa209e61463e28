"""Keeping the directory up to date: for staff whose role may manage reference data."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.core.forms import add_refusal
from onestory.directory import actions
from onestory.directory.forms import ContactForm, SearchForm, ServiceForm
from onestory.directory.models import Contact, Service
from onestory.directory.views import PAGE_SIZE, locations_page, search

# The directory belongs to the partnership, not to one agency.
manage_view = staff_view(Permission.MANAGE_REFERENCE_DATA)


@manage_view
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    page = Paginator(search(form), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "directory/manage.html", context)


def _initial(service: Service) -> dict:
    names = [name for name in ServiceForm.base_fields if hasattr(service, name)]
    initial = {name: getattr(service, name) for name in names}
    initial["languages"] = ", ".join(service.languages or [])
    initial["areas"] = list(service.areas.all())
    return initial


def _save(request: HttpRequest, form: ServiceForm, service: Service | None) -> Service | None:
    data = dict(form.cleaned_data)
    try:
        return actions.save_service(
            service=service,
            organisation=data.pop("organisation"),
            new_organisation=data.pop("new_organisation"),
            areas=data.pop("areas"),
            by=request.user,
            request=request,
            **data,
        )
    except ValidationError as error:
        add_refusal(form, error)
        return None


@manage_view
def new_service(request: HttpRequest) -> HttpResponse:
    form = ServiceForm(
        request.POST or None,
        initial={"status": "active", "serves": "victims", "referral_route": "signpost"},
    )
    if request.method == "POST" and form.is_valid():
        service = _save(request, form, None)
        if service is not None:
            messages.success(request, f"{service.name} added to the directory")
            return redirect("directory:edit", service_id=service.pk)
    context = {"form": form, "title": "Add a service", "submit": "Add the service"}
    return render(request, "directory/service_form.html", context)


@manage_view
def edit_service(request: HttpRequest, service_id: int) -> HttpResponse:
    service = get_object_or_404(Service.objects.with_details(), pk=service_id)
    form = ServiceForm(request.POST or None, initial=_initial(service))
    if request.method == "POST" and form.is_valid() and _save(request, form, service) is not None:
        messages.success(request, "Service saved")
        return redirect("directory:edit", service_id=service.pk)
    context = {
        "form": form,
        "service": service,
        "title": f"Change {service.name}",
        "submit": "Save the service",
    }
    return render(request, "directory/service_form.html", context)


@manage_view
def contacts(request: HttpRequest, service_id: int) -> HttpResponse:
    service = get_object_or_404(Service, pk=service_id)
    form = ContactForm(request.POST or None)
    if request.method == "POST":
        remove = request.POST.get("remove")
        if remove:
            contact = get_object_or_404(Contact, service=service, uid=remove)
            actions.remove_contact(contact=contact, by=request.user, request=request)
            messages.success(request, "Contact removed")
            return redirect("directory:contacts", service_id=service.pk)
        if form.is_valid():
            actions.add_contact(
                service=service, by=request.user, request=request, **form.cleaned_data
            )
            messages.success(request, "Contact added")
            return redirect("directory:contacts", service_id=service.pk)
    context = {"service": service, "form": form, "contacts": list(service.contacts.all())}
    return render(request, "directory/contacts.html", context)


@manage_view
def manage_locations(request: HttpRequest, service_id: int) -> HttpResponse:
    service = get_object_or_404(Service.objects.select_related("agency"), pk=service_id)
    return locations_page(request, service, back=reverse("directory:edit", args=[service.pk]))
