"""Forms for MARAC pages. The rules themselves live in ``marac.rules`` and the actions;
forms only read the answers and show the actions' messages next to their fields."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from onestory.accounts.models import Agency, AgencyKind, Area
from onestory.core.date_input import date_input
from onestory.core.formats import govuk_date, govuk_time
from onestory.core.forms import add_refusal
from onestory.marac.models import ActionStatus, Marac, Meeting
from onestory.marac.quarterly import parse_quarter, recent_quarters
from onestory.people.models import Person


def show_errors(form: forms.Form, error: ValidationError) -> None:
    """An action's refusal on a MARAC form, whose messages end with a full stop."""
    add_refusal(form, error, full_stop=True)


class PersonChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person: Person) -> str:
        born = f", born {person.date_of_birth:%d/%m/%Y}" if person.date_of_birth else ""
        return f"{person.display_name}{born}"


def _date(label: str, *, required: bool = True, missing: str = "Enter a date", **kwargs):
    return date_input(label, required=required, missing=missing, **kwargs)


def _text(label: str, *, rows: int = 4, required: bool = False, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


class ReferralForm(forms.Form):
    # A referral meeting no criterion is put right by giving professional judgement.
    error_fields = {"criteria": "judgement"}

    marac = forms.ModelChoiceField(
        label="MARAC",
        queryset=Marac.objects.none(),
        required=False,
        empty_label="Select a MARAC",
    )

    def __init__(
        self, *args, perpetrators: QuerySet[Person], children: QuerySet[Person], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["marac"].queryset = Marac.objects.filter(is_active=True)
        self.fields["perpetrators"] = PersonChoice(
            label="The person or people using harm",
            help_text="People connected to this person on their record.",
            queryset=perpetrators,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["children"] = PersonChoice(
            label="Children in the household",
            help_text="Leave unticked if there are none.",
            queryset=children,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["children_in_household"] = forms.IntegerField(
            label="How many children live in the household?",
            help_text="Count every child, including any not recorded here. Leave blank if "
            "you do not know: the children ticked above are counted.",
            required=False,
            min_value=0,
            max_value=30,
            widget=forms.NumberInput(attrs={"class": "govuk-input--width-2"}),
            error_messages={
                "invalid": "Enter the number of children as a number, like 2",
                "min_value": "The number of children must be 0 or more",
                "max_value": "The number of children must be 30 or fewer",
            },
        )
        self.fields["reason"] = _text("What has happened, and why this case needs MARAC", rows=6)
        self.fields["judgement"] = forms.BooleanField(
            label="I am also referring on my professional judgement", required=False
        )
        self.fields["judgement_reason"] = _text(
            "Reason for your professional judgement",
            rows=3,
            help_text="Needed if you refer on professional judgement.",
        )


class ListForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label="Meeting",
        queryset=Meeting.objects.none(),
        widget=forms.RadioSelect,
        error_messages={"required": "Select the meeting to list this case for"},
    )

    def __init__(self, *args, meetings: QuerySet[Meeting], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: (
            f"{govuk_date(m.meets_on)} at {govuk_time(m.starts_at)}"
            + (f", {m.venue}" if m.venue else "")
        )


class ReasonForm(forms.Form):
    reason = _text("Why this referral is not going to MARAC", required=False)


class CloseForm(forms.Form):
    note = _text("Closing note (optional)", rows=3)


class FlagForm(forms.Form):
    note = _text("What you have done about this repeat", rows=3)


def _member_choices() -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True).exclude(kind=AgencyKind.COMMISSIONER)


class MaracForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200, required=False)
    area = forms.ModelChoiceField(
        label="Area it covers", queryset=Area.objects.none(), required=False
    )
    members = forms.ModelMultipleChoiceField(
        label="Member agencies",
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.exclude(level="ward")
        self.fields["members"].queryset = _member_choices()


class MembersForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        label="Member agencies",
        queryset=Agency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = _member_choices()


class MeetingForm(forms.Form):
    meets_on = _date("Date", missing="Enter the date of the meeting")
    starts_at = forms.TimeField(
        label="Start time",
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"required": "Enter the start time", "invalid": "Enter a real time"},
    )
    venue = forms.CharField(
        label="Where (optional)",
        required=False,
        max_length=200,
        help_text="A meeting room or 'Online'. Never a person's address.",
    )


class ResearchForm(forms.Form):
    known = _text("What your agency knows about the people in this case", rows=6)
    risks = _text("Risks your agency sees (optional)", rows=4)
    doing = _text("What your agency is doing (optional)", rows=4)


class DiscussionForm(forms.Form):
    discussion = _text("What the meeting discussed", rows=8)


class ActionForm(forms.Form):
    owning_agency = forms.ModelChoiceField(
        label="Agency that owns the action",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="Select an agency",
    )
    description = _text("What needs to be done", rows=3)
    due_on = _date("Due by", required=False)

    def __init__(self, *args, owners: QuerySet[Agency], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owning_agency"].queryset = owners


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the action's status"},
    )
    note = _text("Progress update (optional)", rows=3)

    def __init__(self, *args, may_move_date: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if may_move_date:
            self.fields["due_on"] = _date("Due by", required=False)


class QuarterlyForm(forms.Form):
    marac = forms.ModelChoiceField(
        label="MARAC",
        queryset=Marac.objects.none(),
        error_messages={"required": "Select a MARAC", "invalid_choice": "Select a MARAC"},
    )
    quarter = forms.ChoiceField(
        label="Quarter",
        error_messages={"required": "Select a quarter", "invalid_choice": "Select a quarter"},
    )

    def __init__(self, *args, today, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["marac"].queryset = Marac.objects.all()
        quarters = recent_quarters(today, 12)
        asked = (self.data.get("quarter") or "") if self.is_bound else ""
        try:
            wanted = parse_quarter(asked)
        except ValueError:
            wanted = None
        if wanted is not None and wanted not in quarters:
            quarters.append(wanted)  # an older quarter asked for by its code
        self.fields["quarter"].choices = [(q.code, q.title) for q in quarters]

    def clean_quarter(self):
        return parse_quarter(self.cleaned_data["quarter"])
