"""A small partnership's year of safe accommodation, built by the product's own actions at
the dates they happened, for the return of 2025-26 (1 April 2025 to 31 March 2026). The
figures it should give are counted by hand in test_returns_figures.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine

from onestory.accommodation.actions import placements, sanctuary, stays
from onestory.accounts.models import Agency, AgencyKind, User
from onestory.accounts.roles import RoleName
from onestory.cases.actions.plans import record_needs
from onestory.people.models import Person
from onestory.returns.periods import FinancialYear
from tests.factories import (
    AgencyFactory,
    AreaFactory,
    CaseFactory,
    PersonFactory,
    SchemeFactory,
    UnitFactory,
    UserFactory,
)

YEAR = FinancialYear(2025)
LONDON = ZoneInfo("Europe/London")


def at(day: date):
    """The clock at noon in England on ``day``, standing still."""
    return time_machine.travel(datetime.combine(day, time(12), tzinfo=LONDON), tick=False)


@dataclass
class Year:
    refuge_agency: Agency
    refuge_worker: User
    persons: dict[str, Person] = field(default_factory=dict)
    stays: dict = field(default_factory=dict)


def district():
    """The partnership's district the schemes are in and most households come from: in or
    out of area is worked out from it (decision 0041). It has no county above it here, so it
    is itself the top of the partnership's areas and the return's own area stays unset."""
    return AreaFactory(code="E07000998", name="Northtown", level="district")


def _place(world, year: Year, name: str, scheme, unit, made: date, arrived: date, **household):
    person = year.persons[name]
    household.setdefault("adult_sex", "woman")
    household.setdefault("adults", 1)
    household.setdefault("from_area", "Northtown")
    household.setdefault("from_district", district())
    with at(made):
        placement = placements.request_placement(
            person=person, schemes=[scheme], by=world.caseworker, **household
        )
        ask = placement.asks.get()
        placements.answer_ask(ask=ask, answer="offered", unit=unit, by=year.refuge_worker)
        placements.answer_offer(ask=ask, answer="taken", by=world.caseworker)
    ask.refresh_from_db()
    with at(arrived):
        stay = stays.record_arrival(ask=ask, arrived_on=arrived, by=year.refuge_worker)
    year.stays[name] = stay
    return stay


def _support(year: Year, name: str, support: list[str], day: date) -> None:
    with at(day):
        stays.change_support(stay=year.stays[name], support_given=support, by=year.refuge_worker)


def _leave(year: Year, name: str, day: date, end_reason: str, move_on: str) -> None:
    with at(day):
        stays.record_departure(
            stay=year.stays[name],
            departed_on=day,
            end_reason=end_reason,
            move_on=move_on,
            by=year.refuge_worker,
        )


def build(world) -> Year:
    refuge_agency = AgencyFactory(name="Oak Lodge Trust", kind=AgencyKind.SAFE_ACCOMMODATION)
    worker = UserFactory(username="oak", agency=refuge_agency, role=RoleName.CASEWORKER)
    year = Year(refuge_agency, worker)
    with at(date(2025, 3, 1)):
        oak = SchemeFactory(
            agency=refuge_agency,
            name="Oak Lodge",
            by_and_for=True,
            area=district(),
            created_by=worker,
        )
        birch = SchemeFactory(
            agency=refuge_agency,
            name="Birch Flats",
            area=district(),
            scheme_type="dispersed_refuge",
            created_by=worker,
        )
        ash = SchemeFactory(
            agency=refuge_agency, name="Ash Sanctuary", scheme_type="sanctuary", created_by=worker
        )
        u1 = UnitFactory(scheme=oak, name="Room 1", bed_spaces=3, wheelchair_access=True)
        u2 = UnitFactory(
            scheme=oak, name="Room 2", bed_spaces=4, sexes="any", no_recourse_to_public_funds=True
        )
        u3 = UnitFactory(
            scheme=oak,
            name="Room 3",
            bed_spaces=2,
            max_children=1,
            pets=True,
            specialist_group="Deaf women",
        )
        u4 = UnitFactory(
            scheme=birch, name="Flat A", bed_spaces=5, sexes="men", no_recourse_to_public_funds=True
        )
    home = world.agency
    year.persons = {
        "alice": PersonFactory(
            owning_agency=home,
            given_name="Alice",
            sex="female",
            gender_identity="woman",
            ethnicity="black_african",
            disability="yes",
            disability_kinds=["mental_health"],
            date_of_birth=date(1990, 1, 1),
        ),
        "bea": PersonFactory(
            owning_agency=home,
            given_name="Bea",
            sex="female",
            gender_identity="woman",
            ethnicity="white_british",
            disability="no",
            sexual_orientation="bisexual",
            date_of_birth=date(1960, 5, 1),
        ),
        "carl": PersonFactory(
            owning_agency=home,
            given_name="Carl",
            sex="male",
            gender_identity="man",
            ethnicity="white_gypsy_traveller",
            disability="no",
            date_of_birth=date(2007, 4, 15),
        ),
        "dee": PersonFactory(
            owning_agency=home,
            given_name="Dee",
            sex="male",
            gender_identity="woman",
            gender_same_as_sex_at_birth="no",
            ethnicity="",
            disability="",
            interpreter_needed=True,
            immigration_status="spousal_visa",
            date_of_birth=None,
        ),
        "eve": PersonFactory(
            owning_agency=home,
            given_name="Eve",
            sex="female",
            gender_identity="woman",
            ethnicity="white_british",
            disability="no",
            date_of_birth=date(1985, 2, 2),
        ),
        # Known to the refuge's own agency only: other agencies' staff never see her.
        "fay": PersonFactory(
            owning_agency=refuge_agency,
            given_name="Fay",
            sex="female",
            gender_identity="woman",
            ethnicity="white_irish",
            disability="yes",
            disability_kinds=["deaf"],
            date_of_birth=date(1975, 7, 7),
        ),
        "gina": PersonFactory(owning_agency=home, given_name="Gina", sex="female"),
        "hana": PersonFactory(owning_agency=home, given_name="Hana", sex="female"),
        "ivy": PersonFactory(owning_agency=home, given_name="Ivy", sex="female"),
    }

    # Eve came in the year before and left in April.
    _place(world, year, "eve", oak, u1, date(2025, 3, 1), date(2025, 3, 10))
    _support(year, "eve", ["housing"], date(2025, 3, 20))
    case = CaseFactory(person=year.persons["eve"], opened_by=world.caseworker)
    with at(date(2025, 4, 2)):
        record_needs(case=case, levels={"substance_use": "medium"}, by=world.caseworker)
    _leave(year, "eve", date(2025, 4, 12), "planned", "private_rent")

    _place(
        world,
        year,
        "alice",
        oak,
        u1,
        date(2025, 4, 10),
        date(2025, 4, 15),
        children=[{"age": 5, "sex": "girl"}, {"age": 8, "sex": "boy"}],
    )
    _support(year, "alice", ["advocacy", "children"], date(2025, 4, 20))
    _place(
        world,
        year,
        "carl",
        birch,
        u4,
        date(2025, 4, 25),
        date(2025, 5, 1),
        adult_sex="man",
        from_area="Leeds",
        from_district=None,  # from outside the partnership's area
        nrpf=True,
    )
    _place(world, year, "bea", oak, u2, date(2025, 5, 25), date(2025, 6, 1))
    _support(year, "bea", ["advocacy", "housing"], date(2025, 6, 2))
    _leave(year, "alice", date(2025, 7, 31), "planned", "social_rent")

    # Gina: both schemes asked declined.
    with at(date(2025, 7, 1)):
        placement = placements.request_placement(
            person=year.persons["gina"],
            schemes=[oak, birch],
            adult_sex="woman",
            adults=1,
            from_area="Northtown",
            from_district=district(),
            by=world.caseworker,
        )
        for ask in placement.asks.select_related("scheme"):
            reason = "no_space" if ask.scheme == oak else "household_not_accepted"
            placements.answer_ask(ask=ask, answer="declined", reason=reason, by=worker)
    # Hana: offered a room, and said it was too far.
    with at(date(2025, 8, 1)):
        placement = placements.request_placement(
            person=year.persons["hana"],
            schemes=[oak],
            adult_sex="woman",
            adults=1,
            from_area="Northtown",
            from_district=district(),
            by=world.caseworker,
        )
        ask = placement.asks.get()
        placements.answer_ask(ask=ask, answer="offered", unit=u1, by=worker)
        placements.answer_offer(ask=ask, answer="refused", reason="too_far", by=world.caseworker)

    with at(date(2025, 9, 1)):
        install = sanctuary.start_install(
            scheme=ash,
            person=year.persons["fay"],
            surveyed_on=date(2025, 9, 1),
            landlord_permission="not_needed",
            by=worker,
        )
    with at(date(2025, 9, 10)):
        sanctuary.record_measure(
            install=install,
            kind="locks",
            cost=Decimal("350.00"),
            fitted_on=date(2025, 9, 10),
            by=worker,
        )
    _place(
        world,
        year,
        "dee",
        oak,
        u3,
        date(2025, 10, 1),
        date(2025, 10, 5),
        children=[{"age": 2, "sex": "girl"}],
    )
    _support(year, "dee", ["counselling"], date(2025, 10, 6))
    _leave(year, "carl", date(2025, 12, 1), "left_unplanned", "unknown")
    return year


def after_the_year(world, year: Year) -> None:
    """Records added once the year has closed: a new room and a household in it."""
    oak = year.stays["alice"].unit.scheme
    with at(date(2026, 4, 2)):
        unit = UnitFactory(scheme=oak, name="Room 9", bed_spaces=2, max_children=1)
    _place(world, year, "ivy", oak, unit, date(2026, 4, 5), date(2026, 4, 6))
    _support(year, "ivy", ["advocacy"], date(2026, 4, 7))
