"""The partnership's outcomes and how they change: pure functions, no database.

At intake, at reviews and at exit the person rates each outcome on a short scale (1 to 5,
where 5 is best) and says whether each kind of abuse is still happening. Comparing the
first rating with the last shows what changed; summing those comparisons over many cases
gives the figures the partnership reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

SCALE_LOW = 1
SCALE_HIGH = 5
SCALE_WORDS = {1: "Very poor", 2: "Poor", 3: "All right", 4: "Good", 5: "Very good"}

# (key, label). "behaviour" is asked of people using harm only.
OUTCOMES: tuple[tuple[str, str], ...] = (
    ("safety", "Feels safer and is safer"),
    ("wellbeing", "Physical and emotional health and wellbeing"),
    ("economic", "Education, money and economic wellbeing"),
    ("resilience", "Resilience, self-esteem and confidence"),
    ("relationships", "Relationships and links with family, friends and community"),
    ("behaviour", "Positive change in their own behaviour"),
)
OUTCOME_LABELS = dict(OUTCOMES)

ABUSE_KINDS: tuple[tuple[str, str], ...] = (
    ("physical", "Physical abuse"),
    ("sexual", "Sexual abuse"),
    ("threats", "Violent or threatening behaviour"),
    ("coercive_control", "Controlling or coercive behaviour"),
    ("economic", "Economic abuse"),
    ("emotional", "Psychological or emotional abuse"),
    ("stalking", "Stalking or harassment"),
)
ABUSE_LABELS = dict(ABUSE_KINDS)

HAPPENING = "happening"
STOPPED = "stopped"
NOT_EXPERIENCED = "not_experienced"


def score_problems(scores: Mapping[str, object]) -> dict[str, str]:
    """{outcome key: message} for every score that is not a whole number on the scale.

    A missing score (None or "") means the question was not asked, which is allowed.
    """
    problems = {}
    for key, value in scores.items():
        if key not in OUTCOME_LABELS:
            problems[key] = "This is not one of the partnership's outcomes"
            continue
        if value is None or value == "":
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            problems[key] = f"Give a whole number from {SCALE_LOW} to {SCALE_HIGH}"
        elif not SCALE_LOW <= value <= SCALE_HIGH:
            problems[key] = (
                f"{OUTCOME_LABELS[key]}: the score must be from {SCALE_LOW} to {SCALE_HIGH}"
            )
    return problems


@dataclass(frozen=True)
class OutcomeChange:
    key: str
    label: str
    before: int | None
    after: int | None

    @property
    def difference(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def amount(self) -> int | None:
        """How far the rating moved, either way."""
        difference = self.difference
        return None if difference is None else abs(difference)

    @property
    def direction(self) -> str:
        """ "better", "same", "worse", or "" when one of the two ratings is missing."""
        difference = self.difference
        if difference is None:
            return ""
        if difference > 0:
            return "better"
        if difference < 0:
            return "worse"
        return "same"


@dataclass(frozen=True)
class AbuseChange:
    key: str
    label: str
    before: str
    after: str

    @property
    def stopped(self) -> bool:
        """Happening at the start, stopped by the end."""
        return self.before == HAPPENING and self.after in (STOPPED, NOT_EXPERIENCED)

    @property
    def still_happening(self) -> bool:
        return self.after == HAPPENING


def outcome_changes(
    before: Mapping[str, int | None], after: Mapping[str, int | None]
) -> list[OutcomeChange]:
    """Each outcome rated at either point, first rating against last, in the usual order."""
    return [
        OutcomeChange(key, label, before.get(key), after.get(key))
        for key, label in OUTCOMES
        if before.get(key) is not None or after.get(key) is not None
    ]


def abuse_changes(before: Mapping[str, str], after: Mapping[str, str]) -> list[AbuseChange]:
    """Each kind of abuse asked about at either point, start against end."""
    return [
        AbuseChange(key, label, before.get(key) or "", after.get(key) or "")
        for key, label in ABUSE_KINDS
        if before.get(key) or after.get(key)
    ]


@dataclass(frozen=True)
class OutcomeTotals:
    """How many cases got better, stayed the same or got worse on one outcome."""

    key: str
    label: str
    better: int = 0
    same: int = 0
    worse: int = 0

    @property
    def compared(self) -> int:
        return self.better + self.same + self.worse


def summarise(cases: Iterable[list[OutcomeChange]]) -> list[OutcomeTotals]:
    """Totals over many cases' changes (each a list from ``outcome_changes``)."""
    counts = {key: {"better": 0, "same": 0, "worse": 0} for key, _ in OUTCOMES}
    for changes in cases:
        for change in changes:
            if change.direction:
                counts[change.key][change.direction] += 1
    return [OutcomeTotals(key, label, **counts[key]) for key, label in OUTCOMES]


@dataclass(frozen=True)
class AbuseTotals:
    key: str
    label: str
    happening_at_start: int = 0
    stopped: int = 0


def summarise_abuse(cases: Iterable[list[AbuseChange]]) -> list[AbuseTotals]:
    """Of the cases where each kind of abuse was happening at the start, how many saw it stop."""
    counts = {key: [0, 0] for key, _ in ABUSE_KINDS}
    for changes in cases:
        for change in changes:
            if change.before == HAPPENING and change.after:
                counts[change.key][0] += 1
                counts[change.key][1] += int(change.stopped)
    return [AbuseTotals(key, label, *counts[key]) for key, label in ABUSE_KINDS]


SUPPRESS_BELOW = 5


def shown(count: int) -> str:
    """A published count: fewer than 5 is never shown, so nobody can be picked out."""
    return "fewer than 5" if 0 < count < SUPPRESS_BELOW else str(count)
