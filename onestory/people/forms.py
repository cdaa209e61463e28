"""Forms for a person's record: details, other names, safe contact, addresses, connections.

Forms check the shape of an answer; the actions check the record as a whole (with the
model's rules) and their refusals are shown against the fields here.
"""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from onestory.core.date_input import GovukDateField, date_input
from onestory.people.actions import DETAIL_ORDER
from onestory.people.connections import RelationshipKind
from onestory.people.models import (
    AddressKind,
    ContactKind,
    DisabilityKind,
    NameKind,
    Person,
)
from onestory.people.validators import validate_postcode

DATE_HINT = "For example, 27 3 1985"
WIDTH_10 = {"class": "govuk-input--width-10"}
WIDTH_20 = {"class": "govuk-input--width-20"}
NO_SPELLCHECK = {"spellcheck": "false", "autocomplete": "off"}


def date_field(
    label: str, *, help_text: str = DATE_HINT, required: bool = False, past_only: bool = False
) -> GovukDateField:
    """GOV.UK's date input; ``past_only`` for the date of something that has happened."""
    return date_input(label, required=required, help_text=help_text, past_only=past_only)


def parse_reference(value: str) -> int | None:
    """A person's reference number as typed ("1042", "P1042", "#1042"), or None."""
    text = (value or "").strip().lstrip("#").removeprefix("P").removeprefix("p").strip()
    if not text.isdigit() or not text.isascii() or len(text) > 18:
        return None
    number = int(text)
    return number or None


def reference_field(label: str, help_text: str, *, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=20,
        error_messages={"required": "Enter the person's reference number"},
        widget=forms.TextInput(attrs={**WIDTH_10, **NO_SPELLCHECK, "inputmode": "numeric"}),
    )


# A person's details ---------------------------------------------------------------------

_RADIOS = {"sex", "disability", "gender_same_as_sex_at_birth", "no_recourse_to_public_funds"}


class PersonDetailsForm(forms.Form):
    """Who the person is. Also used to record someone new."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_fields = forms.fields_for_model(
            Person,
            fields=[
                name
                for name in DETAIL_ORDER
                if name not in {"date_of_birth", "disability_kinds", "nhs_number"}
            ],
        )
        for name in DETAIL_ORDER:
            if name == "date_of_birth":
                field = date_field("Date of birth")
            elif name == "disability_kinds":
                field = forms.MultipleChoiceField(
                    label="Kinds of disability",
                    required=False,
                    choices=DisabilityKind.choices,
                    widget=forms.CheckboxSelectMultiple,
                    help_text="Choose all that apply.",
                )
            elif name == "nhs_number":
                field = forms.CharField(
                    label="NHS number",
                    required=False,
                    max_length=14,
                    help_text="10 digits, like 943 476 5919",
                    widget=forms.TextInput(
                        attrs={**WIDTH_10, **NO_SPELLCHECK, "inputmode": "numeric"}
                    ),
                )
            else:
                field = model_fields[name]
                if name in _RADIOS:
                    field.widget = forms.RadioSelect(choices=field.choices)
            self.fields[name] = field
        self.fields["given_name"].error_messages["required"] = "Enter the person's given name"
        self.fields["birth_year_estimate"].widget.attrs.update(WIDTH_10)
        for name in ("first_language", "police_reference", "local_authority_reference"):
            self.fields[name].widget.attrs.update(WIDTH_20)

    def clean_disability_kinds(self) -> list[str]:
        return sorted(self.cleaned_data.get("disability_kinds") or [])

    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in DETAIL_ORDER}


def initial_details(person: Person) -> dict:
    return {name: getattr(person, name) for name in DETAIL_ORDER}


class NameForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of name is it?",
        choices=NameKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of name it is"},
    )
    given_name = forms.CharField(label="Given name", required=False, max_length=100)
    family_name = forms.CharField(
        label="Family name",
        required=False,
        max_length=100,
        help_text="For a previous name, the family name they used to have.",
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if (
            not (cleaned.get("given_name") or "").strip()
            and not (cleaned.get("family_name") or "").strip()
        ):
            self.add_error("given_name", "Enter a given name, a family name or both")
        return cleaned


# Contacting the person safely -------------------------------------------------------------

_PHONE = re.compile(r"^\+?[\d\s()-]{7,20}$")


class ContactMethodForm(forms.Form):
    kind = forms.ChoiceField(
        label="Is it a phone number or an email address?",
        choices=ContactKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose phone or email"},
    )
    value = forms.CharField(
        label="Phone number or email address",
        max_length=254,
        widget=forms.TextInput(attrs={**WIDTH_20, **NO_SPELLCHECK}),
        error_messages={"required": "Enter the phone number or email address"},
    )
    label = forms.CharField(
        label="Whose is it, or what is it?",
        required=False,
        max_length=60,
        help_text="For example, own mobile, or a friend's landline",
    )
    safe_to_use = forms.BooleanField(label="It is safe to call or write to", required=False)
    safe_times = forms.CharField(
        label="When is it safe?",
        required=False,
        max_length=200,
        help_text="For example, weekdays between 9am and 3pm",
    )
    voicemail_allowed = forms.BooleanField(label="It is safe to leave a voicemail", required=False)
    text_allowed = forms.BooleanField(label="It is safe to send a text message", required=False)

    def clean(self) -> dict:
        cleaned = super().clean()
        kind, value = cleaned.get("kind"), (cleaned.get("value") or "").strip()
        if kind == ContactKind.EMAIL and value:
            try:
                validate_email(value)
            except ValidationError:
                self.add_error("value", "Enter an email address like name@example.com")
        if kind == ContactKind.PHONE and value and not _PHONE.match(value):
            self.add_error("value", "Enter a phone number, like 07700 900 982")
        return cleaned


class SafeContactPlanForm(forms.Form):
    only_through_professional = forms.BooleanField(
        label="Contact them only through a named professional", required=False
    )
    professional_name = forms.CharField(label="Professional's name", required=False, max_length=200)
    professional_agency = forms.CharField(label="Their agency", required=False, max_length=200)
    safe_word = forms.CharField(
        label="Safe word",
        required=False,
        max_length=60,
        help_text="A word the person will use to say it is not safe to talk.",
        widget=forms.TextInput(attrs={**WIDTH_20, **NO_SPELLCHECK}),
    )
    notes = forms.CharField(
        label="Anything else about contacting them safely",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("only_through_professional") and not cleaned.get("professional_name"):
            self.add_error("professional_name", "Enter the name of the professional to contact")
        return cleaned


# Addresses ---------------------------------------------------------------------------------


class AddressForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of address is it?",
        choices=AddressKind.choices,
        widget=forms.RadioSelect,
        help_text="Refuges and other safe accommodation are always kept secret.",
        error_messages={"required": "Choose what kind of address it is"},
    )
    line_1 = forms.CharField(
        label="Address line 1",
        max_length=200,
        error_messages={"required": "Enter the first line of the address"},
    )
    line_2 = forms.CharField(label="Address line 2 (optional)", required=False, max_length=200)
    town = forms.CharField(
        label="Town or city",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs=WIDTH_20),
    )
    postcode = forms.CharField(
        label="Postcode",
        required=False,
        max_length=10,
        validators=[validate_postcode],
        widget=forms.TextInput(attrs={**WIDTH_10, **NO_SPELLCHECK}),
    )
    from_date = date_field("Lived here from (optional)")
    to_date = date_field(
        "Lived here until (optional)", help_text="Leave empty if they live here now"
    )
    location_secret = forms.BooleanField(
        label="Keep this address secret",
        required=False,
        help_text="A secret address is shown only to your team, and never printed, exported "
        "or used to match a search.",
    )
    ends_current = forms.BooleanField(
        label="They have moved here: mark their other addresses as ended", required=False
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("from_date"), cleaned.get("to_date")
        if start and end and end < start:
            self.add_error("to_date", "The date they left must be after the date they moved in")
        if start and start > timezone.localdate() + dt.timedelta(days=366):
            self.add_error("from_date", "The date they move in must be within the next year")
        return cleaned


# Relationships -----------------------------------------------------------------------------


class RelationshipForm(forms.Form):
    kind = forms.ChoiceField(
        label="How are they connected?",
        choices=[("", "Choose how they are connected"), *RelationshipKind.choices],
        help_text="Read it as: this person is … the other person. For example, "
        "'Parent of' means this person is the other person's parent.",
        error_messages={"required": "Choose how they are connected"},
    )
    other_reference = reference_field(
        "The other person's reference number, if your agency already holds their record",
        "The number shown above their name on their record",
        required=False,
    )
    given_name = forms.CharField(
        label="Or, to record someone new: their given name", required=False, max_length=100
    )
    family_name = forms.CharField(label="Their family name", required=False, max_length=100)
    date_of_birth = date_field("Their date of birth")
    notes = forms.CharField(label="Notes (optional)", required=False, max_length=300)

    def clean(self) -> dict:
        cleaned = super().clean()
        reference = (cleaned.get("other_reference") or "").strip()
        new_name = (cleaned.get("given_name") or "").strip()
        if reference and new_name:
            self.add_error(
                "other_reference", "Give a reference number or a new person's name, not both"
            )
        elif reference:
            number = parse_reference(reference)
            if number is None:
                self.add_error("other_reference", "Enter a reference number using digits only")
            cleaned["other_id"] = number
        elif not new_name:
            self.add_error(
                "other_reference",
                "Enter the other person's reference number, or the name of someone new",
            )
        return cleaned
