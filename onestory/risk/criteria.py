"""The MARAC referral criteria, as pure functions. Any one criterion met is enough.

- visible high risk: 14 or more DASH "yes" answers. This is the national threshold: the
  partnership's bands only label scores (standard, medium, high) and never move it;
- professional judgement: a worker's reasoned concern; it can raise a case to MARAC but
  never lower one, and it needs a reason;
- potential escalation: domestic abuse incidents against this victim in the 12 months
  before the assessment (OneStory's own records plus those the assessor knows of from
  elsewhere) at or above a threshold (default 3);
- repeat: a further incident between the victim and at least one of the same people using
  harm within 12 calendar months of their last MARAC referral (``repeat_match``: the one rule
  that the DASH criterion, the MARAC referral's repeat flag and the flags that tell agencies
  all use).
"""

from __future__ import annotations

import calendar
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Criterion(StrEnum):
    VISIBLE_HIGH_RISK = "visible_high_risk"
    PROFESSIONAL_JUDGEMENT = "professional_judgement"
    POTENTIAL_ESCALATION = "potential_escalation"
    REPEAT = "repeat"


CRITERION_LABELS = {
    Criterion.VISIBLE_HIGH_RISK: "Visible high risk",
    Criterion.PROFESSIONAL_JUDGEMENT: "Professional judgement",
    Criterion.POTENTIAL_ESCALATION: "Potential escalation",
    Criterion.REPEAT: "Repeat",
}

# The national threshold for visible high risk. Deliberately not a setting.
VISIBLE_HIGH_RISK_FROM = 14
DEFAULT_ESCALATION_THRESHOLD = 3


class JudgementError(ValueError):
    pass


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), clamped to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def within_twelve_months_before(earlier: date, later: date) -> bool:
    """Whether ``earlier`` falls in the 12 calendar months up to and including ``later``."""
    return add_months(later, -12) <= earlier <= later


def visible_high_risk(yes_count: int) -> bool:
    """14 or more "yes" answers, whatever the partnership's bands call the score."""
    return yes_count >= VISIBLE_HIGH_RISK_FROM


def professional_judgement(refer: bool, reason: str) -> bool:
    """A worker's judgement that the case should go to MARAC. A reason is required.

    It only ever adds a referral: "no" here never removes another criterion.
    """
    if refer and not reason.strip():
        raise JudgementError("Give the reason for referring to MARAC on professional judgement.")
    return refer


def incidents_in_window(incident_dates: Iterable[date], assessed_on: date) -> int:
    """How many incidents happened in the 12 months before (and on) the assessment date."""
    return sum(1 for day in incident_dates if within_twelve_months_before(day, assessed_on))


def potential_escalation(
    recorded_in_onestory: int,
    known_elsewhere: int,
    threshold: int = DEFAULT_ESCALATION_THRESHOLD,
) -> bool:
    if recorded_in_onestory < 0 or known_elsewhere < 0:
        raise ValueError("Incident counts cannot be negative.")
    return recorded_in_onestory + known_elsewhere >= threshold


@dataclass(frozen=True)
class PastReferral:
    """What the repeat rule needs to know about one of the victim's MARAC referrals."""

    id: int
    referred_on: date
    perpetrator_ids: frozenset[int]


@dataclass(frozen=True)
class RepeatMatch:
    """The MARAC referral an incident repeats. ``perpetrator_recorded`` is False when the
    incident names no one, so it can only be a possible repeat for someone to check."""

    referral_id: int
    perpetrator_recorded: bool


def repeat_window_ends(referred_on: date) -> date:
    """The last day of the 12 calendar months after a MARAC referral: the same date a year
    on (28 February for a referral on 29 February), so a leap year changes nothing."""
    return add_months(referred_on, 12)


def in_repeat_window(referred_on: date, incident_on: date) -> bool:
    """Whether an incident is a further one within 12 months of a referral. The referral's
    own day is the incident that led to it, so an incident on that day is not a further one."""
    return referred_on < incident_on <= repeat_window_ends(referred_on)


def repeat_match(
    referrals: Iterable[PastReferral], *, incident_on: date, perpetrator_ids: Collection[int]
) -> RepeatMatch | None:
    """The MARAC referral that a further incident (or a new referral) repeats, or None.

    A repeat is any further incident between the same victim and at least one of the same
    people using harm within 12 calendar months of their last MARAC referral, whichever
    agency learns of it and whether or not it is a crime. An incident about a different
    person using harm starts a new case. An incident that names no one is matched to the
    victim's latest referral in the window, as a possible repeat for someone to check.
    """
    in_window = [past for past in referrals if in_repeat_window(past.referred_on, incident_on)]
    if perpetrator_ids:
        wanted = set(perpetrator_ids)
        in_window = [past for past in in_window if past.perpetrator_ids & wanted]
    if not in_window:
        return None
    latest = max(in_window, key=lambda past: (past.referred_on, past.id))
    return RepeatMatch(latest.id, perpetrator_recorded=bool(perpetrator_ids))


def repeat(
    referrals: Iterable[PastReferral], *, incident_on: date, perpetrator_ids: Collection[int]
) -> bool:
    """The repeat criterion: met only when the incident names one of the same people."""
    match = repeat_match(referrals, incident_on=incident_on, perpetrator_ids=perpetrator_ids)
    return match is not None and match.perpetrator_recorded


@dataclass(frozen=True)
class CriteriaInput:
    yes_count: int
    judgement_refer: bool = False
    judgement_reason: str = ""
    incidents_recorded: int = 0
    incidents_elsewhere: int = 0
    escalation_threshold: int = DEFAULT_ESCALATION_THRESHOLD
    marac_referrals: tuple[PastReferral, ...] = ()
    perpetrator_ids: frozenset[int] = frozenset()
    incident_on: date | None = None


def criteria_met(given: CriteriaInput) -> list[Criterion]:
    met = []
    if visible_high_risk(given.yes_count):
        met.append(Criterion.VISIBLE_HIGH_RISK)
    if professional_judgement(given.judgement_refer, given.judgement_reason):
        met.append(Criterion.PROFESSIONAL_JUDGEMENT)
    if potential_escalation(
        given.incidents_recorded, given.incidents_elsewhere, given.escalation_threshold
    ):
        met.append(Criterion.POTENTIAL_ESCALATION)
    if given.incident_on is not None and repeat(
        given.marac_referrals, incident_on=given.incident_on, perpetrator_ids=given.perpetrator_ids
    ):
        met.append(Criterion.REPEAT)
    return met
