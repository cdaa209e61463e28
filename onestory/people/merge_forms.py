"""The forms for merging two records of the same person."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from onestory.people.forms import NO_SPELLCHECK, WIDTH_10, parse_reference, reference_field
from onestory.people.models import Person


class MergeStartForm(forms.Form):
    other_reference = reference_field(
        "Reference number of the other record",
        "The number shown above the person's name on the record that duplicates this one",
    )

    def clean_other_reference(self) -> int:
        number = parse_reference(self.cleaned_data["other_reference"])
        if number is None:
            raise ValidationError("Enter a reference number using digits only, like 1042")
        return number


MERGE_WORD = "MERGE"


class MergeConfirmForm(forms.Form):
    keep = forms.ChoiceField(
        label="Which record do you want to keep?",
        widget=forms.RadioSelect,
        help_text="The other record is kept too, marked as merged, and leads to this one.",
        error_messages={"required": "Choose the record to keep"},
    )
    reason = forms.CharField(
        label="Why are these the same person?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why you are sure these records are the same person"},
    )
    confirm = forms.CharField(
        label=f"Type {MERGE_WORD} to confirm",
        max_length=10,
        help_text="Merging cannot be undone from this page.",
        widget=forms.TextInput(attrs={**WIDTH_10, **NO_SPELLCHECK}),
        error_messages={"required": f"Type {MERGE_WORD} to confirm"},
    )

    def __init__(self, *args, first: Person, second: Person, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = [
            (str(person.pk), f"{person.display_name}, reference {person.pk}")
            for person in (first, second)
        ]

    def clean_confirm(self) -> str:
        value = self.cleaned_data["confirm"].strip()
        if value.upper() != MERGE_WORD:
            raise ValidationError(f"Type {MERGE_WORD} to confirm")
        return value
