"""The live figures a delivery-plan indicator can follow: each a count over the twelve
months up to a day, read from the apps that hold the work; or one of the statutory
return's figures for the financial year so far (keys ``return.<question>``), counted as
the return counts them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from onestory.accommodation.models import Stay
from onestory.cases.choices import PersonRole
from onestory.cases.models import Case
from onestory.encompass.models import EncompassNotification
from onestory.harm.models import Intervention
from onestory.intake.models import Referral
from onestory.marac.models import MaracReferral
from onestory.needs.reach import VICTIM_SERVICES, _moment, seen_by_service
from onestory.returns import periods as return_periods
from onestory.returns import queries as return_queries
from onestory.returns import questions as return_questions
from onestory.returns import rules as return_rules


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    count: Callable[[date, date], int]


def _referrals(start: date, end: date) -> int:
    return Referral.objects.filter(
        received_at__range=(_moment(start), _moment(end, end=True))
    ).count()


def _marac(start: date, end: date) -> int:
    return MaracReferral.objects.filter(referred_on__range=(start, end)).count()


def _cases(start: date, end: date) -> int:
    return Case.objects.filter(
        person_role=PersonRole.VICTIM, opened_at__range=(_moment(start), _moment(end, end=True))
    ).count()


def _arrivals(start: date, end: date) -> int:
    return Stay.objects.filter(arrived_on__range=(start, end)).count()


def _police(start: date, end: date) -> int:
    return EncompassNotification.objects.filter(
        notified_at__range=(_moment(start), _moment(end, end=True))
    ).count()


def _harm_referrals(start: date, end: date) -> int:
    return Intervention.objects.filter(referred_on__range=(start, end)).count()


def _people_seen(start: date, end: date) -> int:
    seen = seen_by_service(start, end)
    return len(set().union(*(seen[key] for key in VICTIM_SERVICES)))


FIGURES = {
    figure.key: figure
    for figure in (
        Figure("front_door_referrals", "Referrals to the front door", _referrals),
        Figure("police_notifications", "Police notifications", _police),
        Figure("marac_referrals", "Referrals to MARAC", _marac),
        Figure("cases_opened", "Cases opened for victims and survivors", _cases),
        Figure("accommodation_arrivals", "Arrivals in safe accommodation", _arrivals),
        Figure("harm_referrals", "Referrals to the perpetrator services", _harm_referrals),
        Figure("people_seen", "People seen by any service for victims and survivors", _people_seen),
    )
}
RETURN_PREFIX = "return."
RETURN_FIGURES = {
    f"{RETURN_PREFIX}{question.key}": f"Return {question.ref}: {question.label}"
    for question in return_questions.QUESTIONS
    if question.source == return_questions.RECORDS and question.kind == return_questions.COUNT
}
FIGURE_CHOICES = [
    ("Over the last twelve months", [(f.key, f.label) for f in FIGURES.values()]),
    ("The statutory return, this financial year so far", list(RETURN_FIGURES.items())),
]


def known(key: str) -> bool:
    return key in FIGURES or key in RETURN_FIGURES


def label(key: str) -> str:
    if key in RETURN_FIGURES:
        return f"{RETURN_FIGURES[key]} (this financial year so far)"
    return FIGURES[key].label


def current_values(keys: set[str], today: date) -> dict[str, Decimal]:
    """Each known figure's value on ``today``: a live figure over the twelve months up to
    and including it, a return's figure for its financial year so far (the return's rows
    are read once, however many of its figures are asked for)."""
    found: dict[str, Decimal] = {}
    start = today - timedelta(days=364)
    for key in sorted(keys):
        if key in FIGURES:
            found[key] = Decimal(FIGURES[key].count(start, today))
    wanted = [key for key in keys if key in RETURN_FIGURES]
    if wanted:
        year = return_periods.year_of(today)
        figures = return_rules.compute(year, return_queries.rows_for(year))
        for key in wanted:
            figure = figures.get(key.removeprefix(RETURN_PREFIX))
            found[key] = Decimal(figure.count if figure else 0)
    return found


def current(key: str, today: date) -> Decimal:
    """One figure's value on ``today`` (see ``current_values``)."""
    return current_values({key}, today)[key]
