"""The person's timeline: the story told once, as far as this user may see it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from onestory import audit
from onestory.access.policy import Route, get_person_for_user
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.cases.timeline import timeline


@staff_view(Permission.VIEW_PERSON)
@require_GET
def person_timeline(request: HttpRequest, person_id: int) -> HttpResponse:
    person, grant = get_person_for_user(request, person_id)
    entries = timeline(request.user, person, grant)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=person,
        fields={"timeline", *sorted({entry.kind for entry in entries})},
        flagged=grant.route == Route.EMERGENCY,
    )
    return render(
        request,
        "cases/timeline.html",
        {
            "person": person,
            "grant": grant,
            "entries": entries,
            "may_open_cases": request.user.has_permission(Permission.WORK_CASES),
        },
    )
