"""The person's ratings of the partnership's outcomes."""

from __future__ import annotations

from django import forms

from onestory.cases.choices import AbuseStatus, OutcomeStage
from onestory.cases.forms.common import date_field, text_area
from onestory.cases.models.outcomes import ABUSE_FIELDS, SCORE_FIELDS
from onestory.cases.outcomes import (
    ABUSE_KINDS,
    OUTCOMES,
    SCALE_HIGH,
    SCALE_LOW,
    SCALE_WORDS,
)

SCORE_CHOICES = [("", "Not asked")] + [
    (str(n), f"{n}: {SCALE_WORDS[n]}") for n in range(SCALE_LOW, SCALE_HIGH + 1)
]
SCALE_MESSAGE = f"Choose a score from {SCALE_LOW} to {SCALE_HIGH}, or not asked"


class OutcomesForm(forms.Form):
    stage = forms.ChoiceField(
        label="When were these ratings given?",
        choices=OutcomeStage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select when the ratings were given"},
    )
    recorded_on = date_field("Date asked", help_text="Leave blank for today.", past_only=True)

    def __init__(self, *args, behaviour: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for key, label in OUTCOMES:
            if key == "behaviour" and not behaviour:
                continue
            self.fields[SCORE_FIELDS[key]] = forms.TypedChoiceField(
                label=label,
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                error_messages={"invalid_choice": SCALE_MESSAGE},
            )
        for key, label in ABUSE_KINDS:
            self.fields[ABUSE_FIELDS[key]] = forms.ChoiceField(
                label=label,
                choices=AbuseStatus.choices,
                required=False,
                error_messages={"invalid_choice": "Choose an answer from the list"},
            )
        self.fields["notes"] = text_area(
            "Anything the person said about how things have changed", required=False
        )

    def scores(self) -> dict[str, int | None]:
        return {
            key: self.cleaned_data.get(SCORE_FIELDS[key])
            for key, _ in OUTCOMES
            if SCORE_FIELDS[key] in self.fields
        }

    def abuse(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(ABUSE_FIELDS[key]) or "" for key, _ in ABUSE_KINDS}
