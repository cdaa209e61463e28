"""The delivery plan's rules, as pure functions: quarters, and the rating a live figure
suggests against its baseline and target."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

RED, AMBER, GREEN = "red", "amber", "green"
QUARTER = re.compile(r"^(20\d\d)Q([1-4])$")


def financial_year(day: date) -> int:
    """The year a financial year (April to March) starts in."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_bounds(year: int) -> tuple[date, date]:
    return date(year, 4, 1), date(year + 1, 3, 31)


def quarter_of(day: date) -> str:
    """The financial quarter: April to June is Q1, January to March Q4 of the year before."""
    return f"{financial_year(day)}Q{(day.month - 4) % 12 // 3 + 1}"


def quarter_label(quarter: str) -> str:
    match = QUARTER.match(quarter)
    if not match:
        return quarter
    year, number = int(match.group(1)), int(match.group(2))
    months = ("April to June", "July to September", "October to December", "January to March")
    shown = year + 1 if number == 4 else year
    return f"{months[number - 1]} {shown}"


def elapsed(today: date, *, baseline_year: int, target_year: int) -> Decimal:
    """How far through the time from the baseline's year to the target's year ``today`` is,
    from 0 (the baseline's year has just ended) to 1 (the target year has ended)."""
    start = date(baseline_year + 1, 4, 1)
    end = date(target_year + 1, 3, 31)
    if end <= start:
        return Decimal(1)
    done = (today - start).days / (end - start).days
    return Decimal(str(min(1.0, max(0.0, done))))


def suggest_rag(*, baseline: Decimal, target: Decimal, current: Decimal, elapsed: Decimal) -> str:
    """The rating a figure suggests.

    Progress is how much of the way from baseline to target the figure has come (either
    direction: a target may be lower than the baseline). Green when the target is met or
    progress keeps pace with the time gone; amber when it has come at least half as far as
    the time gone; red otherwise, and red whenever the figure has moved the wrong way.
    """
    if target == baseline:
        return GREEN if current == target else RED
    progress = (current - baseline) / (target - baseline)
    if progress >= 1:
        return GREEN
    if progress < 0:
        return RED
    if progress >= elapsed:
        return GREEN
    if progress >= elapsed / 2:
        return AMBER
    return RED
