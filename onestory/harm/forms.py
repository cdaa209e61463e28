"""Forms for work with people who use harm. The rules are in ``rules`` and the actions; a
form only reads what was typed."""

from __future__ import annotations

from django import forms

from onestory.accounts.models import Agency, AgencyKind
from onestory.core.date_input import date_input
from onestory.harm.choices import (
    EndReason,
    EventKind,
    InterventionType,
    MemberRole,
    OrderKind,
    Readiness,
    RiskLevel,
    RiskStage,
    SessionStatus,
    Source,
    Status,
)


def _radio(label: str, choices, message: str, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )


class ReferralForm(forms.Form):
    given_name = forms.CharField(
        label="Given name", max_length=100, error_messages={"required": "Enter their given name"}
    )
    family_name = forms.CharField(label="Family name (optional)", max_length=100, required=False)
    date_of_birth = date_input("Date of birth (optional)", past_only=True)
    source = _radio("Who made the referral", Source.choices, "Select who made the referral")
    referring_agency = forms.ModelChoiceField(
        label="Referring agency (optional)",
        queryset=Agency.objects.exclude(kind=AgencyKind.PERPETRATOR_SERVICE).order_by("name"),
        required=False,
        empty_label="None (a self-referral)",
    )
    referred_on = date_input(
        "Date the referral was received",
        required=True,
        past_only=True,
        missing="Enter the date the referral was received",
    )
    reason = forms.CharField(
        label="Why they were referred (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the referrer told you about his behaviour. Never the victim's address.",
    )


class PartnerWorkerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.get_full_name()} ({obj.agency.name})"


class AssessmentForm(forms.Form):
    suitable = forms.TypedChoiceField(
        label="Are they suitable for an intervention?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether they are suitable",
            "invalid_choice": "Select whether they are suitable",
        },
    )
    readiness = _radio(
        "How ready are they to change?", Readiness.choices, "Select how ready they are to change"
    )
    assessed_on = date_input(
        "Date of the assessment", required=True, missing="Enter the date of the assessment"
    )
    risk_level = _radio(
        "The service's risk assessment at intake",
        RiskLevel.choices,
        "Select the level of risk they pose at intake",
    )
    intervention_type = forms.ChoiceField(
        label="Intervention they will start (if suitable)",
        choices=[("", "Not starting one"), *InterventionType.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    planned_weeks = forms.IntegerField(
        label="Planned length in weeks (optional)",
        required=False,
        min_value=1,
        max_value=104,
        help_text="A behaviour-change programme lasts at least 22 weeks.",
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3"}),
    )
    partner_worker = PartnerWorkerChoice(
        label="Linked partner-support worker (optional)",
        queryset=None,
        required=False,
        empty_label="The service's own partner-support worker",
        help_text=(
            "The victim's IDVA or outreach worker. If she has neither, leave this and the "
            "service's own partner-support worker is linked. They hear at once when the risk "
            "from him changes; nothing of hers is shown to you."
        ),
    )
    notes = forms.CharField(
        label="Assessment notes (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, workers=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from onestory.accounts.models import User

        self.fields["partner_worker"].queryset = User.objects.filter(
            pk__in=[w.pk for w in workers]
        ).select_related("agency")


class SessionForm(forms.Form):
    session_on = date_input(
        "Date of the session", required=True, missing="Enter the date of the session"
    )
    status = _radio(
        "The session was",
        SessionStatus.choices,
        "Select whether the session was offered, attended or missed",
    )
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RiskReviewForm(forms.Form):
    stage = _radio(
        "Stage",
        [c for c in RiskStage.choices if c[0] != RiskStage.INTAKE],
        "Select the stage of the assessment",
    )
    assessed_on = date_input(
        "Date of the assessment", required=True, missing="Enter the date of the assessment"
    )
    level = _radio("Level of risk", RiskLevel.choices, "Select the level of risk")
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RiskEventForm(forms.Form):
    kind = _radio(
        "What happened",
        [
            (k, label)
            for k, label in EventKind.choices
            if k
            in (
                EventKind.DISCLOSURE,
                EventKind.THREAT,
                EventKind.NEW_RELATIONSHIP,
                EventKind.DISENGAGEMENT,
            )
        ],
        "Select what happened",
    )
    occurred_on = date_input("When it happened", required=True, missing="Enter when it happened")
    notes = forms.CharField(
        label="What you know (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "Stays with your service: the partner-support worker is told only what kind "
            "of event and when."
        ),
    )


class EndForm(forms.Form):
    ending = _radio(
        "How the intervention ended",
        [
            (s, label)
            for s, label in Status.choices
            if s in (Status.COMPLETED, Status.DROPPED_OUT, Status.REMOVED)
        ],
        "Select how the intervention ended",
    )
    reason = forms.ChoiceField(
        label="Reason (for a drop-out or removal)",
        choices=[("", "Choose a reason"), *EndReason.choices],
        required=False,
    )
    ended_on = date_input("Date it ended", required=True, missing="Enter the date it ended")
    exit_level = _radio(
        "The service's risk assessment at exit",
        RiskLevel.choices,
        "Select the level of risk at exit",
    )
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ProtectedChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class OrderForm(forms.Form):
    kind = _radio(
        "Kind of order or notice", OrderKind.choices, "Select the kind of order or notice"
    )
    starts_on = date_input("Made on", required=True, missing="Enter the date it was made")
    ends_on = date_input("Ends on (optional)")
    conditions = forms.CharField(
        label="Conditions (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    electronic_monitoring = forms.BooleanField(label="Electronic monitoring", required=False)
    duty_to_notify = forms.BooleanField(
        label="Must tell the police of a new name or address within three days", required=False
    )
    protected = ProtectedChoice(
        label="People it protects (optional)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, protectable=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if protectable is None:
            del self.fields["protected"]
        else:
            self.fields["protected"].queryset = protectable


class BreachForm(forms.Form):
    occurred_on = date_input(
        "Date of the breach", required=True, missing="Enter the date of the breach"
    )
    notes = forms.CharField(
        label="What happened (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PeriodForm(forms.Form):
    start = date_input("From", required=True, missing="Enter the first day of the period")
    end = date_input("To", required=True, missing="Enter the last day of the period")

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The last day must be on or after the first day")
        return data


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class OpenFamilyForm(forms.Form):
    role = _radio("Their part in the family", MemberRole.choices, "Select their part in the family")
    safety_reason = forms.CharField(
        label="If they use harm: why it is safe to include them (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MemberForm(OpenFamilyForm):
    person = PersonChoice(
        label="Who",
        queryset=None,
        empty_label="Choose someone connected to the family",
        error_messages={
            "required": "Choose who to add",
            "invalid_choice": "Choose someone connected to the family",
        },
    )
    needs = forms.CharField(
        label="Their own needs (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    voice = forms.CharField(
        label="What they say, in their own words (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For a child, what they told you themselves.",
    )

    field_order = ["person", "role", "safety_reason", "needs", "voice"]

    def __init__(self, *args, candidates=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = candidates


class MemberChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.person.display_name} ({obj.get_role_display().lower()})"


class GoalForm(forms.Form):
    member = MemberChoice(
        label="Whose goal it is",
        queryset=None,
        empty_label="Choose a member of the family",
        error_messages={
            "required": "Choose a member of this family: the goal must belong to one",
            "invalid_choice": "Choose a member of this family: the goal must belong to one",
        },
    )
    description = forms.CharField(
        label="The goal",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Describe the goal"},
    )

    def __init__(self, *args, members=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members


class FamilyFilterForm(forms.Form):
    """The filters of the list of family cases. Anything else in the address is ignored."""

    led = forms.ChoiceField(
        label="Whose family cases",
        choices=[
            ("", "All you can see"),
            ("me", "Led by you"),
            ("agency", "Led by your agency"),
        ],
        required=False,
    )
    children = forms.ChoiceField(
        label="Children",
        choices=[("", "With or without children"), ("yes", "With children"), ("no", "No children")],
        required=False,
    )
