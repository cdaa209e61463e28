"""Forms for the disclosure pages. The rules live in ``disclosure.rules`` and run in the
actions; these forms read the answers and put the actions' messages next to the fields."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from onestory.accounts.models import Agency
from onestory.core.date_input import date_input
from onestory.core.forms import add_refusal
from onestory.disclosure.models import Asker, CheckReply, Decision, DisclosedTo, RiskLevel, Route


class Radios(forms.RadioSelect):
    """Radios whose error-summary link goes to the first radio, as GOV.UK asks."""

    def id_for_label(self, id_, index=None):
        return super().id_for_label(id_, "0" if index is None else index)


def _radios(label: str, choices, *, required: bool = False) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, widget=Radios, required=required)


def _text(label: str, *, help_text: str = "", long: bool = False, max_length: int | None = None):
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 4}) if long else forms.TextInput,
    )


def show_errors(form: forms.Form, error: ValidationError) -> None:
    """An action's refusal on a disclosure form, whose messages end with a full stop."""
    add_refusal(form, error, full_stop=True)


class ApplicationForm(forms.Form):
    route = _radios("How did the application come?", Route.choices)
    first_contact_on = date_input("Date of first contact")
    asker = _radios("Who asked?", Asker.choices)
    applicant_name = _text("Applicant's full name", max_length=200)
    applicant_relationship = _text(
        "Applicant's relationship to the person at risk",
        help_text="For example, herself, her mother, a friend",
        max_length=200,
    )
    applicant_contact = _text(
        "How to contact the applicant safely",
        help_text="A number or address they chose, and when it is safe to use it",
        max_length=500,
    )
    applicant_notes = _text("Notes about the applicant", long=True)
    subject_name = _text("Name of the person asked about", max_length=200)
    subject_date_of_birth = date_input("Date of birth of the person asked about", past_only=True)
    at_risk_name = _text("Name of the person at risk", max_length=200)
    at_risk_date_of_birth = date_input("Date of birth of the person at risk", past_only=True)
    concern = _text(
        "What prompted the application",
        help_text="What the applicant told you, or what the police hold that led to it",
        long=True,
    )

    APPLICANT = (
        "asker",
        "applicant_name",
        "applicant_relationship",
        "applicant_contact",
        "applicant_notes",
    )

    def applicant_fields(self):
        return [self[name] for name in self.APPLICANT]

    def other_fields(self):
        return [self[name] for name in self.fields if name not in self.APPLICANT]


class MeetingForm(forms.Form):
    meeting_on = date_input("Date of the meeting")
    identity_checked = forms.BooleanField(
        label="The applicant's identity was checked", required=False
    )
    identity_notes = _text(
        "Documents seen",
        help_text="For example, passport and a bank statement",
        max_length=500,
    )


class RiskForm(forms.Form):
    risk_assessed_on = date_input("Date of the risk assessment")
    risk_level = _radios("Level of risk to the person at risk", RiskLevel.choices)
    risk_notes = _text("What the assessment found", long=True)


class AgencyChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, agency: Agency) -> str:
        return agency.name


class ChecksForm(forms.Form):
    agencies = AgencyChoice(
        label="Agencies to ask",
        help_text="Each is asked what it holds about the person asked about. They never see "
        "who applied.",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agencies


class ReplyForm(forms.Form):
    reply = _radios("What does your agency hold?", CheckReply.choices)
    information = _text(
        "What your agency holds",
        help_text="Only what bears on the risk the person asked about poses to others",
        long=True,
    )


class DecisionForm(forms.Form):
    decision = _radios("The decision", Decision.choices)
    decision_reasons = _text("Reasons for the decision", long=True)
    decided_by = _text(
        "Who took the decision",
        help_text="The agencies and roles at the meeting, for example police, IDVA service, "
        "probation",
        max_length=500,
    )
    decision_on = date_input("Date of the decision")


class DisclosureForm(forms.Form):
    disclosed_on = date_input("Date of the disclosure")
    disclosed_to = _radios("Who was told?", DisclosedTo.choices)
    disclosed_to_name = _text("Name of the person told", max_length=200)
    safety_plan = _text("Safety plan made with the person told", long=True)
    service_offered = forms.BooleanField(
        label="A specialist domestic abuse service was offered", required=False
    )
    service_offered_name = _text("Service offered", max_length=200)


class LinkForm(forms.Form):
    which = _radios(
        "Whose record is it?",
        [("subject", "The person asked about"), ("at_risk", "The person at risk")],
    )
    person_id = forms.IntegerField(
        label="Record number",
        help_text="The number on the person's record in OneStory",
        required=False,
        min_value=1,
        error_messages={"invalid": "Enter the record number in figures"},
    )
