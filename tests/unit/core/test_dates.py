"""Dates typed into GOV.UK's three boxes, or sent whole: table-driven."""

from datetime import date

import pytest

from onestory.core.dates import future_problem, parts_from_whole


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("2026-03-27", ("27", "03", "2026")),
        ("27/3/2026", ("27", "3", "2026")),
        (" 1.12.2001 ", ("1", "12", "2001")),
        ("27 3 85", ("27", "3", "85")),
        ("yesterday", None),
        ("3/2026", None),
        ("", None),
    ],
)
def test_it_reads_a_date_sent_whole_as_three_boxes(text, parts):
    assert parts_from_whole(text) == parts


@pytest.mark.parametrize(
    ("day", "problem"),
    [
        (date(2026, 3, 26), None),
        (date(2026, 3, 27), None),
        (date(2026, 3, 28), "Date of the incident must be today or in the past"),
        (date(2027, 1, 1), "Date of the incident must be today or in the past"),
    ],
)
def test_a_day_still_to_come_is_refused(day, problem):
    assert future_problem(day, date(2026, 3, 27), "Date of the incident") == problem
