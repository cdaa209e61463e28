"""Repeat MARAC cases, as pure rules: table-driven, with the 12-month edge.

The one rule is ``onestory.risk.criteria.repeat_match``; a new referral asks it through
``onestory.marac.rules.repeat_of``.
"""

from datetime import date, timedelta

import pytest

from onestory.marac.rules import repeat_of
from onestory.risk.criteria import (
    PastReferral,
    RepeatMatch,
    in_repeat_window,
    repeat,
    repeat_match,
    repeat_window_ends,
)

REFERRED = date(2025, 1, 10)
HIM, OTHER, THIRD = 1, 2, 3


def _referral(id_=10, on=REFERRED, perpetrators=(HIM,)):
    return PastReferral(id_, on, frozenset(perpetrators))


@pytest.mark.parametrize(
    ("case", "days_after", "incident_perpetrators", "expected"),
    [
        ("same person using harm, next day", 1, {HIM}, RepeatMatch(10, True)),
        ("same person using harm, 364 days later", 364, {HIM}, RepeatMatch(10, True)),
        ("same person using harm, 365 days later (12 months)", 365, {HIM}, RepeatMatch(10, True)),
        ("same person using harm, 366 days later", 366, {HIM}, None),
        ("a different person using harm", 30, {OTHER}, None),
        ("the same person with someone new", 30, {OTHER, HIM}, RepeatMatch(10, True)),
        ("nobody named: ask the coordinator", 30, set(), RepeatMatch(10, False)),
        ("nobody named, after 12 months", 400, set(), None),
        ("the day of the referral itself", 0, {HIM}, None),
        ("before the referral", -5, {HIM}, None),
    ],
)
def test_an_incident_repeats_a_referral(case, days_after, incident_perpetrators, expected):
    found = repeat_match(
        [_referral()],
        incident_on=REFERRED + timedelta(days=days_after),
        perpetrator_ids=incident_perpetrators,
    )
    assert found == expected, case


def test_an_incident_repeats_the_latest_referral_about_that_person():
    referrals = [
        _referral(10, REFERRED, {HIM}),
        _referral(11, REFERRED + timedelta(days=100), {HIM}),
        _referral(12, REFERRED + timedelta(days=150), {THIRD}),
    ]
    found = repeat_match(
        referrals, incident_on=REFERRED + timedelta(days=200), perpetrator_ids={HIM}
    )
    assert found == RepeatMatch(11, True)


def test_an_incident_with_no_referral_is_no_repeat():
    assert repeat_match([], incident_on=REFERRED, perpetrator_ids={HIM}) is None


@pytest.mark.parametrize(
    ("days_after", "perpetrators", "expected"),
    [
        (200, {HIM}, 10),
        (364, {HIM}, 10),
        (366, {HIM}, None),
        (200, {OTHER}, None),
        (0, {HIM}, None),
    ],
)
def test_a_new_referral_repeats_an_earlier_one(days_after, perpetrators, expected):
    found = repeat_of(
        [_referral()],
        referred_on=REFERRED + timedelta(days=days_after),
        perpetrator_ids=perpetrators,
    )
    assert found == expected


@pytest.mark.parametrize(
    ("case", "referred_on", "incident_on", "repeats"),
    [
        # Not a leap year in the window: the last day is the same date a year on.
        ("the same day", date(2025, 3, 10), date(2025, 3, 10), False),
        ("the next day", date(2025, 3, 10), date(2025, 3, 11), True),
        ("the last day of the 12 months", date(2025, 3, 10), date(2026, 3, 10), True),
        ("the day after the 12 months", date(2025, 3, 10), date(2026, 3, 11), False),
        # A 29 February in the window: still the same date a year on (366 days).
        ("last day, leap day inside", date(2023, 3, 1), date(2024, 3, 1), True),
        ("day after, leap day inside", date(2023, 3, 1), date(2024, 3, 2), False),
        ("a leap day 12 months after 28 February", date(2023, 2, 28), date(2024, 2, 29), False),
        ("12 months after 28 February, leap year", date(2023, 2, 28), date(2024, 2, 28), True),
        # A referral on 29 February: its 12 months end on 28 February.
        ("last day after a leap-day referral", date(2024, 2, 29), date(2025, 2, 28), True),
        ("day after, leap-day referral", date(2024, 2, 29), date(2025, 3, 1), False),
        ("the same day, leap day", date(2024, 2, 29), date(2024, 2, 29), False),
    ],
)
def test_twelve_calendar_months_whatever_the_year(case, referred_on, incident_on, repeats):
    assert in_repeat_window(referred_on, incident_on) is repeats, case
    found = repeat_match(
        [_referral(on=referred_on)], incident_on=incident_on, perpetrator_ids={HIM}
    )
    assert (found is not None) is repeats, case
    assert (repeat_of([_referral(on=referred_on)], referred_on=incident_on, perpetrator_ids={HIM})
            == (10 if repeats else None)), case  # fmt: skip


@pytest.mark.parametrize(
    ("referred_on", "ends"),
    [
        (date(2025, 3, 10), date(2026, 3, 10)),
        (date(2024, 2, 29), date(2025, 2, 28)),
        (date(2023, 2, 28), date(2024, 2, 28)),
        (date(2025, 12, 31), date(2026, 12, 31)),
    ],
)
def test_the_window_ends_12_calendar_months_on(referred_on, ends):
    assert repeat_window_ends(referred_on) == ends


@pytest.mark.parametrize(
    ("perpetrators", "met"),
    [({HIM}, True), ({HIM, OTHER}, True), ({OTHER}, False), (set(), False)],
)
def test_the_criterion_needs_one_of_the_same_people_named(perpetrators, met):
    found = repeat(
        [_referral()], incident_on=REFERRED + timedelta(days=20), perpetrator_ids=perpetrators
    )
    assert found is met


def test_a_new_referral_naming_no_one_repeats_nothing():
    assert (
        repeat_of([_referral()], referred_on=REFERRED + timedelta(days=9), perpetrator_ids=())
        is None
    )


def test_the_latest_referral_in_the_window_is_the_one_repeated():
    referrals = [_referral(10, REFERRED), _referral(11, REFERRED + timedelta(days=30))]
    found = repeat_of(referrals, referred_on=REFERRED + timedelta(days=60), perpetrator_ids={HIM})
    assert found == 11
