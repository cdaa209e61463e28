"""Triage forms: assignment, first contact, outcome, urgency, and the queue's filter."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone

from onestory.intake import rules
from onestory.intake.actions import assignable_workers
from onestory.intake.choices import ContactMethod, Outcome, Urgency
from onestory.intake.forms.fields import GovukDateField


class ReferralForm(forms.Form):
    """A form about one referral, which it may check answers against."""

    def __init__(self, *args, referral, **kwargs) -> None:
        self.referral = referral
        super().__init__(*args, **kwargs)


class AssignForm(ReferralForm):
    assigned_to = forms.ModelChoiceField(
        label="Assign to",
        queryset=None,
        empty_label="Choose a worker",
        error_messages={
            "required": "Choose a worker to assign this referral to",
            "invalid_choice": "Choose a worker from this agency's front door",
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = assignable_workers(self.referral.owning_agency)
        self.fields["assigned_to"].label_from_instance = lambda user: (
            user.get_full_name() or user.username
        )


class FirstContactForm(ReferralForm):
    method = forms.ChoiceField(
        label="How was contact made?",
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how contact was made"},
    )
    when_date = GovukDateField(
        label="Date of first contact",
        required=False,
        help_text="Leave the date and time empty if contact was made just now.",
    )
    when_time = forms.CharField(
        label="Time of first contact (optional)",
        required=False,
        max_length=5,
        help_text="Use the 24-hour clock, for example 14:30.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )

    def clean(self):
        cleaned = super().clean()
        day, text = cleaned.get("when_date"), (cleaned.get("when_time") or "").strip()
        if "when_date" in self.errors:
            return cleaned
        if day is None and not text:
            cleaned["when"] = None
            return cleaned
        if day is None:
            self.add_error("when_date", "Enter the date of first contact, as well as the time")
            return cleaned
        at = rules.time_from_text(text) if text else None
        if at is None:
            self.add_error("when_time", "Enter the time on the 24-hour clock, like 14:30")
            return cleaned
        when = timezone.make_aware(datetime.combine(day, at))
        problem = rules.first_contact_time_problem(
            when, received_at=self.referral.received_at, now=timezone.now()
        )
        if problem:
            self.add_error("when_date", problem)
        cleaned["when"] = when
        return cleaned


def signpostable_services():
    """Running services in the directory a person can be pointed to (schools are not)."""
    from onestory.directory.models import Service

    return Service.objects.active().exclude(kind="school").order_by("name")


class OutcomeForm(ReferralForm):
    outcome = forms.ChoiceField(
        label="Outcome of triage",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome of triage"},
    )
    signposted_service = forms.ModelChoiceField(
        label="Signposted to a service in the directory (if signposted)",
        required=False,
        queryset=None,
        empty_label="Choose a service, or write one below",
        error_messages={"invalid_choice": "Choose a service from the directory"},
    )
    signposted_to = forms.CharField(
        label="Signposted to (if signposted)",
        required=False,
        max_length=300,
        help_text="The service or organisation the person was pointed to.",
    )
    reason = forms.CharField(
        label="Reason for this outcome",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter the reason for this outcome"},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signposted_service"].queryset = signpostable_services()

    def clean(self):
        cleaned = super().clean()
        service = cleaned.get("signposted_service")
        if service is not None and not cleaned.get("signposted_to"):
            cleaned["signposted_to"] = service.name
        if cleaned.get("outcome") == Outcome.SIGNPOSTED and not cleaned.get("signposted_to"):
            self.add_error("signposted_to", "Enter where the person was signposted to")
        return cleaned


class UrgencyForm(ReferralForm):
    urgency = forms.ChoiceField(
        label="Urgency",
        choices=Urgency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the urgency"},
    )


class QueueFilterForm(forms.Form):
    SHOW = [
        ("open", "Open referrals"),
        ("mine", "Assigned to me"),
        ("unassigned", "Not yet assigned"),
        ("closed", "Closed"),
        ("all", "All"),
    ]
    show = forms.ChoiceField(label="Show", choices=SHOW, required=False)

    def choice(self) -> str:
        if self.is_valid() and self.cleaned_data["show"]:
            return self.cleaned_data["show"]
        return "open"
