"""The MARAC referral criteria, as pure functions. Any one criterion met is enough.

- visible high risk: the DASH "yes" count is at or above the high band;
- professional judgement: a worker's reasoned concern; it can raise a case to MARAC but
  never lower one, and it needs a reason;
- potential escalation: domestic abuse incidents against this victim in the 12 months
  before the assessment (OneStory's own records plus those the assessor knows of from
  elsewhere) at or above a threshold (default 3);
- repeat: the victim had a MARAC referral in the 12 months before this incident.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from onestory.risk.dash import Bands


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


def visible_high_risk(yes_count: int, bands: Bands) -> bool:
    return yes_count >= bands.high_from


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


def repeat(last_marac_referral: date | None, incident_on: date) -> bool:
    """A further incident within 12 months of the last MARAC referral makes a repeat case."""
    if last_marac_referral is None or last_marac_referral > incident_on:
        return False
    return within_twelve_months_before(last_marac_referral, incident_on)


@dataclass(frozen=True)
class CriteriaInput:
    yes_count: int
    bands: Bands
    judgement_refer: bool = False
    judgement_reason: str = ""
    incidents_recorded: int = 0
    incidents_elsewhere: int = 0
    escalation_threshold: int = DEFAULT_ESCALATION_THRESHOLD
    last_marac_referral: date | None = None
    incident_on: date | None = None


def criteria_met(given: CriteriaInput) -> list[Criterion]:
    met = []
    if visible_high_risk(given.yes_count, given.bands):
        met.append(Criterion.VISIBLE_HIGH_RISK)
    if professional_judgement(given.judgement_refer, given.judgement_reason):
        met.append(Criterion.PROFESSIONAL_JUDGEMENT)
    if potential_escalation(
        given.incidents_recorded, given.incidents_elsewhere, given.escalation_threshold
    ):
        met.append(Criterion.POTENTIAL_ESCALATION)
    if given.incident_on is not None and repeat(given.last_marac_referral, given.incident_on):
        met.append(Criterion.REPEAT)
    return met
