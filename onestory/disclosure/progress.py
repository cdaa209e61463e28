"""Where an application stands against the partnership's timetable (``settings``), today."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import timezone

from onestory.core.working_days import bank_holidays_from
from onestory.disclosure import timetable
from onestory.disclosure.models import Application
from onestory.disclosure.timetable import Step, StepState


def targets_for(route: str, first_contact: date) -> dict[Step, date]:
    return timetable.targets(
        route=route,
        first_contact=first_contact,
        timetable=settings.DISCLOSURE_TIMETABLE,
        bank_holidays=bank_holidays_from(first_contact),
    )


def checks_done_on(application: Application) -> date | None:
    """The checks step is done when every agency asked has replied, or when the decision
    was taken without a reply still awaited."""
    checks = list(application.checks.all())
    if application.decision_on is not None:
        replies = [c.replied_on for c in checks if c.replied_on]
        return max(replies, default=application.decision_on)
    if not checks or any(c.replied_on is None for c in checks):
        return None
    return max(c.replied_on for c in checks)


def states(application: Application, today: date | None = None) -> list[StepState]:
    done = {
        Step.MEETING: application.meeting_on,
        Step.RISK_ASSESSMENT: application.risk_assessed_on,
        Step.CHECKS: checks_done_on(application),
        Step.DECISION: application.decision_on,
        Step.DISCLOSURE: application.disclosed_on,
    }
    return timetable.step_states(
        targets=targets_for(application.route, application.first_contact_on),
        done=done,
        closed=application.closed,
        today=today or timezone.localdate(),
    )
