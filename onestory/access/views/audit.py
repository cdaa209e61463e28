"""The audit log: who did what to which record, for managers and system administrators."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from onestory.access.forms import AuditFilterForm, end_of_day, start_of_day
from onestory.accounts.decorators import StaffRequest, staff_view
from onestory.accounts.models import Agency, User
from onestory.accounts.roles import Permission, RoleName
from onestory.audit.models import AuditEvent
from onestory.people.models import Person

PAGE_SIZE = 50


def events_for(user) -> QuerySet[AuditEvent]:
    """The events ``user`` may read.

    A system administrator reads them all; anyone else reads the events of their own
    agency's staff and the events about persons their agency holds.
    """
    if user.role == RoleName.SYSTEM_ADMINISTRATOR:
        return AuditEvent.objects.all()
    if user.agency_id is None:
        return AuditEvent.objects.none()
    held = Person.objects.filter(owning_agency_id=user.agency_id).values("pk")
    return AuditEvent.objects.filter(Q(agency_id=user.agency_id) | Q(person_id__in=held))


def apply_filters(events: QuerySet[AuditEvent], filters: dict) -> QuerySet[AuditEvent]:
    if filters.get("person"):
        events = events.filter(person_id=filters["person"])
    if filters.get("user"):
        events = events.filter(actor_username=filters["user"].strip())
    if filters.get("date_from"):
        events = events.filter(at__gte=start_of_day(filters["date_from"]))
    if filters.get("date_to"):
        events = events.filter(at__lt=end_of_day(filters["date_to"]))
    if filters.get("action"):
        events = events.filter(action=filters["action"])
    return events


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isdigit() and 0 < int(raw) <= 100_000 else 1


def _page_url(request: HttpRequest, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return f"?{query.urlencode()}"


def _with_names(events: list[AuditEvent]) -> list[dict]:
    """Each event with its actor's name and agency's name, in two queries for the page."""
    actor_ids = {e.actor_id for e in events if e.actor_id is not None}
    agency_ids = {e.agency_id for e in events if e.agency_id is not None}
    actors = {
        u.pk: u for u in User.objects.filter(pk__in=actor_ids).only("first_name", "last_name")
    }
    agencies = dict(Agency.objects.filter(pk__in=agency_ids).values_list("pk", "name"))
    rows = []
    for event in events:
        actor = actors.get(event.actor_id) if event.actor_id is not None else None
        rows.append(
            {
                "event": event,
                "actor_name": actor.get_full_name() if actor is not None else "",
                "agency_name": agencies.get(event.agency_id, "") if event.agency_id else "",
            }
        )
    return rows


@staff_view(Permission.VIEW_AUDIT)
def audit_log(request: StaffRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET)
    rows, number, has_next = [], _page_number(request), False
    if form.is_valid():
        events = apply_filters(events_for(request.user), form.cleaned_data)
        start = (number - 1) * PAGE_SIZE
        page = list(events.order_by("-at", "-id")[start : start + PAGE_SIZE + 1])
        has_next = len(page) > PAGE_SIZE
        rows = _with_names(page[:PAGE_SIZE])
    context = {
        "form": form,
        "rows": rows,
        "page_number": number,
        "previous_url": _page_url(request, number - 1) if number > 1 else None,
        "next_url": _page_url(request, number + 1) if has_next else None,
        "sees_everything": request.user.role == RoleName.SYSTEM_ADMINISTRATOR,
    }
    return render(request, "access/audit_log.html", context)
