"""The front door's rules, as pure functions: answers in, a decision or a message out.

No database and no request here, so each rule has a table of cases in
``tests/unit/intake/``.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from django.utils.translation import gettext as _

# Dates typed in three boxes are read by ``onestory.core.dates``, which every form shares.
from onestory.core.dates import DateProblem as DateProblem
from onestory.core.dates import date_from_parts as date_from_parts
from onestory.core.dates import date_problem_message as date_problem_message
from onestory.intake.choices import Source, Status, Urgency, YesNoUnknown

OLDEST_AGE = 120

# Letters and digits that cannot be mistaken for one another when read out on the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference() -> str:
    """A reference a person can quote, like ``K7P2-MXQ4``; random, so it reveals no volumes."""
    letters = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{letters[:4]}-{letters[4:]}"


# --- Postcodes -------------------------------------------------------------------------------

_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")


def normalise_postcode(raw: str) -> str | None:
    """``"ab1 2cd"`` → ``"AB1 2CD"``; None when it is not shaped like a UK postcode."""
    squashed = re.sub(r"\s+", "", raw or "").upper()
    match = _POSTCODE.match(squashed)
    if match is None:
        return None
    return f"{match.group(1)} {match.group(2)}"


# --- Dates -----------------------------------------------------------------------------------


# --- Children named --------------------------------------------------------------------------

MOST_CHILDREN_NAMED = 15
OLDEST_CHILD = 17
_CHILD_LINE = re.compile(
    r"^(?P<name>.*?)(?:[\s,;:(-]+(?:aged?\s*)?(?P<age>\d{1,3})"
    r"(?:\s*(?:years?|yrs?)(?:\s*old)?)?\)?)?\s*$",
    re.IGNORECASE,
)


def children_from_text(text: str) -> tuple[list[dict], str | None]:
    """Children written one to a line, each with their age if known: ``"Amy, 7"``.

    Returns ``[{"name": "Amy", "age": 7}, ...]`` (``age`` None when not given) and a
    message when a line cannot be read that way.
    """
    children: list[dict] = []
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if len(lines) > MOST_CHILDREN_NAMED:
        return [], _("Name at most %(count)s children, one on each line") % {
            "count": MOST_CHILDREN_NAMED
        }
    for line in lines:
        match = _CHILD_LINE.match(line)
        name = match.group("name").strip(" ,;:-") if match else ""
        if not re.search(r"[^\W\d_]", name):  # a name has at least one letter
            return [], _("Write each child's name, then their age if you know it, like: Amy, 7")
        if len(name) > 100:
            return [], _("Each child's name must be 100 characters or fewer")
        age = int(match.group("age")) if match.group("age") else None
        if age is not None and age > OLDEST_CHILD:
            return [], _("A child's age must be %(age)s or under") % {"age": OLDEST_CHILD}
        children.append({"name": name, "age": age})
    return children, None


def children_text(children: list[dict]) -> str:
    """``"Amy (7), Ben"``: the children named, for reading."""
    return ", ".join(
        f"{child['name']} ({child['age']})" if child.get("age") is not None else child["name"]
        for child in children
    )


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def date_of_birth_problem(born: date, today: date) -> str | None:
    if born > today:
        return _("Date of birth must be in the past")
    if age_on(born, today) > OLDEST_AGE:
        return _("Date of birth must be within the last %(years)s years") % {"years": OLDEST_AGE}
    return None


# --- The answers as a whole ------------------------------------------------------------------


def _given(values: Mapping, name: str) -> bool:
    value = values.get(name)
    return value not in (None, "", False)


def referral_problems(values: Mapping, *, today: date) -> dict[str, str]:
    """Problems that need more than one answer to see, as ``{field name: message}``.

    ``values`` holds a referral's cleaned answers by field name; a yes/no question left
    unanswered is None. Each field's own checks (required, formats) are made before this.
    """
    problems: dict[str, str] = {}
    source = values.get("source")

    if source == Source.PROFESSIONAL:
        if not _given(values, "referrer_name"):
            problems["referrer_name"] = "Enter the professional's name"
        if not _given(values, "referrer_agency"):
            problems["referrer_agency"] = "Enter the professional's organisation"
        if not _given(values, "referrer_agency_kind"):
            problems["referrer_agency_kind"] = "Select the kind of organisation"
        if not (_given(values, "referrer_phone") or _given(values, "referrer_email")):
            problems["referrer_phone"] = (
                "Enter a phone number or email address for the professional"
            )
    elif source == Source.FAMILY_OR_FRIEND and not _given(values, "referrer_name"):
        problems["referrer_name"] = "Enter the name of the person telling us"

    if values.get("safe_to_call") and not _given(values, "phone"):
        problems["phone"] = _("Enter a phone number, or say it is not safe to call")
    if values.get("voicemail_allowed") and not _given(values, "phone"):
        problems.setdefault("phone", _("Enter a phone number, or say a voicemail is not safe"))
    if values.get("safe_to_text") and not _given(values, "phone"):
        problems.setdefault("phone", _("Enter a phone number, or say a text is not safe"))
    if values.get("safe_to_email") and not _given(values, "email"):
        problems["email"] = _("Enter an email address, or say it is not safe to email")
    if values.get("contact_only_through_professional") and not _given(
        values, "professional_contact"
    ):
        problems["professional_contact"] = _(
            "Enter the professional's name and how to reach them, or say contact need not go "
            "through a professional"
        )
    if _given(values, "phone") and values.get("safe_to_call") is None:
        problems["safe_to_call"] = _("Say whether it is safe to call this number")
    if _given(values, "email") and values.get("safe_to_email") is None:
        problems["safe_to_email"] = _("Say whether it is safe to email this address")
    if values.get("interpreter_needed") and not _given(values, "interpreter_language"):
        problems["interpreter_language"] = _("Enter the language an interpreter should speak")

    reachable = (
        (values.get("safe_to_call") and _given(values, "phone"))
        or (values.get("safe_to_email") and _given(values, "email"))
        or (
            values.get("contact_only_through_professional")
            and _given(values, "professional_contact")
        )
        or _given(values, "referrer_phone")
        or _given(values, "referrer_email")
    )
    unanswered = {"phone", "safe_to_call", "safe_to_email"} & set(problems)
    if not reachable and not unanswered:
        problems["phone"] = _(
            "Give at least one safe way to get in touch: a phone number that is safe to call, "
            "an email address that is safe to use, or a professional to contact"
        )

    count = values.get("children_count")
    if count and values.get("children_in_household") == YesNoUnknown.NO:
        problems["children_count"] = _(
            "Leave the number of children empty, or say there are children in the household"
        )
    if values.get("children") and values.get("children_in_household") == YesNoUnknown.NO:
        problems["children"] = _(
            "Leave the children's names empty, or say there are children in the household"
        )

    born, age = values.get("date_of_birth"), values.get("approximate_age")
    if born is not None and age is not None and abs(age_on(born, today) - age) > 1:
        problems["approximate_age"] = _(
            "The age does not match the date of birth; give one or the other"
        )
    return problems


# --- Triage ----------------------------------------------------------------------------------


class Event(StrEnum):
    ASSIGN = "assign"
    FIRST_CONTACT = "first_contact"
    OUTCOME = "outcome"


class TransitionRefused(Exception):
    """The referral cannot do that now; the message says why, for the worker."""


def next_status(current: str, event: Event, *, contacted: bool = False) -> Status:
    """The status a referral moves to after ``event``, or TransitionRefused with a reason."""
    if current == Status.CLOSED:
        raise TransitionRefused("This referral is closed, so it cannot be changed.")
    if event == Event.ASSIGN:
        return Status(current) if current == Status.IN_TRIAGE else Status.ASSIGNED
    if event == Event.FIRST_CONTACT:
        if contacted:
            raise TransitionRefused("First contact has already been recorded.")
        return Status.IN_TRIAGE
    return Status.CLOSED


class ClockState(StrEnum):
    DUE = "due"
    OVERDUE = "overdue"
    MET = "met"
    MISSED = "missed"


@dataclass(frozen=True)
class Clock:
    """Where a referral stands against its first-contact target."""

    state: ClockState
    due_at: datetime
    target_hours: int

    @property
    def late(self) -> bool:
        return self.state in (ClockState.OVERDUE, ClockState.MISSED)


def first_contact_clock(
    *,
    received_at: datetime,
    urgency: str,
    first_contact_at: datetime | None,
    now: datetime,
    targets: Mapping[str, int],
) -> Clock:
    hours = targets[Urgency(urgency).value]
    due_at = received_at + timedelta(hours=hours)
    if first_contact_at is not None:
        state = ClockState.MET if first_contact_at <= due_at else ClockState.MISSED
    else:
        state = ClockState.DUE if now <= due_at else ClockState.OVERDUE
    return Clock(state, due_at, hours)


def within_target(received_at: datetime, contacted_at: datetime, hours: int) -> bool:
    return contacted_at - received_at <= timedelta(hours=hours)


def repeat_tag(count: int) -> str:
    """The at-a-glance tag for referrals about one person in the last 12 months; "" for one."""
    if count < 2:
        return ""
    return f"{count} referrals in 12 months"


def first_contact_time_problem(
    when: datetime, *, received_at: datetime, now: datetime
) -> str | None:
    if when > now:
        return "The time of first contact cannot be in the future"
    if when < received_at:
        return "The time of first contact cannot be before the referral was received"
    return None


_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def time_from_text(text: str) -> time | None:
    """``"14:30"`` or ``"9.05"`` as a time of day (24-hour clock); None if it is not one."""
    match = _TIME.match((text or "").strip())
    if match is None:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        return None
    return time(hours, minutes)
