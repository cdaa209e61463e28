"""The rules of work with people who use harm, as pure functions.

Each ``*_problems`` function returns the problems with what was typed, by field name, so
that an action can refuse all of them at once and save nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from onestory.harm.choices import (
    DROP_OUT_REASONS,
    REMOVAL_REASONS,
    RISK_ORDER,
    EndReason,
    InterventionType,
    OrderKind,
    SessionStatus,
    Status,
)

# A behaviour-change programme lasts at least this many weeks (the accredited standard).
PROGRAMME_MIN_WEEKS = 22
# A missed session within this many days after a threat is a risk event of its own.
THREAT_WINDOW_DAYS = 28
# Police notices last 48 hours: they end at most two days after they start.
NOTICES = (OrderKind.DAPN, OrderKind.DVPN)
NOTICE_MAX_DAYS = 2


# Who made a referral, from the kind of agency an onward referral came from.
SOURCE_OF_AGENCY = {
    "police": "police",
    "probation": "probation",
    "csc": "csc",
    "cpoc": "front_door",
}


def source_of_onward(*, agency_kind: str, own_behaviour: bool) -> str:
    """The ``Source`` of a programme referral made from an onward referral sent by an agency
    of ``agency_kind``: the person himself when the front door heard from him, worried about
    his own behaviour; otherwise the agency's kind, or "another agency"."""
    if own_behaviour:
        return "self"
    return SOURCE_OF_AGENCY.get(agency_kind, "agency")


def date_problem(
    value: date | None,
    *,
    today: date,
    missing: str,
    not_before: date | None = None,
    before: str = "",
) -> str | None:
    """What is wrong with the date of something that has happened: not given, in the
    future, or (when ``not_before`` is given) before that day. None when it is right."""
    if value is None:
        return missing
    if value > today:
        return "The date cannot be in the future"
    if not_before is not None and value < not_before:
        return before
    return None


def assessment_problems(
    *,
    suitable: bool,
    readiness: str,
    intervention_type: str,
    planned_weeks: int | None,
    assessed_on: date,
    referred_on: date,
    today: date,
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if assessed_on > today:
        problems["assessed_on"] = "The assessment date cannot be in the future"
    elif assessed_on < referred_on:
        problems["assessed_on"] = "The assessment cannot be before the referral was received"
    if not readiness:
        problems["readiness"] = "Select how ready they are to change"
    if not suitable:
        return problems
    if not intervention_type:
        problems["intervention_type"] = "Select the intervention they will start"
    elif intervention_type == InterventionType.BEHAVIOUR_CHANGE and (
        planned_weeks is None or planned_weeks < PROGRAMME_MIN_WEEKS
    ):
        problems["planned_weeks"] = (
            f"A behaviour-change programme lasts at least {PROGRAMME_MIN_WEEKS} weeks"
        )
    elif planned_weeks is not None and planned_weeks < 1:
        problems["planned_weeks"] = "Enter the planned length in weeks, 1 or more"
    return problems


def session_problems(
    *, status: str, session_on: date, started_on: date | None, intervention_status: str, today: date
) -> dict[str, str]:
    """A session needs an accepted referral, on or after the start; one attended or missed
    has happened; the record of an ended intervention is closed."""
    if intervention_status == Status.REFERRED or started_on is None:
        return {"session_on": "Record sessions once the referral has been assessed and accepted"}
    if intervention_status != Status.ACTIVE:
        return {"session_on": "The intervention has ended: no more sessions can be recorded"}
    if session_on < started_on:
        return {
            "session_on": (
                f"The session cannot be before the intervention started on {started_on:%-d %B %Y}"
            )
        }
    if status != SessionStatus.OFFERED and session_on > today:
        return {"session_on": "A session attended or missed cannot be in the future"}
    return {}


def missed_after_threat(
    missed_on: date, threat_dates: Iterable[date], window_days: int = THREAT_WINDOW_DAYS
) -> bool:
    """Whether a missed session follows a threat recorded in the ``window_days`` before it."""
    return any(
        missed_on - timedelta(days=window_days) <= threat_on <= missed_on
        for threat_on in threat_dates
    )


def risk_raised(previous: str | None, new: str) -> bool:
    """Whether the service's risk level went up since its last assessment."""
    return previous is not None and RISK_ORDER[new] > RISK_ORDER[previous]


def risk_change(intake: str | None, exit_level: str | None) -> str | None:
    """From intake to exit: "down", "same" or "up"; None without both."""
    if intake is None or exit_level is None:
        return None
    difference = RISK_ORDER[exit_level] - RISK_ORDER[intake]
    return "down" if difference < 0 else "up" if difference > 0 else "same"


def end_problems(
    *,
    ending: str,
    reason: str,
    ended_on: date,
    started_on: date | None,
    intervention_type: str,
    today: date,
) -> dict[str, str]:
    if started_on is None:
        return {"ending": "Only an intervention that started can end"}
    problems: dict[str, str] = {}
    if ended_on > today:
        problems["ended_on"] = "The end date cannot be in the future"
    elif ended_on < started_on:
        problems["ended_on"] = "The end date cannot be before the intervention started"
    if ending == Status.COMPLETED:
        if reason not in ("", EndReason.COMPLETED):
            problems["reason"] = "A completed intervention ends because it was completed"
        if (
            intervention_type == InterventionType.BEHAVIOUR_CHANGE
            and "ended_on" not in problems
            and ended_on - started_on < timedelta(weeks=PROGRAMME_MIN_WEEKS)
        ):
            problems["ending"] = (
                f"A behaviour-change programme is completed after at least "
                f"{PROGRAMME_MIN_WEEKS} weeks: record a drop-out or removal instead"
            )
    elif ending == Status.DROPPED_OUT:
        if reason not in DROP_OUT_REASONS:
            problems["reason"] = "Select why they dropped out"
    elif ending == Status.REMOVED:
        if reason not in REMOVAL_REASONS:
            problems["reason"] = "Select why they were removed"
    else:
        problems["ending"] = "Select how the intervention ended"
    return problems


def order_problems(
    *, kind: str, starts_on: date | None, ends_on: date | None, today: date
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if kind not in OrderKind.values:
        problems["kind"] = "Select the kind of order or notice"
    if starts_on is None:
        problems["starts_on"] = "Enter the date it was made"
        return problems
    if starts_on > today:
        problems["starts_on"] = "The date it was made cannot be in the future"
    if ends_on is not None:
        if ends_on < starts_on:
            problems["ends_on"] = "The order cannot end before it starts"
        elif kind in NOTICES and ends_on > starts_on + timedelta(days=NOTICE_MAX_DAYS):
            problems["ends_on"] = "A police notice lasts 48 hours: it ends within two days"
    return problems


def order_in_force(starts_on: date, ends_on: date | None, on: date) -> bool:
    return starts_on <= on and (ends_on is None or on <= ends_on)


def breach_problems(
    *, occurred_on: date, starts_on: date, ends_on: date | None, today: date
) -> dict[str, str]:
    if occurred_on > today:
        return {"occurred_on": "The breach cannot be in the future"}
    if not order_in_force(starts_on, ends_on, occurred_on):
        return {"occurred_on": "The order was not in force on that date"}
    return {}


def notify_by(changed_on: date) -> date:
    """The last day to tell the police of a new name or address."""
    return changed_on + timedelta(days=3)


def member_problems(*, role: str, already_member: bool, safety_reason: str) -> dict[str, str]:
    """A person joins a family case once; the person using harm only with the reason it is
    safe to include him."""
    from onestory.harm.choices import MemberRole

    if already_member:
        return {"person": "They are already in this family case"}
    if role not in MemberRole.values:
        return {"role": "Select their part in the family"}
    if role == MemberRole.USING_HARM and not safety_reason.strip():
        return {"safety_reason": "Say why it is safe to include the person using harm"}
    return {}


def goal_problems(*, member_family_id: int | None, family_id: int, description: str) -> dict:
    """A family plan goal belongs to a member of that family."""
    problems = {}
    if member_family_id != family_id:
        problems["member"] = "Choose a member of this family: the goal must belong to one"
    if not description.strip():
        problems["description"] = "Describe the goal"
    return problems
