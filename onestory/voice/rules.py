"""The feedback rules, as pure functions: quarters, how long a link works, the tokens' hashes,
and the figures per service and quarter with small numbers hidden."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from onestory.intake.figures import Cell, suppress, suppress_table
from onestory.intake.rules import referral_problems
from onestory.voice.choices import Answer

QUESTIONS = {
    "listened": "Felt listened to",
    "safer": "Feel safer",
    "repeated_story": "Had to repeat their story",
}


def quarter_of(day: dt.date) -> str:
    """The calendar quarter a day falls in, as "2026Q2"."""
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def quarter_label(quarter: str) -> str:
    """ "2026Q2" as "April to June 2026"."""
    year, number = quarter.split("Q")
    months = {
        "1": "January to March",
        "2": "April to June",
        "3": "July to September",
        "4": "October to December",
    }
    return f"{months[number]} {year}"


def valid_until(issued: dt.date) -> dt.date:
    """The last day a link given on ``issued`` works: the end of the next quarter.

    Every link given in one quarter shares it, so it says nothing about the day it was given.
    """
    first_month_of_next = ((issued.month - 1) // 3 + 1) * 3 + 1
    year = issued.year
    # The quarter after next starts three months after the next one does.
    month_after = first_month_of_next + 3
    while month_after > 12:
        month_after -= 12
        year += 1
    return dt.date(year, month_after, 1) - dt.timedelta(days=1)


def digest(token: str) -> str:
    """What is kept of a token: its SHA-256, so the table cannot be read back into links."""
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_problems(
    *, closed: bool | None = None, agreed: bool | None = None, already: bool
) -> dict[str, str]:
    """Why a link may not be given: a case still open, a person who did not agree, or a link
    given once already (one per case or contact, so nobody can answer twice)."""
    problems = {}
    if closed is False:
        problems["case"] = "Close the case before giving a feedback link"
    if agreed is False:
        problems["agreed_to_be_asked"] = (
            "Only give a feedback link to someone who agreed to be asked"
        )
    if already:
        problems[None] = "A feedback link has already been given for this"
    return problems


@dataclass(frozen=True)
class Answers:
    """One response as the figures need it."""

    service: str
    quarter: str
    listened: str
    safer: str
    repeated_story: str


@dataclass
class Row:
    """The figures for one service in one quarter."""

    service: str
    quarter: str
    responses: Cell
    answers: dict[str, dict[str, Cell]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return quarter_label(self.quarter)

    @property
    def questions(self) -> list[tuple[str, list[Cell]]]:
        """Each question's label with its cells in the order of the answers."""
        return [
            (label, [self.answers[question][answer.value] for answer in Answer])
            for question, label in QUESTIONS.items()
        ]


def figures(responses: Iterable[Answers]) -> list[Row]:
    """Counts per service and quarter, and per answer to each question.

    A row with fewer than 5 responses hides every figure in it; otherwise each question's
    answers are suppressed as a table with its total shown (so one hidden count cannot be
    worked out by subtraction).
    """
    grouped: dict[tuple[str, str], list[Answers]] = {}
    for response in responses:
        grouped.setdefault((response.service, response.quarter), []).append(response)
    rows = []
    for (service, quarter), group in sorted(grouped.items(), key=lambda i: (i[0][1], i[0][0])):
        total = suppress(len(group))
        row = Row(service=service, quarter=quarter, responses=total)
        for question in QUESTIONS:
            counts = {answer.value: 0 for answer in Answer}
            for response in group:
                counts[getattr(response, question)] += 1
            if total.hidden:
                row.answers[question] = {k: Cell(v, hidden=True) for k, v in counts.items()}
            else:
                row.answers[question] = suppress_table(counts)
        rows.append(row)
    return rows


# --- The lived-experience panel ------------------------------------------------------------
# Safe contact follows the front door's rules (``intake.rules.referral_problems``): a number
# marked safe to call must be given, a number or address given must say whether it is safe,
# and there must be at least one safe way to reach the person.

CONTACT_FIELDS = (
    "phone",
    "safe_to_call",
    "voicemail_allowed",
    "safe_to_text",
    "email",
    "safe_to_email",
    "safe_times",
    "safe_word",
    "contact_only_through_professional",
    "professional_contact",
)
MOST_HOURS = Decimal(24)


def member_problems(values: dict, *, today: dt.date) -> dict[str, str]:
    """What is wrong with a panel member's details, by field."""
    problems = {}
    if not (values.get("name") or "").strip():
        problems["name"] = "Enter the name they would like to be called"
    contact = {key: values.get(key) for key in CONTACT_FIELDS}
    for name, message in referral_problems(contact, today=today).items():
        problems.setdefault(name, str(message))
    return problems


def contribution_problems(
    *, activity: str, took_part_on: dt.date | None, hours, voucher_pence: int, today: dt.date
) -> dict[str, str]:
    problems = {}
    if not activity.strip():
        problems["activity"] = "Enter what they took part in"
    if took_part_on is None:
        problems["took_part_on"] = "Enter the date they took part"
    elif took_part_on > today:
        problems["took_part_on"] = "The date they took part must be today or in the past"
    if hours is None or hours <= 0:
        problems["hours"] = "Enter the hours, more than 0"
    elif hours > MOST_HOURS:
        problems["hours"] = "Enter the hours for one day, 24 or fewer"
    if voucher_pence < 0:
        problems["voucher_pence"] = "Vouchers cannot be less than £0"
    return problems
