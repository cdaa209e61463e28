"""Merging two records of the same person: a manager chooses, checks both, and confirms."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from onestory import audit
from onestory.access.policy import Route, get_person_for_user
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.forms import add_refusal
from onestory.people.merge_forms import MergeConfirmForm, MergeStartForm
from onestory.people.merging import merge_persons, merge_problem
from onestory.people.models import Person
from onestory.records.presenters import person_page


def _mergeable(request: HttpRequest, person_id: int) -> Person:
    """A record of the user's own agency that is not merged; 404 for outsiders."""
    person, grant = get_person_for_user(request, person_id)
    if grant.route != Route.OWNER or person.merged_into_id is not None:
        audit.record(
            action=AuditAction.REFUSED,
            request=request,
            obj=person,
            reason="only the holding agency may merge an unmerged record",
        )
        raise PermissionDenied
    return person


@staff_view(Permission.MERGE_PERSONS)
def merge_start(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _mergeable(request, person_id)
    form = MergeStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        other_id = form.cleaned_data["other_reference"]
        other = Person.objects.filter(pk=other_id, owning_agency_id=person.owning_agency_id)
        if other_id == person.pk:
            form.add_error("other_reference", "Enter the reference of a different record")
        elif not other.filter(merged_into__isnull=True).exists():
            form.add_error(
                "other_reference", "Your agency holds no unmerged record with that reference"
            )
        else:
            return redirect("people:merge-confirm", person_id=person.pk, other_person_id=other_id)
    if request.method == "GET":
        audit.record(
            action=AuditAction.VIEW,
            request=request,
            obj=person,
            fields={"given_name", "family_name"},
        )
    context = {
        "person": person,
        "form": form,
        "title": "Merge with another record",
        "submit": "Continue",
        "intro": "Merge two records only when you are sure they are the same person. You will "
        "see both records side by side before anything changes.",
    }
    return render(request, "people/person_form.html", context)


@staff_view(Permission.MERGE_PERSONS)
def merge_confirm(request: HttpRequest, person_id: int, other_person_id: int) -> HttpResponse:
    person = _mergeable(request, person_id)
    other = _mergeable(request, other_person_id)
    if person.pk == other.pk:
        raise PermissionDenied
    form = MergeConfirmForm(request.POST or None, first=person, second=other)
    if request.method == "POST" and form.is_valid():
        keep, merge = (
            (person, other)
            if form.cleaned_data["keep"] == str(person.pk)
            else (
                other,
                person,
            )
        )
        try:
            kept = merge_persons(
                by=request.user, keep=keep, merge=merge, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, f"Person {merge.pk} was merged into this record")
            return redirect("people:person", person_id=kept.pk)
    problem = merge_problem(by=request.user, keep=person, merge=other)
    sides = []
    for record in (person, other):
        _, grant = get_person_for_user(request, record.pk)
        page = person_page(record, grant, request.user)
        audit.record(action=AuditAction.VIEW, request=request, obj=record, fields=page.shown)
        sides.append((record, page))
    context = {"person": person, "other": other, "sides": sides, "form": form, "problem": problem}
    return render(request, "people/merge_confirm.html", context)
