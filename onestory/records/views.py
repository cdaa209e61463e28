"""Pages about one person. Every fetch goes through the access policy.

Changes are made only by the agency that holds the record, by staff whose role may edit
persons; addresses and safe contact details also need the role's permission to see
location-secret details (so a call handler can see who someone is, but not where).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from onestory import audit
from onestory.access.models import ShareScope
from onestory.access.policy import Grant, Route, get_person_for_user
from onestory.access.views.shares import sharing_panel
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.forms import add_refusal
from onestory.core.registry import FieldClass
from onestory.people import actions
from onestory.people.forms import (
    AddressForm,
    ContactMethodForm,
    NameForm,
    PersonDetailsForm,
    RelationshipForm,
    SafeContactPlanForm,
    initial_details,
)
from onestory.people.models import Person, SafeContactPlan
from onestory.records.presenters import person_page
from onestory.risk.queries import risk_summary


@staff_view(Permission.VIEW_PERSON)
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person, grant = get_person_for_user(request, person_id)
    if person.merged_into_id is not None:
        audit.record(action=AuditAction.VIEW, request=request, obj=person, fields={"merged_into"})
        messages.info(request, f"Person {person.pk} was merged into this record")
        return redirect("people:person", person_id=person.merged_into_id)
    page = person_page(person, grant, request.user)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=person,
        fields=page.shown,
        flagged=grant.route == Route.EMERGENCY,
    )
    context = {"person": person, "grant": grant, "page": page}
    # Any agency that holds the record or is shared it in full may add a connection.
    context["may_connect"] = (
        grant.scope == ShareScope.FULL
        and request.user.has_permission(Permission.EDIT_PERSON)
        and person.merged_into_id is None
    )
    context["sharing"] = sharing_panel(request, person, grant)
    context["may_answer_subject_access"] = grant.route == Route.OWNER and (
        request.user.has_permission(Permission.ANSWER_SUBJECT_ACCESS)
    )
    context["risk"] = risk_summary(person)
    return render(request, "people/person_detail.html", context)


def person_to_change(
    request: HttpRequest, person_id: int, *, location: bool = False
) -> tuple[Person, Grant]:
    """A person the user may change: held by their agency, not merged; 404 for outsiders."""
    person, grant = get_person_for_user(request, person_id)
    problem = None
    if grant.route != Route.OWNER:
        problem = "only the holding agency may change a record"
    elif not request.user.has_permission(Permission.EDIT_PERSON):
        problem = "role does not allow edit_person"
    elif location and not grant.may_see(FieldClass.LOCATION_SECRET):
        problem = "may not see location-secret details"
    elif person.merged_into_id is not None:
        problem = "record was merged into another"
    if problem:
        audit.record(action=AuditAction.REFUSED, request=request, obj=person, reason=problem)
        raise PermissionDenied
    return person, grant


NAME_FIELDS = frozenset({"given_name", "family_name"})


def _form_page(request, person, form, *, title, submit, intro="", shown=NAME_FIELDS):
    """A form about one person; showing it is a read of what it shows, so it is audited."""
    if request.method == "GET":
        audit.record(action=AuditAction.VIEW, request=request, obj=person, fields=shown)
    context = {"person": person, "form": form, "title": title, "submit": submit, "intro": intro}
    return render(request, "people/person_form.html", context)


def _saved(request, person, form, act, done: str) -> HttpResponse | None:
    """Run ``act`` with a valid form's data; the way back to the record, or None to show the form.

    A refusal from the action is shown against the form, and nothing is saved.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        act(form.cleaned_data)
    except ValidationError as error:
        add_refusal(form, error)
        return None
    messages.success(request, done)
    return redirect("people:person", person_id=person.pk)


@staff_view(Permission.EDIT_PERSON)
def add_person(request: HttpRequest) -> HttpResponse:
    """Record someone new, held by the user's agency. Search first, so nobody is recorded twice."""
    form = PersonDetailsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = actions.create_person(
                by=request.user, owning_agency=request.user.agency, **form.details()
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, "Person recorded")
            return redirect("people:person", person_id=person.pk)
    context = {
        "form": form,
        "title": "Record a new person",
        "submit": "Record the person",
        "intro": "Only record someone new after searching for them: each person should have "
        "one record.",
    }
    return render(request, "people/person_form.html", context)


@staff_view(Permission.EDIT_PERSON)
def edit_details(request: HttpRequest, person_id: int) -> HttpResponse:
    person, _ = person_to_change(request, person_id)
    form = PersonDetailsForm(request.POST or None, initial=initial_details(person))
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_person(by=request.user, person=person, **form.details())
        except ValidationError as error:
            person.refresh_from_db()
            add_refusal(form, error)
        else:
            messages.success(request, "Details saved")
            return redirect("people:person", person_id=person.pk)
    return _form_page(
        request, person, form, title="Change details", submit="Save details", shown=set(form.fields)
    )


@staff_view(Permission.EDIT_PERSON)
def add_name(request: HttpRequest, person_id: int) -> HttpResponse:
    person, _ = person_to_change(request, person_id)
    form = NameForm(request.POST or None)
    done = _saved(
        request,
        person,
        form,
        lambda data: actions.add_name(by=request.user, person=person, **data),
        "Name added",
    )
    return done or _form_page(
        request,
        person,
        form,
        title="Add another name",
        submit="Add the name",
        intro="A name they prefer, another name they use, or a name they had before, such as "
        "a family name before marriage. Searches find people by every name recorded.",
    )


@staff_view(Permission.VIEW_LOCATION_SECRET)
def add_contact_method(request: HttpRequest, person_id: int) -> HttpResponse:
    person, _ = person_to_change(request, person_id, location=True)
    form = ContactMethodForm(request.POST or None)
    done = _saved(
        request,
        person,
        form,
        lambda data: actions.record_contact_method(by=request.user, person=person, **data),
        "Contact details added",
    )
    return done or _form_page(
        request,
        person,
        form,
        title="Add a phone number or email address",
        submit="Add the contact details",
        intro="Only your team sees these details. Record whether and when it is safe to use "
        "them, so nobody puts the person at risk by calling at the wrong time.",
    )


@staff_view(Permission.VIEW_LOCATION_SECRET)
def safe_contact(request: HttpRequest, person_id: int) -> HttpResponse:
    person, _ = person_to_change(request, person_id, location=True)
    plan = SafeContactPlan.objects.filter(person=person).first()
    initial = {}
    if plan is not None:
        initial = {name: getattr(plan, name) for name in SafeContactPlanForm.base_fields}
    form = SafeContactPlanForm(request.POST or None, initial=initial)
    done = _saved(
        request,
        person,
        form,
        lambda data: actions.set_safe_contact_plan(by=request.user, person=person, **data),
        "Safe contact saved",
    )
    return done or _form_page(
        request,
        person,
        form,
        shown=NAME_FIELDS | {f"safe_contact_plan.{name}" for name in initial},
        title="Contacting them safely",
        submit="Save",
        intro="Anyone who can see this record is told when contact must go through a named "
        "professional. The safe word is seen only by your team.",
    )


@staff_view(Permission.VIEW_LOCATION_SECRET)
def add_address(request: HttpRequest, person_id: int) -> HttpResponse:
    person, _ = person_to_change(request, person_id, location=True)
    form = AddressForm(
        request.POST or None,
        initial={"location_secret": actions.secret_by_default(person, kind="")},
    )
    done = _saved(
        request,
        person,
        form,
        lambda data: actions.record_address(by=request.user, person=person, **data),
        "Address added",
    )
    return done or _form_page(
        request,
        person,
        form,
        title="Add an address",
        submit="Add the address",
        intro="Record every change of address here, never in a note. A new address for a "
        "victim or a child is kept secret unless you untick the box.",
    )


@staff_view(Permission.EDIT_PERSON)
def add_relationship(request: HttpRequest, person_id: int) -> HttpResponse:
    person, _ = person_to_change(request, person_id)
    form = RelationshipForm(request.POST or None)

    def connect(data: dict) -> None:
        if data.get("other_id"):
            actions.record_relationship(
                by=request.user,
                person=person,
                other_person=_held_person(person, data["other_id"]),
                kind=data["kind"],
                notes=data["notes"],
            )
        else:
            actions.connect_new_person(
                by=request.user,
                person=person,
                kind=data["kind"],
                notes=data["notes"],
                given_name=data["given_name"],
                family_name=data["family_name"],
                date_of_birth=data["date_of_birth"],
            )

    done = _saved(request, person, form, connect, "Connection added")
    return done or _form_page(
        request,
        person,
        form,
        title="Add a connection",
        submit="Add the connection",
        intro="Connect this person to a partner, former partner, child, relative or someone "
        "in their household. Children are recorded as people in their own right.",
    )


def _held_person(person: Person, other_id: int) -> Person:
    """Another record held by the same agency, or a refusal shown against the field."""
    other = Person.objects.filter(pk=other_id, owning_agency_id=person.owning_agency_id).first()
    if other is None:
        raise ValidationError(
            {"other_reference": "Your agency holds no record with that reference number."}
        )
    return other
