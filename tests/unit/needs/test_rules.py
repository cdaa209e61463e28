"""The delivery plan's rules and the under-representation index, by hand."""

from datetime import date
from decimal import Decimal

import pytest

from onestory.needs.reach import index
from onestory.needs.rules import elapsed, quarter_label, quarter_of, suggest_rag

D = Decimal


@pytest.mark.parametrize(
    ("baseline", "target", "current", "gone", "rag"),
    [
        # Up from 100 towards 200, half the time gone.
        ("100", "200", "200", "0.5", "green"),  # met
        ("100", "200", "250", "0.1", "green"),  # beyond
        ("100", "200", "150", "0.5", "green"),  # keeping pace
        ("100", "200", "140", "0.5", "amber"),  # behind, but at least half the pace
        ("100", "200", "125", "0.5", "amber"),  # exactly half the pace
        ("100", "200", "120", "0.5", "red"),  # under half the pace
        ("100", "200", "90", "0.0", "red"),  # the wrong way
        # Down from 50 towards 20 (fewer repeat referrals, say).
        ("50", "20", "35", "0.5", "green"),
        ("50", "20", "45", "0.5", "red"),
        ("50", "20", "60", "0.1", "red"),
        ("50", "20", "20", "1", "green"),
        # No change wanted.
        ("10", "10", "10", "0.5", "green"),
        ("10", "10", "11", "0.5", "red"),
    ],
)
def test_suggested_rating(baseline, target, current, gone, rag):
    assert (
        suggest_rag(baseline=D(baseline), target=D(target), current=D(current), elapsed=D(gone))
        == rag
    )


def test_time_gone_between_baseline_and_target():
    # Baseline 2024-25, target 2026-27: from 1 April 2025 to 31 March 2027.
    assert elapsed(date(2025, 3, 1), baseline_year=2024, target_year=2026) == 0
    assert elapsed(date(2027, 6, 1), baseline_year=2024, target_year=2026) == 1
    middle = elapsed(date(2026, 4, 1), baseline_year=2024, target_year=2026)
    assert D("0.49") < middle < D("0.51")


@pytest.mark.parametrize(
    ("day", "quarter", "label"),
    [
        (date(2026, 4, 1), "2026Q1", "April to June 2026"),
        (date(2026, 6, 30), "2026Q1", "April to June 2026"),
        (date(2026, 12, 31), "2026Q3", "October to December 2026"),
        (date(2027, 1, 1), "2026Q4", "January to March 2027"),
        (date(2028, 2, 29), "2027Q4", "January to March 2028"),
    ],
)
def test_quarters(day, quarter, label):
    assert quarter_of(day) == quarter
    assert quarter_label(quarter) == label


def test_under_representation_index_by_hand():
    # Men are 10 of 100 people seen, but 30 of 100 estimated: 0.1 / 0.3.
    assert index(10, 100, D(30), D(100)) == D(1) / D(3)
    # In proportion.
    assert index(25, 100, D("250"), D("1000")) == 1
    assert index(5, 0, D(1), D(1)) is None
    assert index(5, 10, D(0), D(1)) is None
