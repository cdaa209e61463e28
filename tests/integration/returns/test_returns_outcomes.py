"""Case outcomes from intake to exit and repeat referrals in the board's quarter, counted by
hand from a small world built by the product's actions at the dates they happened."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from onestory.cases.actions.cases import close_case, open_case
from onestory.cases.actions.outcomes import record_outcomes
from onestory.marac.quarterly import Quarter
from onestory.returns import board, queries
from onestory.risk.actions import assess_dash
from tests.factories import PersonFactory, ReferralFactory
from tests.integration.returns.world import LONDON, at

pytestmark = pytest.mark.django_db

Q = Quarter(2025, 2)  # April to June 2025


def _assess(person, level: str, day: date, by) -> None:
    yes = {"high": 14, "medium": 10, "standard": 2}[level]
    with at(day):
        assess_dash(
            person=person,
            answers={str(n): "yes" if n <= yes else "no" for n in range(1, 25)},
            by=by,
        )


def _case(world, person, opened: date, closed: date, reason: str, **kwargs):
    case = open_case(
        person=person,
        agency=world.agency,
        by=world.caseworker,
        opened_at=datetime.combine(opened, time(9), tzinfo=LONDON),
        **kwargs,
    )
    with at(closed):
        close_case(case=case, reason=reason, by=world.caseworker)
    return case


def _received(day: date) -> datetime:
    return datetime.combine(day, time(10), tzinfo=LONDON)


@pytest.fixture
def closed_cases(world):
    by = world.caseworker
    people = {
        name: PersonFactory(owning_agency=world.agency, given_name=name)
        for name in ("Ann", "Bea", "Cat", "Dot", "Fay", "Hal")
    }
    # Ann: high before her case opened, medium before it closed; rated at intake and exit.
    _assess(people["Ann"], "high", date(2025, 1, 5), by)
    with at(date(2025, 1, 10)):
        ann = open_case(person=people["Ann"], agency=world.agency, by=by)
    record_outcomes(
        case=ann,
        stage="intake",
        scores={"safety": 2, "wellbeing": 3},
        abuse={"physical": "happening", "emotional": "happening"},
        recorded_on=date(2025, 1, 10),
        by=by,
    )
    _assess(people["Ann"], "medium", date(2025, 5, 1), by)
    record_outcomes(
        case=ann,
        stage="exit",
        scores={"safety": 4, "wellbeing": 3},
        abuse={"physical": "stopped", "emotional": "happening"},
        recorded_on=date(2025, 5, 19),
        by=by,
    )
    with at(date(2025, 5, 20)):
        close_case(case=ann, reason="support_completed", by=by)
    # Bea: one assessment, after her case opened: not assessed at both points.
    bea = _case(world, people["Bea"], date(2025, 4, 2), date(2025, 6, 1), "disengaged")
    _assess(people["Bea"], "standard", date(2025, 4, 3), by)
    record_outcomes(case=bea, stage="intake", scores={"safety": 1}, by=by)
    # Cat: medium before, high before closing: higher.
    _assess(people["Cat"], "medium", date(2025, 2, 20), by)
    _assess(people["Cat"], "high", date(2025, 6, 10), by)
    _case(world, people["Cat"], date(2025, 3, 1), date(2025, 6, 15), "moved_away")
    # Fay: high before; her next assessment came after the case closed, so it is not closure.
    _assess(people["Fay"], "high", date(2025, 3, 30), by)
    _case(world, people["Fay"], date(2025, 4, 1), date(2025, 6, 20), "declined")
    _assess(people["Fay"], "standard", date(2025, 6, 25), by)
    # Dot's case closed after the quarter; Hal's is the case of a person using harm.
    _case(world, people["Dot"], date(2025, 4, 1), date(2025, 7, 2), "support_completed")
    _case(
        world,
        people["Hal"],
        date(2025, 4, 1),
        date(2025, 5, 2),
        "support_completed",
        person_role="person_using_harm",
    )
    return people


def test_case_outcomes_from_intake_to_exit(closed_cases):
    found = queries.case_outcomes_for(Q.start, Q.end)
    assert found.closed == 4  # Ann, Bea, Cat, Fay
    assert found.by_reason == {
        "support_completed": 1,
        "disengaged": 1,
        "moved_away": 1,
        "declined": 1,
    }
    assert found.risk_change == {"lower": 1, "same": 0, "higher": 1, "not_compared": 2}
    assert (found.high_at_intake, found.high_at_closure) == (2, 1)  # Ann and Fay; Cat
    assert found.rated_at_both == 1  # Ann: Bea was never rated at exit
    outcomes = {t.key: (t.better, t.same, t.worse) for t in found.outcomes}
    assert outcomes["safety"] == (1, 0, 0)
    assert outcomes["wellbeing"] == (0, 1, 0)
    assert "behaviour" not in outcomes
    abuse = {t.key: (t.happening_at_start, t.stopped) for t in found.abuse}
    assert abuse["physical"] == (1, 1)
    assert abuse["emotional"] == (1, 0)


def test_the_board_publishes_them_with_small_counts_hidden(closed_cases):
    report = board.build(Q)
    tables = {t.key: {row.label: row.shown for row in t.rows} for t in report.tables}
    assert tables["cases_closed"] == {"Victims' cases closed": "fewer than 5"}
    assert set(tables["closure_reasons"].values()) == {"fewer than 5"}
    assert tables["outcome_ratings"]["Feels safer and is safer: better at exit"] == (
        "fewer than 5 in all"
    )
    assert "Positive change in their own behaviour: better at exit" not in tables["outcome_ratings"]


def test_repeat_referrals_within_twelve_months(closed_cases):
    people = closed_cases
    ReferralFactory(person=people["Ann"], received_at=_received(date(2024, 9, 1)))
    ReferralFactory(person=people["Ann"], received_at=_received(date(2025, 4, 15)))  # repeat
    ReferralFactory(person=people["Bea"], received_at=_received(date(2025, 5, 1)))
    ReferralFactory(person=people["Cat"], received_at=_received(date(2024, 5, 9)))
    ReferralFactory(person=people["Cat"], received_at=_received(date(2025, 5, 10)))  # 366 days
    ReferralFactory(received_at=_received(date(2025, 5, 11)))  # linked to nobody yet
    ReferralFactory(person=people["Dot"], received_at=_received(date(2025, 7, 1)))  # after
    assert queries.repeat_referrals_for(Q.start, Q.end) == (3, 1)


def test_the_outcomes_take_a_bounded_number_of_queries(closed_cases, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        queries.case_outcomes_for(Q.start, Q.end)
