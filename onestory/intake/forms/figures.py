"""The date range for the front-door figures."""

from __future__ import annotations

from django import forms

from onestory.intake.forms.fields import GovukDateField


class DateRangeForm(forms.Form):
    start = GovukDateField(
        label="From",
        required=True,
        help_text="For example, 1 4 2026.",
    )
    end = GovukDateField(
        label="To",
        required=True,
        help_text="For example, 30 6 2026. The figures include this day.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["start"].error_messages["required"] = "Enter the date the figures start from"
        self.fields["end"].error_messages["required"] = "Enter the date the figures run to"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "The end date must be the same as or after the start date")
        return cleaned
