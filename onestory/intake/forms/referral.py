"""The questions every way into the front door asks, worded for whoever is answering.

Field names match the referral's, so ``answers()`` hands them straight to
``actions.submit_referral``. Each form lays its fields out in sections (``sections``),
and the rules that need several answers at once run in ``clean``.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onestory.accounts.models import Area, AreaLevel
from onestory.intake import rules
from onestory.intake.actions import consent_answers
from onestory.intake.choices import (
    Gender,
    ProfessionalKind,
    Service,
    Urgency,
    YesNoUnknown,
)
from onestory.intake.forms.fields import GovukDateField, YesNoField
from onestory.intake.forms.wording import HINTS, LABELS

PERSON_FIELDS = [
    "given_name",
    "family_name",
    "other_names",
    "date_of_birth",
    "approximate_age",
    "gender",
    "postcode",
    "area",
    "children_in_household",
    "children_count",
    "children",
]
CONTACT_FIELDS = [
    "phone",
    "safe_to_call",
    "voicemail_allowed",
    "safe_to_text",
    "safe_times",
    "email",
    "safe_to_email",
    "safe_word",
    "contact_only_through_professional",
    "professional_contact",
]
SUPPORT_FIELDS = ["consent", "interpreter_needed", "interpreter_language"]


def area_choices():
    return Area.objects.filter(level__in=[AreaLevel.LOCAL_AUTHORITY, AreaLevel.DISTRICT]).order_by(
        "name"
    )


class ReferralQuestions(forms.Form):
    """The questions about the person, contact and consent, shared by every way in."""

    voice = "staff"
    sections: list[tuple[str, list[str]]] = []

    given_name = forms.CharField(max_length=100)
    family_name = forms.CharField(max_length=100, required=False)
    other_names = forms.CharField(max_length=200, required=False)
    date_of_birth = GovukDateField(label="Date of birth", required=False)
    approximate_age = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=rules.OLDEST_AGE,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "invalid": _("Enter the age as a number, like 34"),
            "min_value": _("The age must be 0 or more"),
            "max_value": f"The age must be {rules.OLDEST_AGE} or less",
        },
    )
    gender = forms.ChoiceField(choices=Gender.choices, required=False, widget=forms.RadioSelect)
    postcode = forms.CharField(
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}),
    )
    area = forms.ModelChoiceField(
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("Not known or would rather not say"),
        error_messages={"invalid_choice": _("Select an area from the list")},
    )
    children_in_household = forms.ChoiceField(
        choices=YesNoUnknown.choices, required=False, widget=forms.RadioSelect
    )
    children_count = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=30,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "invalid": _("Enter the number of children as a number, like 2"),
            "min_value": _("The number of children must be 0 or more"),
            "max_value": _("The number of children must be 30 or fewer"),
        },
    )
    children = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    story = forms.CharField(
        required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 6})
    )

    phone = forms.CharField(
        max_length=30,
        required=False,
        widget=forms.TextInput(
            attrs={"type": "tel", "autocomplete": "off", "class": "govuk-input--width-20"}
        ),
    )
    safe_to_call = YesNoField()
    voicemail_allowed = YesNoField()
    safe_to_text = YesNoField()
    safe_times = forms.CharField(max_length=300, required=False)
    email = forms.EmailField(
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "invalid": _("Enter an email address in the right format, like name@example.com")
        },
    )
    safe_to_email = YesNoField()
    safe_word = forms.CharField(max_length=100, required=False)
    contact_only_through_professional = forms.BooleanField(required=False)
    professional_contact = forms.CharField(max_length=300, required=False)

    consent = forms.MultipleChoiceField(
        choices=Service.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    interpreter_needed = YesNoField()
    interpreter_language = forms.CharField(max_length=100, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, labels in LABELS.items():
            if name in self.fields:
                self.fields[name].label = labels[self.voice]
        for name, hint in HINTS.items():
            if name in self.fields and not self.fields[name].help_text:
                self.fields[name].help_text = hint
        if self.voice != "self":
            self.fields[
                "safe_word"
            ].help_text = "We will say it at the start of a call, so they know it is us."
        self.fields["given_name"].error_messages["required"] = self.missing_name_message()
        areas = area_choices()
        if areas.exists():
            self.fields["area"].queryset = areas
            # The public read place names; official area codes mean nothing to them.
            self.fields["area"].label_from_instance = lambda area: area.name
        else:
            del self.fields["area"]
        self.order_fields([name for _heading, names in self.sections for name in names])

    def missing_name_message(self) -> str:
        return {
            "self": _("Enter your first name, or a name we can use"),
            "other": "Enter their first name, or the name they use",
        }.get(self.voice, "Enter their first name, or the name they use")

    def layout(self) -> list[tuple[str, list]]:
        """The sections to show, with their bound fields, in order."""
        return [
            (heading, [self[name] for name in names if name in self.fields])
            for heading, names in self.sections
        ]

    def clean_postcode(self) -> str:
        raw = self.cleaned_data.get("postcode", "")
        if not raw.strip():
            return ""
        postcode = rules.normalise_postcode(raw)
        if postcode is None:
            raise forms.ValidationError(_("Enter a real postcode, like NE1 4AB"))
        return postcode

    def clean_children(self) -> list[dict]:
        children, problem = rules.children_from_text(self.cleaned_data.get("children", ""))
        if problem:
            raise forms.ValidationError(problem)
        return children

    def clean_date_of_birth(self):
        born = self.cleaned_data.get("date_of_birth")
        if born is not None:
            problem = rules.date_of_birth_problem(born, timezone.localdate())
            if problem:
                raise forms.ValidationError(problem)
        return born

    def fixed_answers(self) -> dict:
        """Answers this form sets without asking (the source, for a public form)."""
        return {}

    def clean(self):
        cleaned = super().clean()
        values = {**self._answers_from(cleaned, unanswered=None), **self.fixed_answers()}
        for field, message in rules.referral_problems(values, today=timezone.localdate()).items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
            elif field not in self.fields:
                self.add_error(None, message)
        return cleaned

    def _answers_from(self, cleaned: dict, *, unanswered: bool | None = False) -> dict:
        answers = {}
        for name in self.fields:
            if name == "consent":
                answers |= consent_answers(cleaned.get("consent") or [])
            elif name in cleaned:
                value = cleaned[name]
                if isinstance(self.fields[name], YesNoField) and value is None:
                    value = unanswered
                answers[name] = value
        if "children_in_household" in answers and not answers["children_in_household"]:
            answers["children_in_household"] = YesNoUnknown.NOT_KNOWN
        if "gender" in answers and answers["gender"] is None:
            answers["gender"] = ""
        return answers

    def answers(self) -> dict:
        """The cleaned answers, ready for ``actions.submit_referral``."""
        return {**self._answers_from(self.cleaned_data), **self.fixed_answers()}


def referrer_fields() -> dict[str, forms.Field]:
    """The questions about whoever is telling us, when it is not the person themselves."""
    return {
        "referrer_name": forms.CharField(max_length=200, required=False),
        "referrer_relationship": forms.CharField(max_length=100, required=False),
        "referrer_agency": forms.CharField(max_length=200, required=False),
        "referrer_agency_kind": forms.ChoiceField(
            choices=[("", "Select the kind of organisation"), *ProfessionalKind.choices],
            required=False,
            error_messages={"invalid_choice": "Select the kind of organisation from the list"},
        ),
        "referrer_role": forms.CharField(max_length=200, required=False),
        "referrer_phone": forms.CharField(
            max_length=30,
            required=False,
            widget=forms.TextInput(attrs={"type": "tel", "class": "govuk-input--width-20"}),
        ),
        "referrer_email": forms.EmailField(
            required=False,
            widget=forms.EmailInput(attrs={"spellcheck": "false"}),
            error_messages={
                "invalid": "Enter an email address in the right format, like name@example.com"
            },
        ),
    }


def urgency_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="How urgent is this?",
        choices=Urgency.choices,
        initial=Urgency.STANDARD,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how urgent this is"},
    )
