"""MARAC rules as pure functions: no database, no request.

The actions gather the facts, ask these rules, and refuse with the messages they return
(keyed by the argument or form field they are about), so a page can show each message
next to its field and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date

from onestory.access.models.shares import ShareScope
from onestory.accounts.models.agencies import AgencyKind
from onestory.risk.criteria import PastReferral, repeat_match

NON_FIELD = "__all__"

# --- Referrals --------------------------------------------------------------------------

DEFAULT_ASSESSMENT_MAX_AGE_DAYS = 28
MOST_CHILDREN = 30


def assessment_is_current(assessed_on: date, referred_on: date, *, max_age_days: int) -> bool:
    """Whether a risk assessment is recent enough for a referral to rely on it alone: made
    no more than ``max_age_days`` days before the referral (on the day itself is current)."""
    return (referred_on - assessed_on).days <= max_age_days


def criteria_met(
    *,
    assessment_criteria: Iterable[str],
    judgement: bool,
    judgement_reason: str,
    repeat: bool,
    assessment_current: bool = True,
) -> list[str]:
    """The criteria a referral meets: the latest assessment's (only while it is current),
    the referrer's judgement (only with a reason), and the repeat rule. Judgement adds; it
    never takes away."""
    # The assessment's own repeat answer is about its incident; a referral is a repeat only
    # when the repeat rule names the referral it repeats.
    met = set(assessment_criteria) - {"repeat"} if assessment_current else set()
    if judgement and judgement_reason.strip():
        met.add("professional_judgement")
    if repeat:
        met.add("repeat")
    order = ("visible_high_risk", "professional_judgement", "potential_escalation", "repeat")
    return [name for name in order if name in met]


def referral_problems(
    *,
    marac_active: bool | None,
    victim_id: int,
    perpetrator_ids: Collection[int],
    child_ids: Collection[int],
    reason: str,
    judgement: bool,
    judgement_reason: str,
    criteria: Collection[str],
    open_referral_on: date | None,
    stale_assessment_on: date | None = None,
    max_age_days: int = DEFAULT_ASSESSMENT_MAX_AGE_DAYS,
    children_in_household: int | None = None,
) -> dict[str, str]:
    """What is wrong with a proposed MARAC referral, as {field: message}; empty when it may go.

    ``marac_active`` is None when no MARAC was chosen; ``open_referral_on`` is the date of
    the victim's referral to the same MARAC that is still open, if there is one;
    ``stale_assessment_on`` is the date of the latest risk assessment when it is too old to
    rely on alone.
    """
    problems: dict[str, str] = {}
    if marac_active is None:
        problems["marac"] = "Select the MARAC to refer to"
    elif not marac_active:
        problems["marac"] = "This MARAC no longer meets: select another"
    elif open_referral_on is not None:
        problems["marac"] = (
            f"This person already has an open referral to this MARAC, made on "
            f"{open_referral_on.day} {open_referral_on:%B %Y}. Tell the coordinator what has "
            "changed instead of referring again"
        )
    if not perpetrator_ids:
        problems["perpetrators"] = "Select the person or people using harm"
    elif victim_id in perpetrator_ids:
        problems["perpetrators"] = "The person referred cannot also be the person using harm"
    if victim_id in child_ids:
        problems["children"] = "The person referred cannot also be one of the children"
    elif set(child_ids) & set(perpetrator_ids):
        problems["children"] = (
            "A person cannot be both a child in the household and the person using harm: choose one"
        )
    if children_in_household is not None:
        if not 0 <= children_in_household <= MOST_CHILDREN:
            problems["children_in_household"] = (
                f"The number of children must be from 0 to {MOST_CHILDREN}"
            )
        elif children_in_household < len(child_ids):
            problems["children_in_household"] = (
                f"You ticked {len(child_ids)} children in the household: enter at least "
                f"{len(child_ids)}, or untick those who do not live there"
            )
    if not reason.strip():
        problems["reason"] = "Say what has happened and why this case needs MARAC"
    if judgement and not judgement_reason.strip():
        problems["judgement_reason"] = (
            "Give the reason for referring to MARAC on professional judgement"
        )
    elif not criteria and stale_assessment_on is not None:
        problems["criteria"] = (
            f"The latest risk assessment, on {stale_assessment_on.day} "
            f"{stale_assessment_on:%B %Y}, is more than {max_age_days} days old, so this "
            "referral cannot rely on it alone. Complete a new DASH risk assessment, or refer "
            "on professional judgement and give your reason"
        )
    elif not criteria:
        problems["criteria"] = (
            "This referral meets no MARAC criterion. The latest risk assessment is not high "
            "risk, there is no escalation or repeat: refer on professional judgement and "
            "give your reason, or complete a risk assessment first"
        )
    return problems


# --- Repeats ----------------------------------------------------------------------------
# The rule itself is ``onestory.risk.criteria.repeat_match``: the DASH criterion, the
# referral's repeat flag and the flags that tell agencies all ask it.


def repeat_of(
    earlier: Iterable[PastReferral], *, referred_on: date, perpetrator_ids: Collection[int]
) -> int | None:
    """The earlier referral that a new referral repeats, or None: a further referral of the
    same victim about at least one of the same people using harm, within 12 calendar months
    of the last MARAC referral between them. A referral about someone else is a new case."""
    match = repeat_match(earlier, incident_on=referred_on, perpetrator_ids=perpetrator_ids)
    return match.referral_id if match is not None and match.perpetrator_recorded else None


# --- Shares for a listed case -------------------------------------------------------------

VICTIM = "victim"
PERPETRATOR = "perpetrator"
CHILD = "child"


def share_scope(role: str, agency_kind: str) -> ShareScope:
    """How much of each person's record a member agency sees while the case is listed.

    Members research the victim's full record (never where she can be found: location
    never travels with a MARAC share). A perpetrator service sees only a summary of the
    victim; everyone sees a summary of the people using harm and the children.
    """
    if role == VICTIM and agency_kind != AgencyKind.PERPETRATOR_SERVICE:
        return ShareScope.FULL
    return ShareScope.SUMMARY


# --- Members, meetings, research and actions ----------------------------------------------

NEVER_MEMBERS = {AgencyKind.COMMISSIONER}


def member_problems(kinds: Iterable[str]) -> dict[str, str]:
    if any(kind in NEVER_MEMBERS for kind in kinds):
        return {"members": "Commissioners see figures only, so they cannot be MARAC members"}
    return {}


def meeting_problems(*, meets_on: date | None, today: date) -> dict[str, str]:
    if meets_on is None:
        return {"meets_on": "Enter the date of the meeting"}
    if meets_on < today:
        return {"meets_on": "The meeting date must be today or in the future"}
    return {}


def research_problems(
    *, agency_id: int | None, member_ids: Collection[int], known: str, discussed: bool
) -> dict[str, str]:
    if agency_id is None or agency_id not in member_ids:
        return {
            NON_FIELD: "Your agency is not a member of this MARAC, so it cannot add research. "
            "Ask the MARAC coordinator if your agency should join"
        }
    if discussed:
        return {NON_FIELD: "This case has been discussed, so research for it is closed"}
    if not known.strip():
        return {"known": "Enter what your agency knows, or that it knows nothing of them"}
    return {}


def action_problems(
    *,
    owning_agency_id: int | None,
    member_ids: Collection[int],
    description: str,
    due_on: date | None,
    today: date,
    check_past: bool = True,
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if owning_agency_id is None:
        problems["owning_agency"] = "Select the agency that owns this action"
    elif owning_agency_id not in member_ids:
        problems["owning_agency"] = (
            "This agency is not a member of the MARAC: choose a member agency"
        )
    if not description.strip():
        problems["description"] = "Say what needs to be done"
    if due_on is None:
        problems["due_on"] = "Enter the date the action is due by"
    elif check_past and due_on < today:
        problems["due_on"] = "The due date must be today or in the future"
    return problems


def closure_problems(*, status: str, discussed: bool, open_actions: int) -> dict[str, str]:
    if status != "listed":
        return {NON_FIELD: "Only a case listed for MARAC can be closed"}
    if not discussed:
        return {NON_FIELD: "This case has not been discussed at a meeting yet"}
    if open_actions:
        noun = "action is" if open_actions == 1 else "actions are"
        return {
            NON_FIELD: f"{open_actions} {noun} still open. Mark each done or no longer needed "
            "before closing the case"
        }
    return {}


# --- Overdue actions and reminders ----------------------------------------------------------


def is_overdue(due_on: date, today: date, *, is_open: bool) -> bool:
    return is_open and due_on < today


def reminder_due(due_on: date, today: date, *, days_before: int, is_open: bool) -> bool:
    """Whether an open action's reminder should go out today: within ``days_before`` days of
    its due date, and not yet past it."""
    return is_open and 0 <= (due_on - today).days <= days_before
