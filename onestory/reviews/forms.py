"""Forms for the review pages; the rules run in ``reviews.actions``."""

from __future__ import annotations

from django import forms

from onestory.accounts.models import Agency
from onestory.core.date_input import date_input
from onestory.reviews.models import DeathKind, QualityOutcome, RecommendationStatus, ReviewDecision


class Radios(forms.RadioSelect):
    def id_for_label(self, id_, index=None):
        return super().id_for_label(id_, "0" if index is None else index)


def _radios(label: str, choices) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, widget=Radios, required=False)


def _text(label: str, *, help_text: str = "", long: bool = False, max_length: int | None = None):
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 4}) if long else forms.TextInput,
    )


class AgencyChoice(forms.ModelChoiceField):
    def label_from_instance(self, agency: Agency) -> str:
        return agency.name


class AgencyChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, agency: Agency) -> str:
        return agency.name


def _agencies():
    return Agency.objects.filter(is_active=True).order_by("name")


class NotificationForm(forms.Form):
    pseudonym = _text(
        "Pseudonym",
        help_text="How the review names the person who died outside the panel, like Adult A. "
        "Never their real name.",
        max_length=60,
    )
    death_kind = _radios("Kind of death", DeathKind.choices)
    died_on = date_input("Date of death")
    notified_on = date_input("Date the partnership was told")
    notified_by = _text("Who told the partnership", max_length=200)


class DecisionForm(forms.Form):
    decision = _radios("The decision", ReviewDecision.choices)
    decision_reasons = _text("Reasons", long=True)
    decision_on = date_input("Date of the decision")


class PanelForm(forms.Form):
    chair_name = _text("Independent chair", max_length=200)
    chair_independent = forms.BooleanField(
        label="The chair works for none of the agencies reviewed", required=False
    )
    panel = _text("Panel members", help_text="One a line: their agency and role", long=True)


class ChronologyForm(forms.Form):
    agencies = AgencyChoices(
        label="Agencies to ask for a chronology",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    due_on = date_input("Due by")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = _agencies()


class StagesForm(forms.Form):
    first_panel_on = date_input("First panel meeting")
    draft_on = date_input("Draft report finished")
    qa_submitted_on = date_input("Sent for quality assurance")
    qa_outcome = _radios("Quality assurance outcome", [("", "Not yet"), *QualityOutcome.choices])
    published_on = date_input("Published")


class RecommendationForm(forms.Form):
    text = _text("Recommendation", long=True)
    owner_agency = AgencyChoice(
        label="Owner agency", queryset=Agency.objects.none(), required=False
    )
    actions = _text("Actions agreed", long=True)
    due_on = date_input("Due by")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_agency"].queryset = _agencies()


class MoveForm(forms.Form):
    status = _radios("New status", RecommendationStatus.choices)
    evidence = _text("Evidence of completion", long=True)

    def __init__(self, *args, moves: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, label) for value, label in RecommendationStatus.choices if value in moves
        ]
