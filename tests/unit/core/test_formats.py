"""Times and dates written the GOV.UK way."""

from datetime import date, datetime, time

import pytest

from onestory.core.formats import govuk_date, govuk_time


@pytest.mark.parametrize(
    ("moment", "written"),
    [
        (time(0, 0), "midnight"),
        (time(0, 5), "12:05am"),
        (time(9, 0), "9am"),
        (time(10, 49), "10:49am"),
        (time(12, 0), "midday"),
        (time(12, 30), "12:30pm"),
        (time(17, 30), "5:30pm"),
        (time(23, 59), "11:59pm"),
        (datetime(2026, 12, 7, 13, 5), "1:05pm"),
    ],
)
def test_it_writes_times_as_gov_uk_does(moment, written):
    assert govuk_time(moment) == written


def test_it_writes_dates_as_gov_uk_does():
    assert govuk_date(date(2026, 12, 1)) == "1 December 2026"
