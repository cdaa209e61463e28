"""Rules that refuse impossible details about a person, with a plain message for each."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils import timezone

OLDEST_AGE = 120


# NHS numbers ---------------------------------------------------------------------------


def nhs_number_digits(text: str) -> str:
    """``"943 476 5919"`` → ``"9434765919"``: spaces and dashes people type are dropped."""
    return re.sub(r"[\s-]", "", text or "")


def nhs_check_digit(first_nine: str) -> int | None:
    """The modulus 11 check digit for nine digits, or None when no digit can be right."""
    weighted = sum(
        int(digit) * weight for digit, weight in zip(first_nine, range(10, 1, -1), strict=True)
    )
    check = 11 - weighted % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def is_valid_nhs_number(text: str) -> bool:
    digits = nhs_number_digits(text)
    if len(digits) != 10 or not digits.isdigit():
        return False
    return nhs_check_digit(digits[:9]) == int(digits[9])


def validate_nhs_number(value: str) -> None:
    if not value:
        return
    digits = nhs_number_digits(value)
    if len(digits) != 10 or not digits.isdigit():
        raise ValidationError("An NHS number is 10 digits, like 943 476 5919.", code="nhs_length")
    if not is_valid_nhs_number(digits):
        raise ValidationError(
            "This is not a valid NHS number. Check each digit against the letter or card.",
            code="nhs_check_digit",
        )


# Dates of birth ------------------------------------------------------------------------


def today() -> dt.date:
    return timezone.localdate()


def validate_date_of_birth(value: dt.date | None, *, on: dt.date | None = None) -> None:
    if value is None:
        return
    on = on or today()
    if value > on:
        raise ValidationError("Date of birth must be today or in the past.", code="future")
    if value < _years_before(on, OLDEST_AGE):
        raise ValidationError(
            f"Date of birth must be within the last {OLDEST_AGE} years.", code="too_old"
        )


def validate_birth_year(value: int | None, *, on: dt.date | None = None) -> None:
    if value is None:
        return
    on = on or today()
    if value > on.year:
        raise ValidationError("The estimated year of birth cannot be in the future.")
    if value < on.year - OLDEST_AGE:
        raise ValidationError(f"The estimated year of birth must be within {OLDEST_AGE} years.")


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def age_on(date_of_birth: dt.date | None, estimated_year: int | None, on: dt.date) -> int | None:
    """Age in whole years on ``on``; from an estimated year of birth when that is all we have."""
    if date_of_birth is not None:
        had_birthday = (on.month, on.day) >= (date_of_birth.month, date_of_birth.day)
        return on.year - date_of_birth.year - (0 if had_birthday else 1)
    if estimated_year is not None:
        return on.year - estimated_year
    return None


# Postcodes -----------------------------------------------------------------------------

_FULL_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


def normalise_postcode(text: str) -> str:
    """``"ne1  4xy"`` → ``"NE1 4XY"``; a district alone (``"ne1"``) → ``"NE1"``; else ``""``."""
    squashed = re.sub(r"\s", "", text or "").upper()
    full = _FULL_POSTCODE.match(squashed)
    if full:
        return f"{full.group(1)} {full.group(2)}"
    if _DISTRICT.match(squashed):
        return squashed
    return ""


def postcode_district(postcode: str) -> str:
    normalised = normalise_postcode(postcode)
    return normalised.split(" ")[0] if normalised else ""


def validate_postcode(value: str) -> None:
    if value and " " not in normalise_postcode(value):
        raise ValidationError("Enter a full UK postcode, like NE1 4XY.", code="postcode")


def validate_search_postcode(value: str) -> None:
    if value and not normalise_postcode(value):
        raise ValidationError(
            "Enter a UK postcode, like NE1 4XY, or the first part of one, like NE1.",
            code="postcode",
        )
