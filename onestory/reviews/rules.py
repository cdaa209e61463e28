"""Review rules as pure functions: when a decision and a review are due, where a review
stands, and how a recommendation moves to closure. Each has a table of cases in
``tests/unit/reviews/``.

The partnership decides whether to commission a review within one month of being told of a
death, and a review is finished within six months of the decision (both the statutory
guidance's defaults). A month after 31 January is the last day of February.
"""

from __future__ import annotations

import calendar
from datetime import date

DECISION_MONTHS = 1
REVIEW_MONTHS = 6


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or that month's last day if it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def decision_due_on(notified_on: date) -> date:
    return add_months(notified_on, DECISION_MONTHS)


def review_due_on(decision_on: date) -> date:
    return add_months(decision_on, REVIEW_MONTHS)


def notification_problems(
    *,
    pseudonym: str,
    death_kind: str,
    died_on: date | None,
    notified_on: date | None,
    notified_by: str,
    today: date,
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not pseudonym.strip():
        problems["pseudonym"] = "Enter the pseudonym the review will use, like Adult A"
    if death_kind not in ("homicide", "suicide", "other"):
        problems["death_kind"] = "Choose the kind of death"
    if died_on is None:
        problems["died_on"] = "Enter the date of death"
    elif died_on > today:
        problems["died_on"] = "The date of death must be today or in the past"
    if notified_on is None:
        problems["notified_on"] = "Enter the date the partnership was told"
    elif notified_on > today:
        problems["notified_on"] = "The date the partnership was told must be today or in the past"
    elif died_on is not None and notified_on < died_on:
        problems["notified_on"] = "The partnership cannot be told before the death"
    if not notified_by.strip():
        problems["notified_by"] = "Say who told the partnership"
    return problems


def decision_problems(
    *,
    decided: bool,
    decision: str,
    reasons: str,
    decision_on: date | None,
    notified_on: date,
    today: date,
) -> dict[str, str]:
    if decided:
        return {"decision": "The decision is already recorded"}
    problems: dict[str, str] = {}
    if decision not in ("commission", "no_review"):
        problems["decision"] = "Choose whether to commission a review"
    if not reasons.strip():
        problems["decision_reasons"] = "Give the reasons for the decision"
    if decision_on is None:
        problems["decision_on"] = "Enter the date of the decision"
    elif decision_on > today:
        problems["decision_on"] = "The date of the decision must be today or in the past"
    elif decision_on < notified_on:
        problems["decision_on"] = "The decision cannot be before the partnership was told"
    return problems


def stage(
    *,
    decision: str,
    chair_name: str,
    chronologies_asked: int,
    chronologies_waiting: int,
    draft_on: date | None,
    qa_submitted_on: date | None,
    qa_outcome: str,
    published_on: date | None,
) -> str:
    """Where a review stands, in the words the board uses."""
    if not decision:
        return "Awaiting a decision"
    if decision == "no_review":
        return "Not reviewed"
    if published_on:
        return "Published"
    if qa_outcome == "accepted":
        return "Ready to publish"
    if qa_submitted_on and qa_outcome != "resubmit":
        return "Quality assurance"
    if draft_on:
        return "Drafting the report"
    if not chair_name:
        return "Appointing a chair and panel"
    if chronologies_asked == 0 or chronologies_waiting:
        return "Gathering chronologies"
    return "Panel analysis"


# Who moves a recommendation where: the owner agency works it to complete with evidence;
# the coordinator closes it, or sends it back.
OWNER_MOVES = {
    "open": {"in_progress", "complete"},
    "in_progress": {"complete"},
}
COORDINATOR_MOVES = {
    "complete": {"closed", "in_progress"},
}


def status_problems(
    *, current: str, new: str, evidence: str, owner: bool, coordinator: bool
) -> dict[str, str]:
    allowed = set()
    if owner:
        allowed |= OWNER_MOVES.get(current, set())
    if coordinator:
        allowed |= COORDINATOR_MOVES.get(current, set())
    if new not in allowed:
        return {"status": "That change is not open to you at this stage"}
    if new in ("complete", "closed") and not evidence.strip():
        return {"evidence": "Give the evidence that the recommendation is complete"}
    return {}


def recommendation_problems(
    *, text: str, owner_agency_id: int | None, due_on: date | None, today: date
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not text.strip():
        problems["text"] = "Enter the recommendation"
    if owner_agency_id is None:
        problems["owner_agency"] = "Choose the agency that owns it"
    if due_on is None:
        problems["due_on"] = "Enter the date it is due"
    elif due_on < today:
        problems["due_on"] = "The due date must be today or in the future"
    return problems


def is_overdue(*, status: str, due_on: date, today: date) -> bool:
    return status in ("open", "in_progress") and due_on < today
