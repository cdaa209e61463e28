"""The MARAC criteria: table-driven, with the edges the partnership cares about."""

from datetime import date, timedelta

import pytest

from onestory.risk.criteria import (
    DEFAULT_ESCALATION_THRESHOLD,
    CriteriaInput,
    Criterion,
    JudgementError,
    PastReferral,
    add_months,
    criteria_met,
    incidents_in_window,
    potential_escalation,
    professional_judgement,
    repeat,
    visible_high_risk,
)
from onestory.risk.dash import Bands

REFERRAL = date(2025, 3, 10)


UNUSUAL_BANDS = [
    Bands(),  # 0-9 standard, 10-13 medium, 14+ high
    Bands(medium_from=5, high_from=10),  # a partnership that labels high early
    Bands(medium_from=8, high_from=12),
    Bands(medium_from=14, high_from=15),  # medium exactly at the national threshold
    Bands(medium_from=15, high_from=20),  # a partnership that labels high late
    Bands(medium_from=1, high_from=24),
]


@pytest.mark.parametrize("bands", UNUSUAL_BANDS, ids=str)
@pytest.mark.parametrize(("yes_count", "met"), [(0, False), (13, False), (14, True), (15, True)])
def test_visible_high_risk_is_14_whatever_the_bands(bands, yes_count, met):
    assert visible_high_risk(yes_count) is met
    found = criteria_met(CriteriaInput(yes_count=yes_count))
    assert (Criterion.VISIBLE_HIGH_RISK in found) is met


@pytest.mark.parametrize(
    ("bands", "yes_count", "label", "marac"),
    [
        (Bands(medium_from=5, high_from=10), 13, "high", False),
        (Bands(medium_from=5, high_from=10), 14, "high", True),
        (Bands(medium_from=15, high_from=20), 13, "standard", False),
        (Bands(medium_from=15, high_from=20), 14, "standard", True),
        (Bands(medium_from=15, high_from=20), 15, "medium", True),
        (Bands(medium_from=14, high_from=15), 13, "standard", False),
        (Bands(medium_from=14, high_from=15), 14, "medium", True),
        (Bands(medium_from=14, high_from=15), 15, "high", True),
    ],
)
def test_bands_label_the_score_and_never_move_the_threshold(bands, yes_count, label, marac):
    assert bands.level_for(yes_count) == label
    assert visible_high_risk(yes_count) is marac


@pytest.mark.parametrize(
    ("refer", "reason", "met"),
    [(True, "Escalating threats after separation", True), (False, "", False), (False, "x", False)],
)
def test_professional_judgement(refer, reason, met):
    assert professional_judgement(refer, reason) is met


@pytest.mark.parametrize("reason", ["", "   "])
def test_professional_judgement_needs_a_reason(reason):
    with pytest.raises(JudgementError, match="Give the reason"):
        professional_judgement(True, reason)


def test_professional_judgement_never_lowers_a_referral():
    given = CriteriaInput(yes_count=16, judgement_refer=False)
    assert criteria_met(given) == [Criterion.VISIBLE_HIGH_RISK]


def test_professional_judgement_can_raise_a_low_score_to_marac():
    given = CriteriaInput(yes_count=4, judgement_refer=True, judgement_reason="Threats to kill")
    assert criteria_met(given) == [Criterion.PROFESSIONAL_JUDGEMENT]


@pytest.mark.parametrize(
    ("recorded", "elsewhere", "threshold", "met"),
    [
        (2, 0, 3, False),
        (3, 0, 3, True),
        (1, 1, 3, False),
        (1, 2, 3, True),
        (0, 3, 3, True),
        (4, 0, 5, False),
        (5, 0, 5, True),
    ],
)
def test_potential_escalation(recorded, elsewhere, threshold, met):
    assert potential_escalation(recorded, elsewhere, threshold) is met


def test_potential_escalation_refuses_negative_counts():
    with pytest.raises(ValueError, match="cannot be negative"):
        potential_escalation(-1, 0)


PAST = (PastReferral(7, REFERRAL, frozenset({1})),)


@pytest.mark.parametrize(
    ("days_after_referral", "met"),
    [(0, False), (1, True), (364, True), (365, True), (366, False), (400, False), (-1, False)],
)
def test_repeat_within_twelve_months_of_the_last_marac_referral(days_after_referral, met):
    incident_on = REFERRAL + timedelta(days=days_after_referral)
    assert repeat(PAST, incident_on=incident_on, perpetrator_ids={1}) is met


def test_no_marac_referral_means_no_repeat():
    assert repeat((), incident_on=REFERRAL, perpetrator_ids={1}) is False


@pytest.mark.parametrize(
    ("days_before", "counted"), [(0, True), (364, True), (366, False), (-1, False)]
)
def test_incidents_count_in_the_twelve_months_before_the_assessment(days_before, counted):
    assessed = date(2026, 6, 1)
    assert incidents_in_window([assessed - timedelta(days=days_before)], assessed) == int(counted)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2025, 3, 10), -12, date(2024, 3, 10)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_all_criteria_together():
    given = CriteriaInput(
        yes_count=14,
        judgement_refer=True,
        judgement_reason="Strangulation disclosed",
        incidents_recorded=2,
        incidents_elsewhere=1,
        marac_referrals=PAST,
        perpetrator_ids=frozenset({1}),
        incident_on=REFERRAL + timedelta(days=100),
    )
    assert criteria_met(given) == list(Criterion)


@pytest.mark.parametrize(("incidents", "met"), [(2, False), (3, True), (4, True)])
def test_the_escalation_threshold_is_3_in_12_months_by_default(incidents, met):
    assert DEFAULT_ESCALATION_THRESHOLD == 3
    assert potential_escalation(incidents, 0) is met
    assert (
        Criterion.POTENTIAL_ESCALATION
        in criteria_met(CriteriaInput(0, incidents_recorded=incidents))
    ) is met
