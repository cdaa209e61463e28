"""Writes for risk: incidents, assessments, screens and the partnership's settings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from onestory import audit
from onestory.audit.models import AuditAction
from onestory.people.models import Person
from onestory.risk import criteria
from onestory.risk.dash import (
    Answer,
    check_something_answered,
    normalise_answers,
    not_asked,
    score,
)
from onestory.risk.history import marac_referrals_of
from onestory.risk.models import (
    DashAnswer,
    Incident,
    RiskAssessment,
    RiskSettings,
    ScreenResult,
)
from onestory.risk.screens import SCREENS, ScreenKind, is_positive, normalise_screen_answers


def people_using_harm_on(person: Person, day: date) -> set[int]:
    """The people using harm named on the person's incidents of that day."""
    return set(
        Incident.perpetrators.through.objects.filter(
            incident__person=person, incident__occurred_on=day
        ).values_list("person_id", flat=True)
    )


@transaction.atomic
def record_incident(
    *,
    person: Person,
    occurred_on: date,
    kind: str,
    summary: str = "",
    perpetrators: Iterable[Person] = (),
    by,
    request: HttpRequest | None = None,
) -> Incident:
    """Record an incident against a victim. The person's record then prompts a reassessment."""
    if occurred_on > timezone.localdate():
        raise ValueError("The incident date cannot be in the future.")
    incident = Incident.objects.create(
        person=person,
        occurred_on=occurred_on,
        kind=kind,
        summary=summary,
        agency=by.agency,
        recorded_by=by,
    )
    incident.perpetrators.set(list(perpetrators))
    audit.record(
        action=AuditAction.CREATE,
        by=by,
        request=request,
        obj=incident,
        fields=["occurred_on", "kind", "summary", "perpetrators"],
    )
    return incident


@transaction.atomic
def assess_dash(
    *,
    person: Person,
    answers: Mapping[str | int, str | None],
    details: Mapping[int, str] | None = None,
    narrative: str = "",
    incident_on: date | None = None,
    incidents_known_elsewhere_12m: int = 0,
    judgement_refer: bool = False,
    judgement_reason: str = "",
    children: Iterable[Person] = (),
    referral=None,
    perpetrators: Iterable[Person] | None = None,
    marac_referrals: Iterable[criteria.PastReferral] | None = None,
    by,
    request: HttpRequest | None = None,
) -> RiskAssessment:
    """Score a DASH assessment, work out the MARAC criteria met, and keep it.

    The repeat criterion asks the one repeat rule about the people using harm: those given,
    or else those named on the victim's incidents of the incident date. An assessment that
    names no one cannot meet it (the incident's own flag asks the coordinator to check).
    ``marac_referrals`` are the victim's MARAC referrals; left out, they are asked of the
    MARAC app (``risk.history``).
    ``referral`` is the front-door referral it was made for.

    Raises ``AnswerError`` for answers that cannot be scored, ``NothingAnswered`` when no
    question was answered yes or no, and ``JudgementError`` for professional judgement
    without a reason; nothing is saved then. Questions given no answer are counted as not
    asked (and score as not known).
    """
    normalised = normalise_answers(answers)
    check_something_answered(normalised)
    unasked = not_asked(answers)
    _check_referral(referral, person)
    config = RiskSettings.current()
    bands = config.bands
    now = timezone.now()
    incident_on = incident_on or timezone.localdate(now)
    if incident_on > timezone.localdate(now):
        raise ValueError("The incident date cannot be in the future.")
    if incidents_known_elsewhere_12m < 0:
        raise ValueError("The number of incidents known elsewhere cannot be negative.")
    result = score(normalised, bands)
    recorded = criteria.incidents_in_window(
        person.incidents.values_list("occurred_on", flat=True), incident_on
    )
    met = criteria.criteria_met(
        criteria.CriteriaInput(
            yes_count=result.yes_count,
            judgement_refer=judgement_refer,
            judgement_reason=judgement_reason,
            incidents_recorded=recorded,
            incidents_elsewhere=incidents_known_elsewhere_12m,
            escalation_threshold=config.escalation_threshold,
            marac_referrals=tuple(
                marac_referrals if marac_referrals is not None else marac_referrals_of(person)
            ),
            perpetrator_ids=frozenset(
                {p.pk for p in perpetrators}
                if perpetrators is not None
                else people_using_harm_on(person, incident_on)
            ),
            incident_on=incident_on,
        )
    )
    assessment = RiskAssessment.objects.create(
        person=person,
        agency=by.agency,
        assessed_by=by,
        assessed_at=now,
        incident_on=incident_on,
        yes_count=result.yes_count,
        risk_level=result.level,
        narrative=narrative,
        incidents_recorded_12m=recorded,
        incidents_known_elsewhere_12m=incidents_known_elsewhere_12m,
        judgement_refer=judgement_refer,
        judgement_reason=judgement_reason.strip(),
        visible_high_risk=criteria.Criterion.VISIBLE_HIGH_RISK in met,
        professional_judgement=criteria.Criterion.PROFESSIONAL_JUDGEMENT in met,
        potential_escalation=criteria.Criterion.POTENTIAL_ESCALATION in met,
        repeat=criteria.Criterion.REPEAT in met,
        marac_eligible=bool(met),
        medium_from=bands.medium_from,
        high_from=bands.high_from,
        escalation_threshold=config.escalation_threshold,
        questions_not_asked=len(unasked),
        referral=referral,
    )
    details = details or {}
    DashAnswer.objects.bulk_create(
        DashAnswer(
            assessment=assessment,
            question=number,
            answer=answer,
            detail=(details.get(number) or "").strip(),
        )
        for number, answer in normalised.items()
        if number not in unasked
    )
    assessment.children.set(list(children))
    audit.record(
        action=AuditAction.CREATE,
        by=by,
        request=request,
        obj=assessment,
        fields=["answers", "narrative", "risk_level", "marac_criteria"],
    )
    return assessment


def _check_referral(referral, person: Person) -> None:
    if referral is not None and referral.person_id != person.pk:
        raise ValueError("That referral is not about this person.")


@transaction.atomic
def record_declined_dash(
    *,
    person: Person,
    note: str = "",
    referral=None,
    by,
    request: HttpRequest | None = None,
) -> RiskAssessment:
    """Record that the person declined the DASH checklist: no answers, no score, no level.

    A declined checklist never changes the person's current risk level, which stays with the
    latest scored assessment.
    """
    _check_referral(referral, person)
    config = RiskSettings.current()
    now = timezone.now()
    assessment = RiskAssessment.objects.create(
        person=person,
        agency=by.agency,
        assessed_by=by,
        assessed_at=now,
        incident_on=timezone.localdate(now),
        declined=True,
        yes_count=None,
        risk_level="",
        narrative=note.strip(),
        medium_from=config.medium_from,
        high_from=config.high_from,
        escalation_threshold=config.escalation_threshold,
        referral=referral,
    )
    audit.record(
        action=AuditAction.CREATE,
        by=by,
        request=request,
        obj=assessment,
        fields=["declined", "narrative"],
    )
    return assessment


@transaction.atomic
def record_screen(
    *,
    assessment: RiskAssessment,
    kind: ScreenKind,
    answers: Mapping[str | int, str | None],
    notes: str = "",
    by,
    request: HttpRequest | None = None,
) -> ScreenResult:
    """Record (or replace) a further screen with the assessment that called for it."""
    screen = SCREENS[ScreenKind(kind)]
    normalised = normalise_screen_answers(screen, answers)
    yes_count = sum(1 for answer in normalised.values() if answer == Answer.YES)
    result, _ = ScreenResult.objects.update_or_create(
        assessment=assessment,
        kind=screen.kind,
        defaults={
            "answers": {str(number): answer.value for number, answer in normalised.items()},
            "yes_count": yes_count,
            "positive": is_positive(screen, normalised),
            "notes": notes,
        },
    )
    audit.record(
        action=AuditAction.CREATE,
        by=by,
        request=request,
        obj=result,
        person_id=assessment.person_id,
        fields=["answers", "positive", "notes"],
    )
    return result


@transaction.atomic
def update_risk_settings(
    *, medium_from: int, high_from: int, escalation_threshold: int, by, request=None
) -> RiskSettings:
    from onestory.risk.dash import Bands

    Bands(medium_from=medium_from, high_from=high_from)  # raises ValueError if out of order
    config = RiskSettings.objects.order_by("pk").first() or RiskSettings()
    config.medium_from = medium_from
    config.high_from = high_from
    config.escalation_threshold = escalation_threshold
    config.save()
    audit.record(
        action=AuditAction.UPDATE,
        by=by,
        request=request,
        obj=config,
        fields=["medium_from", "high_from", "escalation_threshold"],
    )
    return config
