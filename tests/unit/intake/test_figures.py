"""Suppression of small counts and the other sums behind the front-door figures."""

from datetime import UTC, datetime, timedelta

import pytest

from onestory.intake import figures
from onestory.intake.figures import HIDDEN, Cell
from onestory.intake.queries import Counts


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, HIDDEN), (1, HIDDEN), (4, HIDDEN), (5, "5"), (6, "6"), (1234, "1,234")],
)
def test_it_hides_counts_under_five(count, shown):
    assert str(figures.suppress(count)) == shown


def _shown(cells: dict[str, Cell]) -> dict[str, str]:
    return {key: str(cell) for key, cell in cells.items()}


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        # Nothing small: everything shown.
        ({"a": 10, "b": 7, "c": 5}, {"a": "10", "b": "7", "c": "5"}),
        # One small count beside a total: the next smallest goes too.
        ({"a": 10, "b": 7, "c": 2}, {"a": "10", "b": HIDDEN, "c": HIDDEN}),
        # Two small counts already protect each other.
        ({"a": 10, "b": 3, "c": 2}, {"a": "10", "b": HIDDEN, "c": HIDDEN}),
        # Ties: the first in the table's order is hidden.
        ({"a": 9, "b": 9, "c": 1}, {"a": HIDDEN, "b": "9", "c": HIDDEN}),
        # A zero is a count under five.
        ({"a": 12, "b": 0, "c": 8}, {"a": "12", "b": HIDDEN, "c": HIDDEN}),
        # All small.
        ({"a": 1, "b": 2}, {"a": HIDDEN, "b": HIDDEN}),
        # Only one row, small.
        ({"a": 3}, {"a": HIDDEN}),
        # Only one row, large.
        ({"a": 30}, {"a": "30"}),
        ({}, {}),
    ],
)
def test_it_suppresses_a_table_so_nothing_can_be_worked_out(counts, expected):
    assert _shown(figures.suppress_table(counts)) == expected


def test_without_a_total_only_small_counts_are_hidden():
    cells = figures.suppress_table({"a": 10, "b": 7, "c": 2}, total_shown=False)
    assert _shown(cells) == {"a": "10", "b": "7", "c": HIDDEN}


@pytest.mark.parametrize(
    ("part", "whole", "suppressed", "shown"),
    [
        (30, 100, True, "30%"),
        (30, 100, False, "30%"),
        (3, 100, True, "not shown (too few to publish)"),
        (98, 100, True, "not shown (too few to publish)"),
        (98, 100, False, "98%"),
        (3, 4, False, "75%"),
        (0, 0, True, "none received"),
        (1, 3, False, "33%"),
    ],
)
def test_it_shows_a_share_only_when_neither_side_is_small(part, whole, suppressed, shown):
    assert figures.share(part, whole, suppressed=suppressed) == shown


@pytest.mark.parametrize(
    ("hours", "suppressed", "shown"),
    [
        ([], True, "no first contacts"),
        ([1, 2, 3, 4, 30], True, "3.0 hours"),
        ([1, 2, 3, 4], True, "not shown (too few to publish)"),
        ([1, 2, 3, 4], False, "2.5 hours"),
        ([0.25, 0.5, 0.5, 0.75, 0.1], True, "30 minutes"),
    ],
)
def test_it_gives_the_median_time_to_first_contact(hours, suppressed, shown):
    assert figures.median_hours(hours, suppressed=suppressed) == shown


@pytest.mark.parametrize(
    ("agency_kind", "suppressed"),
    [
        ("cpoc", False),
        ("commissioner", True),
        ("outreach", True),
        ("police", True),
        (None, True),
    ],
)
def test_only_the_front_door_sees_small_counts(agency_kind, suppressed):
    assert figures.should_suppress(agency_kind=agency_kind) is suppressed


def test_a_breakdown_has_a_row_per_label_and_a_total():
    table = figures.breakdown(
        "Contacts by channel",
        "Channel",
        {"phone": "Phone", "online_form": "Online form", "partner_system": "Partner system"},
        {"Contacts": {"phone": 20, "online_form": 9, "partner_system": 1}},
        suppressed=True,
    )
    assert table.headings == ("Channel", "Contacts")
    shown = [(row.label, [str(cell) for cell in row.cells]) for row in table.rows]
    assert shown == [
        ("Phone", ["20"]),
        ("Online form", [HIDDEN]),
        ("Partner system", [HIDDEN]),
        ("Total", ["30"]),
    ]


RECEIVED = datetime(2026, 5, 1, 9, tzinfo=UTC)


def _counts(**changes) -> Counts:
    base = {
        "total": 40,
        "referred_on": 12,
        "by_source": {"self": 20, "family_or_friend": 6, "professional": 12, "own_behaviour": 2},
        "referred_on_by_source": {"self": 6, "family_or_friend": 1, "professional": 5},
        "by_professional_kind": {"police": 7, "health": 5},
        "by_channel": {"online_form": 15, "phone": 17, "professional_form": 5, "partner_system": 3},
        "by_outcome": {"": 10, "advice": 18, "referred_on": 12},
        "by_gender": {"woman": 30, "man": 8, "": 2},
        "first_contacts": [
            (RECEIVED, RECEIVED + timedelta(hours=hours), "standard") for hours in (1, 2, 3, 80, 90)
        ],
    }
    return Counts(**(base | changes))


def test_it_builds_the_figures_page_with_small_counts_hidden():
    headlines, tables = figures.front_door_tables(
        _counts(), suppressed=True, targets={"urgent": 4, "high": 24, "standard": 72}
    )
    shown = {headline.label: headline.value for headline in headlines}
    assert shown == {
        "Contacts received": "40",
        "Referred on (including MARAC)": "12",
        "Online share of contacts": "50%",
        "Median time to first contact": "3.0 hours",
        "First contacts within target": "not shown (too few to publish)",
    }
    by_source = {row.label: [str(cell) for cell in row.cells] for row in tables[0].rows}
    assert by_source["Worried about their own behaviour"] == [HIDDEN, HIDDEN]
    assert by_source["Family member or friend"] == [HIDDEN, HIDDEN]
    assert by_source["Victim or survivor"] == ["20", "6"]
    assert by_source["Total"] == ["40", "12"]


def test_the_front_door_sees_every_count():
    headlines, tables = figures.front_door_tables(
        _counts(), suppressed=False, targets={"urgent": 4, "high": 24, "standard": 72}
    )
    shown = {headline.label: headline.value for headline in headlines}
    assert shown["First contacts within target"] == "60%"
    by_source = {row.label: [str(cell) for cell in row.cells] for row in tables[0].rows}
    assert by_source["Worried about their own behaviour"] == ["2", "0"]
