"""The return's figures, as pure functions over plain rows.

``compute`` takes what ``queries.rows_for`` reads (units, stays, requests and their asks,
sanctuary installs, the people in them, money spent) and answers every question the records
can answer, each with the records it counted, so that a figure can be traced back to them.

What counts:
- *In the area*: the return is about the safe accommodation the council commissions, which is
  the accommodation in its area: a unit or stay is in the area when its scheme's district is
  one of the partnership's areas (``Scheme.area``, decision 0041). Units and stays outside
  it are counted apart (1: units outside the area; 8: households placed outside the area
  supported in the year), never in the sections on commissioned accommodation.
- *Availability* and *specialist services*: units of the partnership's active schemes that
  existed on the year's last day, by statutory type; sanctuary by households surveyed.
- *Supported*: stays in the area that overlap the year (a household, however long it stayed) and
  sanctuary installs surveyed in it. Adults are counted once each, by the named adult of
  each household; other adults in a household have no record, so their sex is unknown.
- *Characteristics*: of the named adults, from their record (and, for mental health and
  drug or alcohol use, any needs assessment of theirs on or before the year's end).
  Age is taken on the day their support in the year began.
- *Unable to be supported*: each time a scheme declined a household, or a survivor declined
  an offer, for requests made in the year; and requests closed without a place.
- *Ended*: stays that ended in the year, by why and where they moved on to (never
  sanctuary, where nobody moves).
- *Area*: households who arrived in the area's accommodation in the year, by where they came
  from; households from the area placed outside it (requests made in the year); and stays
  outside the area in the year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from onestory.accommodation.choices import EndReason, MoveOn, SchemeType, Sexes, SupportType
from onestory.marac import quarterly
from onestory.returns.periods import FinancialYear

# Statuses of immigration that may end, or that give no right to stay.
INSECURE_IMMIGRATION = frozenset(
    {"pre_settled", "limited_leave", "spousal_visa", "asylum_seeker", "no_leave"}
)
NEED_LEVELS = frozenset({"low", "medium", "high"})


@dataclass(frozen=True)
class PersonFacts:
    person_id: int
    sex: str = ""
    gender_identity: str = ""
    same_as_at_birth: str = ""
    ethnicity: str = ""
    sexual_orientation: str = ""
    disability: str = ""
    disability_kinds: tuple[str, ...] = ()
    nrpf: str = ""
    immigration_status: str = ""
    interpreter_needed: bool = False
    date_of_birth: date | None = None
    birth_year: int | None = None
    # From needs assessments on or before the year's end.
    mental_health_need: bool = False
    substance_use_need: bool = False


@dataclass(frozen=True)
class UnitRow:
    unit_id: int
    scheme_id: int
    scheme_type: str
    bed_spaces: int
    by_and_for: bool = False
    specialist_group: str = ""
    sexes: str = Sexes.WOMEN
    wheelchair_access: bool = False
    no_recourse_to_public_funds: bool = False
    pets: bool = False
    in_area: bool = True  # its scheme is in the partnership's area: commissioned


@dataclass(frozen=True)
class StayRow:
    stay_id: int
    person_id: int
    request_id: int
    arrived_on: date
    departed_on: date | None = None
    adults: int = 1
    children: int = 0
    support_given: tuple[str, ...] = ()
    end_reason: str = ""
    move_on: str = ""
    from_in_area: bool = True
    request_nrpf: bool = False
    in_area: bool = True  # in a scheme in the partnership's area


@dataclass(frozen=True)
class AskRow:
    ask_id: int
    request_id: int
    person_id: int
    status: str
    scheme_reason: str = ""
    survivor_reason: str = ""


@dataclass(frozen=True)
class RequestRow:
    request_id: int
    person_id: int
    made_on: date
    status: str
    from_in_area: bool = True
    placed_in_area: bool | None = None


@dataclass(frozen=True)
class InstallRow:
    install_id: int
    person_id: int
    surveyed_on: date


@dataclass
class Rows:
    """Everything the return reads, for one year."""

    units: list[UnitRow] = field(default_factory=list)
    stays: list[StayRow] = field(default_factory=list)
    requests: list[RequestRow] = field(default_factory=list)
    asks: list[AskRow] = field(default_factory=list)
    installs: list[InstallRow] = field(default_factory=list)
    persons: dict[int, PersonFacts] = field(default_factory=dict)
    fund_spend: Decimal = Decimal(0)
    measures_cost: Decimal = Decimal(0)


# A record a figure counted: its kind ("unit", "stay", "request", "ask", "install"), its id,
# and the person it is about (None for a unit).
Counted = tuple[str, int, int | None]


@dataclass
class Figure:
    key: str
    count: int = 0
    amount: Decimal | None = None
    records: list[Counted] = field(default_factory=list)

    def add(self, record: Counted, by: int = 1) -> None:
        self.count += by
        self.records.append(record)


class _Tally(dict):
    def __missing__(self, key: str) -> Figure:
        figure = self[key] = Figure(key)
        return figure


def age_on(person: PersonFacts, day: date) -> int | None:
    """Age in whole years on ``day``; from the year of birth alone, the age reached that
    calendar year (the best the record allows)."""
    if person.date_of_birth is not None:
        born = person.date_of_birth
        # Born on 29 February: a birthday on 1 March in other years.
        had_birthday = (day.month, day.day) >= (born.month, born.day)
        return day.year - born.year - (0 if had_birthday else 1)
    if person.birth_year is not None:
        return day.year - person.birth_year
    return None


def adult_group(person: PersonFacts) -> str:
    """``women``, ``men`` or ``other_adults``, by gender, else by sex."""
    if person.gender_identity == "woman" or (not person.gender_identity and person.sex == "female"):
        return "women"
    if person.gender_identity == "man" or (not person.gender_identity and person.sex == "male"):
        return "men"
    return "other_adults"


def characteristics(person: PersonFacts, *, on: date, request_nrpf: bool = False) -> set[str]:
    """The specialist characteristics (``questions.CHARACTERISTICS`` keys) of one adult."""
    found = set()
    if quarterly.racially_minoritised(person.ethnicity):
        found.add("racially_minoritised")
    if quarterly.disabled(person.disability):
        found.add("disabled")
    kinds = set(person.disability_kinds)
    if kinds & {"deaf", "visual"}:
        found.add("deaf_or_blind")
    if kinds & {"learning", "autism"}:
        found.add("learning_or_autism")
    if "mental_health" in kinds or person.mental_health_need:
        found.add("mental_health")
    if person.substance_use_need:
        found.add("substance_use")
    if quarterly.lgbt_plus(
        sexual_orientation=person.sexual_orientation,
        gender_identity=person.gender_identity,
        same_as_at_birth=person.same_as_at_birth,
    ):
        found.add("lgbt_plus")
    if person.nrpf == "yes" or request_nrpf:
        found.add("nrpf")
    if person.immigration_status in INSECURE_IMMIGRATION:
        found.add("insecure_immigration")
    if person.interpreter_needed:
        found.add("limited_english")
    age = age_on(person, on)
    if age is not None and age >= 65:
        found.add("older")
    if age is not None and 16 <= age <= 18:
        found.add("young")
    if quarterly.male(sex=person.sex, gender_identity=person.gender_identity):
        found.add("male")
    return found


def stays_in(year: FinancialYear, stays: list[StayRow], *, outside: bool = False) -> list[StayRow]:
    """Stays in the area that overlap the year: arrived by its end, and not gone before its
    start (``outside=True``: the same of stays outside the area)."""
    return [
        stay
        for stay in stays
        if stay.in_area != outside
        and stay.arrived_on <= year.end
        and (stay.departed_on is None or stay.departed_on >= year.start)
    ]


def compute(year: FinancialYear, rows: Rows) -> dict[str, Figure]:
    """Every records-based figure of the return for ``year``, keyed by question."""
    tally = _Tally()
    for unit in rows.units:
        if unit.scheme_type == SchemeType.SANCTUARY:
            continue
        record = ("unit", unit.unit_id, None)
        if not unit.in_area:
            tally["availability.outside.units"].add(record)
            tally["availability.outside.bed_spaces"].add(record, unit.bed_spaces)
            continue
        tally[f"availability.{unit.scheme_type}.units"].add(record)
        tally[f"availability.{unit.scheme_type}.bed_spaces"].add(record, unit.bed_spaces)
        if unit.specialist_group:
            tally["specialist.specialist_group_units"].add(record)
        if unit.wheelchair_access:
            tally["specialist.wheelchair_units"].add(record)
        if unit.no_recourse_to_public_funds:
            tally["specialist.nrpf_units"].add(record)
        if unit.sexes in (Sexes.MEN, Sexes.ANY):
            tally["specialist.men_units"].add(record)
        if unit.pets:
            tally["specialist.pets_units"].add(record)
    for scheme_id in sorted({u.scheme_id for u in rows.units if u.by_and_for and u.in_area}):
        tally["specialist.by_and_for_schemes"].add(("scheme", scheme_id, None))

    installs = [i for i in rows.installs if year.contains(i.surveyed_on)]
    for install in installs:
        record = ("install", install.install_id, install.person_id)
        tally["availability.sanctuary.households"].add(record)
        tally["supported.households_sanctuary"].add(record)

    stays = stays_in(year, rows.stays)
    for stay in stays:
        record = ("stay", stay.stay_id, stay.person_id)
        tally["supported.households_accommodation"].add(record)
        if stay.adults > 1:
            tally["supported.other_adults"].add(record, stay.adults - 1)
        if stay.children:
            tally["supported.children"].add(record, stay.children)
        for support in stay.support_given:
            if support in SupportType.values:
                tally[f"support.{support}"].add(record)

    # Each adult once: the first time their support in the year began.
    first_support: dict[int, tuple[date, Counted, bool]] = {}
    for stay in stays:
        began = max(stay.arrived_on, year.start)
        record = ("stay", stay.stay_id, stay.person_id)
        seen = first_support.get(stay.person_id)
        nrpf = stay.request_nrpf or (seen[2] if seen else False)
        if seen is None or began < seen[0]:
            first_support[stay.person_id] = (began, record, nrpf)
        else:
            first_support[stay.person_id] = (seen[0], seen[1], nrpf)
    for install in installs:
        record = ("install", install.install_id, install.person_id)
        seen = first_support.get(install.person_id)
        if seen is None or install.surveyed_on < seen[0]:
            first_support[install.person_id] = (
                install.surveyed_on,
                record,
                seen[2] if seen else False,
            )
    for person_id in sorted(first_support):
        began, record, nrpf = first_support[person_id]
        person = rows.persons.get(person_id, PersonFacts(person_id))
        tally[f"supported.{adult_group(person)}"].add(record)
        if person.same_as_at_birth == "no":
            tally["supported.trans"].add(record)
        for characteristic in sorted(characteristics(person, on=began, request_nrpf=nrpf)):
            tally[f"characteristics.{characteristic}"].add(record)

    requests = {r.request_id: r for r in rows.requests if year.contains(r.made_on)}
    for ask in rows.asks:
        if ask.request_id not in requests:
            continue
        record = ("ask", ask.ask_id, ask.person_id)
        if ask.status == "declined" and ask.scheme_reason:
            tally[f"unable.scheme.{ask.scheme_reason}"].add(record)
        elif ask.status == "refused" and ask.survivor_reason:
            tally[f"unable.survivor.{ask.survivor_reason}"].add(record)
    for request in requests.values():
        record = ("request", request.request_id, request.person_id)
        if request.status == "closed":
            tally["unable.closed_without_place"].add(record)
        if request.from_in_area and request.placed_in_area is False:
            tally["area.placed_out_of_area"].add(record)

    for stay in stays:
        record = ("stay", stay.stay_id, stay.person_id)
        if stay.departed_on is not None and year.contains(stay.departed_on):
            if stay.end_reason in EndReason.values:
                tally[f"ended.reason.{stay.end_reason}"].add(record)
            if stay.move_on in MoveOn.values:
                tally[f"ended.move_on.{stay.move_on}"].add(record)
            else:
                tally["ended.move_on.not_recorded"].add(record)
        if year.contains(stay.arrived_on):
            side = "from_in_area" if stay.from_in_area else "from_out_of_area"
            tally[f"area.{side}"].add(record)
    for stay in stays_in(year, rows.stays, outside=True):
        tally["area.supported_out_of_area"].add(("stay", stay.stay_id, stay.person_id))

    tally["finance.safe_start_fund"].amount = rows.fund_spend
    tally["finance.sanctuary_measures"].amount = rows.measures_cost
    return dict(tally)


# --- Data quality: what would make the return wrong ------------------------------------------

QUALITY_CHECKS = [
    ("no_support_type", "Stays in the year with no support type recorded"),
    ("no_move_on", "Departures in the year with no known move-on destination"),
    ("no_end_reason", "Departures in the year with no reason support ended"),
    (
        "characteristics_not_recorded",
        "Adults supported whose ethnicity, disability or sex is not recorded",
    ),
    ("age_not_recorded", "Adults supported with no date or year of birth"),
    ("requests_without_outcome", "Requests made in the year still waiting for an outcome"),
]


def quality(year: FinancialYear, rows: Rows) -> dict[str, Figure]:
    """Counts of the records that would make the return wrong, with the records themselves."""
    tally = _Tally()
    stays = stays_in(year, rows.stays)
    adults: dict[int, Counted] = {}
    for stay in stays:
        record = ("stay", stay.stay_id, stay.person_id)
        adults.setdefault(stay.person_id, record)
        if not stay.support_given:
            tally["no_support_type"].add(record)
        if stay.departed_on is not None and year.contains(stay.departed_on):
            if stay.move_on in ("", MoveOn.UNKNOWN):
                tally["no_move_on"].add(record)
            if not stay.end_reason:
                tally["no_end_reason"].add(record)
    for install in rows.installs:
        if year.contains(install.surveyed_on):
            adults.setdefault(install.person_id, ("install", install.install_id, install.person_id))
    for person_id in sorted(adults):
        person = rows.persons.get(person_id, PersonFacts(person_id))
        if (
            not person.ethnicity
            or not person.disability
            or not (person.sex or person.gender_identity)
        ):
            tally["characteristics_not_recorded"].add(adults[person_id])
        if person.date_of_birth is None and person.birth_year is None:
            tally["age_not_recorded"].add(adults[person_id])
    for request in rows.requests:
        if year.contains(request.made_on) and request.status == "open":
            tally["requests_without_outcome"].add(
                ("request", request.request_id, request.person_id)
            )
    return {key: tally[key] for key, _ in QUALITY_CHECKS}
