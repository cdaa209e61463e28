"""Repeat MARAC cases, as pure rules: table-driven, with the 12-month edge."""

from datetime import date, timedelta

import pytest

from onestory.marac.rules import PastReferral, RepeatMatch, incident_repeats, repeat_of

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
    found = incident_repeats(
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
    found = incident_repeats(
        referrals, incident_on=REFERRED + timedelta(days=200), perpetrator_ids={HIM}
    )
    assert found == RepeatMatch(11, True)


def test_an_incident_with_no_referral_is_no_repeat():
    assert incident_repeats([], incident_on=REFERRED, perpetrator_ids={HIM}) is None


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


def test_twelve_months_are_calendar_months_across_a_leap_day():
    # 29 February 2024 to 28 February 2025 is within 12 months.
    found = incident_repeats(
        [_referral(on=date(2024, 2, 29))], incident_on=date(2025, 2, 28), perpetrator_ids={HIM}
    )
    assert found == RepeatMatch(10, True)
