"""Working days in England: weekdays that are not bank holidays.

Pure functions over a set of bank holidays, so each rule has a table of cases; the set
itself comes from ``england_bank_holidays`` (the ``holidays`` package, substitute days
included). Statutory timetables (a disclosure application's steps, a review's stages) count
in working days or in calendar days; both forms are here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import holidays

SATURDAY = 5


def england_bank_holidays(years: Iterable[int]) -> frozenset[date]:
    """England's bank holidays in those years, substitute days included."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=sorted(set(years))))


def bank_holidays_from(day: date, *, years: int = 2) -> frozenset[date]:
    """England's bank holidays from ``day``'s year, far enough ahead for any timetable."""
    return england_bank_holidays(range(day.year, day.year + years))


def is_working_day(day: date, bank_holidays: frozenset[date]) -> bool:
    return day.weekday() < SATURDAY and day not in bank_holidays


def add_working_days(start: date, count: int, bank_holidays: frozenset[date]) -> date:
    """The ``count``-th working day after ``start`` (``start`` itself never counts)."""
    if count < 0:
        raise ValueError("Count forwards: the number of working days cannot be negative.")
    day = start
    while count:
        day += timedelta(days=1)
        if is_working_day(day, bank_holidays):
            count -= 1
    return day


def working_day_on_or_before(day: date, bank_holidays: frozenset[date]) -> date:
    """``day`` if it is a working day, otherwise the last working day before it: a deadline
    counted in calendar days that falls on a weekend or bank holiday comes forward, so it is
    never met later than the timetable says."""
    while not is_working_day(day, bank_holidays):
        day -= timedelta(days=1)
    return day
