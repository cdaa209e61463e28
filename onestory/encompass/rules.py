"""Operation Encompass rules, as pure functions: when a school notice is due, where a notice
stands, and what a notification's answers must be.

The police tell a child's school before the next school day that the child was involved in
a domestic abuse incident, so that someone at school knows when the child walks in. The
deadline runs from the incident, not from when the notification was recorded: one recorded
late is late from the start.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

from onestory.core.address_check import address_like_text

LONDON = ZoneInfo("Europe/London")
# When the school day is taken to start, in England's local time.
SCHOOL_DAY_STARTS = time(8, 30)
SATURDAY = 5

POLICE_REFERENCE_LENGTH = 40
CIRCUMSTANCES_LENGTH = 500

NON_FIELD = "__all__"


@dataclass(frozen=True)
class SchoolCalendar:
    """What a school's days are, for working out when its notices are due.

    ``bank_holidays`` are England's; ``terms`` are the local authority's term dates, as
    (first day, last day) pairs, half terms being gaps between them. Outside the span the
    loaded terms cover (term dates not yet loaded for a year), every weekday that is not a
    bank holiday counts as a school day, so a notice is never due later than it should be.
    ``tell_at_once`` is a school that has asked to be told at once, whatever the day.
    """

    bank_holidays: frozenset[date] = frozenset()
    terms: tuple[tuple[date, date], ...] = ()
    tell_at_once: bool = False

    def is_school_day(self, day: date) -> bool:
        if day.weekday() >= SATURDAY or day in self.bank_holidays:
            return False
        if not self.terms or not self._covers(day):
            return True
        return any(first <= day <= last for first, last in self.terms)

    def _covers(self, day: date) -> bool:
        return min(first for first, _ in self.terms) <= day <= max(last for _, last in self.terms)


# Far enough to cross the longest school holiday whatever the term dates say.
_LONGEST_WAIT_DAYS = 400


def england_bank_holidays(years: Iterable[int]) -> frozenset[date]:
    """England's bank holidays in those years, substitute days included (``holidays``)."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=sorted(set(years))))


def notice_due_at(occurred_at: datetime, calendar: SchoolCalendar | None = None) -> datetime:
    """When the school must have the notice: the start (08:30, Europe/London) of the next
    school day after the incident, whenever the notification is recorded.

    An incident before 08:30 on a school day is due at 08:30 that day; one at or after
    08:30, or on a day the school is closed, is due at 08:30 on the next school day: Friday
    evening before a bank holiday Monday is due on Tuesday, and an incident in the summer
    holiday on the first day back. A school that asked to be told at once has its notice
    due at the next 08:30, school day or not.
    """
    if occurred_at.tzinfo is None:
        raise ValueError("The incident time must say its time zone.")
    calendar = calendar or SchoolCalendar(
        bank_holidays=england_bank_holidays(_years_from(occurred_at))
    )
    local = occurred_at.astimezone(LONDON)
    day = local.date()
    open_on = (lambda _day: True) if calendar.tell_at_once else calendar.is_school_day
    if local.time() < SCHOOL_DAY_STARTS and open_on(day):
        return _school_day_start(day)
    for _ in range(_LONGEST_WAIT_DAYS):
        day += timedelta(days=1)
        if open_on(day):
            return _school_day_start(day)
    raise ValueError("No school day within a year of the incident: check the term dates.")


def _years_from(moment: datetime) -> range:
    year = moment.astimezone(LONDON).year
    return range(year, year + 2)


def _school_day_start(day: date) -> datetime:
    # Built in local time, so the hour stays 08:30 whether the clocks are on GMT or BST.
    return datetime.combine(day, SCHOOL_DAY_STARTS, tzinfo=LONDON)


def recorded_late(*, due_at: datetime, recorded_at: datetime) -> bool:
    """A notification recorded only after its notices were due: late from the start."""
    return recorded_at >= due_at


# Where a notice stands.
DUE = "due"
OVERDUE = "overdue"
SENT = "sent"
SENT_LATE = "sent_late"

STATUS_LABELS = {
    DUE: "To send",
    OVERDUE: "Overdue",
    SENT: "Sent",
    SENT_LATE: "Sent late",
}


def notice_status(*, due_at: datetime, sent_at: datetime | None, now: datetime) -> str:
    """``due`` until the school day starts, then ``overdue``; once sent, ``sent`` or
    ``sent_late`` (sent after the school day had started)."""
    if sent_at is not None:
        return SENT_LATE if sent_at >= due_at else SENT
    return OVERDUE if now >= due_at else DUE


def school_label(name: str, place: str = "") -> str:
    """How a school is offered in a list: its name, then its town or area when the
    directory knows it, so two schools of one name can be told apart."""
    place = (place or "").strip()
    return f"{name}, {place}" if place else name


# A school never needs an email address or a phone number from the notice.
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
# Ten or more digits, allowing the spaces, dashes and brackets phone numbers are written with.
_PHONE = re.compile(r"(?:\+|\b)\d(?:[\s\-()]*\d){9,}")


def circumstances_problem(text: str) -> str | None:
    """Why the brief circumstances cannot go to a school, or None.

    They are written for the school: a sentence or two in plain words. An address or a way
    to reach anyone must never be in them, since the notice may be read by several people at
    the school and a safe address must never travel further than it has to.
    """
    text = (text or "").strip()
    if not text:
        return "Enter the brief circumstances, written for the school"
    if len(text) > CIRCUMSTANCES_LENGTH:
        return (
            f"Keep the circumstances to {CIRCUMSTANCES_LENGTH} characters or fewer: "
            "the school needs only a sentence or two"
        )
    found = address_like_text(text)
    if found:
        return (
            f"Take out what looks like an address (“{found[0]}”): "
            "a notice to a school never gives an address"
        )
    if _EMAIL.search(text):
        return "Take out the email address: a notice to a school never gives contact details"
    if _PHONE.search(text):
        return "Take out the phone number: a notice to a school never gives contact details"
    return None


def notification_problems(
    *,
    police_reference: str,
    occurred_at: datetime | None,
    circumstances: str,
    now: datetime,
) -> dict[str, str]:
    """What is wrong with a police notification's answers, by field name."""
    problems: dict[str, str] = {}
    reference = (police_reference or "").strip()
    if not reference:
        problems["police_reference"] = "Enter the police reference"
    elif len(reference) > POLICE_REFERENCE_LENGTH:
        problems["police_reference"] = (
            f"The police reference must be {POLICE_REFERENCE_LENGTH} characters or fewer"
        )
    if occurred_at is None:
        problems["occurred_at"] = "Enter the date and time of the incident"
    elif occurred_at > now:
        problems["occurred_at"] = "The incident's date and time cannot be in the future"
    problem = circumstances_problem(circumstances)
    if problem:
        problems["circumstances"] = problem
    return problems


def sending_problems(
    *,
    method: str,
    allowed_methods: list[str] | tuple[str, ...],
    dsl_name: str,
    sent_at: datetime | None,
    occurred_at: datetime,
    now: datetime,
) -> dict[str, str]:
    """What is wrong with a record of a notice's sending, by field name."""
    problems: dict[str, str] = {}
    if not method:
        problems["method"] = "Select how the notice was sent: secure email or phone"
    elif method not in allowed_methods:
        problems["method"] = "Select secure email or phone"
    if not (dsl_name or "").strip():
        problems["dsl_name"] = "Enter the name of the designated safeguarding lead you told"
    if sent_at is None:
        problems["sent_at"] = "Enter the date and time the notice was sent"
    elif sent_at > now:
        problems["sent_at"] = "The time it was sent cannot be in the future"
    elif sent_at < occurred_at:
        problems["sent_at"] = "The notice cannot have been sent before the incident"
    return problems
