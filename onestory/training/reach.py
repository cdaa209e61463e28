"""Training reach for a financial year, as pure functions over plain rows, so each figure has
a table of cases in ``tests/unit/training/``.

People trained counts attendances (someone at two courses counts twice, as the board's
report does); agencies trained counts agencies with anyone at any session; reach is people
trained against the workforce the agency stated for that year, and is left out where no
workforce was stated.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

FINANCIAL_YEAR_STARTS = (4, 1)  # 1 April


def financial_year(day: date) -> int:
    """The year the financial year holding ``day`` starts in: 31 March 2027 is in 2026."""
    return day.year if (day.month, day.day) >= FINANCIAL_YEAR_STARTS else day.year - 1


def year_span(year: int) -> tuple[date, date]:
    return date(year, 4, 1), date(year + 1, 3, 31)


@dataclass(frozen=True)
class Row:
    session_id: int
    course: str
    agency: str
    role: str
    people: int


@dataclass(frozen=True)
class Feedback:
    session_id: int
    count: int
    mean: Decimal | None


@dataclass
class Reach:
    sessions: int = 0
    people: int = 0
    agencies: int = 0
    by_course: dict[str, int] = field(default_factory=dict)
    by_role: dict[str, int] = field(default_factory=dict)
    by_agency: list[tuple[str, int, int | None, Decimal | None]] = field(default_factory=list)
    feedback_mean: Decimal | None = None
    feedback_count: int = 0


def percent(part: int, whole: int | None) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def reach(
    *,
    session_ids: list[int],
    rows: list[Row],
    feedback: list[Feedback],
    workforce: dict[str, int],
) -> Reach:
    """The year's figures from its sessions, attendance rows, feedback and workforces."""
    result = Reach(sessions=len(set(session_ids)))
    by_course: dict[str, int] = defaultdict(int)
    by_role: dict[str, int] = defaultdict(int)
    by_agency: dict[str, int] = defaultdict(int)
    for row in rows:
        result.people += row.people
        by_course[row.course] += row.people
        by_role[row.role] += row.people
        by_agency[row.agency] += row.people
    result.agencies = len(by_agency)
    result.by_course = dict(sorted(by_course.items()))
    result.by_role = dict(sorted(by_role.items()))
    names = sorted(set(by_agency) | set(workforce))
    result.by_agency = [
        (
            name,
            by_agency.get(name, 0),
            workforce.get(name),
            percent(by_agency.get(name, 0), workforce.get(name)),
        )
        for name in names
    ]
    scored = [f for f in feedback if f.mean is not None and f.count > 0]
    result.feedback_count = sum(f.count for f in scored)
    if result.feedback_count:
        total = sum(f.mean * f.count for f in scored)
        result.feedback_mean = (total / result.feedback_count).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
    return result
