"""Reads for risk pages, always through the access policy."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.http import HttpRequest

from onestory.access.policy import Grant, get_person_for_user, refuse, visible_persons
from onestory.people.models import Person, Relationship
from onestory.risk.models import Incident, RiskAssessment, ScreenResult


def connected_people(user, person: Person):
    """People connected to the person on their record whom the user may see."""
    ids = set(
        Relationship.objects.filter(person=person).values_list("other_person_id", flat=True)
    ) | set(Relationship.objects.filter(other_person=person).values_list("person_id", flat=True))
    return visible_persons(user).filter(pk__in=ids).order_by("family_name", "given_name", "id")


def get_assessment_for_user(
    request: HttpRequest, assessment_id: int
) -> tuple[RiskAssessment, Grant]:
    """An assessment the user may see (it follows its person), or 404."""
    person_id = (
        RiskAssessment.objects.filter(pk=assessment_id).values_list("person_id", flat=True).first()
    )
    if person_id is None:
        refuse(request, reason=f"assessment {assessment_id} not visible")
    person, grant = get_person_for_user(request, person_id)
    assessment = (
        RiskAssessment.objects.select_related("assessed_by", "agency")
        .prefetch_related("answers", "screens", "children")
        .get(pk=assessment_id)
    )
    assessment.person = person
    return assessment, grant


def require_full(request: HttpRequest, assessment: RiskAssessment, grant: Grant) -> None:
    """Risk details are special-category: a summary share does not reach them."""
    if not grant.full:
        refuse(request, obj=assessment, reason=f"assessment {assessment.pk}: summary share only")


@dataclass
class RiskPicture:
    latest: RiskAssessment | None
    assessments: list[RiskAssessment]
    incidents: list[Incident]
    reassessment_due: bool
    positive_screens: list[str]
    declined: RiskAssessment | None = None  # a declined checklist since the latest score


def _declined_since(assessments: list[RiskAssessment]) -> RiskAssessment | None:
    """The newest declined checklist, when no scored assessment came after it."""
    for assessment in assessments:  # newest first
        if not assessment.declined:
            return None
        return assessment
    return None


def risk_picture(person: Person) -> RiskPicture:
    """Latest level, the timeline of levels, incidents, and whether to reassess."""
    assessments = list(
        person.risk_assessments.select_related("assessed_by", "agency").prefetch_related("screens")
    )
    incidents = list(person.incidents.select_related("agency"))
    latest = next((a for a in assessments if not a.declined), None)
    reassessment_due = bool(incidents) and (
        latest is None or any(i.recorded_at > latest.assessed_at for i in incidents)
    )
    positive = sorted(
        {
            screen.get_kind_display()
            for a in assessments
            for screen in a.screens.all()
            if screen.positive
        }
    )
    return RiskPicture(
        latest, assessments, incidents, reassessment_due, positive, _declined_since(assessments)
    )


@dataclass
class RiskSummary:
    """What the person page shows of risk: one query when the person has been assessed."""

    latest: RiskAssessment | None
    reassessment_due: bool
    positive_screens: list[str]
    declined: RiskAssessment | None = None  # a declined checklist since the latest score


def _screen_flag(kind: str) -> str:
    return f"positive_{kind}_screen"


def risk_summary(person: Person) -> RiskSummary:
    """The latest assessment, whether an incident since calls for another, and any positive
    screens, asked in one query: the screens are a short fixed list of kinds."""
    kinds = dict(ScreenResult._meta.get_field("kind").choices)
    screens = {
        _screen_flag(kind): Exists(
            ScreenResult.objects.filter(
                assessment__person_id=OuterRef("person_id"), kind=kind, positive=True
            )
        )
        for kind in kinds
    }
    newer_incident = Incident.objects.filter(
        person_id=OuterRef("person_id"), recorded_at__gt=OuterRef("assessed_at")
    )
    newest = (
        person.risk_assessments.select_related("assessed_by", "agency")
        .annotate(incident_since=Exists(newer_incident), **screens)
        .first()
    )
    if newest is None:
        return RiskSummary(None, person.incidents.exists(), [])
    declined = None
    if newest.declined:  # the level still comes from the latest scored assessment
        declined = newest
        newest = (
            person.risk_assessments.scored()
            .select_related("assessed_by", "agency")
            .annotate(incident_since=Exists(newer_incident), **screens)
            .first()
        )
        if newest is None:
            return RiskSummary(None, person.incidents.exists(), [], declined)
    positive = [label for kind, label in kinds.items() if getattr(newest, _screen_flag(kind))]
    return RiskSummary(newest, newest.incident_since, sorted(positive), declined)
