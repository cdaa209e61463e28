"""The subject access page: a team manager at the agency holding a person's record
produces everything held about them as one PDF. The request and the download are audited;
anyone else gets 404 through the access policy."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from onestory import audit
from onestory.access.policy import FULL, Route, get_person_for_user, refuse
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.records import subject_access as document_of


class SubjectAccessForm(forms.Form):
    reference = forms.CharField(
        label="The request's reference",
        help_text="As your agency logged it when the request came in, for example SAR-2026-014.",
        max_length=40,
        error_messages={"required": "Enter the request's reference"},
    )

    def clean_reference(self) -> str:
        return self.cleaned_data["reference"].strip()


@staff_view(Permission.ANSWER_SUBJECT_ACCESS)
@require_http_methods(["GET", "POST"])
def subject_access(request: HttpRequest, person_id: int) -> HttpResponse:
    person, grant = get_person_for_user(request, person_id, need=FULL)
    if grant.route != Route.OWNER:
        refuse(request, person_id=person.pk, reason="only the holding agency answers a request")
    form = SubjectAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reference = form.cleaned_data["reference"]
        audit.record(
            action=AuditAction.CREATE,
            request=request,
            obj=person,
            reason=f"subject access request {reference}",
        )
        document = document_of.gather(person, grant)
        content = document_of.pdf(document, produced_by=request.user, reference=reference)
        audit.record(
            action=AuditAction.EXPORT,
            request=request,
            obj=person,
            fields=[section.title for section in document.sections],
            reason=f"subject access request {reference}: {document.row_count} records",
        )
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="subject-access-person-{person.pk}.pdf"'
        )
        return response
    return render(
        request,
        "people/subject_access.html",
        {"person": person, "form": form, "title": "Answer a subject access request"},
    )
