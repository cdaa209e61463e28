"""Forms for managing schemes and units. The rules themselves are in ``rules`` and the
actions; a form only reads what was typed."""

from __future__ import annotations

from django import forms

from onestory.accommodation.choices import OutOfUseReason, SchemeType, Sexes
from onestory.core.date_input import date_input


class SchemeForm(forms.Form):
    name = forms.CharField(label="Name of the scheme", max_length=200)
    scheme_type = forms.ChoiceField(
        label="Type of safe accommodation",
        choices=SchemeType.choices,
        widget=forms.RadioSelect,
        help_text="Bed and breakfast with shared facilities is not safe accommodation.",
        error_messages={
            "required": "Select the type of safe accommodation",
            "invalid_choice": "Select the type of safe accommodation",
        },
    )
    by_and_for = forms.BooleanField(
        label="It is run by and for the people it serves", required=False
    )
    specialist_group = forms.CharField(
        label="Specialist group it serves (optional)",
        required=False,
        max_length=200,
        help_text="For example: Black and minoritised women, LGBT+ people, deaf women.",
    )
    town = forms.CharField(
        label="Town or district",
        max_length=100,
        help_text="This is all that other agencies see of where it is. Never a street.",
    )
    address = forms.CharField(
        label="Address",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Seen only by your agency's staff.",
    )
    postcode = forms.CharField(label="Postcode", max_length=10)
    directions = forms.CharField(
        label="How to find it and get in (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Seen only by your agency's staff.",
    )


class UnitForm(forms.Form):
    name = forms.CharField(
        label="Name of the unit",
        max_length=100,
        help_text="How your staff know it, for example Room 3. Never an address.",
    )
    bed_spaces = forms.IntegerField(
        label="Bed spaces",
        min_value=1,
        max_value=20,
        help_text="The most people, adults and children, it can take.",
    )
    sexes = forms.ChoiceField(label="Takes", choices=Sexes.choices, widget=forms.RadioSelect)
    max_children = forms.IntegerField(
        label="Most children it can take", min_value=0, max_value=19, initial=0
    )
    boys_up_to_age = forms.IntegerField(
        label="Boys up to what age (optional)",
        required=False,
        min_value=0,
        max_value=17,
        help_text="Leave empty if it takes boys of any age.",
    )
    pets = forms.BooleanField(label="Takes pets", required=False)
    wheelchair_access = forms.BooleanField(label="Wheelchair accessible", required=False)
    no_recourse_to_public_funds = forms.BooleanField(
        label="Takes people with no recourse to public funds", required=False
    )
    languages = forms.CharField(
        label="Languages spoken (optional)",
        required=False,
        max_length=500,
        help_text="Separate languages with commas, for example English, Polish, Urdu.",
    )
    specialist_group = forms.CharField(
        label="Specialist group (optional)", required=False, max_length=200
    )

    def clean_languages(self) -> list[str]:
        text = self.cleaned_data.get("languages") or ""
        return [part.strip() for part in text.split(",") if part.strip()]


class OutOfUseForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why is it out of use?",
        choices=OutOfUseReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why the unit is out of use"},
    )
    details = forms.CharField(
        label="More about why (optional)",
        required=False,
        max_length=200,
        help_text="Needed when the reason is other. Never an address.",
    )
    expected_back_on = date_input("Expected back in use (optional)")
