"""Operation Encompass rules: when a school notice is due, where it stands, and what a
notification and a sending must hold."""

from datetime import UTC, datetime, timedelta

import pytest

from onestory.encompass import rules

LONDON = rules.LONDON


def london(text: str) -> datetime:
    """'2026-03-13 18:00' as a time in England."""
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


# 2026: Monday 9 March to Sunday 15 March; the clocks go forward on Sunday 29 March and back
# on Sunday 25 October.
@pytest.mark.parametrize(
    ("notified", "due"),
    [
        # A weekday before the school day: the same morning.
        ("2026-03-09 00:10", "2026-03-09 08:30"),
        ("2026-03-09 08:29", "2026-03-09 08:30"),
        # At or after the start: the next morning.
        ("2026-03-09 08:30", "2026-03-10 08:30"),
        ("2026-03-09 14:00", "2026-03-10 08:30"),
        ("2026-03-12 23:59", "2026-03-13 08:30"),
        # Friday evening, and the weekend, are due on Monday.
        ("2026-03-13 08:30", "2026-03-16 08:30"),
        ("2026-03-13 18:45", "2026-03-16 08:30"),
        ("2026-03-14 03:00", "2026-03-16 08:30"),
        ("2026-03-15 22:00", "2026-03-16 08:30"),
        # Monday before 08:30 after a weekend incident: that morning.
        ("2026-03-16 07:00", "2026-03-16 08:30"),
        # Across the clocks going forward and back: still 08:30 in England.
        ("2026-03-27 19:00", "2026-03-30 08:30"),
        ("2026-10-23 21:00", "2026-10-26 08:30"),
        # Across the end of a month and a year (1 January is a bank holiday).
        ("2026-12-31 12:00", "2027-01-04 08:30"),
        ("2027-01-01 09:00", "2027-01-04 08:30"),
        ("2026-03-31 12:00", "2026-04-01 08:30"),
    ],
)
def test_it_makes_a_notice_due_before_the_next_school_day(notified, due):
    assert rules.notice_due_at(london(notified)) == london(due)


def test_it_reads_the_notification_time_in_england_whatever_its_zone():
    # 23:30 on Thursday 26 March in UTC is still Thursday in England (GMT until Sunday).
    assert rules.notice_due_at(datetime(2026, 3, 26, 23, 30, tzinfo=UTC)) == london(
        "2026-03-27 08:30"
    )
    # 07:45 UTC on Monday 30 March is 08:45 BST: after the start of the school day.
    assert rules.notice_due_at(datetime(2026, 3, 30, 7, 45, tzinfo=UTC)) == london(
        "2026-03-31 08:30"
    )
    # The due time is 08:30 BST, which is 07:30 UTC.
    due = rules.notice_due_at(london("2026-03-27 19:00"))
    assert due.astimezone(UTC) == datetime(2026, 3, 30, 7, 30, tzinfo=UTC)


def test_it_refuses_a_time_without_a_zone():
    with pytest.raises(ValueError, match="time zone"):
        rules.notice_due_at(datetime(2026, 3, 9, 12, 0))


BANK_HOLIDAYS = rules.england_bank_holidays(range(2025, 2029))
NO_TERMS = rules.SchoolCalendar(bank_holidays=BANK_HOLIDAYS)
# A local authority's 2025-26 school year, and the first half term of 2026-27.
TERMS = tuple(
    (datetime.fromisoformat(first).date(), datetime.fromisoformat(last).date())
    for first, last in [
        ("2025-09-03", "2025-10-24"),
        ("2025-11-03", "2025-12-19"),
        ("2026-01-05", "2026-02-13"),
        ("2026-02-23", "2026-03-27"),
        ("2026-04-13", "2026-05-22"),
        ("2026-06-01", "2026-07-22"),
        ("2026-09-03", "2026-10-23"),
    ]
)
IN_TERM = rules.SchoolCalendar(bank_holidays=BANK_HOLIDAYS, terms=TERMS)
AT_ONCE = rules.SchoolCalendar(bank_holidays=BANK_HOLIDAYS, terms=TERMS, tell_at_once=True)


@pytest.mark.parametrize(
    ("case", "calendar", "incident", "due"),
    [
        # Bank holidays (England's, from the holidays package).
        ("Friday evening before the spring bank holiday", NO_TERMS,
         "2026-05-22 19:00", "2026-05-26 08:30"),
        ("Friday evening before the August bank holiday", NO_TERMS,
         "2026-08-28 20:00", "2026-09-01 08:30"),
        ("Thursday evening before Easter", NO_TERMS, "2026-04-02 18:00", "2026-04-07 08:30"),
        ("Christmas Eve, Boxing Day falls on a Saturday", NO_TERMS,
         "2026-12-24 12:00", "2026-12-29 08:30"),
        ("before 08:30 on a bank holiday", NO_TERMS, "2026-05-25 07:00", "2026-05-26 08:30"),
        # Term dates.
        ("Friday evening before a bank holiday Monday in half term", IN_TERM,
         "2026-05-22 19:00", "2026-06-01 08:30"),
        ("in the summer holiday", IN_TERM, "2026-08-05 14:00", "2026-09-03 08:30"),
        ("the August bank holiday, in the summer holiday", IN_TERM,
         "2026-08-31 10:00", "2026-09-03 08:30"),
        ("the last day of term, after school starts", IN_TERM,
         "2026-07-22 15:00", "2026-09-03 08:30"),
        ("the last day of term, before school starts", IN_TERM,
         "2026-07-22 07:00", "2026-07-22 08:30"),
        ("the day before the last day of term", IN_TERM, "2026-07-21 16:00", "2026-07-22 08:30"),
        ("the last day before Christmas", IN_TERM, "2025-12-19 18:00", "2026-01-05 08:30"),
        ("the first day back, before school", IN_TERM, "2026-09-03 06:00", "2026-09-03 08:30"),
        ("an ordinary school night", IN_TERM, "2026-03-10 21:00", "2026-03-11 08:30"),
        ("beyond the term dates loaded: every weekday counts", IN_TERM,
         "2027-07-30 18:00", "2027-08-02 08:30"),
        # A school that asked to be told at once.
        ("at once, in the summer holiday", AT_ONCE, "2026-08-05 14:00", "2026-08-06 08:30"),
        ("at once, on a Saturday", AT_ONCE, "2026-08-08 10:00", "2026-08-09 08:30"),
        ("at once, before 08:30 on a bank holiday", AT_ONCE,
         "2026-05-25 06:00", "2026-05-25 08:30"),
    ],
)  # fmt: skip
def test_school_days_know_bank_holidays_terms_and_at_once(case, calendar, incident, due):
    assert rules.notice_due_at(london(incident), calendar) == london(due), case


@pytest.mark.parametrize(
    ("day", "open_"),
    [
        ("2026-05-25", False),  # spring bank holiday
        ("2026-05-26", False),  # half term
        ("2026-06-01", True),
        ("2026-07-22", True),  # the last day of term
        ("2026-07-23", False),  # the first day of the summer holiday
        ("2026-09-05", False),  # a Saturday in term
        ("2024-05-01", True),  # before the term dates loaded: a weekday
    ],
)
def test_a_school_day(day, open_):
    assert IN_TERM.is_school_day(datetime.fromisoformat(day).date()) is open_


@pytest.mark.parametrize(
    ("due", "recorded", "late"),
    [
        ("2026-03-10 08:30", "2026-03-10 08:29", False),
        ("2026-03-10 08:30", "2026-03-10 08:30", True),
        ("2026-03-10 08:30", "2026-03-12 11:00", True),
    ],
)
def test_a_notification_recorded_after_the_deadline_is_late_from_the_start(due, recorded, late):
    assert rules.recorded_late(due_at=london(due), recorded_at=london(recorded)) is late
    if late:  # and a notice not yet sent is overdue the moment it is recorded
        status = rules.notice_status(due_at=london(due), sent_at=None, now=london(recorded))
        assert status == rules.OVERDUE


DUE = london("2026-03-10 08:30")


@pytest.mark.parametrize(
    ("sent_at", "now", "expected"),
    [
        (None, DUE - timedelta(hours=1), rules.DUE),
        (None, DUE, rules.OVERDUE),
        (None, DUE + timedelta(days=2), rules.OVERDUE),
        (DUE - timedelta(minutes=1), DUE + timedelta(days=2), rules.SENT),
        (DUE, DUE + timedelta(days=2), rules.SENT_LATE),
        (DUE + timedelta(hours=3), DUE + timedelta(hours=4), rules.SENT_LATE),
    ],
)
def test_it_says_where_a_notice_stands(sent_at, now, expected):
    assert rules.notice_status(due_at=DUE, sent_at=sent_at, now=now) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Police were called to a domestic incident at home. Lily was in the house.", None),
        ("Officers attended at 23:15 on 12/03/2026 after a 999 call.", None),
        ("He shouted at her for 3 days at the court.", None),
        ("", "Enter the brief circumstances"),
        ("   ", "Enter the brief circumstances"),
        ("x" * 501, "500 characters or fewer"),
        ("Incident at 14 Oak Road, Harrowmere.", "looks like an address"),
        ("Mum has moved to NE1 4AB with the children.", "looks like an address"),
        ("Now staying at Flat 3 with a friend.", "looks like an address"),
        ("Contact mum on dawn.ashby@example.org", "email address"),
        ("Call mum on 07700 900123 before school.", "phone number"),
        ("Call mum on +44 (0)7700-900-123.", "phone number"),
    ],
)
def test_it_keeps_addresses_and_contact_details_out_of_the_circumstances(text, problem):
    found = rules.circumstances_problem(text)
    if problem is None:
        assert found is None
    else:
        assert problem in found


NOW = london("2026-03-10 07:00")


def _notification(**changes):
    values = {
        "police_reference": "NP/123456/26",
        "occurred_at": NOW - timedelta(hours=8),
        "circumstances": "Police were called to the home late last night.",
        "now": NOW,
    }
    values.update(changes)
    return rules.notification_problems(**values)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({}, None, None),
        ({"occurred_at": NOW}, None, None),
        ({"police_reference": ""}, "police_reference", "Enter the police reference"),
        ({"police_reference": "  "}, "police_reference", "Enter the police reference"),
        ({"police_reference": "N" * 41}, "police_reference", "40 characters or fewer"),
        ({"occurred_at": None}, "occurred_at", "Enter the date and time"),
        ({"occurred_at": NOW + timedelta(minutes=1)}, "occurred_at", "cannot be in the future"),
        ({"circumstances": ""}, "circumstances", "Enter the brief circumstances"),
    ],
)
def test_it_checks_a_notification(changes, field, message):
    problems = _notification(**changes)
    if field is None:
        assert problems == {}
    else:
        assert list(problems) == [field]
        assert message in problems[field]


def _sending(**changes):
    values = {
        "method": "secure_email",
        "allowed_methods": ("secure_email", "phone"),
        "dsl_name": "Ms Priya Shah",
        "sent_at": NOW,
        "occurred_at": NOW - timedelta(hours=8),
        "now": NOW,
    }
    values.update(changes)
    return rules.sending_problems(**values)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({}, None, None),
        ({"method": "phone"}, None, None),
        ({"method": ""}, "method", "Select how the notice was sent"),
        ({"method": "carrier_pigeon"}, "method", "Select secure email or phone"),
        ({"dsl_name": " "}, "dsl_name", "designated safeguarding lead"),
        ({"sent_at": None}, "sent_at", "Enter the date and time"),
        ({"sent_at": NOW + timedelta(minutes=5)}, "sent_at", "cannot be in the future"),
        ({"sent_at": NOW - timedelta(hours=9)}, "sent_at", "before the incident"),
    ],
)
def test_it_checks_a_sending(changes, field, message):
    problems = _sending(**changes)
    if field is None:
        assert problems == {}
    else:
        assert list(problems) == [field]
        assert message in problems[field]


@pytest.mark.parametrize(
    ("name", "place", "label"),
    [
        ("Millbrook Academy", "Harrowmere", "Millbrook Academy, Harrowmere"),
        ("Millbrook Academy", "  Fenside Marsh ", "Millbrook Academy, Fenside Marsh"),
        # Where the directory places it nowhere, the name alone.
        ("Millbrook Academy", "", "Millbrook Academy"),
        ("Millbrook Academy", "   ", "Millbrook Academy"),
    ],
)
def test_it_names_a_school_with_where_it_is(name, place, label):
    assert rules.school_label(name, place) == label
