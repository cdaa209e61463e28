"""Safe accommodation in the synthetic county: its schemes and units, and three years of
placement requests, stays, sanctuary installs and Safe Start Fund grants.

The county's schemes are made once, before the first chunk (``county_estate``), sized for
the county: at a million person records (about 1.9 million residents, targets.md) about ten
refuges of 5 to 20 bed spaces, two "by and for" schemes, dispersed and second-stage units,
a sanctuary scheme and a refuge the provider runs across the county border, about 140 units
in all; a smaller county keeps at least one scheme of each kind. A few places outside the
partnership are listed by hand, as staff list them from the national vacancy services.

Each chunk then works its own units (every unit belongs to one chunk, in turn), so that no
two chunks ever put a household in the same unit at once and a stopped load never leaves a
unit half-used: for each of its units, stay after stay over the three years, each stay the
one request of its household that succeeded, with the schemes it asked that did not take it,
and requests that failed around it. Everything per chunk is pure and seeded: rows as
dictionaries of model field values, no database.

Where a rate comes from:

- more than 60% of refuge referrals fail nationally, mostly for lack of space (about 40%)
  or because the survivor declines the place (about 35%): domain.md, from the Essex
  commissioning strategy's sources; ``FAILED_PER_PLACED`` and ``FAILED_ASK`` follow them;
- over half of referrals to a county's refuge come from out of area (Herefordshire's needs
  assessment, seed 004): ``FROM_OUTSIDE``;
- a county's refuge has 9 units and 7 to 9 dispersed units, most taking pets, for about
  190,000 residents (Herefordshire, seed 004): the dispersed units' share and pets;
- the Essex Safe Start Fund helped 387 households in a year, 70% with children (Essex
  commissioning strategy, seed 001): ``GRANTS_PER_RECORD_YEAR`` for a county of our size;
- the rest (lengths of stay, how long a unit stands empty between stays, move-on
  destinations, sanctuary volumes and costs, grant amounts) no source gives; they are
  assumptions, named as such beside each figure.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from onestory.access.models import LawfulBasis, ShareScope
from onestory.accommodation.actions.placements import share_reason
from onestory.accommodation.board import Needs, fit_problems
from onestory.accommodation.choices import SupportType
from onestory.accommodation.models import (
    FundGrant,
    PlacementAsk,
    PlacementRequest,
    SanctuaryInstall,
    SanctuaryMeasure,
    Stay,
)
from onestory.accommodation.rules import financial_year_start
from onestory.demo.synth.people import Household, poisson

MODELS = (PlacementRequest, PlacementAsk, Stay, SanctuaryInstall, SanctuaryMeasure, FundGrant)
YEARS = 3
# The agencies that ask for a place, apply to the fund: the record's holder.
REQUESTERS = ("cpoc", "outreach", "idva", "housing", "refuge")

# Schemes per million person records, and the fewest a county has of each.
# (type, how many per 1M records, at least, units each (low, high), by and for)
ESTATE = (
    ("refuge", 10, 2, (4, 8)),
    ("specialist", 2, 1, (4, 6)),
    ("dispersed_refuge", 3, 1, (6, 9)),  # Herefordshire: 7 to 9 dispersed units a county
    ("dispersed_semi", 2, 1, (5, 8)),
    ("second_stage", 2, 1, (5, 8)),
    ("other_emergency", 1, 1, (3, 4)),
    ("outside", 2, 1, (4, 6)),  # a refuge the provider runs across the county border
)
# Not the demo's scheme names: the county is made beside the demo partnership.
REFUGE_NAMES = (
    "Northgate Refuge", "Riverside Family Refuge", "Elm Court", "Kingfisher House",
    "Oak Lodge", "Meadow View", "Beacon House", "Juniper House", "Heron Court",
    "Linden House", "Alder House", "Rowan Lodge", "Cedar House", "Larch Court",
)  # fmt: skip
SPECIALIST_GROUPS = (
    ("Saheli House", "Black and minoritised women", ["Urdu", "Punjabi", "Bengali"], "women"),
    ("Rainbow Doors", "LGBT+ people and men", [], "any"),
)
OUTSIDE_TOWNS = ("Eastbury", "Marlow Cross", "Upton Vale", "Fenwick")
# Places listed by hand from the national vacancy services (town, type, bed spaces, children).
LISTED = (
    ("Sandown Women's Aid", "Sandown Refuge", "Sandown", "refuge", 3, 2),
    ("Brookfield Housing Trust", "Brookfield Dispersed", "Brookfield", "dispersed_refuge", 4, 3),
    ("Southmoor Refuge Partnership", "Southmoor House", "Southmoor", "refuge", 2, 1),
)

# What happens to a placement request, and to each scheme asked.
FROM_OUTSIDE = 0.5  # seed 004: over 50% of a county refuge's referrals come from out of area
SCHEMES_ASKED = ((1, 35), (2, 30), (3, 20), (4, 15))  # assumed: "often several at once"
# Requests that fail for each that succeeds: 1.6 gives 62% failing (domain.md: more than 60%).
FAILED_PER_PLACED = 1.6
# How a failed ask ends (domain.md: no space about 40%, the survivor declining about 35%; the
# other reasons share the rest, split by assumption).
FAILED_ASK = (
    ("no_space", 40),
    ("survivor", 35),
    ("needs_too_high", 7),
    ("risk_to_residents", 5),
    ("household_not_accepted", 5),
    ("nrpf", 4),
    ("location_unsafe", 3),
    ("other", 1),
)
SURVIVOR_REASONS = (  # assumed
    ("too_close", 30),
    ("too_far", 35),
    ("cannot_afford", 10),
    ("changed_mind", 20),
    ("other", 5),
)
# An ask that did not end the request: it had not been answered when the household took a
# place elsewhere (withdrawn), or it failed first, as any ask may (``FAILED_ASK``: the scheme
# declined, or the survivor declined the place it offered before taking another).
OTHER_ASK_WITHDRAWN = 0.5
# Workers ask schemes the vacancy board shows can take the household; now and then one that
# cannot (the board was out of date, or they asked anyway), which declines it (assumed).
ASK_WITHOUT_FIT = 0.1
# Survivors who agree, on taking a place, that the scheme's agency may see who they are and
# how to contact them safely: a summary share, as the real answer makes (decision 0042;
# assumed).
CONSENTS_TO_SHARE = 0.85
# Days from the request to arrival (assumed: most arrive within a few days).
WAIT_DAYS_MEAN = 4
# Nights stayed, by type: (median, spread) of a log-normal (assumed; no source gives lengths).
STAY_NIGHTS = {
    "refuge": (110, 0.7),
    "specialist": (130, 0.7),
    "outside": (110, 0.7),
    "dispersed_refuge": (160, 0.6),
    "dispersed_semi": (200, 0.6),
    "second_stage": (300, 0.5),
    "other_emergency": (25, 0.6),
}
EMPTY_BETWEEN = (3, 30, 8)  # nights a unit stands empty between stays: triangular (assumed)
OUT_OF_USE = 0.05  # units out of use today (assumed)
END_REASONS = (  # assumed
    ("planned", 55),
    ("moved_to_other", 10),
    ("asked_to_leave", 5),
    ("left_unplanned", 15),
    ("returned", 10),
    ("other", 5),
)
MOVE_ON = {  # by why support ended (assumed)
    "planned": (
        ("social_rent", 45),
        ("private_rent", 20),
        ("own_home", 8),
        ("temporary", 12),
        ("family_friends", 15),
    ),
    "moved_to_other": (("safe_accommodation", 100),),
    "asked_to_leave": (("temporary", 60), ("unknown", 40)),
    "left_unplanned": (("unknown", 40), ("family_friends", 40), ("temporary", 20)),
    "returned": (("returned", 100),),
    "other": (("unknown", 70), ("family_friends", 30)),
}
SUPPORT = tuple(SupportType.values)
SUPPORT_GIVEN = 0.55  # each support type given to a household (assumed); advocacy always

# Sanctuary installs: about 400 a year for a county of a million records (assumed), with the
# measures fitted (share of installs, cost low-high in pounds; assumed).
INSTALLS_PER_RECORD_YEAR = 0.0004
MEASURES = (
    ("locks", 0.9, (120, 450)),
    ("letterbox", 0.6, (60, 160)),
    ("alarm", 0.4, (150, 650)),
    ("cctv", 0.25, (250, 900)),
    ("safe_room", 0.03, (1500, 3800)),
    ("other", 0.05, (30, 300)),
)
PERMISSION = (("not_needed", 35), ("given", 50), ("asked", 10), ("refused", 5))  # assumed

# The Safe Start Fund: Essex helped 387 households in a year, 70% with children (seed 001),
# for about 1.5 million residents: about 400 a year for a county of a million records.
GRANTS_PER_RECORD_YEAR = 0.0004
# The year's budget, in pounds per person record (assumed: about £300,000 a year at 1M),
# which the grants stay within: each chunk spends no more than its share of it.
BUDGET_PER_RECORD = Decimal("0.30")
PURPOSES = (  # purpose, weight, amount low-high in pounds (assumed)
    ("deposit", 30, (400, 1200)),
    ("rent_in_advance", 20, (400, 1000)),
    ("removal", 15, (150, 600)),
    ("furniture", 20, (100, 800)),
    ("travel", 10, (20, 150)),
    ("other", 5, (50, 300)),
)
GRANT_REFUSED = 0.06  # assumed


def _pick(rng: random.Random, weighted) -> str:
    values, weights = zip(*[(item[0], item[1]) for item in weighted], strict=True)
    return rng.choices(values, weights)[0]


def estate_size(persons: int) -> dict[str, int]:
    """How many schemes of each kind a county of ``persons`` records has."""
    scale = persons / 1_000_000
    return {kind: max(least, round(per * scale)) for kind, per, least, _ in ESTATE}


@dataclass(frozen=True)
class UnitPlan:
    """A unit as the chunks see it: what it takes, and its scheme's."""

    id: int
    scheme_id: int
    scheme_type: str
    agency_id: int
    bed_spaces: int
    sexes: str
    max_children: int
    boys_up_to_age: int | None
    pets: bool
    wheelchair_access: bool
    no_recourse_to_public_funds: bool
    languages: tuple[str, ...]
    out_of_use_since: dt.date | None = None


@dataclass(frozen=True)
class Estate:
    """The county's schemes and units, and who works the fund, made once for every chunk."""

    units: tuple[UnitPlan, ...]
    schemes: dict[int, tuple[str, int]]  # scheme id → (type, agency id)
    sanctuary: tuple[int, int]  # the sanctuary scheme's id and its agency's
    managers: dict[int, int]  # agency id → a team manager who approves grants
    districts: tuple[tuple[int, str], ...] = ()  # the partnership's districts: id, name
    names: dict[int, str] = field(default_factory=dict)  # scheme id → its name
    budget_per_chunk_record: Decimal = BUDGET_PER_RECORD

    def owned(self, index: int, chunks: int) -> list[UnitPlan]:
        return [unit for number, unit in enumerate(self.units) if number % chunks == index]

    def units_of(self, scheme: int) -> list[UnitPlan]:
        return [unit for unit in self.units if unit.scheme_id == scheme]

    def schemes_of(self, *types: str) -> list[int]:
        return sorted(pk for pk, (kind, _) in self.schemes.items() if kind in types)


@dataclass
class Firsts:
    request: int = 1
    ask: int = 1
    stay: int = 1
    install: int = 1


@dataclass
class Candidate:
    household: Household
    pid: int
    holder: str


SANCTUARY_NAME = "Northshire Sanctuary Scheme"
ASKABLE = ("refuge", "specialist", "dispersed_refuge", "dispersed_semi", "outside")


@dataclass
class Placements:
    """One chunk's safe accommodation: its units' stays and the requests around them,
    sanctuary installs and fund grants, from the chunk's victims."""

    now: dt.datetime
    rng: random.Random
    estate: Estate
    staff: dict[int, list[tuple[int, str]]]
    agencies: dict[str, int]
    firsts: Firsts
    records: int
    tables: dict[type, list[dict]] = field(default_factory=lambda: {m: [] for m in MODELS})
    staying: dict[int, list[tuple[dt.date, dt.date]]] = field(default_factory=dict)
    # Summary shares made when a survivor takes a place, as ``answer_offer`` makes them; the
    # loader adds them to the chunk's shares.
    shares: list[dict] = field(default_factory=list)
    # Places taken: when, the person, the agency holding the record, the scheme's agency,
    # the scheme, and the worker who recorded the answer.
    taken: list[tuple[dt.datetime, int, int, int, int, int]] = field(default_factory=list)
    fits: dict[tuple[int, Needs], list[UnitPlan]] = field(default_factory=dict)

    def _free(self, pid: int, arrive: dt.date, leave: dt.date) -> bool:
        """Whether the person is in no other unit between ``arrive`` and ``leave``."""
        return all(leave < start or arrive > end for start, end in self.staying.get(pid, ()))

    @property
    def today(self) -> dt.date:
        return self.now.date()

    @property
    def start(self) -> dt.date:
        return self.today - dt.timedelta(days=YEARS * 365)

    def for_chunk(self, made: list[Household], units: list[UnitPlan]) -> None:
        inside, outside = [], []
        for household in made:
            for record in household.victim.records:
                if record.holder in REQUESTERS and record.holder in self.agencies:
                    found = Candidate(household, record.pid, record.holder)
                    (outside if record.holder == "refuge" else inside).append(found)
        if not inside and not outside:
            return
        for unit in units:
            self._unit(unit, inside, outside)
        self._shares()
        everyone = inside + outside
        self._installs(everyone)
        self._grants(everyone)

    # Requests and stays -------------------------------------------------------------

    def _candidate(self, inside, outside) -> Candidate:
        pool = outside if outside and (not inside or self.rng.random() < FROM_OUTSIDE) else inside
        return self.rng.choice(pool)

    def _needs(self, candidate: Candidate, on: dt.date) -> tuple[Needs, dict]:
        household = candidate.household
        children = [
            {
                "age": (on - child.born).days // 365,
                "sex": "girl" if child.sex == "female" else "boy",
            }
            for child in household.children
            if 0 <= (on - child.born).days // 365 <= 17
        ]
        boys = [c["age"] for c in children if c["sex"] == "boy"]
        rng = self.rng
        wanted = {
            "adult_sex": "man" if household.victim.sex == "male" else "woman",
            "adults": 1,
            "children": children,
            "pets": rng.random() < 0.12,
            "wheelchair": rng.random() < 0.03,
            "nrpf": rng.random() < 0.05,
            "languages": [],
        }
        needs = Needs(
            adult_sex=wanted["adult_sex"],
            children=len(children),
            oldest_boy=max(boys) if boys else None,
            pets=wanted["pets"],
            wheelchair=wanted["wheelchair"],
            nrpf=wanted["nrpf"],
        )
        return needs, wanted

    def _unit(self, unit: UnitPlan, inside, outside) -> None:
        rng = self.rng
        last = unit.out_of_use_since or self.today
        day = self.start + dt.timedelta(days=rng.randrange(45))
        while day < last:
            median, spread = STAY_NIGHTS[unit.scheme_type]
            nights = max(2, min(900, round(median * math.exp(rng.gauss(0, spread)))))
            left = day + dt.timedelta(days=nights)
            if left >= last:
                left = None if last == self.today else last - dt.timedelta(days=1)
            placed = None
            for _ in range(12):
                candidate = self._candidate(inside, outside)
                needs, wanted = self._needs(candidate, day)
                if not fit_problems(SimpleNamespace(**vars(unit)), needs) and self._free(
                    candidate.pid, day, left or self.today
                ):
                    placed = candidate, wanted
                    break
            if placed is None:
                day += dt.timedelta(days=rng.randrange(7, 30))
                continue
            self.staying.setdefault(placed[0].pid, []).append((day, left or self.today))
            self._placed(unit, *placed, needs, day, left)
            for _ in range(poisson(rng, FAILED_PER_PLACED)):
                self._failed(*self._needs_for_failure(inside, outside, day))
            if left is None:
                break
            day = left + dt.timedelta(days=round(rng.triangular(*EMPTY_BETWEEN)))

    def _needs_for_failure(self, inside, outside, near: dt.date):
        candidate = self._candidate(inside, outside)
        asked = near - dt.timedelta(days=self.rng.randrange(-60, 60))
        asked = min(max(asked, self.start), self.today - dt.timedelta(days=1))
        return (candidate, *self._needs(candidate, asked), asked)

    def _request(self, candidate: Candidate, wanted: dict, asked_at: dt.datetime) -> int:
        rid = self.firsts.request
        self.firsts.request += 1
        agency = self.agencies[candidate.holder]
        from_outside = candidate.holder == "refuge"
        district = self.rng.choice(self.estate.districts) if self.estate.districts else None
        if from_outside or district is None:
            where = {"from_area": self.rng.choice(OUTSIDE_TOWNS), "from_district_id": None}
        else:
            where = {"from_area": district[1], "from_district_id": district[0]}
        self.tables[PlacementRequest].append(
            {
                "id": rid,
                "person_id": candidate.pid,
                "agency_id": agency,
                "requested_by_id": self.rng.choice(self.staff[agency])[0],
                **wanted,
                **where,
                "from_in_area": where["from_district_id"] is not None,
                "created_at": asked_at,
            }
        )
        return rid

    def _ask(self, rid: int, scheme: int, asked_at: dt.datetime, **answer) -> int:
        aid = self.firsts.ask
        self.firsts.ask += 1
        self.tables[PlacementAsk].append(
            {"id": aid, "request_id": rid, "scheme_id": scheme, "asked_at": asked_at, **answer}
        )
        return aid

    def _answered(self, asked_at: dt.datetime, scheme: int, hours: float) -> dict:
        agency = self.estate.schemes[scheme][1]
        return {
            "responded_at": min(asked_at + dt.timedelta(hours=hours), self.now),
            "responded_by_id": self.rng.choice(self.staff[agency])[0],
        }

    def _fitting(self, scheme: int, needs: Needs) -> list[UnitPlan]:
        """The scheme's units in use that can take the household."""
        key = (scheme, needs)
        if key not in self.fits:
            self.fits[key] = [
                unit
                for unit in self.estate.units_of(scheme)
                if unit.out_of_use_since is None and not fit_problems(unit, needs)
            ]
        return self.fits[key]

    def _others(self, taken: int, count: int, needs: Needs) -> list[int]:
        """Schemes asked besides ``taken``: mostly ones with a unit that fits."""
        choices = [s for s in self.estate.schemes_of(*ASKABLE) if s != taken]
        fitting = [s for s in choices if self._fitting(s, needs)]
        picked: list[int] = []
        for _ in range(min(count, len(choices))):
            pool = fitting if fitting and self.rng.random() >= ASK_WITHOUT_FIT else choices
            pool = [s for s in pool if s not in picked] or [s for s in choices if s not in picked]
            picked.append(self.rng.choice(pool))
        return picked

    def _declined_or_refused(
        self, rid: int, scheme: int, asked_at: dt.datetime, needs: Needs, *, before=None
    ) -> dt.datetime:
        """An ask that failed: the scheme declined (a reason from ``FAILED_ASK``), or offered
        a unit the survivor declined (before ``before``, when the household took another
        place). Returns when it was last answered."""
        rng = self.rng
        hours = rng.uniform(0.5, 30) if before is None else rng.uniform(0.5, 6)
        answered = self._answered(asked_at, scheme, hours)
        outcome = _pick(rng, FAILED_ASK)
        fits = self._fitting(scheme, needs)
        if not fits and outcome in ("no_space", "survivor"):
            outcome = "household_not_accepted"
        if outcome != "survivor":
            details = "Not a household the service can take" if outcome == "other" else ""
            self._ask(
                rid,
                scheme,
                asked_at,
                status="declined",
                scheme_reason=outcome,
                details=details,
                **answered,
            )
            return answered["responded_at"]
        latest = self.now if before is None else before - dt.timedelta(minutes=5)
        answered["responded_at"] = min(answered["responded_at"], latest - dt.timedelta(hours=1))
        decided = answered["responded_at"] + dt.timedelta(hours=rng.uniform(1, 48))
        decided = min(decided, latest)
        request = self.tables[PlacementRequest][-1]
        self._ask(
            rid,
            scheme,
            asked_at,
            status="refused",
            unit_id=rng.choice(fits).id,
            survivor_reason=_pick(rng, SURVIVOR_REASONS),
            **answered,
            decided_at=decided,
            decided_by_id=request["requested_by_id"],
        )
        return decided

    def _placed(
        self, unit: UnitPlan, candidate: Candidate, wanted, needs: Needs, arrived, left
    ) -> None:
        rng = self.rng
        wait = min(int(rng.expovariate(1 / WAIT_DAYS_MEAN)), 30)
        asked_on = max(arrived - dt.timedelta(days=wait), self.start)
        asked_at = _at(asked_on, rng.randrange(8, 18))
        rid = self._request(candidate, wanted, asked_at)
        decided = asked_at + dt.timedelta(hours=rng.uniform(2, 20))
        requester = self.agencies[candidate.holder]
        decided_by = rng.choice(self.staff[requester])[0]
        aid = self._ask(
            rid,
            unit.scheme_id,
            asked_at,
            status="taken",
            unit_id=unit.id,
            **self._answered(asked_at, unit.scheme_id, rng.uniform(1, 6)),
            decided_at=decided,
            decided_by_id=decided_by,
        )
        for scheme in self._others(unit.scheme_id, int(_pick(rng, SCHEMES_ASKED)) - 1, needs):
            if rng.random() < OTHER_ASK_WITHDRAWN:
                self._ask(
                    rid,
                    scheme,
                    asked_at,
                    status="withdrawn",
                    decided_at=decided,
                    decided_by_id=decided_by,
                )
            else:
                self._declined_or_refused(rid, scheme, asked_at, needs, before=decided)
        request = self.tables[PlacementRequest][-1]
        request.update(
            status="placed",
            placed_in_area=unit.scheme_type != "outside",
            closed_at=decided,
        )
        self.taken.append(
            (
                decided,
                candidate.pid,
                self.agencies[candidate.holder],
                unit.agency_id,
                unit.scheme_id,
                decided_by,
            )
        )
        self._stay(unit, candidate, request, aid, arrived, left)

    def _shares(self) -> None:
        """What ``answer_offer`` makes when the survivor takes a place and agrees to share:
        a summary of the record for the scheme's agency, unless it holds the record or
        already sees it. Worked through in the order the places were taken, once every unit's
        stays are made. The requesting worker's agency holds the record, as in every
        synthetic request."""
        shared: set[tuple[int, int]] = set()
        for at, pid, holder, agency, scheme, by in sorted(self.taken):
            if holder == agency or (pid, agency) in shared:
                continue
            if self.rng.random() >= CONSENTS_TO_SHARE:
                continue
            shared.add((pid, agency))
            self.shares.append(
                {
                    "from_agency_id": holder,
                    "to_agency_id": agency,
                    "person_id": pid,
                    "scope": ShareScope.SUMMARY,
                    "lawful_basis": LawfulBasis.CONSENT,
                    "reason": share_reason(self.estate.names[scheme]),
                    "granted_by_id": by,
                    "granted_at": at,
                }
            )

    def _stay(self, unit, candidate, request, aid, arrived, left) -> None:
        rng = self.rng
        workers = self.staff[unit.agency_id]
        support = ["advocacy"] + [kind for kind in SUPPORT[1:] if rng.random() < SUPPORT_GIVEN]
        if not request["children"] and "children" in support:
            support.remove("children")
        row = {
            "id": self.firsts.stay,
            "ask_id": aid,
            "person_id": candidate.pid,
            "unit_id": unit.id,
            "adults": 1,
            "children": request["children"],
            "key_worker_id": rng.choice(workers)[0],
            "support_given": support,
            "arrived_on": arrived,
            "departed_on": left,
            "recorded_by_id": rng.choice(workers)[0],
            "created_at": _at(arrived, 15),
        }
        self.firsts.stay += 1
        if left is not None:
            reason = _pick(rng, END_REASONS)
            row.update(end_reason=reason, move_on=_pick(rng, MOVE_ON[reason]))
        self.tables[Stay].append(row)

    def _failed(self, candidate: Candidate, needs: Needs, wanted: dict, asked_on) -> None:
        rng = self.rng
        asked_at = _at(asked_on, rng.randrange(8, 18))
        rid = self._request(candidate, wanted, asked_at)
        request = self.tables[PlacementRequest][-1]
        schemes = self._others(0, int(_pick(rng, SCHEMES_ASKED)), needs)
        if asked_on >= self.today - dt.timedelta(days=7):
            # Asked this week: the schemes have not all answered yet.
            for scheme in schemes:
                self._ask(rid, scheme, asked_at)
            return
        last = asked_at
        for scheme in schemes:
            last = max(last, self._declined_or_refused(rid, scheme, asked_at, needs))
        request.update(status="closed", closed_at=last)

    # Sanctuary installs and the Safe Start Fund -----------------------------------------

    def _day(self) -> dt.date:
        return self.start + dt.timedelta(days=self.rng.randrange((self.today - self.start).days))

    def _installs(self, everyone: list[Candidate]) -> None:
        rng = self.rng
        scheme, agency = self.estate.sanctuary
        workers = self.staff[agency]
        count = poisson(rng, self.records * INSTALLS_PER_RECORD_YEAR * YEARS)
        for _ in range(count):
            candidate = rng.choice(everyone)
            surveyed = self._day()
            install = {
                "id": self.firsts.install,
                "scheme_id": scheme,
                "person_id": candidate.pid,
                "surveyed_on": surveyed,
                "survey_findings": "Back door with a weak frame; no letterbox guard.",
                "landlord_permission": _pick(rng, PERMISSION),
                "recorded_by_id": rng.choice(workers)[0],
                "created_at": _at(surveyed, 14),
            }
            self.firsts.install += 1
            fitted_last = None
            if install["landlord_permission"] in ("not_needed", "given"):
                for kind, share, (low, high) in MEASURES:
                    fitted = surveyed + dt.timedelta(days=rng.randrange(5, 42))
                    if rng.random() < share and fitted < self.today:
                        self.tables[SanctuaryMeasure].append(
                            {
                                "install_id": install["id"],
                                "kind": kind,
                                "details": "",
                                "cost": Decimal(rng.randrange(low * 100, high * 100)) / 100,
                                "fitted_on": fitted,
                                "recorded_by_id": install["recorded_by_id"],
                            }
                        )
                        fitted_last = max(fitted_last or fitted, fitted)
            if fitted_last and fitted_last + dt.timedelta(days=90) < self.today:
                install["reviewed_on"] = fitted_last + dt.timedelta(days=90)
                install["review_notes"] = "Measures in place and working; feels safer at home."
            self.tables[SanctuaryInstall].append(install)

    def _grants(self, everyone: list[Candidate]) -> None:
        rng = self.rng
        share = self.estate.budget_per_chunk_record * self.records
        spent: dict[dt.date, Decimal] = {}
        count = poisson(rng, self.records * GRANTS_PER_RECORD_YEAR * YEARS)
        days = sorted(self._day() for _ in range(count))
        applicants = [c for c in everyone if self.agencies[c.holder] in self.estate.managers]
        for applied in days:
            if not applicants:
                return
            candidate = rng.choice(applicants)
            agency = self.agencies[candidate.holder]
            purpose = _pick(rng, PURPOSES)
            low, high = next(span for kind, _, span in PURPOSES if kind == purpose)
            amount = Decimal(rng.randrange(low, high + 1))
            row = {
                "person_id": candidate.pid,
                "agency_id": agency,
                "applied_by_id": rng.choice(self.staff[agency])[0],
                "applied_on": applied,
                "amount": amount,
                "purpose": purpose,
            }
            if purpose == "other":
                row["purpose_details"] = "School uniform for the children after the move"
            year = financial_year_start(applied)
            decided = applied + dt.timedelta(days=rng.randrange(0, 4))
            if decided >= self.today:
                row["status"] = "applied"
            else:
                row["decided_by_id"] = self.estate.managers[agency]
                row["decided_at"] = _at(decided, 11)
                over = spent.get(year, Decimal(0)) + amount > share
                if over or rng.random() < GRANT_REFUSED:
                    row["status"] = "refused"
                    row["refusal_reason"] = (
                        "More than the budget left for the year"
                        if over
                        else "Another fund is paying for this"
                    )
                else:
                    spent[year] = spent.get(year, Decimal(0)) + amount
                    paid = decided + dt.timedelta(days=rng.randrange(1, 10))
                    row["status"] = "approved"
                    if paid < self.today:
                        row.update(status="paid", paid_on=paid)
            self.tables[FundGrant].append(row)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=dt.UTC)


# Made once, before the first chunk --------------------------------------------------------


def _scheme_plans(persons: int, districts: list[tuple[int, str]]) -> list[dict]:
    """The county's schemes and their units, the same for the same size of county."""
    rng = random.Random(f"onestory-synth:estate:{persons}")  # noqa: S311 (made-up data)
    sizes = estate_size(persons)
    plans = []
    refuges = iter(REFUGE_NAMES * 4)
    for kind, count in sizes.items():
        for number in range(count):
            district = districts[len(plans) % len(districts)]
            plan = {
                "scheme_type": "refuge" if kind == "outside" else kind,
                "kind": kind,
                "by_and_for": False,
                "specialist_group": "",
                "area_id": district[0],
                "town": district[1],
                "sexes": "women",
                "languages": [],
                "pets": 0.2,
            }
            if kind in ("refuge", "outside"):
                plan["name"] = next(refuges)
                if number >= len(REFUGE_NAMES):
                    plan["name"] += f" {number + 1}"
            elif kind == "specialist":
                name, group, languages, sexes = SPECIALIST_GROUPS[number % len(SPECIALIST_GROUPS)]
                plan.update(
                    name=name if number < 2 else f"{name} {number + 1}",
                    by_and_for=True,
                    specialist_group=group,
                    languages=languages,
                    sexes=sexes,
                )
            else:
                label = {
                    "dispersed_refuge": "Dispersed Homes",
                    "dispersed_semi": "Semi-independent Flats",
                    "second_stage": "Stepping Stones Move-on Flats",
                    "other_emergency": "Emergency Rooms",
                }[kind]
                plan["name"] = f"{district[1]} {label}" + (f" {number + 1}" if number else "")
                if kind.startswith("dispersed"):
                    plan.update(sexes="any", pets=0.7)  # seed 004: most take pets
            if kind == "outside":
                plan.update(area_id=None, town=OUTSIDE_TOWNS[number % len(OUTSIDE_TOWNS)])
                plan["name"] = f"{plan['town']} {plan['name']}"
            low, high = next(span for k, _, _, span in ESTATE if k == kind)
            plan["units"] = _unit_plans(rng, rng.randint(low, high), plan)
            plans.append(plan)
    return plans


def _unit_plans(rng: random.Random, count: int, plan: dict) -> list[dict]:
    units = []
    for number in range(1, count + 1):
        # Refuge rooms take a woman and up to three children: 5 to 20 bed spaces a refuge.
        beds = int(_pick(rng, ((1, 20), (2, 35), (3, 30), (4, 15))))
        units.append(
            {
                "name": f"{'Flat' if plan['kind'] != 'refuge' else 'Room'} {number}",
                "bed_spaces": beds,
                "sexes": plan["sexes"],
                "max_children": beds - 1,
                "boys_up_to_age": rng.choice((None, 14, 16)) if beds > 1 else None,
                "pets": rng.random() < plan["pets"],
                "wheelchair_access": number == 1 or rng.random() < 0.05,
                "no_recourse_to_public_funds": rng.random() < 0.3,
                "languages": plan["languages"],
                "specialist_group": plan["specialist_group"],
                "out_of_use": rng.random() < OUT_OF_USE,
            }
        )
    return units


def county_estate(persons: int, agencies: dict[str, int], today: dt.date) -> Estate:
    """The county's schemes, units, listed places, fund budgets and the managers who approve
    grants: made once, in one transaction, and found again by name after."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from onestory.accommodation.models import FundBudget, ListedVacancy, Scheme, Unit
    from onestory.accounts.models import Area, User
    from onestory.accounts.roles import RoleName
    from onestory.demo import partnership

    refuge, housing = agencies["refuge"], agencies.get("housing", agencies["refuge"])
    districts = list(
        Area.objects.filter(code__in=partnership.DISTRICTS)
        .order_by("code")
        .values_list("pk", "name")
    )
    with transaction.atomic():
        managers = {}
        for kind in REQUESTERS:
            if kind not in agencies:
                continue
            manager, _ = User.objects.get_or_create(
                username=f"synth.{kind}.manager",
                defaults={
                    "first_name": "Synthetic",
                    "last_name": f"{kind} manager",
                    "agency_id": agencies[kind],
                    "role": RoleName.TEAM_MANAGER,
                    "password": make_password(None),
                },
            )
            managers[agencies[kind]] = manager.pk
        by = managers[refuge]
        plans = _scheme_plans(persons, districts)
        plans.append(
            {
                "name": SANCTUARY_NAME,
                "scheme_type": "sanctuary",
                "kind": "sanctuary",
                "town": "Northshire",
                "area_id": districts[0][0] if districts else None,
                "units": [],
                "by_and_for": False,
                "specialist_group": "",
            }
        )
        now = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
        # Only the county's own schemes, never the demo's: the synthetic staff made them.
        found = {
            scheme.name: scheme
            for scheme in Scheme.objects.filter(
                name__in=[plan["name"] for plan in plans],
                created_by__username__startswith="synth.",
            )
        }
        for number, plan in enumerate(plans, start=1):
            if plan["name"] in found:
                continue
            runner = housing if plan["kind"] in ("second_stage", "sanctuary") else refuge
            scheme = Scheme.objects.create(
                agency_id=runner,
                name=plan["name"],
                scheme_type=plan["scheme_type"],
                by_and_for=plan["by_and_for"],
                specialist_group=plan["specialist_group"],
                town=plan["town"],
                area_id=plan["area_id"],
                address=f"{number} Synthetic Row, {plan['town']}",
                postcode=f"ZZ{number % 99} 9ZZ",
                directions="Ring the side door and give the password.",
                vacancies_checked_at=now - dt.timedelta(hours=number * 7 % 60),
                created_by_id=by if runner == refuge else managers.get(housing, by),
            )
            Unit.objects.bulk_create(
                Unit(
                    scheme=scheme,
                    **{k: v for k, v in unit.items() if k != "out_of_use"},
                    **(
                        {
                            "out_of_use_reason": "repairs",
                            "out_of_use_since": today - dt.timedelta(days=10 + number % 40),
                            "expected_back_on": today + dt.timedelta(days=14 + number % 30),
                        }
                        if unit["out_of_use"]
                        else {}
                    ),
                )
                for unit in plan["units"]
            )
            found[scheme.name] = scheme
        listed = ListedVacancy.objects.filter(listed_by__username__startswith="synth.")
        if not listed.exists():
            ListedVacancy.objects.bulk_create(
                ListedVacancy(
                    listed_by_agency_id=agencies["cpoc"],
                    listed_by_id=managers.get(agencies["cpoc"], by),
                    provider=provider,
                    scheme_name=name,
                    scheme_type=kind,
                    town=town,
                    bed_spaces=beds,
                    sexes="women",
                    max_children=children,
                    how_to_refer="Through the national vacancy service, or phone the provider",
                    reported_at=now - dt.timedelta(hours=5 + beds),
                )
                for provider, name, town, kind, beds, children in LISTED
            )
        first_year = financial_year_start(today - dt.timedelta(days=YEARS * 365))
        year = first_year
        while year <= today:
            FundBudget.objects.get_or_create(
                starts_on=year,
                defaults={
                    "amount": BUDGET_PER_RECORD * persons,
                    "set_by_id": managers.get(housing, by),
                },
            )
            year = year.replace(year=year.year + 1)
    schemes = {
        found[plan["name"]].pk: (plan["kind"], found[plan["name"]].agency_id) for plan in plans
    }
    sanctuary = found[SANCTUARY_NAME]
    units = tuple(
        UnitPlan(
            id=unit.pk,
            scheme_id=unit.scheme_id,
            scheme_type=schemes[unit.scheme_id][0],
            agency_id=schemes[unit.scheme_id][1],
            bed_spaces=unit.bed_spaces,
            sexes=unit.sexes,
            max_children=unit.max_children,
            boys_up_to_age=unit.boys_up_to_age,
            pets=unit.pets,
            wheelchair_access=unit.wheelchair_access,
            no_recourse_to_public_funds=unit.no_recourse_to_public_funds,
            languages=tuple(unit.languages),
            out_of_use_since=unit.out_of_use_since,
        )
        for unit in Unit.objects.filter(scheme_id__in=schemes).order_by("pk")
    )
    return Estate(
        units=units,
        schemes=schemes,
        sanctuary=(sanctuary.pk, sanctuary.agency_id),
        managers=managers,
        districts=tuple(districts),
        names={scheme.pk: name for name, scheme in found.items()},
    )
