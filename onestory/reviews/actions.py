"""Writes for reviews. Each takes keyword arguments and ``by=``, runs in one transaction,
refuses bad input with a ``ValidationError`` by field (saving nothing), and leaves an audit
event."""

from __future__ import annotations

import uuid
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from onestory import audit
from onestory.audit.models import AuditAction
from onestory.reviews import rules
from onestory.reviews.access import may_coordinate, sides
from onestory.reviews.models import ChronologyRequest, Recommendation, Review


def _require_coordinator(by, review: Review | None = None) -> None:
    if not may_coordinate(by) or (review is not None and review.agency_id != by.agency_id):
        raise PermissionDenied("Reviews are kept by their coordinating agency.")


def _refuse_if(problems: dict) -> None:
    if problems:
        raise ValidationError(problems)


def _locked(review: Review) -> Review:
    return Review.objects.select_for_update().get(pk=review.pk)


def notify_death(
    *,
    pseudonym: str,
    death_kind: str,
    died_on: date | None,
    notified_on: date | None,
    notified_by: str,
    by,
) -> Review:
    """The partnership is told of a death: the review's record starts, by pseudonym."""
    _require_coordinator(by)
    _refuse_if(
        rules.notification_problems(
            pseudonym=pseudonym,
            death_kind=death_kind,
            died_on=died_on,
            notified_on=notified_on,
            notified_by=notified_by,
            today=timezone.localdate(),
        )
    )
    with transaction.atomic():
        review = Review.objects.create(
            agency_id=by.agency_id,
            reference=f"new-{uuid.uuid4().hex[:16]}",  # replaced once the row has its id
            pseudonym=pseudonym.strip(),
            death_kind=death_kind,
            died_on=died_on,
            notified_on=notified_on,
            notified_by=notified_by.strip(),
            created_by=by,
        )
        review.reference = f"DARDR-{notified_on:%Y}-{review.pk:04d}"
        review.save(update_fields=["reference"])
        audit.record(action=AuditAction.CREATE, by=by, obj=review)
    return review


def decide(
    *, review: Review, decision: str, decision_reasons: str, decision_on: date | None, by
) -> Review:
    """Whether to commission a review; a commissioned one is due six months on."""
    _require_coordinator(by, review)
    with transaction.atomic():
        review = _locked(review)
        _refuse_if(
            rules.decision_problems(
                decided=bool(review.decision),
                decision=decision,
                reasons=decision_reasons,
                decision_on=decision_on,
                notified_on=review.notified_on,
                today=timezone.localdate(),
            )
        )
        review.decision = decision
        review.decision_reasons = decision_reasons.strip()
        review.decision_on = decision_on
        review.due_on = rules.review_due_on(decision_on) if decision == "commission" else None
        fields = ["decision", "decision_reasons", "decision_on", "due_on"]
        review.save(update_fields=fields)
        audit.record(action=AuditAction.UPDATE, by=by, obj=review, fields=fields)
    return review


def _commissioned(review: Review) -> None:
    if review.decision != "commission":
        raise ValidationError({"__all__": "Only a commissioned review has a panel and stages"})


def set_panel(*, review: Review, chair_name: str, chair_independent: bool, panel: str, by):
    _require_coordinator(by, review)
    with transaction.atomic():
        review = _locked(review)
        _commissioned(review)
        if not chair_name.strip():
            raise ValidationError({"chair_name": "Enter the chair's name"})
        if not chair_independent:
            raise ValidationError(
                {"chair_independent": "The chair must be independent of the agencies reviewed"}
            )
        review.chair_name = chair_name.strip()
        review.chair_independent = chair_independent
        review.panel = panel.strip()
        fields = ["chair_name", "chair_independent", "panel"]
        review.save(update_fields=fields)
        audit.record(action=AuditAction.UPDATE, by=by, obj=review, fields=fields)
    return review


def ask_chronologies(*, review: Review, agencies: list, due_on: date | None, by):
    _require_coordinator(by, review)
    with transaction.atomic():
        review = _locked(review)
        _commissioned(review)
        today = timezone.localdate()
        asked = set(review.chronologies.values_list("agency_id", flat=True))
        if not agencies:
            raise ValidationError({"agencies": "Choose at least one agency"})
        if asked & {a.pk for a in agencies}:
            raise ValidationError({"agencies": "An agency you chose has already been asked"})
        if due_on is None or due_on < today:
            raise ValidationError({"due_on": "Enter a due date, today or in the future"})
        made = [
            ChronologyRequest.objects.create(
                review=review, agency=agency, asked_on=today, due_on=due_on
            )
            for agency in agencies
        ]
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            obj=review,
            fields=["chronologies"],
            reason=f"{len(made)} chronologies asked",
        )
    return made


def chronology_received(*, chronology: ChronologyRequest, by) -> ChronologyRequest:
    _require_coordinator(by, chronology.review)
    with transaction.atomic():
        chronology = ChronologyRequest.objects.select_for_update().get(pk=chronology.pk)
        if chronology.received_on is None:
            chronology.received_on = timezone.localdate()
            chronology.save(update_fields=["received_on"])
            audit.record(action=AuditAction.UPDATE, by=by, obj=chronology, fields=["received_on"])
    return chronology


STAGE_FIELDS = ("first_panel_on", "draft_on", "qa_submitted_on", "qa_outcome", "published_on")


def record_stages(*, review: Review, by, **stages) -> Review:
    """The review's stage dates, quality assurance and publication, in order."""
    _require_coordinator(by, review)
    with transaction.atomic():
        review = _locked(review)
        _commissioned(review)
        today = timezone.localdate()
        values = {name: stages.get(name) for name in STAGE_FIELDS}
        problems = {}
        for name in ("first_panel_on", "draft_on", "qa_submitted_on", "published_on"):
            day = values[name]
            if day is not None and day > today:
                problems[name] = "The date must be today or in the past"
            elif day is not None and day < review.decision_on:
                problems[name] = "The date cannot be before the decision to review"
        if values["qa_outcome"] and not values["qa_submitted_on"]:
            problems["qa_outcome"] = "Record when the report went for quality assurance first"
        if values["published_on"] and values["qa_outcome"] != "accepted":
            problems["published_on"] = "A report is published once quality assurance accepts it"
        _refuse_if(problems)
        for name, value in values.items():
            setattr(review, name, value or ("" if name == "qa_outcome" else None))
        review.save(update_fields=list(STAGE_FIELDS))
        audit.record(action=AuditAction.UPDATE, by=by, obj=review, fields=list(STAGE_FIELDS))
    return review


def add_recommendation(
    *, review: Review, text: str, owner_agency, actions: str, due_on: date | None, by
) -> Recommendation:
    _require_coordinator(by, review)
    with transaction.atomic():
        review = _locked(review)
        _commissioned(review)
        _refuse_if(
            rules.recommendation_problems(
                text=text,
                owner_agency_id=getattr(owner_agency, "pk", None),
                due_on=due_on,
                today=timezone.localdate(),
            )
        )
        number = (review.recommendations.aggregate(n=Max("number"))["n"] or 0) + 1
        recommendation = Recommendation.objects.create(
            review=review,
            number=number,
            text=text.strip(),
            owner_agency=owner_agency,
            actions=actions.strip(),
            due_on=due_on,
            updated_by=by,
        )
        audit.record(action=AuditAction.CREATE, by=by, obj=recommendation)
    return recommendation


def move_recommendation(
    *, recommendation: Recommendation, status: str, evidence: str = "", by
) -> Recommendation:
    """The owner agency works a recommendation to complete, with evidence; the coordinator
    closes it or sends it back."""
    with transaction.atomic():
        recommendation = (
            Recommendation.objects.select_for_update()
            .select_related("review")
            .get(pk=recommendation.pk)
        )
        who = sides(by, recommendation)
        if not (who.owner or who.coordinator):
            raise PermissionDenied("Only the owner agency or the review's coordinator.")
        evidence = evidence.strip() or recommendation.evidence
        _refuse_if(
            rules.status_problems(
                current=recommendation.status,
                new=status,
                evidence=evidence,
                owner=who.owner,
                coordinator=who.coordinator,
            )
        )
        recommendation.status = status
        recommendation.evidence = evidence
        recommendation.updated_by = by
        fields = ["status", "evidence", "updated_by", "updated_at"]
        recommendation.save(update_fields=fields)
        audit.record(action=AuditAction.UPDATE, by=by, obj=recommendation, fields=fields[:2])
    return recommendation
