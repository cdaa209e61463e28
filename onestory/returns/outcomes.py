"""Case outcomes from intake to exit, for the board's quarter: pure functions over plain rows.

The cases counted are victims' cases closed in the quarter. For each:

- *why it closed*: the closure reason the worker gave;
- *risk at intake and at closure*: at intake, the latest scored risk assessment of the person
  on or before the case opened, else the first one while it was open; at closure, the latest
  on or before it closed, if that is a later assessment than the intake one. A case with one
  assessment, or none, is "not assessed at both points" (a declined checklist has no level
  and is never read as one);
- *the person's own ratings*: the latest rating at intake against the latest at exit, for each
  of the partnership's outcomes for victims (safer, wellbeing, money, confidence,
  relationships), and each kind of abuse happening at intake and whether it had stopped.

*Repeat referrals*: front-door referrals received in the quarter and linked to a person who
had another referral received in the twelve months (365 days) before it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from onestory.cases.outcomes import (
    AbuseTotals,
    OutcomeTotals,
    abuse_changes,
    outcome_changes,
    summarise,
    summarise_abuse,
)

RISK_ORDER = {"standard": 0, "medium": 1, "high": 2}
LOWER, SAME, HIGHER, NOT_COMPARED = "lower", "same", "higher", "not_compared"
RISK_CHANGES = [
    (LOWER, "Lower at closure than at intake"),
    (SAME, "The same at intake and at closure"),
    (HIGHER, "Higher at closure than at intake"),
    (NOT_COMPARED, "Not assessed at both points"),
]
REPEAT_WITHIN = timedelta(days=365)

# (assessed_at, assessment id, level): a scored assessment of one person.
Assessment = tuple[datetime, int, str]


@dataclass(frozen=True)
class ClosedCase:
    case_id: int
    person_id: int
    opened_at: datetime
    closed_at: datetime
    closure_reason: str = ""


@dataclass(frozen=True)
class Ratings:
    """One outcome record's answers: scores by outcome key, abuse status by kind."""

    scores: Mapping[str, int | None] = field(default_factory=dict)
    abuse: Mapping[str, str] = field(default_factory=dict)


@dataclass
class CaseOutcomes:
    closed: int = 0
    by_reason: dict[str, int] = field(default_factory=dict)
    risk_change: dict[str, int] = field(default_factory=dict)
    high_at_intake: int = 0
    high_at_closure: int = 0
    rated_at_both: int = 0
    outcomes: list[OutcomeTotals] = field(default_factory=list)
    abuse: list[AbuseTotals] = field(default_factory=list)


def risk_points(
    case: ClosedCase, assessments: Iterable[Assessment]
) -> tuple[Assessment | None, Assessment | None]:
    """The assessment that stands for intake and the one that stands for closure (None when
    there is no such assessment, or closure would be the intake one again)."""
    ordered = sorted(a for a in assessments if a[0] <= case.closed_at)
    before = [a for a in ordered if a[0] <= case.opened_at]
    during = [a for a in ordered if a[0] > case.opened_at]
    intake = before[-1] if before else (during[0] if during else None)
    closure = ordered[-1] if ordered else None
    if intake is None or closure is None or closure[1] == intake[1]:
        return intake, None
    return intake, closure


def risk_change(intake: Assessment | None, closure: Assessment | None) -> str:
    if intake is None or closure is None:
        return NOT_COMPARED
    before, after = RISK_ORDER[intake[2]], RISK_ORDER[closure[2]]
    if after < before:
        return LOWER
    return HIGHER if after > before else SAME


def case_outcomes(
    cases: Iterable[ClosedCase],
    assessments: Mapping[int, list[Assessment]],
    ratings: Mapping[int, tuple[Ratings | None, Ratings | None]],
) -> CaseOutcomes:
    """The outcomes of ``cases``; ``assessments`` by person, ``ratings`` by case as
    (latest at intake, latest at exit)."""
    found = CaseOutcomes(risk_change={key: 0 for key, _ in RISK_CHANGES})
    pairs = []
    for case in cases:
        found.closed += 1
        found.by_reason[case.closure_reason] = found.by_reason.get(case.closure_reason, 0) + 1
        intake, closure = risk_points(case, assessments.get(case.person_id, ()))
        found.risk_change[risk_change(intake, closure)] += 1
        if intake is not None and intake[2] == "high":
            found.high_at_intake += 1
        if closure is not None and closure[2] == "high":
            found.high_at_closure += 1
        at_intake, at_exit = ratings.get(case.case_id, (None, None))
        if at_intake is not None and at_exit is not None:
            pairs.append((at_intake, at_exit))
    found.rated_at_both = len(pairs)
    found.outcomes = [
        totals
        for totals in summarise(outcome_changes(a.scores, b.scores) for a, b in pairs)
        if totals.key != "behaviour"  # asked of people using harm only
    ]
    found.abuse = summarise_abuse(abuse_changes(a.abuse, b.abuse) for a, b in pairs)
    return found


def repeat_referrals(
    in_period: Iterable[tuple[int, int, datetime]], earlier: Mapping[int, list[datetime]]
) -> tuple[int, int]:
    """(referrals linked to a person, of which repeats): ``in_period`` as (referral id,
    person id, received), ``earlier`` every referral's receipt by person, the period's own
    included."""
    linked = repeats = 0
    for _, person_id, received in in_period:
        linked += 1
        if any(
            received - REPEAT_WITHIN <= other < received for other in earlier.get(person_id, ())
        ):
            repeats += 1
    return linked, repeats
