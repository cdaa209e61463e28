"""The form for finding a person: a name, and whatever else is known."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from onestory.people.dates import PartialDate
from onestory.people.forms import NO_SPELLCHECK, WIDTH_10, WIDTH_20
from onestory.people.validators import validate_nhs_number, validate_search_postcode

_PARTIAL = re.compile(r"^(?:(\d{1,2})[/\s.-])?(?:(\d{1,2})[/\s.-])?(\d{4})$")


def parse_partial_date(text: str) -> PartialDate | None:
    """``27/3/1985``, ``3/1985`` or ``1985``; also ``1985-03-27``. None when empty."""
    text = (text or "").strip()
    if not text:
        return None
    iso = re.match(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$", text)
    if iso:
        year, month, day = (int(part) if part else None for part in iso.groups())
        found = PartialDate(year, month, day)
    else:
        match = _PARTIAL.match(text)
        if not match:
            raise ValidationError(
                "Enter a date of birth like 27/3/1985, or part of one: 3/1985 or 1985"
            )
        first, second, year = match.groups()
        if second is not None:
            found = PartialDate(int(year), int(second), int(first))
        elif first is not None:
            found = PartialDate(int(year), int(first), None)
        else:
            found = PartialDate(int(year))
    if not found.is_valid():
        raise ValidationError("The date of birth must be a real date")
    complete = found.as_date()
    if complete is not None and complete > timezone.localdate():
        raise ValidationError("The date of birth must be in the past")
    return found


class SearchForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="Given name and family name, as you heard them. Short forms and other "
        "spellings are found too.",
        error_messages={"required": "Enter a name to search for"},
        widget=forms.TextInput(attrs={**WIDTH_20, "autocomplete": "off", "spellcheck": "false"}),
    )
    date_of_birth = forms.CharField(
        label="Date of birth (optional)",
        required=False,
        max_length=20,
        help_text="For example, 27/3/1985. If you know only part of it, enter the month and "
        "year (3/1985) or the year (1985).",
        widget=forms.TextInput(attrs={**WIDTH_10, "autocomplete": "off"}),
    )
    postcode = forms.CharField(
        label="Postcode (optional)",
        required=False,
        max_length=10,
        help_text="The full postcode, or the first part of it, like NE1",
        validators=[validate_search_postcode],
        widget=forms.TextInput(attrs={**WIDTH_10, **NO_SPELLCHECK}),
    )
    nhs_number = forms.CharField(
        label="NHS number (optional)",
        required=False,
        max_length=14,
        widget=forms.TextInput(attrs={**WIDTH_10, **NO_SPELLCHECK, "inputmode": "numeric"}),
    )

    def clean_date_of_birth(self) -> PartialDate | None:
        return parse_partial_date(self.cleaned_data.get("date_of_birth", ""))

    def clean_nhs_number(self) -> str:
        value = self.cleaned_data.get("nhs_number", "")
        validate_nhs_number(value)
        return value
