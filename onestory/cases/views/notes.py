"""Case notes (with the address-in-note check) and documents."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from onestory import audit
from onestory.access.policy import Route
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.cases import access, actions
from onestory.cases.actions.notes import AddressInNote
from onestory.cases.forms.notes import DocumentForm, NoteForm
from onestory.cases.views.common import case_form_page
from onestory.core.forms import add_refusal, posted


def _address_form_url(request: HttpRequest, case, grant: access.CaseGrant) -> str:
    """Where to record an address instead, if this user may; else "" (ask the holder)."""
    if (
        grant.person_grant.route == Route.OWNER
        and request.user.has_permission(Permission.EDIT_PERSON)
        and grant.may_see_location
    ):
        return reverse("people:add-address", args=[case.person_id])
    return ""


@staff_view(Permission.WORK_CASES)
@require_http_methods(["GET", "POST"])
def add_note(request: HttpRequest, case_id: int) -> HttpResponse:
    # Notes may still be written after closing, for the follow-up.
    case, grant = access.get_case_to_change(request, case_id, while_closed=True)
    warned = False
    form = NoteForm(posted(request), agency=case.agency, author=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_note(case=case, by=request.user, **form.note())
        except AddressInNote as warning:
            warned = True
            form = NoteForm(request.POST, agency=case.agency, author=request.user, warned=True)
            form.is_valid()
            add_refusal(form, warning)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, "Note saved")
            return redirect("cases:case", case_id=case.pk)
    return case_form_page(
        request,
        case,
        form,
        title="Add a note",
        submit="Save the note",
        intro="Never write an address in a note: a new address goes on the address form, "
        "where it is kept secret.",
        template="cases/note_form.html",
        extra={"warned": warned, "address_form_url": _address_form_url(request, case, grant)},
    )


@staff_view(Permission.WORK_CASES)
@require_GET
def all_notes(request: HttpRequest, case_id: int) -> HttpResponse:
    case, grant = access.get_case_for_user(request, case_id)
    notes = list(access.visible_notes(request.user, case).select_related("written_by"))
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=case,
        person_id=case.person_id,
        fields={"person", "notes"},
    )
    return render(
        request,
        "cases/notes.html",
        {"case": case, "person": case.person, "notes": notes, "may_work": grant.may_work},
    )


@staff_view(Permission.WORK_CASES)
@require_http_methods(["GET", "POST"])
def add_document(request: HttpRequest, case_id: int) -> HttpResponse:
    case, _ = access.get_case_to_change(request, case_id, while_closed=True)
    form = DocumentForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.attach_document(
                case=case,
                title=data["title"],
                upload=data["upload"],
                sensitivity=data["sensitivity"],
                by=request.user,
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, "Document attached")
            return redirect("cases:case", case_id=case.pk)
    return case_form_page(
        request,
        case,
        form,
        title="Attach a document",
        submit="Attach the document",
        intro="Documents are kept privately and can only be opened by people who may see "
        "this case.",
        template="cases/document_form.html",
    )


@staff_view(Permission.WORK_CASES)
@require_GET
def download_document(request: HttpRequest, document_id: int) -> HttpResponse:
    document, case, _ = access.get_document_for_user(request, document_id)
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError):
        # The row outlived its file (a restore, or storage moved): say so, never a 500.
        return render(
            request,
            "cases/document_missing.html",
            {"case": case, "person": case.person, "document": document},
            status=410,
        )
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=document,
        person_id=case.person_id,
        fields={"file"},
    )
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
