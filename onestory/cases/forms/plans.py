"""Needs, the support plan and the safety plan."""

from __future__ import annotations

from django import forms

from onestory.cases.choices import GoalStatus, HardeningMeasure, NeedArea, NeedLevel
from onestory.cases.forms.common import (
    WorkerChoiceField,
    case_workers,
    date_field,
    text_area,
)


class NeedsForm(forms.Form):
    """A level for each area of need; "Not asked" leaves it blank."""

    assessed_on = date_field(
        "Date of the assessment", help_text="Leave blank for today.", past_only=True
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for area in NeedArea:
            self.fields[area.value] = forms.ChoiceField(
                label=area.label,
                choices=NeedLevel.choices,
                required=False,
                error_messages={"invalid_choice": "Choose a level from the list"},
            )
        self.fields["notes"] = text_area("Anything else about their needs", required=False)

    def levels(self) -> dict[str, str]:
        return {area.value: self.cleaned_data.get(area.value) or "" for area in NeedArea}

    def clean(self) -> dict:
        data = super().clean()
        if not self.errors and not any(self.levels().values()):
            raise forms.ValidationError("Give a level for at least one area of need")
        return data


class GoalForm(forms.Form):
    description = text_area(
        "The goal, in the person's words where you can",
        rows=3,
        error_messages={"required": "Describe the goal"},
    )
    agreed_on = date_field("Date agreed with the person", required=True, past_only=True)


class GoalStatusForm(forms.Form):
    status = forms.ChoiceField(choices=GoalStatus.choices, widget=forms.RadioSelect)


class PlanActionForm(forms.Form):
    description = text_area(
        "What will be done", rows=3, error_messages={"required": "Say what will be done"}
    )
    owner_worker = WorkerChoiceField(
        label="Who will do it",
        queryset=None,
        required=False,
        empty_label="Someone else (name them below)",
    )
    owner_other = forms.CharField(
        label="Someone else",
        required=False,
        max_length=200,
        help_text="For example, the person themselves, or the housing officer",
    )
    due_on = date_field("Due by", required=True)

    def __init__(self, *args, agency, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_worker"].queryset = case_workers(agency)

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("owner_worker") and not (data.get("owner_other") or "").strip():
            self.add_error(
                "owner_worker",
                "Say who will do this: choose a worker, or name someone else, such as the person",
            )
        return data


class SafetyPlanForm(forms.Form):
    safe_contacts = text_area(
        "Safe contacts",
        required=False,
        help_text="People the person can turn to in an emergency, and how to reach them.",
    )
    escape_plan = text_area(
        "Escape plan",
        required=False,
        help_text="How they would leave in a hurry: where to go, what to take, who helps.",
    )
    code_word = forms.CharField(
        label="Code word",
        required=False,
        max_length=60,
        help_text="A word that tells family, friends or neighbours to call for help.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "autocomplete": "off"}),
    )
    notes = text_area("Anything else in the plan", required=False)


class HardeningForm(forms.Form):
    measure = forms.ChoiceField(
        label="What is needed",
        choices=HardeningMeasure.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what is needed"},
    )
    details = forms.CharField(label="Details", required=False, max_length=300)
    requested_on = date_field("Date asked for", help_text="Leave blank for today.", past_only=True)


class HardeningFittedForm(forms.Form):
    fitted_on = date_field("Date fitted", help_text="Leave blank for today.", past_only=True)
