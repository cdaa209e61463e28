"""Writes for the training record. Keyword arguments and ``by=``, one transaction, a
``ValidationError`` by field for bad input (saving nothing), and an audit event."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from onestory import audit
from onestory.audit.models import AuditAction
from onestory.training.access import may_keep, may_state_workforce
from onestory.training.models import Attendance, Course, Session, Topic, Workforce


def _keeper(by, session: Session | None = None) -> None:
    if not may_keep(by) or (session is not None and session.organised_by_id != by.agency_id):
        raise PermissionDenied("The training record is kept by the organising agency.")


def add_course(*, name: str, topic: str, by) -> Course:
    _keeper(by)
    name = name.strip()
    problems = {}
    if not name:
        problems["name"] = "Enter the course's name"
    elif Course.objects.filter(name__iexact=name).exists():
        problems["name"] = "A course of that name is already listed"
    if topic not in Topic.values:
        problems["topic"] = "Choose the course's topic"
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        course = Course.objects.create(name=name, topic=topic)
        audit.record(action=AuditAction.CREATE, by=by, obj=course)
    return course


def record_session(*, course: Course | None, held_on: date | None, trainer: str, by) -> Session:
    _keeper(by)
    problems = {}
    if course is None:
        problems["course"] = "Choose the course"
    if held_on is None:
        problems["held_on"] = "Enter the date of the session"
    elif held_on > timezone.localdate():
        problems["held_on"] = "Record a session once it has been held"
    if not trainer.strip():
        problems["trainer"] = "Enter the trainer's name"
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        session = Session.objects.create(
            course=course,
            organised_by_id=by.agency_id,
            held_on=held_on,
            trainer=trainer.strip(),
            created_by=by,
        )
        audit.record(action=AuditAction.CREATE, by=by, obj=session)
    return session


def record_attendance(*, session: Session, agency, role: str, people: int | None, by):
    """How many of one agency's staff in one kind of role attended; a second entry for the
    same agency and role replaces the first."""
    _keeper(by, session)
    problems = {}
    if agency is None:
        problems["agency"] = "Choose the agency"
    if not role:
        problems["role"] = "Choose their role"
    if not people or people < 1:
        problems["people"] = "Enter how many attended, 1 or more"
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        row, _ = Attendance.objects.update_or_create(
            session=session, agency=agency, role=role, defaults={"people": people}
        )
        audit.record(action=AuditAction.UPDATE, by=by, obj=session, fields=["attendance"])
    return row


def record_feedback(
    *, session: Session, feedback_count: int | None, feedback_mean: Decimal | None, by
) -> Session:
    _keeper(by, session)
    if not feedback_count or feedback_count < 1:
        raise ValidationError({"feedback_count": "Enter how many feedback forms came back"})
    if feedback_mean is None or not Decimal(1) <= feedback_mean <= Decimal(5):
        raise ValidationError({"feedback_mean": "Enter the average score, from 1 to 5"})
    with transaction.atomic():
        session.feedback_count = feedback_count
        session.feedback_mean = feedback_mean
        session.save(update_fields=["feedback_count", "feedback_mean"])
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            obj=session,
            fields=["feedback_count", "feedback_mean"],
        )
    return session


def state_workforce(*, year: int | None, staff: int | None, by) -> Workforce:
    """An agency's manager states how many of its staff should be trained in a year."""
    if not may_state_workforce(by):
        raise PermissionDenied("An agency's managers state its workforce.")
    problems = {}
    if not year or not 2000 <= year <= 2100:
        problems["year"] = "Enter the year the financial year starts in, like 2026"
    if staff is None or staff < 1:
        problems["staff"] = "Enter how many staff, 1 or more"
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        workforce, _ = Workforce.objects.update_or_create(
            agency_id=by.agency_id, year=year, defaults={"staff": staff, "stated_by": by}
        )
        audit.record(action=AuditAction.UPDATE, by=by, obj=workforce, fields=["staff"])
    return workforce
