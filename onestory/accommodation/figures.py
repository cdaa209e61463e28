"""Safe accommodation figures for any period: occupancy and vacancy nights per scheme,
requests by outcome and reason, time from request to arrival, length of stay, move-on,
sanctuary installs and their cost, and Safe Start Fund spend. Aggregates only: counts from
1 to 4 are shown as "fewer than 5", as in every published figure."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from statistics import median

from django.db.models import Sum

from onestory.accommodation.choices import (
    AskStatus,
    MoveOn,
    SchemeDeclineReason,
    SurvivorDeclineReason,
)
from onestory.accommodation.models import (
    FundGrant,
    PlacementAsk,
    SanctuaryInstall,
    SanctuaryMeasure,
    Scheme,
    Stay,
)

SUPPRESS_BELOW = 5


def shown(count: int) -> str:
    """A count as published: 1 to 4 hidden."""
    return "fewer than 5" if 0 < count < SUPPRESS_BELOW else str(count)


def share(count: int, total: int) -> str:
    """A share of a total, hidden when the count itself is hidden."""
    if total == 0 or 0 < count < SUPPRESS_BELOW:
        return ""
    return f"{round(100 * count / total)}%"


def nights_within(arrived: date, departed: date | None, start: date, end: date) -> int:
    """Nights of a stay that fall in the period from ``start`` to ``end`` (both included)."""
    first = max(arrived, start)
    last = min(departed or end + timedelta(days=1), end + timedelta(days=1))
    return max(0, (last - first).days)


@dataclass
class Row:
    label: str
    count: int
    total: int

    @property
    def shown(self) -> str:
        return shown(self.count)

    @property
    def share(self) -> str:
        return share(self.count, self.total)


@dataclass
class Figures:
    start: date
    end: date
    schemes: list[tuple[str, int, int]] = field(default_factory=list)  # name, occupied, vacant
    asks: list[Row] = field(default_factory=list)
    scheme_reasons: list[Row] = field(default_factory=list)
    survivor_reasons: list[Row] = field(default_factory=list)
    move_on: list[Row] = field(default_factory=list)
    median_days_to_arrival: float | None = None
    median_nights_stayed: float | None = None
    installs: int = 0
    install_cost: Decimal = Decimal(0)
    fund_spend: Decimal = Decimal(0)

    @property
    def installs_shown(self) -> str:
        return shown(self.installs)


def _rows(counter: Counter, choices) -> list[Row]:
    total = sum(counter.values())
    return [Row(label, counter.get(value, 0), total) for value, label in choices]


def figures(start: date, end: date) -> Figures:
    result = Figures(start=start, end=end)
    nights = (end - start).days + 1
    stays = list(
        Stay.objects.filter(arrived_on__lte=end)
        .exclude(departed_on__lt=start)
        .select_related("unit", "ask__request")
    )
    occupied: Counter = Counter()
    for stay in stays:
        occupied[stay.unit.scheme_id] += nights_within(
            stay.arrived_on, stay.departed_on, start, end
        )
    for scheme in Scheme.objects.prefetch_related("units").order_by("name"):
        capacity = len(scheme.units.all()) * nights
        used = occupied.get(scheme.pk, 0)
        result.schemes.append((scheme.name, used, max(0, capacity - used)))

    asks = list(
        PlacementAsk.objects.filter(
            request__created_at__date__gte=start, request__created_at__date__lte=end
        ).values_list("status", "scheme_reason", "survivor_reason")
    )
    result.asks = _rows(Counter(status for status, _, _ in asks), AskStatus.choices)
    result.scheme_reasons = _rows(
        Counter(reason for _, reason, _ in asks if reason), SchemeDeclineReason.choices
    )
    result.survivor_reasons = _rows(
        Counter(reason for _, _, reason in asks if reason), SurvivorDeclineReason.choices
    )

    arrivals = [stay for stay in stays if start <= stay.arrived_on <= end]
    waits = [(stay.arrived_on - stay.ask.request.created_at.date()).days for stay in arrivals]
    result.median_days_to_arrival = median(waits) if len(waits) >= SUPPRESS_BELOW else None
    departures = [s for s in stays if s.departed_on and start <= s.departed_on <= end]
    lengths = [(s.departed_on - s.arrived_on).days for s in departures]
    result.median_nights_stayed = median(lengths) if len(lengths) >= SUPPRESS_BELOW else None
    result.move_on = _rows(Counter(s.move_on for s in departures), MoveOn.choices)

    installs = SanctuaryInstall.objects.filter(surveyed_on__gte=start, surveyed_on__lte=end)
    result.installs = installs.count()
    result.install_cost = SanctuaryMeasure.objects.filter(
        fitted_on__gte=start, fitted_on__lte=end
    ).aggregate(total=Sum("cost"))["total"] or Decimal(0)
    result.fund_spend = FundGrant.objects.filter(
        status__in=("approved", "paid"), applied_on__gte=start, applied_on__lte=end
    ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    return result
