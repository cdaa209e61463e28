"""The call handler's phone intake screen: the referral, and which person it is about."""

from __future__ import annotations

from django import forms

from onestory.access.policy import visible_persons
from onestory.intake.forms.fields import GovukDateField
from onestory.intake.forms.referral import (
    CONTACT_FIELDS,
    PERSON_FIELDS,
    SUPPORT_FIELDS,
    ReferralQuestions,
    referrer_fields,
    urgency_field,
)
from onestory.intake.forms.wording import SOURCE_LABELS

NEW_PERSON = "new"


class PhoneReferralForm(ReferralQuestions):
    voice = "staff"
    sections = [
        (
            "Who is calling",
            [
                "source",
                "referrer_name",
                "referrer_relationship",
                "referrer_agency",
                "referrer_agency_kind",
                "referrer_role",
                "referrer_phone",
                "referrer_email",
            ],
        ),
        ("The person the call is about", PERSON_FIELDS),
        ("What is happening", ["story", "urgency"]),
        ("Contacting them safely", CONTACT_FIELDS),
        ("Sharing and support", SUPPORT_FIELDS),
    ]

    source = forms.ChoiceField(
        label="Who is calling?",
        choices=list(SOURCE_LABELS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Select who is calling"},
    )
    link = forms.CharField(required=False, label="Link to a person")  # radios in the template

    def __init__(self, *args, user, may_link: bool = True, **kwargs) -> None:
        self.user, self.may_link = user, may_link
        super().__init__(*args, **kwargs)
        labels = {
            "referrer_name": "Caller's name (if not the person)",
            "referrer_relationship": "Caller's relationship to the person (family or friend)",
            "referrer_agency": "Caller's organisation (professional)",
            "referrer_agency_kind": "Kind of organisation (professional)",
            "referrer_role": "Caller's role (professional)",
            "referrer_phone": "Caller's phone number (if not the person)",
            "referrer_email": "Caller's email address (if not the person)",
        }
        for name, field in referrer_fields().items():
            field.label = labels[name]
            self.fields[name] = field
        self.fields["urgency"] = urgency_field()
        self.order_fields([name for _heading, names in self.sections for name in names])

    def clean_link(self):
        """Which person to link: "" for none yet, "new" to create one, or a visible person."""
        value = (self.cleaned_data.get("link") or "").strip()
        if value and not self.may_link:
            raise forms.ValidationError(
                "Leave the person for the front door to find or create: it holds the referral"
            )
        if value in ("", NEW_PERSON):
            return value
        person = visible_persons(self.user).filter(pk=value).first() if value.isdigit() else None
        if person is None:
            raise forms.ValidationError("Choose one of the people listed, or create a new person")
        return person

    def answers(self) -> dict:
        answers = super().answers()
        answers.pop("link", None)
        return answers


class CandidateSearchForm(forms.Form):
    """The few answers the search for people already known needs; others may be unfinished."""

    given_name = forms.CharField(max_length=100, required=False)
    family_name = forms.CharField(max_length=100, required=False)
    date_of_birth = GovukDateField(label="Date of birth", required=False)
    postcode = forms.CharField(max_length=10, required=False)

    def search_terms(self) -> dict | None:
        """The terms to search with, or None when there is not enough to search on."""
        if not self.is_valid():
            data = {k: v for k, v in self.cleaned_data.items() if k != "date_of_birth"}
        else:
            data = dict(self.cleaned_data)
        name = " ".join(
            part.strip()
            for part in (data.get("given_name", ""), data.get("family_name", ""))
            if part
        ).strip()
        if len(name) < 2:
            return None
        return {
            "name": name,
            "date_of_birth": data.get("date_of_birth"),
            "postcode": (data.get("postcode") or "").strip(),
        }
