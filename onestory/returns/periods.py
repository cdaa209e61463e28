"""Financial years (1 April to 31 March), as the ministry's return counts them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_YEAR = re.compile(r"^\s*(\d{4})\s*(?:[-/]\s*(\d{2}|\d{4}))?\s*$")


@dataclass(frozen=True, order=True)
class FinancialYear:
    """The year from 1 April ``first`` to 31 March ``first + 1``: 2025-26."""

    first: int

    @property
    def start(self) -> date:
        return date(self.first, 4, 1)

    @property
    def end(self) -> date:
        return date(self.first + 1, 3, 31)

    @property
    def code(self) -> str:
        return f"{self.first}-{(self.first + 1) % 100:02d}"

    @property
    def title(self) -> str:
        return f"1 April {self.first} to 31 March {self.first + 1}"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def year_of(day: date) -> FinancialYear:
    """The financial year ``day`` falls in: 31 March is the last day of the year before."""
    return FinancialYear(day.year if day.month >= 4 else day.year - 1)


def parse_year(text: str) -> FinancialYear:
    """``"2025-26"`` (or ``"2025"``, ``"2025/2026"``) to a year; ValueError with a plain
    message otherwise."""
    match = _YEAR.match(text or "")
    if not match:
        raise ValueError("Enter a financial year like 2025-26")
    first = int(match.group(1))
    if not 2000 <= first <= 2100:
        raise ValueError("Enter a year between 2000-01 and 2100-01")
    second = match.group(2)
    if second is not None:
        expected = first + 1 if len(second) == 4 else (first + 1) % 100
        if int(second) != expected:
            raise ValueError("A financial year runs from one April to the next, like 2025-26")
    return FinancialYear(first)


def recent_years(today: date, count: int = 5) -> list[FinancialYear]:
    """The current financial year and the ones before it, newest first."""
    current = year_of(today)
    return [FinancialYear(current.first - n) for n in range(count)]
