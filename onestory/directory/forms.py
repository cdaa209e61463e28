"""Forms for finding services and for keeping the directory up to date."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from onestory.accounts.models import Agency, Area, AreaLevel
from onestory.directory.choices import (
    SECRET_LOCATION_KINDS,
    ReferralRoute,
    RiskBand,
    ServedGender,
    ServedSide,
    ServiceStatus,
    SupportKind,
)
from onestory.directory.models import Organisation

OLDEST = 120


def area_label(area: Area) -> str:
    if area.level == AreaLevel.WARD and area.parent is not None:
        return f"{area.name} (ward in {area.parent.name})"
    return area.name


class SearchForm(forms.Form):
    q = forms.CharField(label="Search by name or what it does", required=False, max_length=100)
    kind = forms.ChoiceField(
        label="Kind of support", required=False, choices=[("", "Any kind"), *SupportKind.choices]
    )
    area = forms.ModelChoiceField(
        label="Covers",
        required=False,
        queryset=Area.objects.none(),
        empty_label="Anywhere",
        error_messages={"invalid_choice": "Choose an area from the list"},
    )
    route = forms.ChoiceField(
        label="How referrals are made",
        required=False,
        choices=[("", "Either"), *ReferralRoute.choices],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.exclude(level=AreaLevel.WARD).order_by(
            "level", "name"
        )
        self.fields["area"].label_from_instance = area_label


class ServiceForm(forms.Form):
    """A service's details. A new organisation can be named instead of choosing one."""

    name = forms.CharField(label="Name of the service", max_length=200)
    organisation = forms.ModelChoiceField(
        label="Organisation that runs it",
        required=False,
        queryset=Organisation.objects.none(),
        empty_label="Choose an organisation",
        error_messages={"invalid_choice": "Choose an organisation from the list"},
    )
    new_organisation = forms.CharField(
        label="Or the name of a new organisation",
        required=False,
        max_length=200,
        help_text="Leave empty when you chose an organisation above.",
    )
    kind = forms.ChoiceField(label="Kind of support", choices=SupportKind.choices)
    status = forms.ChoiceField(
        label="Is it running?", choices=ServiceStatus.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label="What it does", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    eligibility_description = forms.CharField(
        label="Who it is for, in words",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    minimum_age = forms.IntegerField(
        label="Youngest age it takes (optional)", required=False, min_value=0, max_value=OLDEST
    )
    maximum_age = forms.IntegerField(
        label="Oldest age it takes (optional)", required=False, min_value=0, max_value=OLDEST
    )
    genders = forms.MultipleChoiceField(
        label="Genders it takes",
        required=False,
        choices=ServedGender.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked if it takes everyone.",
    )
    risk_levels = forms.MultipleChoiceField(
        label="Levels of risk it takes",
        required=False,
        choices=RiskBand.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked if it takes people at any level of risk.",
    )
    serves = forms.ChoiceField(
        label="Works with", choices=ServedSide.choices, widget=forms.RadioSelect
    )
    areas = forms.ModelMultipleChoiceField(
        label="Areas it covers",
        required=False,
        queryset=Area.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked for a service open to people from anywhere.",
    )
    languages = forms.CharField(
        label="Languages (optional)",
        required=False,
        max_length=500,
        help_text="Separate languages with commas, for example English, Polish, Urdu.",
    )
    accessibility = forms.CharField(
        label="Accessibility (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    how_to_refer = forms.CharField(
        label="How to refer", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    referral_route = forms.ChoiceField(
        label="How referrals are made", choices=ReferralRoute.choices, widget=forms.RadioSelect
    )
    agency = forms.ModelChoiceField(
        label="Partnership agency that receives referrals",
        required=False,
        queryset=Agency.objects.none(),
        empty_label="None",
        help_text="Needed when referrals go through OneStory.",
        error_messages={"invalid_choice": "Choose an agency from the list"},
    )
    url = forms.URLField(label="Website (optional)", required=False, assume_scheme="https")
    email = forms.EmailField(label="Email (optional)", required=False)
    phone = forms.CharField(label="Phone (optional)", required=False, max_length=40)
    location_secret = forms.BooleanField(
        label="Keep its locations secret",
        required=False,
        help_text="Refuges and other safe accommodation are always kept secret.",
    )
    encompass_at_once = forms.BooleanField(
        label="Schools only: tell this school of Operation Encompass incidents at once",
        required=False,
        help_text="Notices are otherwise due before the school's next school day, so an "
        "incident in the holidays is due on the first day back. Tick this if the safeguarding "
        "lead asked to be told by the next morning, whatever the day.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["agency"].queryset = Agency.objects.filter(is_active=True).order_by("name")
        areas = self.fields["areas"]
        areas.queryset = Area.objects.select_related("parent").order_by("level", "name")
        areas.label_from_instance = area_label

    def clean_languages(self) -> list[str]:
        text = self.cleaned_data["languages"]
        return [part.strip() for part in text.split(",") if part.strip()]

    def clean(self) -> dict:
        cleaned = super().clean()
        if not cleaned.get("organisation") and not (cleaned.get("new_organisation") or "").strip():
            self.add_error(
                "organisation", "Choose the organisation that runs it, or name a new one"
            )
        low, high = cleaned.get("minimum_age"), cleaned.get("maximum_age")
        if low is not None and high is not None and high < low:
            self.add_error("maximum_age", "The oldest age must not be below the youngest")
        if cleaned.get("referral_route") == ReferralRoute.ONESTORY and not cleaned.get("agency"):
            self.add_error(
                "agency", "Choose the agency that receives referrals made through OneStory"
            )
        if cleaned.get("kind") in SECRET_LOCATION_KINDS:
            cleaned["location_secret"] = True
        return cleaned


class ContactForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200)
    title = forms.CharField(label="Job title (optional)", required=False, max_length=200)
    phone = forms.CharField(label="Phone (optional)", required=False, max_length=40)
    email = forms.EmailField(label="Email (optional)", required=False)
    designated_safeguarding_lead = forms.BooleanField(
        label="This is the designated safeguarding lead", required=False
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email") and not self.errors:
            raise ValidationError("Give a phone number or an email address for this contact")
        return cleaned


class LocationForm(forms.Form):
    name = forms.CharField(label="Name of the place (optional)", required=False, max_length=200)
    address = forms.CharField(label="Address", max_length=300)
    town = forms.CharField(label="Town or city", required=False, max_length=100)
    postcode = forms.CharField(
        label="Postcode",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
