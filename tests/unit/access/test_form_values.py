"""Reading a person's reference number and the days used by the audit filters and shares."""

from datetime import UTC, date, datetime

import pytest

from onestory.access.forms import LARGEST_REFERENCE, end_of_day, parse_reference, start_of_day


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("1042", 1042),
        (" 1042 ", 1042),
        ("P1042", 1042),
        ("p1042", 1042),
        ("#1042", 1042),
        (str(LARGEST_REFERENCE), LARGEST_REFERENCE),
        ("", None),
        ("0", None),
        ("-5", None),
        ("10 42", None),
        ("1042a", None),
        ("١٢", None),  # digits from another script are not a reference
        (str(LARGEST_REFERENCE + 1), None),
    ],
)
def test_it_reads_a_reference_number(typed, number):
    assert parse_reference(typed) == number


def test_it_counts_a_summer_day_in_uk_time():
    # In British Summer Time the UK day starts at 23:00 UTC the evening before.
    assert start_of_day(date(2025, 7, 1)).astimezone(UTC) == datetime(2025, 6, 30, 23, tzinfo=UTC)
    assert end_of_day(date(2025, 7, 1)).astimezone(UTC) == datetime(2025, 7, 1, 23, tzinfo=UTC)


def test_it_counts_a_winter_day_in_uk_time():
    assert start_of_day(date(2025, 1, 10)).astimezone(UTC) == datetime(2025, 1, 10, tzinfo=UTC)
    assert end_of_day(date(2025, 1, 10)).astimezone(UTC) == datetime(2025, 1, 11, tzinfo=UTC)
