"""Forms for risk: the DASH checklist, the further screens, incidents and the settings."""

from __future__ import annotations

from django import forms

from onestory.core.date_input import date_input
from onestory.risk.dash import (
    ANSWER_LABELS,
    QUESTIONS,
    AnswerError,
    NothingAnswered,
    check_something_answered,
    normalise_answers,
)
from onestory.risk.models import IncidentKind, RiskSettings
from onestory.risk.screens import Screen

ANSWER_CHOICES = [(answer.value, label) for answer, label in ANSWER_LABELS.items()]


class DashForm(forms.Form):
    """The 24 DASH questions, each with an optional detail box. Unanswered means not known."""

    incident_on = date_input(
        "Date of the incident this assessment follows",
        help_text="For example, 27 3 2026. Leave blank for today.",
        past_only=True,
    )

    def __init__(self, *args, children=None, perpetrators=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[f"q{question.number}"] = forms.ChoiceField(
                label=f"{question.number}. {question.text}",
                choices=ANSWER_CHOICES,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"q{question.number}_detail"] = forms.CharField(
                label=f"Details for question {question.number} (optional)",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["narrative"] = forms.CharField(
            label="What happened, in the person's own words where you can",
            required=False,
            widget=forms.Textarea(attrs={"rows": 5}),
        )
        self.fields["incidents_known_elsewhere_12m"] = forms.IntegerField(
            label="Incidents in the last 12 months known from other sources",
            help_text="For example police call-outs not yet recorded here. OneStory adds the "
            "incidents it already holds.",
            min_value=0,
            max_value=500,
            initial=0,
            error_messages={"min_value": "Enter 0 or more.", "invalid": "Enter a whole number."},
        )
        self.fields["judgement_refer"] = forms.BooleanField(
            label="Refer to MARAC on professional judgement",
            required=False,
        )
        self.fields["judgement_reason"] = forms.CharField(
            label="Reason for your professional judgement",
            help_text="Required if you refer on professional judgement.",
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
        if perpetrators is not None:
            self.fields["perpetrators"] = forms.ModelMultipleChoiceField(
                label="The person or people using harm (optional)",
                help_text="People connected to this person on their record. OneStory checks "
                "whether this is a repeat MARAC case: a further incident with one of the same "
                "people within 12 months of their last MARAC referral.",
                queryset=perpetrators,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.fields["perpetrators"].label_from_instance = lambda person: person.display_name
        if children is not None:
            self.fields["children"] = forms.ModelMultipleChoiceField(
                label="Children in the household",
                queryset=children,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("judgement_refer") and not (cleaned.get("judgement_reason") or "").strip():
            self.add_error(
                "judgement_reason",
                "Give the reason for referring to MARAC on professional judgement.",
            )
        try:
            check_something_answered(normalise_answers(self.answers()))
        except NothingAnswered as nothing:
            self.add_error("q1", str(nothing))
        except AnswerError:  # the radios only offer known answers
            self.add_error("q1", "Answer each question yes, no or not known.")
        return cleaned

    def question_rows(self):
        return [
            (question, self[f"q{question.number}"], self[f"q{question.number}_detail"])
            for question in QUESTIONS
        ]

    def answers(self) -> dict[int, str]:
        return {q.number: self.cleaned_data.get(f"q{q.number}") or "" for q in QUESTIONS}

    def details(self) -> dict[int, str]:
        return {q.number: self.cleaned_data.get(f"q{q.number}_detail") or "" for q in QUESTIONS}


class DeclinedForm(forms.Form):
    note = forms.CharField(
        label="Anything to note (optional)",
        help_text="For example, what they said about why. Do not press for a reason.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ScreenForm(forms.Form):
    def __init__(self, *args, screen: Screen, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.screen = screen
        for number, text in enumerate(screen.questions, start=1):
            self.fields[f"s{number}"] = forms.ChoiceField(
                label=f"{number}. {text}",
                choices=ANSWER_CHOICES,
                widget=forms.RadioSelect,
                required=False,
            )
        self.fields["notes"] = forms.CharField(
            label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
        )

    def answers(self) -> dict[int, str]:
        return {
            number: self.cleaned_data.get(f"s{number}") or ""
            for number in range(1, len(self.screen.questions) + 1)
        }


class IncidentForm(forms.Form):
    occurred_on = date_input(
        "Date of the incident",
        required=True,
        past_only=True,
        missing="Enter the date of the incident",
    )
    kind = forms.ChoiceField(
        label="How it came to light",
        choices=IncidentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the incident came to light."},
    )
    summary = forms.CharField(
        label="What happened (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class RiskSettingsForm(forms.ModelForm):
    class Meta:
        model = RiskSettings
        fields = ["medium_from", "high_from", "escalation_threshold"]
        labels = {
            "medium_from": "Medium risk from this many yes answers",
            "high_from": "High risk from this many yes answers",
            "escalation_threshold": "Potential escalation from this many incidents in 12 months",
        }
        help_texts = {
            "high_from": "This only labels scores. Visible high risk for MARAC is always 14 or "
            "more yes answers, the national threshold, whatever the bands say.",
            "escalation_threshold": "The usual threshold is 3 incidents in 12 months.",
        }

    def clean(self):
        cleaned = super().clean()
        medium, high = cleaned.get("medium_from"), cleaned.get("high_from")
        if medium is not None and high is not None and medium >= high:
            self.add_error("high_from", "High risk must start above medium risk.")
        return cleaned
