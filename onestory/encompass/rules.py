"""Operation Encompass rules, as pure functions: when a school notice is due, where a notice
stands, and what a notification's answers must be.

The police tell a child's school before the next school day that the child was involved in
a domestic abuse incident, so that someone at school knows when the child walks in.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from onestory.cases.address_check import address_like_text

LONDON = ZoneInfo("Europe/London")
# When the school day is taken to start, in England's local time.
SCHOOL_DAY_STARTS = time(8, 30)
SATURDAY = 5

POLICE_REFERENCE_LENGTH = 40
CIRCUMSTANCES_LENGTH = 500

NON_FIELD = "__all__"


def notice_due_at(notified_at: datetime) -> datetime:
    """When the school must have the notice: the first 08:30 on a weekday (Europe/London)
    after the notification.

    A notification before 08:30 on a weekday is due at 08:30 the same day; one at or after
    08:30, or at a weekend, is due at 08:30 on the next weekday (so Friday evening is due on
    Monday). Bank holidays and school holidays are not known here, so a notice is never
    later than it should be.
    """
    if notified_at.tzinfo is None:
        raise ValueError("The notification time must say its time zone.")
    local = notified_at.astimezone(LONDON)
    day = local.date()
    if day.weekday() < SATURDAY and local.time() < SCHOOL_DAY_STARTS:
        return _school_day_start(day)
    day += timedelta(days=1)
    while day.weekday() >= SATURDAY:
        day += timedelta(days=1)
    return _school_day_start(day)


def _school_day_start(day: date) -> datetime:
    # Built in local time, so the hour stays 08:30 whether the clocks are on GMT or BST.
    return datetime.combine(day, SCHOOL_DAY_STARTS, tzinfo=LONDON)


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
