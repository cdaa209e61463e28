"""Safe accommodation figures for any period: occupancy and vacancy nights per scheme,
requests by outcome and reason, time from request to arrival, length of stay, move-on,
sanctuary installs and their cost, and Safe Start Fund spend. Aggregates only: counts from
1 to 4 are shown as "fewer than 5", as in every published figure."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Least, TruncDate

from onestory.accommodation.choices import (
    AskStatus,
    MoveOn,
    SchemeDeclineReason,
    SchemeType,
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
SURVIVOR_DECLINED = "survivor"
# Why asks failed: the scheme's reasons, with the survivor declining after no space.
FAILURE_REASONS = [
    SchemeDeclineReason.choices[0],
    (SURVIVOR_DECLINED, "The survivor declined the place offered"),
    *SchemeDeclineReason.choices[1:],
]


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
    # Every ask that failed, by why: the scheme's reason, or the survivor declining the place
    # offered; as domain.md gives the national figures (no space about 40%, the survivor
    # declining about 35%).
    failures: list[Row] = field(default_factory=list)
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


def median_of(counts: dict[int, int]) -> float | None:
    """The median of values given as ``{value: how many}``, or ``None`` for fewer than 5
    values (a median of so few could single a household out)."""
    size = sum(counts.values())
    if size < SUPPRESS_BELOW:
        return None
    middle = ((size - 1) // 2, size // 2)  # the positions of the middle value(s), from 0
    found: list[int] = []
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        while len(found) < 2 and seen > middle[len(found)]:
            found.append(value)
        if len(found) == 2:
            break
    low, high = found[0], found[1]
    return low if low == high else (low + high) / 2


def _days(duration: timedelta | None) -> int:
    return duration.days if duration is not None else 0


def _spread(rows) -> dict[int, int]:
    """``{days: how many}`` from rows of (a duration, a count)."""
    counts: dict[int, int] = {}
    for duration, count in rows:
        counts[_days(duration)] = counts.get(_days(duration), 0) + count
    return counts


def figures(start: date, end: date) -> Figures:
    """The figures for the period from ``start`` to ``end`` (both included), each counted
    in the database: a handful of queries, however many stays and requests there are."""
    result = Figures(start=start, end=end)
    nights = (end - start).days + 1
    after_end = Value(end + timedelta(days=1), output_field=DateField())
    overlapping = Stay.objects.filter(arrived_on__lte=end).exclude(departed_on__lt=start)
    # Nights of each stay inside the period: from the later of arrival and the start to the
    # earlier of departure and the day after the end, summed by scheme.
    inside = ExpressionWrapper(
        Least(Coalesce("departed_on", after_end), after_end)
        - Greatest("arrived_on", Value(start, output_field=DateField())),
        output_field=DurationField(),
    )
    occupied = dict(
        overlapping.order_by()
        .values("unit__scheme_id")
        .annotate(nights=Sum(inside))
        .values_list("unit__scheme_id", "nights")
    )
    for pk, name, units in (
        # A sanctuary scheme secures people's own homes: it has no units to occupy.
        Scheme.objects.exclude(scheme_type=SchemeType.SANCTUARY)
        .annotate(units_count=Count("units"))
        .order_by("name")
        .values_list("pk", "name", "units_count")
    ):
        used = _days(occupied.get(pk))
        result.schemes.append((name, used, max(0, units * nights - used)))

    asks = (
        PlacementAsk.objects.filter(
            request__created_at__date__gte=start, request__created_at__date__lte=end
        )
        .order_by()
        .values_list("status", "scheme_reason", "survivor_reason")
        .annotate(n=Count("pk"))
    )
    statuses: Counter = Counter()
    scheme_reasons: Counter = Counter()
    survivor_reasons: Counter = Counter()
    for status, scheme_reason, survivor_reason, count in asks:
        statuses[status] += count
        if scheme_reason:
            scheme_reasons[scheme_reason] += count
        if survivor_reason:
            survivor_reasons[survivor_reason] += count
    result.asks = _rows(statuses, AskStatus.choices)
    result.scheme_reasons = _rows(scheme_reasons, SchemeDeclineReason.choices)
    result.survivor_reasons = _rows(survivor_reasons, SurvivorDeclineReason.choices)
    failures = Counter(scheme_reasons)
    failures[SURVIVOR_DECLINED] = statuses[AskStatus.REFUSED]
    result.failures = _rows(failures, FAILURE_REASONS)

    # Days from the request to arrival, and nights stayed, as spreads of how many took
    # each number of days: a few hundred rows at most, whatever the period.
    waited = ExpressionWrapper(
        F("arrived_on") - TruncDate("ask__request__created_at"), output_field=DurationField()
    )
    result.median_days_to_arrival = median_of(
        _spread(
            Stay.objects.filter(arrived_on__gte=start, arrived_on__lte=end)
            .order_by()
            .values_list(waited)
            .annotate(n=Count("pk"))
        )
    )
    # Departures by nights stayed and where they moved on to, in one query.
    stayed = ExpressionWrapper(F("departed_on") - F("arrived_on"), output_field=DurationField())
    departures = list(
        Stay.objects.filter(departed_on__gte=start, departed_on__lte=end)
        .order_by()
        .values_list(stayed, "move_on")
        .annotate(n=Count("pk"))
    )
    result.median_nights_stayed = median_of(_spread((d, n) for d, _, n in departures))
    move_on: Counter = Counter()
    for _, destination, count in departures:
        move_on[destination] += count
    result.move_on = _rows(move_on, MoveOn.choices)

    result.installs = SanctuaryInstall.objects.filter(
        surveyed_on__gte=start, surveyed_on__lte=end
    ).count()
    result.install_cost = SanctuaryMeasure.objects.filter(
        fitted_on__gte=start, fitted_on__lte=end
    ).aggregate(total=Sum("cost"))["total"] or Decimal(0)
    result.fund_spend = FundGrant.objects.filter(
        status__in=("approved", "paid"), applied_on__gte=start, applied_on__lte=end
    ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    return result
