from __future__ import annotations

from django import forms

CONFIRM, REJECT = "confirm", "reject"


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Are these records the same person?",
        choices=[
            (CONFIRM, "Yes, they are the same person: link them"),
            (REJECT, "No, they are different people: never suggest this pair again"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether these records are the same person"},
    )
    reason = forms.CharField(
        label="Why (optional)",
        help_text="For example, what you checked. Do not write an address here.",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
