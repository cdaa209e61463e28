"""Review rules: dates a month on, where a review stands, how recommendations move."""

from datetime import date

import pytest

from onestory.reviews import rules


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 6, 10), 1, date(2026, 7, 10)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # a shorter month: its last day
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # a leap year
        (date(2026, 8, 31), 6, date(2027, 2, 28)),  # across the year end
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 3, 31), 6, date(2026, 9, 30)),
    ],
)
def test_it_adds_months(day, months, expected):
    assert rules.add_months(day, months) == expected


def test_a_decision_is_due_a_month_after_notification_and_a_review_six_after_that():
    assert rules.decision_due_on(date(2026, 1, 31)) == date(2026, 2, 28)
    assert rules.review_due_on(date(2026, 2, 28)) == date(2026, 8, 28)


BASE = {
    "decision": "commission",
    "chair_name": "J Chair",
    "chronologies_asked": 3,
    "chronologies_waiting": 0,
    "draft_on": None,
    "qa_submitted_on": None,
    "qa_outcome": "",
    "published_on": None,
}
D = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"decision": ""}, "Awaiting a decision"),
        ({"decision": "no_review"}, "Not reviewed"),
        ({"chair_name": ""}, "Appointing a chair and panel"),
        ({"chronologies_waiting": 1}, "Gathering chronologies"),
        ({"chronologies_asked": 0}, "Gathering chronologies"),
        ({}, "Panel analysis"),
        ({"draft_on": D}, "Drafting the report"),
        ({"draft_on": D, "qa_submitted_on": D}, "Quality assurance"),
        ({"draft_on": D, "qa_submitted_on": D, "qa_outcome": "resubmit"}, "Drafting the report"),
        ({"draft_on": D, "qa_submitted_on": D, "qa_outcome": "accepted"}, "Ready to publish"),
        ({"qa_outcome": "accepted", "published_on": D}, "Published"),
    ],
)
def test_it_says_where_a_review_stands(changes, expected):
    assert rules.stage(**{**BASE, **changes}) == expected


@pytest.mark.parametrize(
    ("current", "new", "evidence", "owner", "coordinator", "problem"),
    [
        ("open", "in_progress", "", True, False, None),
        ("open", "complete", "Audit of 40 files", True, False, None),
        ("open", "complete", "", True, False, "evidence"),
        ("in_progress", "complete", "Audit", True, False, None),
        ("complete", "closed", "Audit", True, False, "status"),  # the owner cannot close
        ("complete", "closed", "Audit", False, True, None),
        ("complete", "in_progress", "Audit", False, True, None),  # sent back
        ("open", "closed", "Audit", False, True, "status"),
        ("closed", "in_progress", "Audit", True, True, "status"),
        ("open", "in_progress", "", False, False, "status"),
    ],
)
def test_recommendations_move_to_closure(current, new, evidence, owner, coordinator, problem):
    found = rules.status_problems(
        current=current, new=new, evidence=evidence, owner=owner, coordinator=coordinator
    )
    assert (next(iter(found)) if found else None) == problem


@pytest.mark.parametrize(
    ("status", "due_on", "overdue"),
    [
        ("open", date(2026, 6, 9), True),
        ("in_progress", date(2026, 6, 9), True),
        ("open", date(2026, 6, 10), False),
        ("complete", date(2026, 6, 1), False),
        ("closed", date(2026, 6, 1), False),
    ],
)
def test_a_recommendation_is_overdue_while_open_past_its_date(status, due_on, overdue):
    assert rules.is_overdue(status=status, due_on=due_on, today=date(2026, 6, 10)) is overdue


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({}, set()),
        ({"pseudonym": " "}, {"pseudonym"}),
        ({"death_kind": "accident"}, {"death_kind"}),
        ({"died_on": None}, {"died_on"}),
        ({"died_on": date(2026, 6, 11)}, {"died_on", "notified_on"}),
        ({"notified_on": date(2026, 4, 30)}, {"notified_on"}),
        ({"notified_by": ""}, {"notified_by"}),
    ],
)
def test_a_notification_needs_a_pseudonym_and_dates(changes, problems):
    good = {
        "pseudonym": "Adult A",
        "death_kind": "suicide",
        "died_on": date(2026, 5, 1),
        "notified_on": date(2026, 5, 3),
        "notified_by": "Coroner",
        "today": date(2026, 6, 10),
    }
    assert set(rules.notification_problems(**{**good, **changes})) == problems
