"""Forms for routing and onward referrals.

The forms check what a form can (shape, required answers); the actions and the rules in
``onestory.referrals.rules`` check the rest, and their refusals are shown against the fields.
"""

from __future__ import annotations

import secrets

from django import forms

from onestory.accounts.models import Area, AreaLevel, User
from onestory.accounts.roles import ROLES, Permission
from onestory.directory.choices import NEED_CHOICES
from onestory.referrals.choices import Basis, Consent, DeclineReason


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, area: Area) -> str:
        if area.level == AreaLevel.WARD and area.parent is not None:
            return f"{area.name} ({area.parent.name})"
        return area.name


def needs_field(label: str, help_text: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        required=False,
        choices=NEED_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        error_messages={"invalid_choice": "Choose their needs from the list"},
    )


class RoutingForm(forms.Form):
    """What to match services against, filled in from the record and changeable by the worker."""

    area = AreaChoiceField(
        label="Where they live",
        required=False,
        queryset=Area.objects.none(),
        empty_label="Not known",
        help_text="Change this if they have moved or are about to.",
        error_messages={"invalid_choice": "Choose an area from the list"},
    )
    needs = needs_field("What support do they need?", "Select all that apply.")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.select_related("parent").order_by(
            "level", "name"
        )


class SendForm(forms.Form):
    """An onward referral. Where the front door recorded consent for this kind of service,
    the consent question gives way to that answer (see ``__init__``)."""

    submission_token = forms.CharField(widget=forms.HiddenInput, required=False)
    needs = needs_field(
        "What support do they need?",
        "Select all that apply. The service sees these with the referral.",
    )
    reason = forms.CharField(
        label="Why are you referring them to this service?",
        help_text="Say what you hope the service can do. The service also sees the story as "
        "the person told it, their risk assessments and their safe-contact preferences, so "
        "there is no need to repeat them.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Say why you are referring them"},
    )
    work_done = forms.CharField(
        label="What has been done so far (optional)",
        required=False,
        help_text="For example, safety advice given, or a police report made.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    consent = forms.ChoiceField(
        label="Did they agree to this referral?",
        choices=Consent.choices,
        widget=forms.RadioSelect,
        initial=Consent.NOT_ASKED,
        error_messages={"required": "Select whether they agreed to this referral"},
    )
    consent_note = forms.CharField(
        label="When and how did they agree? (if they agreed)",
        required=False,
        max_length=500,
        help_text="For example, on the phone with me on 3 May.",
    )
    basis = forms.ChoiceField(
        label="Lawful basis for sending their details",
        choices=Basis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the lawful basis for this referral"},
    )
    basis_reason = forms.CharField(
        label="Why must they be referred without their agreement? (if not on consent)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    keep_location_secret = forms.BooleanField(
        label="If what I wrote holds an address, keep it location-secret",
        required=False,
        help_text="Only staff who may know where the person is will read it. Better still, "
        "take the address out: a new address goes on the address form.",
    )
    close_front_door_referral = forms.BooleanField(
        label="Close the front-door referral as referred on",
        required=False,
        initial=True,
    )

    def __init__(
        self, *args, may_close: bool = False, consent_on_file: bool = False, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        if not may_close:
            del self.fields["close_front_door_referral"]
        if consent_on_file:
            # The front door already has their answer: the form asks only whether it changed,
            # so it never shows a second answer that disagrees with the first.
            del self.fields["consent"]
            del self.fields["consent_note"]
            self.fields["consent_withdrawn"] = forms.BooleanField(
                label="They have told us since that they do not agree to this referral",
                required=False,
                help_text="Only tick this if they have changed their mind. The referral can "
                "then go only on another lawful basis, with the reason.",
            )
            self.order_fields(["submission_token", "needs", "reason", "work_done"])
        if not self.is_bound:
            self.initial.setdefault("submission_token", secrets.token_urlsafe(24))

    def consent_answers(self) -> dict[str, str]:
        """``consent`` and ``consent_note`` for the action, as asked or as on file."""
        data = self.cleaned_data
        if "consent_withdrawn" in self.fields:
            if data.get("consent_withdrawn"):
                return {"consent": Consent.REFUSED, "consent_note": ""}
            return {"consent": Consent.NOT_ASKED, "consent_note": ""}
        return {"consent": data["consent"], "consent_note": data["consent_note"]}


def case_worker_roles() -> list[str]:
    """Roles that may lead a case: those that work cases, or take referrals before then."""
    permission = getattr(Permission, "WORK_CASES", Permission.TAKE_REFERRAL)
    return [name for name, role in ROLES.items() if permission in role.permissions]


class AcceptForm(forms.Form):
    lead_worker = forms.ModelChoiceField(
        label="Lead worker (optional)",
        required=False,
        queryset=User.objects.none(),
        empty_label="Choose later",
        error_messages={"invalid_choice": "Choose a worker from your own agency"},
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, agency_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_worker"].queryset = User.objects.filter(
            agency_id=agency_id, is_active=True, role__in=case_worker_roles()
        ).order_by("first_name", "last_name", "username")
        self.fields["lead_worker"].label_from_instance = lambda user: (
            user.get_full_name() or user.username
        )


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why can you not take them on?",
        choices=DeclineReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why you are declining this referral"},
    )
    note = forms.CharField(
        label="More about why (needed for another reason)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label="Why are you withdrawing this referral?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why you are withdrawing this referral"},
    )


class CompleteForm(forms.Form):
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
