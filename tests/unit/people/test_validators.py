"""NHS numbers, dates of birth and postcodes: table-driven."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from onestory.people.validators import (
    age_on,
    is_valid_nhs_number,
    nhs_check_digit,
    normalise_postcode,
    postcode_district,
    validate_date_of_birth,
    validate_nhs_number,
    validate_search_postcode,
)


@pytest.mark.parametrize(
    ("first_nine", "check"),
    [
        ("943476591", 9),
        ("401023213", 7),  # weighted sum 224: 11 - 4 = 7
        ("000000000", 0),  # 11 - 0 = 11, which is written as 0
        ("123456789", None),  # remainder 1 needs check digit 10: no valid number
    ],
)
def test_it_works_out_the_check_digit(first_nine, check):
    assert nhs_check_digit(first_nine) == check


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("9434765919", True),
        ("943 476 5919", True),
        ("943-476-5919", True),
        ("4010232137", True),
        ("9434765918", False),  # wrong check digit
        ("9434765910", False),
        ("1234567891", False),  # no valid check digit exists for these nine digits
        ("943476591", False),  # nine digits
        ("94347659190", False),  # eleven digits
        ("94347659I9", False),  # a letter
        ("", False),
    ],
)
def test_it_checks_nhs_numbers(number, valid):
    assert is_valid_nhs_number(number) is valid


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("12345", "An NHS number is 10 digits, like 943 476 5919."),
        (
            "9434765918",
            "This is not a valid NHS number. Check each digit against the letter or card.",
        ),
    ],
)
def test_it_explains_a_bad_nhs_number(number, message):
    with pytest.raises(ValidationError) as refused:
        validate_nhs_number(number)
    assert refused.value.messages == [message]


TODAY = dt.date(2025, 6, 15)


@pytest.mark.parametrize(
    ("born", "problem"),
    [
        (dt.date(2025, 6, 15), None),  # born today
        (dt.date(1990, 1, 1), None),
        (dt.date(1905, 6, 15), None),  # exactly 120 years
        (dt.date(2025, 6, 16), "Date of birth must be today or in the past."),
        (dt.date(1905, 6, 14), "Date of birth must be within the last 120 years."),
        (dt.date(1850, 1, 1), "Date of birth must be within the last 120 years."),
    ],
)
def test_it_refuses_impossible_dates_of_birth(born, problem):
    if problem is None:
        validate_date_of_birth(born, on=TODAY)
        return
    with pytest.raises(ValidationError) as refused:
        validate_date_of_birth(born, on=TODAY)
    assert refused.value.messages == [problem]


@pytest.mark.parametrize(
    ("born", "estimate", "age"),
    [
        (dt.date(2009, 6, 15), None, 16),  # birthday today
        (dt.date(2009, 6, 16), None, 15),  # birthday tomorrow
        (None, 1980, 45),
        (None, None, None),
        (dt.date(2000, 1, 1), 1950, 25),  # a real date wins over an estimate
    ],
)
def test_it_works_out_ages(born, estimate, age):
    assert age_on(born, estimate, TODAY) == age


@pytest.mark.parametrize(
    ("typed", "normalised", "district"),
    [
        ("ne1 4xy", "NE1 4XY", "NE1"),
        ("NE14XY", "NE1 4XY", "NE1"),
        (" sw1a 1aa ", "SW1A 1AA", "SW1A"),
        ("M1 1AE", "M1 1AE", "M1"),
        ("ne1", "NE1", "NE1"),
        ("not a postcode", "", ""),
        ("12345", "", ""),
    ],
)
def test_it_tidies_postcodes(typed, normalised, district):
    assert normalise_postcode(typed) == normalised
    assert postcode_district(typed) == district


def test_a_search_accepts_a_district_but_not_nonsense():
    validate_search_postcode("NE1")
    with pytest.raises(ValidationError):
        validate_search_postcode("XYZ")
