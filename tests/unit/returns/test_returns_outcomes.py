"""The rules of case outcomes and repeat referrals, table-driven."""

from datetime import UTC, datetime, timedelta

import pytest

from onestory.returns.outcomes import (
    ClosedCase,
    Ratings,
    case_outcomes,
    repeat_referrals,
    risk_change,
    risk_points,
)


def day(n: int) -> datetime:
    return datetime(2025, 1, 1, 12, tzinfo=UTC) + timedelta(days=n)


CASE = ClosedCase(1, 7, opened_at=day(10), closed_at=day(100), closure_reason="disengaged")


@pytest.mark.parametrize(
    ("assessments", "intake", "closure"),
    [
        ([], None, None),
        ([(day(5), 1, "high")], 1, None),  # one assessment: intake only
        ([(day(5), 1, "high"), (day(50), 2, "medium")], 1, 2),
        ([(day(1), 1, "high"), (day(5), 2, "medium")], 2, None),  # latest before opening
        ([(day(20), 1, "high"), (day(30), 2, "standard")], 1, 2),  # first while open
        ([(day(5), 1, "high"), (day(101), 2, "standard")], 1, None),  # after closing
        ([(day(10), 1, "high"), (day(100), 2, "standard")], 1, 2),  # on the moments
    ],
)
def test_which_assessments_stand_for_intake_and_closure(assessments, intake, closure):
    found = risk_points(CASE, assessments)
    assert (found[0] and found[0][1], found[1] and found[1][1]) == (intake, closure)


@pytest.mark.parametrize(
    ("before", "after", "change"),
    [
        ("high", "medium", "lower"),
        ("medium", "standard", "lower"),
        ("standard", "standard", "same"),
        ("standard", "high", "higher"),
        ("high", None, "not_compared"),
        (None, None, "not_compared"),
    ],
)
def test_risk_change(before, after, change):
    intake = (day(1), 1, before) if before else None
    closure = (day(2), 2, after) if after else None
    assert risk_change(intake, closure) == change


def test_case_outcomes_counts_each_case_once():
    cases = [
        CASE,
        ClosedCase(2, 8, day(0), day(40), "support_completed"),
        ClosedCase(3, 9, day(0), day(40), ""),
    ]
    found = case_outcomes(
        cases,
        {7: [(day(5), 1, "high"), (day(60), 2, "high")], 8: [(day(3), 3, "medium")]},
        {
            1: (Ratings({"safety": 1, "behaviour": 2}), Ratings({"safety": 3, "behaviour": 1})),
            2: (Ratings({"safety": 4}), None),
        },
    )
    assert found.closed == 3
    assert found.by_reason == {"disengaged": 1, "support_completed": 1, "": 1}
    assert found.risk_change == {"lower": 0, "same": 1, "higher": 0, "not_compared": 2}
    assert (found.high_at_intake, found.high_at_closure) == (1, 1)
    assert found.rated_at_both == 1
    safety = next(t for t in found.outcomes if t.key == "safety")
    assert (safety.better, safety.same, safety.worse) == (1, 0, 0)
    assert all(t.key != "behaviour" for t in found.outcomes)


@pytest.mark.parametrize(
    ("earlier_days", "repeat"),
    [
        ([], False),
        ([0], True),  # the year before, to the day (365 days)
        ([-1], False),  # 366 days before
        ([364], True),  # the day before
        ([365], False),  # the same moment: itself
        ([400], False),  # after it
    ],
)
def test_a_repeat_is_another_referral_in_the_twelve_months_before(earlier_days, repeat):
    received = day(365)
    earlier = {7: [received, *(day(n) for n in earlier_days)]}
    assert repeat_referrals([(1, 7, received)], earlier) == (1, int(repeat))
