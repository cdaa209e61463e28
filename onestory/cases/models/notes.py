"""Case notes (contacts among them) and documents attached to a case."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from onestory.cases.choices import CONTACT_KINDS, ContactChannel, NoteKind, Sensitivity
from onestory.core.registry import ORDINARY, PERSONAL, SPECIAL_CATEGORY, person_level


@person_level(
    id=ORDINARY,
    case=ORDINARY,
    kind=PERSONAL,
    channel=PERSONAL,
    occurred_at=PERSONAL,
    text=SPECIAL_CATEGORY,
    sensitivity=ORDINARY,
    named_readers=ORDINARY,
    is_key=ORDINARY,
    address_warning_confirmed=ORDINARY,
    location_secret=ORDINARY,
    written_by=ORDINARY,
    written_at=ORDINARY,
)
class CaseNote(models.Model):
    """What happened, when, and who may read about it.

    A note of kind "contact" or "attempted contact" is also the record of trying to reach
    the person, from which the time to first contact is worked out. A restricted note is
    read only by its writer and the workers it names.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField("Kind of note", max_length=24, choices=NoteKind.choices)
    channel = models.CharField("How", max_length=12, choices=ContactChannel.choices, blank=True)
    occurred_at = models.DateTimeField("When it happened", default=timezone.now)
    text = models.TextField("Note")
    sensitivity = models.CharField(
        "Who may read it",
        max_length=12,
        choices=Sensitivity.choices,
        default=Sensitivity.STANDARD,
    )
    named_readers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="restricted_notes"
    )
    is_key = models.BooleanField(
        "Key note: show it on the person's timeline",
        default=False,
        help_text="For a turning point other agencies should know about.",
    )
    # The worker saved the note after being warned it looked like it held an address.
    address_warning_confirmed = models.BooleanField(default=False)
    # Saved after the address check flagged it: only staff who may know where the person is
    # (the owning agency, or a share that includes location) can read it.
    location_secret = models.BooleanField(default=False)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["case", "kind", "occurred_at"], name="note_case_kind")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=NoteKind.values), name="note_kind_known"),
            models.CheckConstraint(
                condition=Q(sensitivity__in=Sensitivity.values), name="note_sensitivity_known"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=sorted(CONTACT_KINDS)) | Q(channel=""),
                name="note_channel_only_for_contacts",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="note_has_text"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} note on case {self.case_id}"

    @property
    def is_restricted(self) -> bool:
        return self.sensitivity == Sensitivity.RESTRICTED


def document_path(instance: CaseDocument, filename: str) -> str:
    """A random name under cases/: the original name is kept in the row, never on disk."""
    return f"cases/{instance.case_id}/{uuid.uuid4().hex}"


@person_level(
    id=ORDINARY,
    case=ORDINARY,
    title=SPECIAL_CATEGORY,
    file=ORDINARY,
    original_name=SPECIAL_CATEGORY,
    content_type=ORDINARY,
    size=ORDINARY,
    sensitivity=ORDINARY,
    uploaded_by=ORDINARY,
    uploaded_at=ORDINARY,
)
class CaseDocument(models.Model):
    """A file attached to a case, kept in private storage and only handed out by a checked view."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="documents")
    title = models.CharField("What the document is", max_length=200)
    file = models.FileField(upload_to=document_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sensitivity = models.CharField(
        "Who may read it",
        max_length=12,
        choices=[
            (Sensitivity.STANDARD.value, Sensitivity.STANDARD.label),
            (Sensitivity.AGENCY.value, Sensitivity.AGENCY.label),
        ],
        default=Sensitivity.STANDARD,
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sensitivity__in=[Sensitivity.STANDARD, Sensitivity.AGENCY]),
                name="document_sensitivity_known",
            ),
        ]

    def __str__(self) -> str:
        return f"Document {self.pk} on case {self.case_id}"
