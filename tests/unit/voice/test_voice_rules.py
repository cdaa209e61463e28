"""The feedback rules: quarters, how long a link works, the figures with small numbers hidden."""

import datetime as dt
from decimal import Decimal

import pytest

from onestory.voice import rules

D = dt.date


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (D(2026, 1, 1), "2026Q1"),
        (D(2026, 3, 31), "2026Q1"),
        (D(2026, 4, 1), "2026Q2"),
        (D(2026, 9, 30), "2026Q3"),
        (D(2026, 12, 31), "2026Q4"),
        (D(2028, 2, 29), "2028Q1"),
    ],
)
def test_the_quarter_a_day_falls_in(day, quarter):
    assert rules.quarter_of(day) == quarter


@pytest.mark.parametrize(
    ("given", "last_day"),
    [
        (D(2026, 4, 1), D(2026, 9, 30)),
        (D(2026, 6, 10), D(2026, 9, 30)),
        (D(2026, 6, 30), D(2026, 9, 30)),
        (D(2026, 10, 1), D(2027, 3, 31)),
        (D(2026, 12, 31), D(2027, 3, 31)),
        (D(2027, 1, 1), D(2027, 6, 30)),
        (D(2028, 2, 29), D(2028, 6, 30)),
        (D(2026, 7, 15), D(2026, 12, 31)),
    ],
)
def test_a_link_works_to_the_end_of_the_next_quarter(given, last_day):
    assert rules.valid_until(given) == last_day


def test_every_link_given_in_a_quarter_runs_out_on_the_same_day():
    quarter = [D(2026, 4, 1) + dt.timedelta(days=n) for n in range(91)]
    assert {rules.valid_until(day) for day in quarter} == {D(2026, 9, 30)}


def test_the_token_is_kept_only_as_a_hash():
    digest = rules.digest("a-token")
    assert len(digest) == 64
    assert "a-token" not in digest
    assert rules.digest("a-token") == digest != rules.digest("a-tokeN")


@pytest.mark.parametrize(
    ("closed", "agreed", "already", "problems"),
    [
        (True, None, False, set()),
        (False, None, False, {"case"}),
        (True, None, True, {None}),
        (None, True, False, set()),
        (None, False, False, {"agreed_to_be_asked"}),
        (None, False, True, {"agreed_to_be_asked", None}),
    ],
)
def test_when_a_link_may_be_given(closed, agreed, already, problems):
    found = rules.invitation_problems(closed=closed, agreed=agreed, already=already)
    assert set(found) == problems


def _answers(service, quarter, n, listened="yes", safer="partly", repeated="no"):
    return [rules.Answers(service, quarter, listened, safer, repeated) for _ in range(n)]


def test_a_quarter_with_fewer_than_five_responses_hides_every_figure():
    (row,) = rules.figures(_answers("Kestrel", "2026Q2", 4))
    assert row.responses.hidden
    assert str(row.responses) == "fewer than 5"
    for cells in row.answers.values():
        assert all(cell.hidden for cell in cells.values())


def test_five_responses_show_the_count_and_hide_small_answers():
    responses = _answers("Kestrel", "2026Q2", 6) + _answers("Kestrel", "2026Q2", 2, listened="no")
    (row,) = rules.figures(responses)
    assert str(row.responses) == "8"
    listened = row.answers["listened"]
    assert str(listened["yes"]) == "6"
    assert listened["no"].hidden  # 2 is under 5
    assert listened["partly"].hidden
    assert listened["rather_not_say"].hidden
    safer = row.answers["safer"]
    assert str(safer["partly"]) == "8"


def test_one_small_count_beside_a_total_hides_the_next_smallest():
    responses = (
        _answers("Kestrel", "2026Q3", 7)
        + _answers("Kestrel", "2026Q3", 6, listened="partly")
        + _answers("Kestrel", "2026Q3", 5, listened="no")
        + _answers("Kestrel", "2026Q3", 5, listened="rather_not_say")
    )
    (row,) = rules.figures(responses)
    assert not any(cell.hidden for cell in row.answers["listened"].values())
    responses = (
        _answers("Kestrel", "2026Q3", 7)
        + _answers("Kestrel", "2026Q3", 3, listened="partly")
        + _answers("Kestrel", "2026Q3", 6, listened="no")
        + _answers("Kestrel", "2026Q3", 5, listened="rather_not_say")
    )
    (row,) = rules.figures(responses)
    listened = row.answers["listened"]
    assert listened["partly"].hidden  # 3
    assert listened["rather_not_say"].hidden  # the next smallest, or 21 - 7 - 6 gives 8
    assert str(listened["yes"]) == "7"
    assert str(listened["no"]) == "6"


def test_figures_are_kept_apart_by_service_and_quarter():
    rows = rules.figures(
        _answers("Kestrel", "2026Q2", 5)
        + _answers("Kestrel", "2026Q1", 5)
        + _answers("IDVA", "2026Q2", 3)
    )
    assert [(r.service, r.quarter, str(r.responses)) for r in rows] == [
        ("Kestrel", "2026Q1", "5"),
        ("IDVA", "2026Q2", "fewer than 5"),
        ("Kestrel", "2026Q2", "5"),
    ]
    assert rows[0].label == "January to March 2026"
    assert [label for label, _cells in rows[0].questions] == list(rules.QUESTIONS.values())


TODAY = D(2026, 6, 10)


@pytest.mark.parametrize(
    ("details", "fields"),
    [
        ({"name": "Rosa", "phone": "07700 900456", "safe_to_call": True}, set()),
        ({"name": "", "phone": "07700 900456", "safe_to_call": True}, {"name"}),
        ({"name": "Rosa"}, {"phone"}),  # no safe way to reach her at all
        ({"name": "Rosa", "phone": "07700 900456"}, {"safe_to_call"}),
        ({"name": "Rosa", "safe_to_call": True}, {"phone"}),
        ({"name": "Rosa", "email": "r@example.com", "safe_to_email": True}, set()),
        (
            {
                "name": "Rosa",
                "contact_only_through_professional": True,
                "professional_contact": "Sam at the GP surgery",
            },
            set(),
        ),
        (
            {"name": "Rosa", "contact_only_through_professional": True},
            {"professional_contact", "phone"},
        ),
    ],
)
def test_a_panel_member_needs_a_name_and_one_safe_way_to_reach_them(details, fields):
    assert set(rules.member_problems(details, today=TODAY)) == fields


@pytest.mark.parametrize(
    ("activity", "day", "hours", "pence", "fields"),
    [
        ("Leaflet review", D(2026, 6, 10), Decimal("1.5"), 1500, set()),
        ("", D(2026, 6, 10), Decimal(1), 0, {"activity"}),
        ("Leaflet review", D(2026, 6, 11), Decimal(1), 0, {"took_part_on"}),
        ("Leaflet review", None, Decimal(1), 0, {"took_part_on"}),
        ("Leaflet review", D(2026, 6, 1), Decimal(0), 0, {"hours"}),
        ("Leaflet review", D(2026, 6, 1), Decimal("24.5"), 0, {"hours"}),
        ("Leaflet review", D(2026, 6, 1), Decimal(24), -1, {"voucher_pence"}),
    ],
)
def test_taking_part_is_checked(activity, day, hours, pence, fields):
    found = rules.contribution_problems(
        activity=activity, took_part_on=day, hours=hours, voucher_pence=pence, today=TODAY
    )
    assert set(found) == fields
