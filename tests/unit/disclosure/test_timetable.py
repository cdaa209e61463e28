"""The disclosure timetable: working days, calendar days, month ends and bank holidays."""

from datetime import date

import pytest

from onestory.core.working_days import (
    add_working_days,
    england_bank_holidays,
    working_day_on_or_before,
)
from onestory.disclosure.timetable import (
    DEFAULT_TIMETABLE,
    Allowance,
    Step,
    TimetableError,
    is_overdue,
    next_step,
    parse_timetable,
    step_states,
    target_date,
    targets,
)

HOLIDAYS = england_bank_holidays(range(2025, 2029))


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (date(2026, 6, 10), 1, date(2026, 6, 11)),  # Wednesday to Thursday
        (date(2026, 6, 12), 1, date(2026, 6, 15)),  # Friday to Monday
        (date(2026, 6, 13), 1, date(2026, 6, 15)),  # Saturday: the start never counts
        (date(2026, 6, 10), 0, date(2026, 6, 10)),
        # Month end: Friday 29 May, over the weekend, into June.
        (date(2026, 5, 29), 2, date(2026, 6, 2)),
        # Easter 2026: Good Friday 3 April and Easter Monday 6 April are not working days.
        (date(2026, 4, 2), 1, date(2026, 4, 7)),
        # Christmas 2026 falls on a Friday; Boxing Day's substitute is Monday 28 December.
        (date(2026, 12, 24), 1, date(2026, 12, 29)),
        # Year end: 31 December 2026 to the first working day of 2027 (1 January a holiday).
        (date(2026, 12, 31), 1, date(2027, 1, 4)),
        # The late May bank holiday 2026 is Monday 25 May.
        (date(2026, 5, 22), 1, date(2026, 5, 26)),
        # February's end: a common year goes into March, a leap year to the 29th.
        (date(2027, 2, 26), 1, date(2027, 3, 1)),
        (date(2028, 2, 28), 1, date(2028, 2, 29)),
    ],
)
def test_it_adds_working_days(start, count, expected):
    assert add_working_days(start, count, HOLIDAYS) == expected


def test_it_refuses_to_count_backwards():
    with pytest.raises(ValueError, match="cannot be negative"):
        add_working_days(date(2026, 6, 10), -1, HOLIDAYS)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 6, 10), date(2026, 6, 10)),
        (date(2026, 6, 14), date(2026, 6, 12)),  # Sunday comes forward to Friday
        (date(2026, 8, 31), date(2026, 8, 28)),  # summer bank holiday Monday, month end
        (date(2026, 12, 28), date(2026, 12, 24)),  # Boxing Day's substitute, then Christmas
    ],
)
def test_it_brings_a_day_off_forward(day, expected):
    assert working_day_on_or_before(day, HOLIDAYS) == expected


@pytest.mark.parametrize(
    ("first_contact", "allowance", "expected"),
    [
        (date(2026, 6, 10), Allowance(10, working=True), date(2026, 6, 24)),
        (date(2026, 6, 10), Allowance(28, working=False), date(2026, 7, 8)),
        # 28 calendar days from 3 August is Monday 31 August, a bank holiday: Friday 28th.
        (date(2026, 8, 3), Allowance(28, working=False), date(2026, 8, 28)),
        # 28 calendar days from 31 January 2028 is 28 February (a Monday).
        (date(2028, 1, 31), Allowance(28, working=False), date(2028, 2, 28)),
        # 10 working days from 18 December 2026 skip Christmas and New Year.
        (date(2026, 12, 18), Allowance(10, working=True), date(2027, 1, 6)),
    ],
)
def test_it_sets_a_target(first_contact, allowance, expected):
    holidays = england_bank_holidays(range(first_contact.year, first_contact.year + 2))
    assert target_date(first_contact, allowance, holidays) == expected


def test_right_to_know_has_no_meeting():
    timetable = parse_timetable(DEFAULT_TIMETABLE)
    ask = targets(
        route="ask", first_contact=date(2026, 6, 10), timetable=timetable, bank_holidays=HOLIDAYS
    )
    know = targets(
        route="know", first_contact=date(2026, 6, 10), timetable=timetable, bank_holidays=HOLIDAYS
    )
    assert list(ask) == list(Step)
    assert Step.MEETING not in know
    assert ask[Step.DISCLOSURE] == know[Step.DISCLOSURE] == date(2026, 7, 8)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("meeting=10wd", "no target for risk_assessment"),
        ("meeting=ten,risk_assessment=1wd", "write a number of days"),
        ("meeting=0wd", "write a number of days"),
        ("visit=3d", "is not a step"),
        (DEFAULT_TIMETABLE + ",meeting=5wd", "given twice"),
    ],
)
def test_it_refuses_a_bad_timetable(text, message):
    with pytest.raises(TimetableError, match=message):
        parse_timetable(text)


def test_it_reads_the_default_timetable():
    timetable = parse_timetable(DEFAULT_TIMETABLE)
    assert timetable[Step.MEETING] == Allowance(10, True)
    assert timetable[Step.DISCLOSURE] == Allowance(28, False)


TARGETS = {
    Step.MEETING: date(2026, 6, 5),
    Step.RISK_ASSESSMENT: date(2026, 6, 9),
    Step.CHECKS: date(2026, 6, 12),
    Step.DECISION: date(2026, 6, 19),
    Step.DISCLOSURE: date(2026, 6, 26),
}


@pytest.mark.parametrize(
    ("done", "closed", "today", "overdue", "next_"),
    [
        ({}, False, date(2026, 6, 5), set(), Step.MEETING),  # due today is not overdue
        ({}, False, date(2026, 6, 6), {Step.MEETING}, Step.MEETING),
        (
            {Step.MEETING: date(2026, 6, 4)},
            False,
            date(2026, 6, 10),
            {Step.RISK_ASSESSMENT},
            Step.RISK_ASSESSMENT,
        ),
        # A step done late is late, not overdue.
        ({Step.MEETING: date(2026, 6, 8)}, False, date(2026, 6, 8), set(), Step.RISK_ASSESSMENT),
        # Closed by a decision not to disclose: nothing is overdue, nothing is next.
        (
            {s: date(2026, 6, 4) for s in list(Step)[:4]},
            True,
            date(2026, 7, 30),
            set(),
            None,
        ),
        ({s: date(2026, 6, 4) for s in Step}, True, date(2026, 7, 30), set(), None),
    ],
)
def test_it_knows_where_the_steps_stand(done, closed, today, overdue, next_):
    states = step_states(targets=TARGETS, done=done, closed=closed, today=today)
    assert {s.step for s in states if s.overdue} == overdue
    assert is_overdue(states) == bool(overdue)
    found = next_step(states)
    assert (found.step if found else None) == next_
