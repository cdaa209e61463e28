"""Who the services saw in a year, set against the estimate: counts, reach and the
under-representation index, by group. Everything leaves here as suppressed aggregates.

A year here is a financial year (April to March), the survey's year ending the March after,
and the population the ONS mid-year estimate of the year it starts in. A person counts
once per service however often they were seen, and once in "all services" (the services
for victims and survivors: the perpetrator services' people are shown beside them, but are
not part of the reach against the estimate of people experiencing abuse).

A person's ward is the area on their latest front-door referral up to the year's end. For a
district or ward, only people whose ward is known and inside it count; for the partnership
as a whole, everyone seen counts.

The under-representation index of a group is its share of the people seen (among those whose
group is known) divided by its share of the estimated people affected: 1 is in proportion,
below 1 under-represented. It is given where the estimate can be split by that group (sex,
age band and ward); for ethnicity, disability and sexual orientation the counts and shares
are shown without an index, since the survey rates are not loaded by those groups.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from onestory.accommodation.models import Stay
from onestory.accounts.models import AgencyKind, Area
from onestory.cases.choices import PersonRole
from onestory.cases.models import Case
from onestory.encompass.models import EncompassNotification
from onestory.harm.models import Intervention
from onestory.intake.figures import Cell, suppress, suppress_table
from onestory.intake.models import Referral
from onestory.marac.models import MaracReferral
from onestory.needs.bands import SEX_LABELS, Band, band_label, band_of
from onestory.needs.estimate import Estimate, EstimateRefused
from onestory.needs.queries import Geography, estimate_for, population_rows
from onestory.needs.rules import financial_year_bounds
from onestory.people.models import Person
from onestory.people.models.choices import ETHNICITY_GROUPS, SexualOrientation, YesNoPrefer

SERVICES = (
    ("front_door", "Front door"),
    ("police", "Police notifications"),
    ("marac", "MARAC"),
    ("outreach", "Outreach"),
    ("idva", "IDVA services"),
    ("accommodation", "Safe accommodation"),
    ("perpetrator", "Perpetrator services"),
)
VICTIM_SERVICES = tuple(key for key, _ in SERVICES if key != "perpetrator")
NOT_KNOWN = "Not known"
OUTSIDE = "Outside the survey's ages"

_CASE_KINDS = {
    "outreach": AgencyKind.COMMUNITY_OUTREACH,
    "idva": AgencyKind.IDVA_SERVICE,
    "accommodation": AgencyKind.SAFE_ACCOMMODATION,
    "perpetrator": AgencyKind.PERPETRATOR_SERVICE,
}


def _moment(day: date, *, end: bool = False) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


def seen_by_service(start: date, end: date) -> dict[str, set[int]]:
    """The ids of the people each service saw between ``start`` and ``end`` (inclusive)."""
    first, last = _moment(start), _moment(end, end=True)
    seen: dict[str, set[int]] = {key: set() for key, _ in SERVICES}
    seen["front_door"] = set(
        Referral.objects.filter(received_at__range=(first, last), person__isnull=False).values_list(
            "person_id", flat=True
        )
    )
    seen["police"] = set(
        EncompassNotification.objects.filter(notified_at__range=(first, last)).values_list(
            "victim_id", flat=True
        )
    )
    seen["marac"] = set(
        MaracReferral.objects.filter(referred_on__range=(start, end)).values_list(
            "victim_id", flat=True
        )
    )
    for key, kind in _CASE_KINDS.items():
        role = PersonRole.PERSON_USING_HARM if key == "perpetrator" else PersonRole.VICTIM
        seen[key] = set(
            Case.objects.filter(agency__kind=kind, person_role=role, opened_at__lte=last)
            .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=first))
            .values_list("person_id", flat=True)
        )
    seen["perpetrator"] |= set(
        Intervention.objects.filter(referred_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
        .values_list("person_id", flat=True)
    )
    seen["accommodation"] |= set(
        Stay.objects.filter(arrived_on__lte=end)
        .filter(Q(departed_on__isnull=True) | Q(departed_on__gte=start))
        .values_list("person_id", flat=True)
    )
    return seen


def wards_of(person_ids: set[int], end: date) -> dict[int, int]:
    """Each person's area on their latest front-door referral up to ``end``."""
    found: dict[int, int] = {}
    rows = (
        Referral.objects.filter(
            person_id__in=person_ids, area__isnull=False, received_at__lte=_moment(end, end=True)
        )
        .order_by("person_id", "received_at", "id")
        .values_list("person_id", "area_id")
    )
    for person_id, area_id in rows:
        found[person_id] = area_id
    return found


@dataclass(frozen=True)
class Traits:
    sex: str
    band: str
    ethnicity: str
    disability: str
    orientation: str
    ward: str


def _traits(person_ids: set[int], year: int, bands: list[Band], ward_names) -> dict[int, Traits]:
    orientation = dict(SexualOrientation.choices)
    disability = dict(YesNoPrefer.choices)
    found = {}
    rows = Person.objects.filter(pk__in=person_ids).values_list(
        "pk", "sex", "birth_year", "ethnicity", "disability", "sexual_orientation"
    )
    for pk, sex, born, ethnicity, disabled, orient in rows:
        if born is None:
            band = NOT_KNOWN
        else:
            within = band_of(year - born, bands)
            band = band_label(within) if within else OUTSIDE
        found[pk] = Traits(
            sex=SEX_LABELS.get(sex, NOT_KNOWN),
            band=band,
            ethnicity=ETHNICITY_GROUPS.get(ethnicity, NOT_KNOWN),
            disability=disability.get(disabled) or NOT_KNOWN,
            orientation=orientation.get(orient) or NOT_KNOWN,
            ward=ward_names(pk),
        )
    return found


@dataclass
class Row:
    label: str
    cells: dict[str, Cell]
    everyone: Cell
    reach: str = ""
    index: str = ""
    index_value: Decimal | None = None
    reach_value: Decimal | None = None  # the reach as a percentage, where shown

    @property
    def cell_list(self) -> list[Cell]:
        return [self.cells[key] for key, _ in SERVICES]


@dataclass
class Table:
    key: str
    title: str
    rows: list[Row] = field(default_factory=list)
    has_index: bool = False


@dataclass
class Reach:
    area: Area
    year: int
    start: date
    end: date
    estimate: Estimate
    totals: dict[str, Cell]
    everyone: Cell
    reach: str
    tables: list[Table]
    services = SERVICES

    @property
    def total_rows(self) -> list[tuple[str, Cell]]:
        return [(label, self.totals[key]) for key, label in SERVICES]


DIMENSIONS = (
    ("sex", "Sex"),
    ("band", "Age band"),
    ("ethnicity", "Ethnic group"),
    ("disability", "Disability"),
    ("orientation", "Sexual orientation"),
    ("ward", "Ward"),
)


def percent(part: Decimal | int, whole: Decimal | int) -> str:
    if not whole:
        return ""
    return f"{Decimal(part) * 100 / Decimal(whole):.1f}%"


def index(seen: int, seen_known: int, expected: Decimal, expected_total: Decimal) -> Decimal | None:
    """(share of people seen) ÷ (share of the estimate); None when either share is empty."""
    if not seen_known or not expected_total or not expected:
        return None
    return (Decimal(seen) / seen_known) / (expected / expected_total)


@dataclass
class Year:
    """What one financial year's assessments share, whatever the area: who each service saw,
    each person's ward, the population loaded and the partnership's areas."""

    year: int
    seen: dict[str, set[int]]
    wards: dict[int, int]
    loaded: dict
    geography: Geography


def year_of(year: int, *, geography: Geography | None = None) -> Year:
    start, end = financial_year_bounds(year)
    seen = seen_by_service(start, end)
    return Year(
        year=year,
        seen=seen,
        wards=wards_of(set().union(*seen.values()), end),
        loaded=population_rows(year),
        geography=geography or Geography(),
    )


def assess(
    *,
    area: Area,
    year: int,
    series: str,
    survey_year: int,
    geography: Geography | None = None,
    shared: Year | None = None,
) -> Reach:
    """The estimate and reach for one area and financial year. ``EstimateRefused`` when the
    estimate cannot be made. ``shared`` (from ``year_of``) lets many areas of one year be
    assessed without reading the year again."""
    if shared is None or shared.year != year:
        shared = year_of(year, geography=geography)
    geography, loaded = shared.geography, shared.loaded
    result = estimate_for(area, year, series, survey_year, geography=geography, loaded=loaded)
    start, end = financial_year_bounds(year)
    seen, wards = shared.seen, shared.wards
    inside = geography.within(area.pk)
    if area.parent_id is not None:
        seen = {key: {p for p in ids if wards.get(p) in inside} for key, ids in seen.items()}
    victims = set().union(*(seen[key] for key in VICTIM_SERVICES))
    people = set().union(*seen.values())

    def ward_name(pk: int) -> str:
        ward = geography.areas.get(wards.get(pk, 0))
        return ward.name if ward is not None and ward.level == "ward" else NOT_KNOWN

    traits = _traits(people, year, result.bands, ward_name)
    expected = _expected_by_group(result, area, year, geography, loaded, series, survey_year)
    tables = []
    for key, title in DIMENSIONS:
        tables.append(_table(key, title, seen, victims, traits, expected.get(key)))
    everyone = suppress(len(victims))
    return Reach(
        area=area,
        year=year,
        start=start,
        end=end,
        estimate=result,
        totals=suppress_table({k: len(seen[k]) for k, _ in SERVICES}, total_shown=False),
        everyone=everyone,
        reach="" if everyone.hidden else percent(len(victims), result.total()),
        tables=tables,
    )


def _expected_by_group(result, area, year, geography, loaded, series, survey_year):
    expected: dict[str, dict[str, Decimal]] = {"sex": {}, "band": {}}
    for line in result.lines:
        sex = SEX_LABELS[line.sex]
        expected["sex"][sex] = expected["sex"].get(sex, Decimal(0)) + line.estimate
        expected["band"][line.label] = expected["band"].get(line.label, Decimal(0)) + line.estimate
    wards: dict[str, Decimal] = {}
    for ward in geography.wards_within(area.pk):
        try:
            part = estimate_for(ward, year, series, survey_year, geography=geography, loaded=loaded)
        except EstimateRefused:
            continue
        wards[ward.name] = part.total()
    if wards:
        expected["ward"] = wards
    return expected


def _table(key, title, seen, victims, traits, expected) -> Table:
    order: list[str] = []
    per_service: dict[str, Counter] = defaultdict(Counter)
    for service, ids in seen.items():
        for pk in ids:
            per_service[service][getattr(traits[pk], key)] += 1
    everyone = Counter(getattr(traits[pk], key) for pk in victims)
    labels = set(everyone) | {g for c in per_service.values() for g in c}
    if expected:
        order = list(expected)
    order += sorted(labels - set(order) - {NOT_KNOWN, OUTSIDE})
    order += [g for g in (OUTSIDE, NOT_KNOWN) if g in labels]
    columns = {s: suppress_table({g: per_service[s][g] for g in order}) for s, _ in SERVICES}
    all_cells = suppress_table({g: everyone[g] for g in order})
    known = sum(n for g, n in everyone.items() if g not in (NOT_KNOWN, OUTSIDE))
    expected_total = sum(expected.values(), Decimal(0)) if expected else Decimal(0)
    table = Table(key=key, title=title, has_index=bool(expected))
    for group in order:
        row = Row(group, {s: columns[s][group] for s, _ in SERVICES}, all_cells[group])
        if expected and group in expected and not row.everyone.hidden:
            row.reach = percent(everyone[group], expected[group])
            if expected[group]:
                row.reach_value = Decimal(everyone[group]) * 100 / expected[group]
            value = index(everyone[group], known, expected[group], expected_total)
            if value is not None:
                row.index_value = value
                row.index = f"{value:.2f}"
        table.rows.append(row)
    return table
