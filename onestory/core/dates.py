"""Dates as people type them: GOV.UK's three boxes (day, month, year), and their messages.

Pure functions, so each rule has a table of cases in ``tests/unit/core/``.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum


class DateProblem(StrEnum):
    MISSING_DAY = "missing_day"
    MISSING_MONTH = "missing_month"
    MISSING_YEAR = "missing_year"
    NOT_NUMBERS = "not_numbers"
    SHORT_YEAR = "short_year"
    NOT_REAL = "not_real"


def date_from_parts(day: str, month: str, year: str) -> tuple[date | None, DateProblem | None]:
    """Read a date typed as three boxes. All empty is no date and no problem."""
    parts = [(part or "").strip() for part in (day, month, year)]
    if not any(parts):
        return None, None
    for part, problem in zip(
        parts,
        (DateProblem.MISSING_DAY, DateProblem.MISSING_MONTH, DateProblem.MISSING_YEAR),
        strict=True,
    ):
        if not part:
            return None, problem
    if not all(part.isdigit() for part in parts):
        return None, DateProblem.NOT_NUMBERS
    if len(parts[2]) != 4:
        return None, DateProblem.SHORT_YEAR
    try:
        return date(int(parts[2]), int(parts[1]), int(parts[0])), None
    except ValueError:
        return None, DateProblem.NOT_REAL


def date_problem_message(problem: DateProblem, label: str) -> str:
    """GOV.UK wording for a date that cannot be read; ``label`` names it, like "Date of birth"."""
    return {
        DateProblem.MISSING_DAY: f"{label} must include a day",
        DateProblem.MISSING_MONTH: f"{label} must include a month",
        DateProblem.MISSING_YEAR: f"{label} must include a year",
        DateProblem.NOT_NUMBERS: f"{label} must be a real date, in numbers",
        DateProblem.SHORT_YEAR: "The year must include 4 numbers, for example 1985",
        DateProblem.NOT_REAL: f"{label} must be a real date",
    }[problem]


_WHOLE = (
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$"),
    re.compile(r"^(?P<day>\d{1,2})[/ .-](?P<month>\d{1,2})[/ .-](?P<year>\d{2,4})$"),
)


def parts_from_whole(text: str) -> tuple[str, str, str] | None:
    """``"2026-03-27"`` or ``"27/3/2026"`` as (day, month, year) boxes; None if neither."""
    text = (text or "").strip()
    for pattern in _WHOLE:
        match = pattern.match(text)
        if match:
            return match.group("day"), match.group("month"), match.group("year")
    return None


def future_problem(day: date, today: date, label: str) -> str | None:
    """GOV.UK wording for a date of something that has happened, given after ``today``."""
    if day > today:
        return f"{label} must be today or in the past"
    return None
