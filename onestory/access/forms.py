"""Forms for the audit log, emergency access and shares.

The forms check what a form can (shape, required answers); the actions and the rules in
``onestory.access.rules`` check the rest and their refusals are shown against the fields.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from onestory.access.models import LawfulBasis, ShareScope
from onestory.access.rules import NEVER_RECEIVE, emergency_reason_problem
from onestory.accounts.models import Agency
from onestory.audit.models import AuditAction
from onestory.core.date_input import GovukDateField, date_input

DATE_HINT = "For example, 27 3 2025"
LARGEST_REFERENCE = 2**63 - 1


def _date_field(label: str, help_text: str = DATE_HINT) -> GovukDateField:
    return date_input(label, help_text=help_text)


def _reference_field(label: str, help_text: str, *, required: bool) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=30,
        help_text=help_text,
        error_messages={"required": "Enter the person's reference number"},
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-10",
                "inputmode": "numeric",
                "spellcheck": "false",
                "autocomplete": "off",
            }
        ),
    )


def parse_reference(value: str) -> int | None:
    """A person's reference number as typed ("1042", "P1042", "#1042"), or None if it is not one."""
    text = value.strip().lstrip("#").removeprefix("P").removeprefix("p").strip()
    if not text.isdigit() or not text.isascii():
        return None
    number = int(text)
    return number if 0 < number <= LARGEST_REFERENCE else None


def start_of_day(day: date) -> datetime:
    """Midnight at the start of ``day``, in UK local time."""
    return timezone.make_aware(datetime.combine(day, time.min))


def end_of_day(day: date) -> datetime:
    """Midnight at the end of ``day``, in UK local time."""
    return start_of_day(day + timedelta(days=1))


class AuditFilterForm(forms.Form):
    person = _reference_field(
        "Person reference", "The number shown above the person's name", required=False
    )
    user = forms.CharField(
        label="Username",
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
    )
    date_from = _date_field("Date from")
    date_to = _date_field("Date to")
    action = forms.ChoiceField(
        label="Action", required=False, choices=[("", "Any action"), *AuditAction.choices]
    )

    def clean_person(self) -> int | None:
        value = self.cleaned_data["person"]
        if not value:
            return None
        number = parse_reference(value)
        if number is None:
            raise ValidationError("Enter a reference number using digits only, like 1042")
        return number

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The 'to' date must be the same as or after the 'from' date")
        return cleaned


class EmergencyAccessForm(forms.Form):
    reference = _reference_field(
        "Person reference number",
        "The number shown above the person's name on their record. The agency that holds "
        "the record, or the police, can give it to you.",
        required=True,
    )
    reason = forms.CharField(
        label="Why do you need to see this record now?",
        help_text="Say what has happened, what you need to know, and why it cannot wait for "
        "the agency that holds the record to share it. For example: 'Police brought this "
        "person to A&E at 2am after an assault. I need to know the risks to the children "
        "before they go home this morning.'",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter why you need to see this record now"},
    )

    def clean_reference(self) -> int:
        number = parse_reference(self.cleaned_data["reference"])
        if number is None:
            raise ValidationError("Enter a reference number using digits only, like 1042")
        return number

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"]
        problem = emergency_reason_problem(reason)
        if problem:
            raise ValidationError(problem)
        return reason.strip()


class EmergencyReviewForm(forms.Form):
    note = forms.CharField(
        label="What did you find?",
        help_text="Say whether the reason holds up and anything you have done about it, such "
        "as speaking to the worker or their manager.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what you found when you looked into this access"},
    )


class ShareForm(forms.Form):
    to_agency = forms.ModelChoiceField(
        label="Agency to share with",
        queryset=Agency.objects.none(),
        empty_label="Choose an agency",
        error_messages={
            "required": "Select the agency to share this record with",
            "invalid_choice": "Select an agency from the list",
        },
    )
    scope = forms.ChoiceField(
        label="How much of the record",
        choices=ShareScope.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how much of the record to share"},
    )
    lawful_basis = forms.ChoiceField(
        label="Lawful basis",
        choices=LawfulBasis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the lawful basis for sharing"},
    )
    reason = forms.CharField(
        label="Why are you sharing this record?",
        required=False,
        help_text="Needed for every basis except consent. Say why the other agency needs to "
        "know and why sharing is proportionate.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    expires_on = _date_field(
        "Share until (optional)",
        "The share ends at the end of this day. Leave it empty to share until someone revokes "
        "it. For example, 27 3 2025",
    )
    includes_location = forms.BooleanField(
        label="Include location details (safe addresses, refuge locations, safe contact numbers)",
        required=False,
        help_text="Only when the other agency's work needs them. They are never shared with a "
        "perpetrator service.",
    )

    # The action's argument names that differ from this form's field names.
    error_fields = {"expires_at": "expires_on"}

    def __init__(self, *args, owning_agency: Agency, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        to_agency = self.fields["to_agency"]
        assert isinstance(to_agency, forms.ModelChoiceField)
        to_agency.queryset = (
            Agency.objects.filter(is_active=True)
            .exclude(pk=owning_agency.pk)
            .exclude(kind__in=NEVER_RECEIVE)
            .order_by("name")
        )

    def expires_at(self) -> datetime | None:
        day = self.cleaned_data.get("expires_on")
        return end_of_day(day) if day else None


class RevokeShareForm(forms.Form):
    reason = forms.CharField(
        label="Why are you revoking this share?",
        help_text="For example, the person has withdrawn consent, or the other agency's work "
        "with them has ended.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why you are revoking this share"},
    )
