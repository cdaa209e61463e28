"""Outcome ratings: the scale, the change from intake to exit, and totals over cases."""

import pytest

from onestory.cases.outcomes import (
    AbuseChange,
    OutcomeChange,
    abuse_changes,
    outcome_changes,
    score_problems,
    shown,
    summarise,
    summarise_abuse,
)


@pytest.mark.parametrize(
    ("scores", "problems"),
    [
        ({"safety": 1, "wellbeing": 5}, {}),
        ({"safety": None, "wellbeing": ""}, {}),
        ({"safety": 0}, {"safety": "Feels safer and is safer: the score must be from 1 to 5"}),
        ({"safety": 6}, {"safety": "Feels safer and is safer: the score must be from 1 to 5"}),
        (
            {"resilience": -1},
            {"resilience": "Resilience, self-esteem and confidence: the score must be from 1 to 5"},
        ),
        ({"safety": "3"}, {"safety": "Give a whole number from 1 to 5"}),
        ({"safety": 2.5}, {"safety": "Give a whole number from 1 to 5"}),
        ({"safety": True}, {"safety": "Give a whole number from 1 to 5"}),
        ({"happiness": 3}, {"happiness": "This is not one of the partnership's outcomes"}),
    ],
)
def test_it_refuses_scores_off_the_scale(scores, problems):
    assert score_problems(scores) == problems


@pytest.mark.parametrize(
    ("before", "after", "direction", "difference"),
    [
        (1, 4, "better", 3),
        (4, 4, "same", 0),
        (5, 2, "worse", -3),
        (None, 3, "", None),
        (2, None, "", None),
    ],
)
def test_it_says_which_way_each_outcome_moved(before, after, direction, difference):
    change = OutcomeChange("safety", "Safety", before, after)
    assert change.direction == direction
    assert change.difference == difference


def test_it_compares_only_outcomes_rated_at_either_point_in_order():
    changes = outcome_changes({"wellbeing": 2, "safety": 1}, {"safety": 4, "relationships": 3})
    assert [(c.key, c.before, c.after) for c in changes] == [
        ("safety", 1, 4),
        ("wellbeing", 2, None),
        ("relationships", None, 3),
    ]


@pytest.mark.parametrize(
    ("before", "after", "stopped", "still"),
    [
        ("happening", "stopped", True, False),
        ("happening", "not_experienced", True, False),
        ("happening", "happening", False, True),
        ("not_experienced", "not_experienced", False, False),
        ("", "happening", False, True),
        ("happening", "", False, False),
    ],
)
def test_it_says_whether_abuse_stopped(before, after, stopped, still):
    change = AbuseChange("physical", "Physical abuse", before, after)
    assert change.stopped is stopped
    assert change.still_happening is still


def test_it_leaves_out_kinds_of_abuse_never_asked_about():
    changes = abuse_changes({"physical": "happening"}, {"physical": "stopped", "sexual": ""})
    assert [c.key for c in changes] == ["physical"]


def test_it_totals_changes_over_cases():
    cases = [
        outcome_changes({"safety": 1}, {"safety": 4}),
        outcome_changes({"safety": 3}, {"safety": 3}),
        outcome_changes({"safety": 4, "wellbeing": 2}, {"safety": 2}),
    ]
    totals = {t.key: t for t in summarise(cases)}
    assert (totals["safety"].better, totals["safety"].same, totals["safety"].worse) == (1, 1, 1)
    assert totals["safety"].compared == 3
    assert totals["wellbeing"].compared == 0


def test_it_totals_abuse_that_stopped():
    cases = [
        abuse_changes({"physical": "happening"}, {"physical": "stopped"}),
        abuse_changes({"physical": "happening"}, {"physical": "happening"}),
        abuse_changes({"physical": "not_experienced"}, {"physical": "not_experienced"}),
    ]
    totals = {t.key: t for t in summarise_abuse(cases)}
    assert (totals["physical"].happening_at_start, totals["physical"].stopped) == (2, 1)


@pytest.mark.parametrize(
    ("count", "text"), [(0, "0"), (1, "fewer than 5"), (4, "fewer than 5"), (5, "5"), (120, "120")]
)
def test_it_holds_back_small_counts(count, text):
    assert shown(count) == text
