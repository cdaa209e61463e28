"""The rules of work with people who use harm, table by table."""

from datetime import date

import pytest

from onestory.harm import rules
from onestory.harm.choices import EndReason, InterventionType, OrderKind, SessionStatus, Status

TODAY = date(2026, 6, 10)
D = date


@pytest.mark.parametrize(
    ("value", "not_before", "problem"),
    [
        (None, None, "Enter the date"),
        (D(2026, 6, 10), None, None),
        (D(2026, 6, 11), None, "The date cannot be in the future"),
        (D(2026, 5, 19), D(2026, 5, 20), "Not before the referral"),
        (D(2026, 5, 20), D(2026, 5, 20), None),
        (D(2026, 6, 11), D(2026, 5, 20), "The date cannot be in the future"),
    ],
)
def test_date_problem(value, not_before, problem):
    found = rules.date_problem(
        value,
        today=TODAY,
        missing="Enter the date",
        not_before=not_before,
        before="Not before the referral",
    )
    assert found == problem


@pytest.mark.parametrize(
    ("suitable", "readiness", "kind", "weeks", "assessed_on", "problem_fields"),
    [
        (True, "ready", InterventionType.BEHAVIOUR_CHANGE, 22, D(2026, 6, 1), set()),
        (True, "ready", InterventionType.BEHAVIOUR_CHANGE, 21, D(2026, 6, 1), {"planned_weeks"}),
        (True, "ready", InterventionType.BEHAVIOUR_CHANGE, None, D(2026, 6, 1), {"planned_weeks"}),
        (True, "ambivalent", InterventionType.EARLY_RESPONSE, 6, D(2026, 6, 1), set()),
        (True, "ready", InterventionType.HELP_SEEKING, None, D(2026, 6, 1), set()),
        (True, "ready", "", None, D(2026, 6, 1), {"intervention_type"}),
        (True, "", InterventionType.INTENSIVE, None, D(2026, 6, 1), {"readiness"}),
        (False, "not_ready", "", None, D(2026, 6, 1), set()),
        (True, "ready", InterventionType.INTENSIVE, None, D(2026, 6, 11), {"assessed_on"}),
        (True, "ready", InterventionType.INTENSIVE, None, D(2026, 5, 1), {"assessed_on"}),
    ],
)
def test_assessment(suitable, readiness, kind, weeks, assessed_on, problem_fields):
    problems = rules.assessment_problems(
        suitable=suitable,
        readiness=readiness,
        intervention_type=kind,
        planned_weeks=weeks,
        assessed_on=assessed_on,
        referred_on=D(2026, 5, 20),
        today=TODAY,
    )
    assert set(problems) == problem_fields


@pytest.mark.parametrize(
    ("status", "session_on", "started_on", "intervention_status", "refused"),
    [
        (SessionStatus.ATTENDED, D(2026, 6, 3), D(2026, 6, 1), Status.ACTIVE, False),
        (SessionStatus.MISSED, D(2026, 6, 10), D(2026, 6, 1), Status.ACTIVE, False),
        (SessionStatus.OFFERED, D(2026, 6, 17), D(2026, 6, 1), Status.ACTIVE, False),
        (SessionStatus.ATTENDED, D(2026, 6, 17), D(2026, 6, 1), Status.ACTIVE, True),
        (SessionStatus.ATTENDED, D(2026, 5, 31), D(2026, 6, 1), Status.ACTIVE, True),
        (SessionStatus.ATTENDED, D(2026, 6, 3), None, Status.REFERRED, True),
        (SessionStatus.ATTENDED, D(2026, 6, 3), D(2026, 6, 1), Status.COMPLETED, True),
        (SessionStatus.ATTENDED, D(2026, 6, 3), None, Status.NOT_SUITABLE, True),
    ],
)
def test_sessions(status, session_on, started_on, intervention_status, refused):
    problems = rules.session_problems(
        status=status,
        session_on=session_on,
        started_on=started_on,
        intervention_status=intervention_status,
        today=TODAY,
    )
    assert bool(problems) is refused


@pytest.mark.parametrize(
    ("missed_on", "threats", "expected"),
    [
        (D(2026, 6, 10), [D(2026, 6, 1)], True),
        (D(2026, 6, 10), [D(2026, 6, 10)], True),
        (D(2026, 6, 10), [D(2026, 5, 13)], True),  # 28 days before: still inside
        (D(2026, 6, 10), [D(2026, 5, 12)], False),  # 29 days before
        (D(2026, 6, 10), [D(2026, 6, 11)], False),  # a threat after the session
        (D(2026, 6, 10), [], False),
        (D(2026, 3, 1), [D(2026, 2, 1)], True),  # across the end of February
    ],
)
def test_missed_after_threat(missed_on, threats, expected):
    assert rules.missed_after_threat(missed_on, threats) is expected


@pytest.mark.parametrize(
    ("previous", "new", "raised"),
    [
        (None, "high", False),
        ("standard", "medium", True),
        ("medium", "high", True),
        ("high", "high", False),
        ("high", "standard", False),
    ],
)
def test_risk_raised(previous, new, raised):
    assert rules.risk_raised(previous, new) is raised


@pytest.mark.parametrize(
    ("intake", "exit_level", "change"),
    [
        ("high", "medium", "down"),
        ("medium", "medium", "same"),
        ("standard", "high", "up"),
        (None, "high", None),
        ("high", None, None),
    ],
)
def test_risk_change(intake, exit_level, change):
    assert rules.risk_change(intake, exit_level) == change


START = D(2026, 1, 1)


@pytest.mark.parametrize(
    ("ending", "reason", "ended_on", "kind", "problem_fields"),
    [
        (Status.COMPLETED, "", D(2026, 6, 4), InterventionType.BEHAVIOUR_CHANGE, set()),
        (Status.COMPLETED, "", D(2026, 6, 3), InterventionType.BEHAVIOUR_CHANGE, {"ending"}),
        (Status.COMPLETED, "", D(2026, 1, 20), InterventionType.EARLY_RESPONSE, set()),
        (Status.COMPLETED, EndReason.NOT_READY, D(2026, 6, 4), "", {"reason"}),
        (Status.DROPPED_OUT, EndReason.STOPPED_ATTENDING, D(2026, 3, 1), "", set()),
        (Status.DROPPED_OUT, "", D(2026, 3, 1), "", {"reason"}),
        (Status.DROPPED_OUT, EndReason.UNSAFE_IN_GROUP, D(2026, 3, 1), "", {"reason"}),
        (Status.REMOVED, EndReason.FURTHER_ABUSE, D(2026, 3, 1), "", set()),
        (Status.REMOVED, EndReason.MOVED_AWAY, D(2026, 3, 1), "", {"reason"}),
        (Status.REMOVED, EndReason.FURTHER_ABUSE, D(2025, 12, 31), "", {"ended_on"}),
        (Status.REMOVED, EndReason.FURTHER_ABUSE, D(2026, 6, 11), "", {"ended_on"}),
        ("", "", D(2026, 3, 1), "", {"ending"}),
    ],
)
def test_endings(ending, reason, ended_on, kind, problem_fields):
    problems = rules.end_problems(
        ending=ending,
        reason=reason,
        ended_on=ended_on,
        started_on=START,
        intervention_type=kind,
        today=TODAY,
    )
    assert set(problems) == problem_fields


@pytest.mark.parametrize(
    ("kind", "starts_on", "ends_on", "problem_fields"),
    [
        (OrderKind.NON_MOLESTATION, D(2026, 6, 1), D(2027, 6, 1), set()),
        (OrderKind.NON_MOLESTATION, D(2026, 6, 1), None, set()),
        (OrderKind.RESTRAINING, D(2026, 6, 1), D(2026, 5, 31), {"ends_on"}),
        (OrderKind.DAPN, D(2026, 6, 1), D(2026, 6, 3), set()),
        (OrderKind.DVPN, D(2026, 6, 1), D(2026, 6, 4), {"ends_on"}),
        (OrderKind.DAPO, D(2026, 6, 11), None, {"starts_on"}),
        ("curfew", D(2026, 6, 1), None, {"kind"}),
        (OrderKind.BAIL, None, None, {"starts_on"}),
    ],
)
def test_orders(kind, starts_on, ends_on, problem_fields):
    problems = rules.order_problems(kind=kind, starts_on=starts_on, ends_on=ends_on, today=TODAY)
    assert set(problems) == problem_fields


@pytest.mark.parametrize(
    ("occurred_on", "ends_on", "refused"),
    [
        (D(2026, 6, 5), None, False),
        (D(2026, 5, 31), None, True),  # before the order was made
        (D(2026, 6, 9), D(2026, 6, 8), True),  # after it ended
        (D(2026, 6, 8), D(2026, 6, 8), False),  # its last day
        (D(2026, 6, 11), None, True),  # in the future
    ],
)
def test_breaches(occurred_on, ends_on, refused):
    problems = rules.breach_problems(
        occurred_on=occurred_on, starts_on=D(2026, 6, 1), ends_on=ends_on, today=TODAY
    )
    assert bool(problems) is refused


def test_notify_by_is_three_days_on():
    assert rules.notify_by(D(2026, 2, 27)) == D(2026, 3, 2)
