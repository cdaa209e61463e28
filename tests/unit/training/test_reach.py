"""Training reach: the financial year, counts by course, role and agency, reach against the
stated workforce, and the feedback average weighted by forms returned."""

from datetime import date
from decimal import Decimal

import pytest

from onestory.training.reach import Feedback, Row, financial_year, percent, reach, year_span


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2026, 4, 1), 2026),
        (date(2026, 3, 31), 2025),
        (date(2027, 3, 31), 2026),
        (date(2026, 12, 31), 2026),
        (date(2028, 2, 29), 2027),
    ],
)
def test_it_knows_the_financial_year(day, year):
    assert financial_year(day) == year


def test_a_year_runs_april_to_march():
    assert year_span(2026) == (date(2026, 4, 1), date(2027, 3, 31))


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (10, 40, Decimal("25.0")),
        (1, 3, Decimal("33.3")),
        (2, 3, Decimal("66.7")),
        (50, 40, Decimal("125.0")),  # more attendances than staff: people came twice
        (5, None, None),
        (5, 0, None),
    ],
)
def test_it_gives_reach_as_a_percentage(part, whole, expected):
    assert percent(part, whole) == expected


def test_it_counts_people_and_agencies_and_weights_feedback():
    rows = [
        Row(1, "Coercive control", "Police", "Frontline practitioner", 12),
        Row(1, "Coercive control", "Health", "Frontline practitioner", 3),
        Row(2, "DASH and MARAC", "Police", "Manager or supervisor", 5),
    ]
    feedback = [
        Feedback(1, 10, Decimal("4.50")),
        Feedback(2, 5, Decimal("3.00")),
        Feedback(3, 0, None),
    ]
    found = reach(
        session_ids=[1, 2, 3],
        rows=rows,
        feedback=feedback,
        workforce={"Police": 68, "Housing": 30},
    )
    assert found.sessions == 3
    assert found.people == 20
    assert found.agencies == 2
    assert found.by_course == {"Coercive control": 15, "DASH and MARAC": 5}
    assert found.by_role == {"Frontline practitioner": 15, "Manager or supervisor": 5}
    assert found.by_agency == [
        ("Health", 3, None, None),
        ("Housing", 0, 30, Decimal("0.0")),
        ("Police", 17, 68, Decimal("25.0")),
    ]
    # (4.5 x 10 + 3 x 5) / 15 = 4.00
    assert found.feedback_mean == Decimal("4.00")
    assert found.feedback_count == 15


def test_an_empty_year_has_no_feedback_average():
    found = reach(session_ids=[], rows=[], feedback=[], workforce={})
    assert found.people == 0
    assert found.feedback_mean is None
