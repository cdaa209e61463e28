"""Adding a connection from any agency that works with the person: typically an IDVA or
outreach worker adding the person using harm before referring to MARAC.

The worker's agency must hold the person's record or be shared it in full. They find the
other person by name and date of birth among the records their own agency holds, or record
them as someone new at their agency; never by an internal reference number. The connection
is then on the person's record, so it is visible to the agency that added it (and to the
MARAC referral form).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from onestory import audit
from onestory.access.models import ShareScope
from onestory.access.policy import get_person_for_user
from onestory.access.search import find_candidates
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.forms import add_refusal
from onestory.people import actions
from onestory.people.connections import RelationshipKind
from onestory.people.forms import date_field
from onestory.people.models import Person

NEW = "new"
SHOWN = 10


class FindConnectionForm(forms.Form):
    kind = forms.ChoiceField(
        label="How are they connected to this person?",
        choices=[("", "Choose how they are connected"), *RelationshipKind.choices],
        help_text="For the person using harm, this is usually a current or former partner.",
        error_messages={"required": "Choose how they are connected"},
    )
    given_name = forms.CharField(
        label="Their given name",
        max_length=100,
        error_messages={"required": "Enter their given name"},
    )
    family_name = forms.CharField(label="Their family name", max_length=100, required=False)
    date_of_birth = date_field("Their date of birth, if known", past_only=True)
    notes = forms.CharField(label="Notes (optional)", required=False, max_length=300)


def _found(request: HttpRequest, data: dict) -> list[Person]:
    """Records the user's agency holds that may be the person described, best first."""
    name = " ".join(part for part in (data["given_name"], data["family_name"]) if part)
    candidates = find_candidates(
        request.user,
        name=name,
        date_of_birth=data.get("date_of_birth"),
        limit=SHOWN * 3,
        request=request,
    )
    return [
        candidate.person
        for candidate in candidates
        if candidate.person.owning_agency_id == request.user.agency_id
    ][:SHOWN]


@staff_view(Permission.EDIT_PERSON)
@require_http_methods(["GET", "POST"])
def connect(request: HttpRequest, person_id: int) -> HttpResponse:
    person, grant = get_person_for_user(request, person_id)
    if grant.scope != ShareScope.FULL or person.merged_into_id is not None:
        raise Http404("No person found")
    form = FindConnectionForm(request.POST or None)
    found: list[Person] | None = None
    choice_error = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        found = _found(request, data)
        chosen = request.POST.get("match", "")
        if "find" in request.POST:
            chosen = ""  # the details changed: look again before choosing
        elif not chosen:
            choice_error = "Choose the person, or record them as someone new"
        elif chosen != NEW and chosen not in {str(other.pk) for other in found}:
            choice_error = "Choose one of the people listed, or record them as someone new"
        if chosen and not choice_error:
            try:
                if chosen == NEW:
                    actions.connect_new_person(
                        by=request.user,
                        person=person,
                        owning_agency=request.user.agency,
                        kind=data["kind"],
                        notes=data["notes"],
                        given_name=data["given_name"],
                        family_name=data["family_name"],
                        date_of_birth=data["date_of_birth"],
                    )
                else:
                    actions.record_relationship(
                        by=request.user,
                        person=person,
                        other_person=next(o for o in found if str(o.pk) == chosen),
                        kind=data["kind"],
                        notes=data["notes"],
                    )
            except ValidationError as error:
                add_refusal(form, error)
            else:
                messages.success(request, "Connection added")
                return redirect("people:person", person_id=person.pk)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=person,
        fields=["relationships"],
        reason="adding a connection",
    )
    return render(
        request,
        "people/connect.html",
        {
            "person": person,
            "form": form,
            "found": found,
            "choice_error": choice_error,
            "new": NEW,
        },
    )
