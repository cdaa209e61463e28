"""Opening a case, choosing its workers, and closing it."""

from __future__ import annotations

from django import forms

from onestory.cases.choices import ClosureReason, PersonRole
from onestory.cases.forms.common import (
    WorkerChoiceField,
    WorkersChoiceField,
    case_workers,
    date_field,
    text_area,
)


class WorkersForm(forms.Form):
    lead_worker = WorkerChoiceField(
        label="Lead worker",
        queryset=None,
        required=False,
        empty_label="Nobody yet",
        help_text="The worker responsible for the case.",
    )
    workers = WorkersChoiceField(
        label="Other workers",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Anyone else in your team working with the person.",
    )

    def __init__(self, *args, agency, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        workers = case_workers(agency)
        self.fields["lead_worker"].queryset = workers
        self.fields["workers"].queryset = workers


class OpenCaseForm(WorkersForm):
    person_role = forms.ChoiceField(
        label="The person is",
        choices=PersonRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the person is a victim, a child or using harm"},
    )
    summary = text_area(
        "What the person wants help with",
        required=False,
        help_text="Optional. Their story is already on their record: add only what is new.",
    )

    field_order = ["person_role", "summary", "lead_worker", "workers"]


class CloseCaseForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why is the case closing?",
        choices=ClosureReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why the case is closing"},
    )
    other_reason = forms.CharField(
        label="If it is another reason, say what it is",
        required=False,
        max_length=300,
    )
    follow_up_on = date_field(
        "Follow-up date",
        help_text="Optional. A date to check in with the person again. For example, 27/3/2026",
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("reason") == ClosureReason.OTHER and not data.get("other_reason", "").strip():
            self.add_error("other_reason", "Say why the case is closing")
        return data
