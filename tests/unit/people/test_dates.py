"""Forgiving dates of birth: swapped day and month, missing parts, estimated years."""

import datetime as dt

import pytest

from onestory.people.dates import PartialDate, compare_birth_dates, parse_iso

RECORDED = dt.date(1985, 4, 3)


@pytest.mark.parametrize(
    ("asked", "score", "reason"),
    [
        (PartialDate(1985, 4, 3), 1.0, "Date of birth matches"),
        (PartialDate(1985, 3, 4), 0.85, "Date of birth matches with day and month swapped"),
        (PartialDate(1958, 4, 3), 0.0, None),  # digits of the year swapped: too far
        (PartialDate(1986, 4, 3), 0.6, "Day and month of birth match; the year is close"),
        (PartialDate(1995, 4, 3), 0.6, "Day and month of birth match; the year is close"),
        (PartialDate(1985, 4, 13), 0.5, "Month and year of birth match; the day is different"),
        (PartialDate(1985, 9, 3), 0.4, "Day and year of birth match; the month is different"),
        (PartialDate(1985, 12, 25), 0.3, "Year of birth matches"),
        (PartialDate(1970, 1, 1), 0.0, None),
        (PartialDate(1985, 4), 0.8, "Month and year of birth match"),
        (PartialDate(1985), 0.5, "Year of birth matches"),
        (PartialDate(None, 4, 3), 0.8, "Day and month of birth match"),
        (PartialDate(None, 3, 4), 0.7, "Day and month of birth match when swapped"),
        (PartialDate(1985, 5), 0.3, "Year of birth matches"),
        (PartialDate(1984), 0.0, None),
    ],
)
def test_it_compares_with_a_recorded_date(asked, score, reason):
    found = compare_birth_dates(asked, RECORDED)
    assert (found.score, found.reason) == (score, reason)


@pytest.mark.parametrize(
    ("asked", "estimate", "score", "reason"),
    [
        (PartialDate(1980, 6, 1), 1980, 0.5, "Born around 1980 (age estimated)"),
        (PartialDate(1982), 1980, 0.5, "Born around 1980 (age estimated)"),
        (PartialDate(1990), 1980, 0.0, None),
    ],
)
def test_it_compares_with_an_estimated_year(asked, estimate, score, reason):
    found = compare_birth_dates(asked, None, estimate)
    assert (found.score, found.reason) == (score, reason)


@pytest.mark.parametrize(
    ("asked", "recorded", "estimate"),
    [
        (None, RECORDED, None),
        (PartialDate(), RECORDED, None),
        (PartialDate(1980), None, None),
        (PartialDate(None, 3, 4), None, 1980),
    ],
)
def test_there_is_nothing_to_compare(asked, recorded, estimate):
    assert compare_birth_dates(asked, recorded, estimate) is None


@pytest.mark.parametrize(
    ("date", "swapped"),
    [
        (PartialDate(1985, 3, 4), PartialDate(1985, 4, 3)),
        (PartialDate(1985, 3, 13), None),  # no 13th month
        (PartialDate(1985, 3, 3), None),  # the same either way
        (PartialDate(1985, 2, 31), None),
        (PartialDate(1985), None),
    ],
)
def test_it_swaps_day_and_month_only_when_that_makes_a_real_date(date, swapped):
    assert date.swapped() == swapped


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("1985-04-03", PartialDate(1985, 4, 3)),
        ("1985-4-3", PartialDate(1985, 4, 3)),
        ("1985-04", PartialDate(1985, 4)),
        ("1985", PartialDate(1985)),
    ],
)
def test_it_reads_iso_dates(text, parsed):
    assert parse_iso(text) == parsed


@pytest.mark.parametrize("text", ["03/04/1985", "1985-13-01", "1985-02-30", "yesterday", ""])
def test_it_refuses_what_is_not_an_iso_date(text):
    with pytest.raises(ValueError, match="date of birth"):
        parse_iso(text)
