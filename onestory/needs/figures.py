"""The live figures a delivery-plan indicator can follow: each a count over the twelve
months up to a day, read from the apps that hold the work."""

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
FIGURE_CHOICES = [(f.key, f.label) for f in FIGURES.values()]


def current(key: str, today: date) -> Decimal:
    """The figure over the twelve months up to and including ``today``."""
    start = today - timedelta(days=364)
    return Decimal(FIGURES[key].count(start, today))
