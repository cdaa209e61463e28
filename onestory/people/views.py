"""Pages about one person. Every fetch goes through the access policy."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from onestory.access import audit
from onestory.access.decorators import staff_view
from onestory.access.models import AuditAction
from onestory.access.policy import get_person_for_user
from onestory.accounts.roles import Permission
from onestory.people.models import Person


@staff_view(Permission.VIEW_PERSON)
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person, grant = get_person_for_user(request, person_id)
    shown = grant.visible_fields(Person)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=person,
        fields=shown,
        flagged=grant.route == "emergency",
    )
    return render(
        request, "people/person_detail.html", {"person": person, "grant": grant, "shown": shown}
    )
