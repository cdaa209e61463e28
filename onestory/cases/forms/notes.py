"""Case notes and documents."""

from __future__ import annotations

from django import forms

from onestory.cases.choices import CONTACT_KINDS, ContactChannel, NoteKind, Sensitivity
from onestory.cases.forms.common import (
    WorkersChoiceField,
    case_workers,
    combine,
    date_field,
    text_area,
)
from onestory.cases.rules import ALLOWED_EXTENSIONS_TEXT, MAX_DOCUMENT_BYTES


class NoteForm(forms.Form):
    # The action names the moment; the form asks for its date and time apart.
    error_fields = {"occurred_at": "occurred_on"}

    kind = forms.ChoiceField(
        label="Kind of note",
        choices=NoteKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of note"},
    )
    channel = forms.ChoiceField(
        label="How, for a contact or an attempted contact",
        choices=ContactChannel.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    occurred_on = date_field("Date it happened", help_text="Leave blank for now.", past_only=True)
    occurred_time = forms.TimeField(
        label="Time it happened",
        required=False,
        input_formats=["%H:%M", "%H.%M", "%I:%M%p", "%I:%M %p", "%I%p"],
        help_text="Optional. For example, 14:30",
        error_messages={"invalid": "Enter a time like 14:30"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "autocomplete": "off"}),
    )
    text = text_area("Note", rows=8, error_messages={"required": "Write the note"})
    sensitivity = forms.ChoiceField(
        label="Who may read this note",
        choices=Sensitivity.choices,
        initial=Sensitivity.STANDARD,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who may read the note"},
    )
    named_readers = WorkersChoiceField(
        label="Workers who may read a restricted note",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="You can always read your own notes.",
    )
    is_key = forms.BooleanField(
        label="Key note: show it on the person's timeline",
        required=False,
        help_text="For a turning point other agencies working with the person should know about.",
    )

    def __init__(self, *args, agency, author, warned: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["named_readers"].queryset = case_workers(agency).exclude(pk=author.pk)
        if warned or (self.data and "keep_location_secret" in self.data):
            self.fields["keep_location_secret"] = forms.BooleanField(
                label="Save this note as location-secret: only staff who may know where the "
                "person is will read it",
                required=False,
            )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("kind") in CONTACT_KINDS and not data.get("channel"):
            self.add_error("channel", "Say how you tried to reach the person")
        if data.get("sensitivity") == Sensitivity.RESTRICTED and not data.get("named_readers"):
            self.add_error("named_readers", "Name at least one worker who may read this note")
        return data

    def note(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "channel": data.get("channel") or "",
            "occurred_at": combine(data.get("occurred_on"), data.get("occurred_time")),
            "text": data["text"],
            "sensitivity": data["sensitivity"],
            "named_readers": list(data.get("named_readers") or []),
            "is_key": data.get("is_key", False),
            "keep_location_secret": data.get("keep_location_secret", False),
        }


class DocumentForm(forms.Form):
    title = forms.CharField(
        label="What the document is",
        max_length=200,
        help_text="For example, non-molestation order",
        error_messages={"required": "Say what the document is"},
    )
    upload = forms.FileField(
        label="Choose the file",
        help_text=f"A {ALLOWED_EXTENSIONS_TEXT}, smaller than "
        f"{MAX_DOCUMENT_BYTES // (1024 * 1024)}MB.",
        error_messages={
            "required": "Choose a file",
            "empty": "The selected file is empty",
            "invalid": "Choose a file",
        },
    )
    sensitivity = forms.ChoiceField(
        label="Who may read it",
        choices=[
            (Sensitivity.STANDARD.value, Sensitivity.STANDARD.label),
            (Sensitivity.AGENCY.value, Sensitivity.AGENCY.label),
        ],
        initial=Sensitivity.STANDARD,
        widget=forms.RadioSelect,
    )
