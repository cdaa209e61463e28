"""A disclosure application's timetable: the steps, each step's target date, and which are
overdue. Pure functions, so each rule has a table of cases in ``tests/unit/disclosure/``.

Every target runs from the first contact. The partnership sets the timetable
(``ONESTORY_DISCLOSURE_TIMETABLE``): each step is a number of working days (``10wd``) or of
calendar days (``28d``) after the first contact. A calendar-day target that falls on a
weekend or bank holiday comes forward to the working day before, so it is never later than
the timetable says.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from onestory.core.working_days import add_working_days, working_day_on_or_before


class Step(StrEnum):
    MEETING = "meeting"
    RISK_ASSESSMENT = "risk_assessment"
    CHECKS = "checks"
    DECISION = "decision"
    DISCLOSURE = "disclosure"


STEP_LABELS = {
    Step.MEETING: "Face-to-face meeting and identity checks",
    Step.RISK_ASSESSMENT: "Risk assessment",
    Step.CHECKS: "Checks with partner agencies",
    Step.DECISION: "Multi-agency decision",
    Step.DISCLOSURE: "Disclosure",
}

# Right to know starts from what the police hold: there is no applicant to meet.
RIGHT_TO_ASK_STEPS = (
    Step.MEETING,
    Step.RISK_ASSESSMENT,
    Step.CHECKS,
    Step.DECISION,
    Step.DISCLOSURE,
)
RIGHT_TO_KNOW_STEPS = RIGHT_TO_ASK_STEPS[1:]

DEFAULT_TIMETABLE = "meeting=10wd,risk_assessment=12wd,checks=15wd,decision=20wd,disclosure=28d"


@dataclass(frozen=True)
class Allowance:
    days: int
    working: bool  # working days, or calendar days

    def __str__(self) -> str:
        return f"{self.days} {'working' if self.working else 'calendar'} days"


Timetable = Mapping[Step, Allowance]


class TimetableError(ValueError):
    pass


def parse_timetable(text: str) -> dict[Step, Allowance]:
    """``"meeting=10wd,...,disclosure=28d"`` as a timetable; every step once, in order."""
    found: dict[Step, Allowance] = {}
    for part in (p.strip() for p in text.split(",")):
        name, _, value = part.partition("=")
        try:
            step = Step(name.strip())
        except ValueError:
            steps = ", ".join(s.value for s in Step)
            raise TimetableError(f"{name.strip()!r} is not a step; use {steps}.") from None
        value = value.strip().lower()
        working = value.endswith("wd")
        number = value[:-2] if working else value[:-1] if value.endswith("d") else ""
        if not number.isdigit() or int(number) < 1:
            raise TimetableError(
                f"{step.value}={value!r}: write a number of days, like 10wd (working days) "
                "or 28d (calendar days)."
            )
        if step in found:
            raise TimetableError(f"{step.value} is given twice.")
        found[step] = Allowance(int(number), working)
    missing = [s.value for s in Step if s not in found]
    if missing:
        raise TimetableError(f"The timetable has no target for {', '.join(missing)}.")
    return found


def target_date(first_contact: date, allowance: Allowance, bank_holidays: frozenset[date]) -> date:
    if allowance.working:
        return add_working_days(first_contact, allowance.days, bank_holidays)
    return working_day_on_or_before(first_contact + timedelta(days=allowance.days), bank_holidays)


def steps_for(route: str) -> tuple[Step, ...]:
    return RIGHT_TO_KNOW_STEPS if route == "know" else RIGHT_TO_ASK_STEPS


def targets(
    *,
    route: str,
    first_contact: date,
    timetable: Timetable,
    bank_holidays: frozenset[date],
) -> dict[Step, date]:
    """Each of the route's steps, with its target date."""
    return {
        step: target_date(first_contact, timetable[step], bank_holidays)
        for step in steps_for(route)
    }


@dataclass(frozen=True)
class StepState:
    step: Step
    target: date
    done_on: date | None
    overdue: bool
    skipped: bool = False  # a decision not to disclose leaves nothing to disclose

    @property
    def label(self) -> str:
        return STEP_LABELS[self.step]

    @property
    def late(self) -> bool:
        return self.done_on is not None and self.done_on > self.target


def step_states(
    *,
    targets: Mapping[Step, date],
    done: Mapping[Step, date | None],
    closed: bool,
    today: date,
) -> list[StepState]:
    """Where each step stands. A step is overdue when it is not done, its target has passed
    and the application is still open; once closed, steps never done are skipped."""
    states = []
    for step, target in targets.items():
        done_on = done.get(step)
        skipped = closed and done_on is None
        overdue = not closed and done_on is None and target < today
        states.append(StepState(step, target, done_on, overdue, skipped))
    return states


def next_step(states: list[StepState]) -> StepState | None:
    return next((s for s in states if s.done_on is None and not s.skipped), None)


def is_overdue(states: list[StepState]) -> bool:
    return any(s.overdue for s in states)
