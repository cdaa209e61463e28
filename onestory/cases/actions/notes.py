"""Case notes (with the address-in-note check) and documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from onestory import audit
from onestory.audit.models import AuditAction
from onestory.cases import rules
from onestory.cases.choices import CONTACT_KINDS, CaseStatus, NoteKind, Sensitivity
from onestory.cases.models import Case, CaseDocument, CaseNote
from onestory.core.free_text import AddressInText, must_keep_location_secret


class AddressInNote(AddressInText):
    """The note looks as if it holds an address and the worker has not chosen to keep it
    location-secret."""


def _reader_problems(case: Case, sensitivity: str, readers: list) -> dict[str, str]:
    if sensitivity != Sensitivity.RESTRICTED:
        return {}
    if not readers:
        return {"named_readers": "Name at least one worker who may read this note"}
    if any(reader.agency_id != case.agency_id or not reader.is_active for reader in readers):
        return {"named_readers": "Only workers of this case's agency can be named"}
    return {}


@transaction.atomic
def add_note(
    *,
    case: Case,
    kind: str,
    text: str,
    occurred_at: dt.datetime | None = None,
    channel: str = "",
    sensitivity: str = Sensitivity.STANDARD,
    named_readers: Iterable = (),
    is_key: bool = False,
    keep_location_secret: bool = False,
    by,
) -> CaseNote:
    """Write a case note. Contact notes also date the first contact and make a case active.

    A note that looks as if it holds an address is refused with ``AddressInNote`` unless
    ``keep_location_secret``: the worker is pointed to the address form first, and may
    instead save the note as location-secret, hidden from every agency without the right
    to know where the person is.
    """
    readers = list(named_readers)
    text = (text or "").strip()
    occurred_at = occurred_at or timezone.now()
    problems: dict[str, str] = {}
    if kind not in NoteKind.values:
        problems["kind"] = "Choose the kind of note"
    if not text:
        problems["text"] = "Write the note"
    if kind in CONTACT_KINDS and not channel:
        problems["channel"] = "Say how you tried to reach the person"
    if kind not in CONTACT_KINDS:
        channel = ""
    if occurred_at > timezone.now() + dt.timedelta(minutes=5):
        problems["occurred_at"] = "The time it happened cannot be in the future"
    if occurred_at < case.opened_at - dt.timedelta(days=366):
        problems["occurred_at"] = "The time it happened is more than a year before the case opened"
    if sensitivity not in Sensitivity.values:
        problems["sensitivity"] = "Choose who may read the note"
    problems |= _reader_problems(case, sensitivity, readers)
    if problems:
        raise ValidationError(problems)
    try:
        secret = must_keep_location_secret(
            {"text": text}, keep_location_secret=keep_location_secret
        )
    except AddressInText as flagged:
        raise AddressInNote(flagged.message_dict) from None

    note = CaseNote(
        case=case,
        kind=kind,
        channel=channel,
        occurred_at=occurred_at,
        text=text,
        sensitivity=sensitivity,
        is_key=is_key,
        address_warning_confirmed=secret,
        location_secret=secret,
        written_by=by,
    )
    note.full_clean()
    note.save()
    fields = {"kind", "channel", "occurred_at", "text", "sensitivity", "is_key", "location_secret"}
    if sensitivity == Sensitivity.RESTRICTED:
        note.named_readers.set(readers)
        fields.add("named_readers")
    audit.record(
        action=AuditAction.CREATE,
        by=by,
        obj=note,
        person_id=case.person_id,
        fields=fields,
        reason="saved as location-secret after the address check" if secret else "",
    )
    if kind == NoteKind.CONTACT:
        _record_contact(case, occurred_at, by)
    return note


def _record_contact(given: Case, occurred_at: dt.datetime, by) -> None:
    """A contact made: the case becomes active and its first contact is dated."""
    case = Case.objects.select_for_update().get(pk=given.pk)
    changed = set()
    if case.first_contact_at is None or occurred_at < case.first_contact_at:
        case.first_contact_at = occurred_at
        changed.add("first_contact_at")
    if case.status == CaseStatus.OPEN:
        case.status = CaseStatus.ACTIVE
        changed.add("status")
    given.first_contact_at, given.status = case.first_contact_at, case.status
    if changed:
        case.save(update_fields=changed)
        audit.record(
            action=AuditAction.UPDATE, by=by, obj=case, person_id=case.person_id, fields=changed
        )


HEAD_BYTES = 16


@transaction.atomic
def attach_document(
    *,
    case: Case,
    title: str,
    upload: UploadedFile,
    sensitivity: str = Sensitivity.STANDARD,
    by,
) -> CaseDocument:
    """Attach a file to the case: kept in private storage under a random name.

    Refused when it is empty, too big, or not one of the kinds of file allowed (checked
    by its first bytes as well as its name).
    """
    problems = {}
    if not (title or "").strip():
        problems["title"] = "Say what the document is"
    name = (upload.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    problem = rules.document_problem(name=name, size=upload.size or 0, head=head)
    if problem:
        problems["upload"] = problem
    if sensitivity not in (Sensitivity.STANDARD, Sensitivity.AGENCY):
        problems["sensitivity"] = "Choose who may read the document"
    if problems:
        raise ValidationError(problems)
    document = CaseDocument(
        case=case,
        title=title.strip(),
        original_name=name,
        content_type=rules.content_type_for(name),
        size=upload.size,
        sensitivity=sensitivity,
        uploaded_by=by,
    )
    document.file.save(name, upload, save=False)
    try:
        document.full_clean()
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    audit.record(
        action=AuditAction.CREATE,
        by=by,
        obj=document,
        person_id=case.person_id,
        fields={"title", "file", "original_name", "sensitivity"},
    )
    return document
