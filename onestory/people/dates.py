"""Dates of birth as people give them: sometimes whole, sometimes a year, sometimes muddled.

A ``PartialDate`` holds whichever of day, month and year are known. ``compare_birth_dates``
says how well one agrees with a record's date of birth (or its estimated year of birth),
forgiving a day and month given the wrong way round.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class PartialDate:
    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @property
    def is_complete(self) -> bool:
        return None not in (self.year, self.month, self.day)

    @property
    def is_empty(self) -> bool:
        return self.year is None and self.month is None and self.day is None

    def as_date(self) -> dt.date | None:
        if not self.is_complete:
            return None
        return dt.date(self.year, self.month, self.day)

    def swapped(self) -> PartialDate | None:
        """The same date with day and month the other way round, when that is a real date."""
        if self.day is None or self.month is None or self.day == self.month or self.day > 12:
            return None
        candidate = PartialDate(self.year, self.day, self.month)
        return candidate if candidate.is_valid() else None

    def is_valid(self) -> bool:
        if self.month is not None and not 1 <= self.month <= 12:
            return False
        if self.day is not None and not 1 <= self.day <= 31:
            return False
        if self.year is not None and not 1 <= self.year <= 9999:
            return False
        if self.is_complete:
            try:
                dt.date(self.year, self.month, self.day)
            except ValueError:
                return False
        return True

    def __str__(self) -> str:
        if self.is_complete:
            return self.as_date().isoformat()
        return "-".join(
            f"{value:02d}" if value is not None else "??"
            for value in (self.year, self.month, self.day)
        )


_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_iso(text: str) -> PartialDate:
    """``"1980-03-04"``, ``"1980-03"`` or ``"1980"``; raises ValueError with a plain message."""
    match = _ISO.match((text or "").strip())
    if not match:
        raise ValueError("Enter the date of birth as YYYY-MM-DD, for example 1980-03-27.")
    year, month, day = (int(part) if part else None for part in match.groups())
    found = PartialDate(year, month, day)
    if not found.is_valid():
        raise ValueError("The date of birth must be a real date, for example 1980-03-27.")
    return found


@dataclass(frozen=True)
class DateAgreement:
    score: float
    reason: str | None


def _years_close(a: int, b: int) -> bool:
    """Years a slip of the finger apart: one digit different, or within two years."""
    if abs(a - b) <= 2:
        return True
    sa, sb = f"{a:04d}", f"{b:04d}"
    return sum(x != y for x, y in zip(sa, sb, strict=True)) == 1


def compare_birth_dates(
    asked: PartialDate | None, recorded: dt.date | None, estimated_year: int | None = None
) -> DateAgreement | None:
    """How well ``asked`` agrees with a record; None when there is nothing to compare.

    Scores run from 0 (disagrees) to 1 (the same date).
    """
    if asked is None or asked.is_empty:
        return None
    if recorded is None:
        if estimated_year is None or asked.year is None:
            return None
        if abs(asked.year - estimated_year) <= 2:
            return DateAgreement(0.5, f"Born around {estimated_year} (age estimated)")
        return DateAgreement(0.0, None)
    whole = PartialDate.from_date(recorded)
    if asked.is_complete:
        return _compare_whole(asked, whole)
    return _compare_part(asked, whole)


def _compare_whole(asked: PartialDate, whole: PartialDate) -> DateAgreement:
    if asked == whole:
        return DateAgreement(1.0, "Date of birth matches")
    if asked.swapped() == whole:
        return DateAgreement(0.85, "Date of birth matches with day and month swapped")
    if (asked.month, asked.day) == (whole.month, whole.day) and _years_close(
        asked.year, whole.year
    ):
        return DateAgreement(0.6, "Day and month of birth match; the year is close")
    if (asked.year, asked.month) == (whole.year, whole.month):
        return DateAgreement(0.5, "Month and year of birth match; the day is different")
    if (asked.year, asked.day) == (whole.year, whole.day):
        return DateAgreement(0.4, "Day and year of birth match; the month is different")
    if asked.year == whole.year:
        return DateAgreement(0.3, "Year of birth matches")
    return DateAgreement(0.0, None)


def _compare_part(asked: PartialDate, whole: PartialDate) -> DateAgreement:
    given = [(name, value) for name, value in vars(asked).items() if value is not None]
    if all(getattr(whole, name) == value for name, value in given):
        return DateAgreement(0.8 if len(given) > 1 else 0.5, _partial_reason(asked))
    swapped = asked.swapped()
    if swapped is not None and all(
        getattr(whole, name) == value for name, value in vars(swapped).items() if value is not None
    ):
        return DateAgreement(0.7, "Day and month of birth match when swapped")
    if asked.year is not None and asked.year == whole.year:
        return DateAgreement(0.3, "Year of birth matches")
    return DateAgreement(0.0, None)


def _partial_reason(asked: PartialDate) -> str:
    known = [
        label
        for label, value in (("day", asked.day), ("month", asked.month), ("year", asked.year))
        if value is not None
    ]
    if len(known) == 1:
        return f"{known[0].capitalize()} of birth matches"
    return f"{', '.join(known[:-1]).capitalize()} and {known[-1]} of birth match"
