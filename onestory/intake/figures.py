"""Front-door figures: suppression of small counts, shares and medians, as pure functions.

A published count under 5 could point to a person, so it is shown as "fewer than 5". When
a table shows a total and only one of its counts is hidden, the hidden one could be worked
out by subtraction, so the next smallest is hidden too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import median

from onestory.accounts.models import AgencyKind
from onestory.intake.choices import Channel, Gender, Outcome, ProfessionalKind, Source, Urgency

SMALLEST_SHOWN = 5
HIDDEN = "fewer than 5"


@dataclass(frozen=True)
class Cell:
    """One published figure: the count, or a note that it is hidden."""

    count: int
    hidden: bool = False

    def __str__(self) -> str:
        return HIDDEN if self.hidden else f"{self.count:,}"


def suppress(count: int) -> Cell:
    """One count on its own: hidden when under 5."""
    return Cell(count, hidden=count < SMALLEST_SHOWN)


def suppress_table(counts: Mapping[str, int], *, total_shown: bool = True) -> dict[str, Cell]:
    """Hide counts under 5, and when exactly one is hidden beside a total, one more.

    The second count hidden is the smallest of those still shown (the first in the table's
    order when two are equal), so the table gives away as little as it can.
    """
    cells = {key: suppress(count) for key, count in counts.items()}
    hidden = [key for key, cell in cells.items() if cell.hidden]
    shown = [key for key, cell in cells.items() if not cell.hidden]
    if total_shown and len(hidden) == 1 and shown:
        smallest = min(shown, key=lambda key: counts[key])
        cells[smallest] = Cell(counts[smallest], hidden=True)
    return cells


def no_suppression(counts: Mapping[str, int]) -> dict[str, Cell]:
    return {key: Cell(count) for key, count in counts.items()}


def share(part: int, whole: int, *, suppressed: bool) -> str:
    """``part`` of ``whole`` as a percentage; hidden when either side of it is under 5."""
    if whole == 0:
        return "none received"
    if suppressed and min(part, whole - part) < SMALLEST_SHOWN:
        return "not shown (too few to publish)"
    return f"{round(100 * part / whole)}%"


def median_hours(hours: Iterable[float], *, suppressed: bool) -> str:
    values = list(hours)
    if not values:
        return "no first contacts"
    if suppressed and len(values) < SMALLEST_SHOWN:
        return "not shown (too few to publish)"
    middle = median(values)
    if middle < 1:
        return f"{round(middle * 60)} minutes"
    return f"{middle:.1f} hours"


def should_suppress(*, agency_kind: str | None) -> bool:
    """Only the front door's own staff, who can already see the referrals, see small counts."""
    return agency_kind != AgencyKind.CENTRAL_POINT_OF_CONTACT


# --- The page's tables -----------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple


@dataclass(frozen=True)
class Table:
    caption: str
    headings: tuple[str, ...]
    rows: list[Row]


def _column(counts: Mapping[str, int], *, suppressed: bool) -> dict[str, Cell]:
    return suppress_table(counts) if suppressed else no_suppression(counts)


def _total(count: int, *, suppressed: bool) -> Cell:
    return suppress(count) if suppressed else Cell(count)


def breakdown(
    caption: str,
    heading: str,
    labels: Mapping[str, str],
    columns: Mapping[str, Mapping[str, int]],
    *,
    suppressed: bool,
) -> Table:
    """One table: a row per label, a column per count, and a total row; small counts hidden."""
    shown = {
        name: _column({key: column.get(key, 0) for key in labels}, suppressed=suppressed)
        for name, column in columns.items()
    }
    rows = [
        Row(label, tuple(shown[name][key] for name in columns)) for key, label in labels.items()
    ]
    totals = tuple(
        _total(sum(column.get(key, 0) for key in labels), suppressed=suppressed)
        for column in columns.values()
    )
    rows.append(Row("Total", totals))
    return Table(caption, (heading, *columns), rows)


@dataclass(frozen=True)
class Headline:
    label: str
    value: str


ONLINE_CHANNELS = ("online_form", "professional_form")


def front_door_tables(counts, *, suppressed: bool, targets: Mapping[str, int]):
    """The headline figures and tables for ``counts`` (a ``queries.Counts``)."""

    def labels(choices, blank: str | None = None) -> dict[str, str]:
        found = {choice.value: choice.label for choice in choices}
        return found | ({"": blank} if blank else {})

    contacted = [
        (urgency, (contacted_at - received_at).total_seconds() / 3600, received_at, contacted_at)
        for received_at, contacted_at, urgency in counts.first_contacts
    ]
    met = {
        urgency: sum(1 for u, hours, *_ in contacted if u == urgency and hours <= targets[urgency])
        for urgency in targets
    }
    made = {urgency: sum(1 for u, *_ in contacted if u == urgency) for urgency in targets}
    online = sum(counts.by_channel.get(channel, 0) for channel in ONLINE_CHANNELS)

    headlines = [
        Headline("Contacts received", str(_total(counts.total, suppressed=suppressed))),
        Headline(
            "Referred on (including MARAC)", str(_total(counts.referred_on, suppressed=suppressed))
        ),
        Headline("Online share of contacts", share(online, counts.total, suppressed=suppressed)),
        Headline(
            "Median time to first contact",
            median_hours((hours for _u, hours, *_ in contacted), suppressed=suppressed),
        ),
        Headline(
            "First contacts within target",
            share(sum(met.values()), len(contacted), suppressed=suppressed)
            if contacted
            else "no first contacts",
        ),
    ]
    urgency_labels = {
        urgency.value: f"{urgency.label} (target {targets[urgency.value]} hours)"
        for urgency in Urgency
    }
    tables = [
        breakdown(
            "Contacts and referrals on, by who got in touch",
            "Who got in touch",
            labels(Source),
            {"Contacts": counts.by_source, "Referred on": counts.referred_on_by_source},
            suppressed=suppressed,
        ),
        breakdown(
            "Contacts from professionals, by kind of organisation",
            "Kind of organisation",
            labels(ProfessionalKind, "Not recorded"),
            {"Contacts": counts.by_professional_kind},
            suppressed=suppressed,
        ),
        breakdown(
            "Contacts by channel",
            "Channel",
            labels(Channel),
            {"Contacts": counts.by_channel},
            suppressed=suppressed,
        ),
        breakdown(
            "Contacts by outcome of triage",
            "Outcome",
            labels(Outcome, "Not decided yet"),
            {"Contacts": counts.by_outcome},
            suppressed=suppressed,
        ),
        breakdown(
            "Contacts by the gender of the person they were about",
            "Gender",
            labels(Gender, "Not recorded"),
            {"Contacts": counts.by_gender},
            suppressed=suppressed,
        ),
        breakdown(
            "First contacts, by urgency",
            "Urgency",
            urgency_labels,
            {"First contacts": made, "Within target": met},
            suppressed=suppressed,
        ),
    ]
    return headlines, tables
