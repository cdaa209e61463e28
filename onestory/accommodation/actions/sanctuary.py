"""Writes for sanctuary installs: the survey, each measure fitted, the landlord's
permission and the review. Each takes keyword arguments and ``by=``, runs in one
transaction, refuses bad input with a ``ValidationError`` by field (saving nothing), and
leaves an audit event. They are recorded by the staff of the agency running the sanctuary
scheme, for a person whose record they may see."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from onestory import audit
from onestory.access.policy import grant_for
from onestory.accommodation import rules
from onestory.accommodation.access import may_manage
from onestory.accommodation.choices import LandlordPermission, SchemeType
from onestory.accommodation.models import SanctuaryInstall, SanctuaryMeasure, Scheme
from onestory.audit.models import AuditAction
from onestory.people.models import Person


def _require(by, scheme: Scheme) -> None:
    if not may_manage(by) or scheme.agency_id != by.agency_id:
        raise PermissionDenied("Sanctuary installs are recorded by the scheme's own staff.")


def start_install(
    *,
    scheme: Scheme,
    person: Person,
    surveyed_on: date | None,
    landlord_permission: str,
    survey_findings: str = "",
    by,
    request: HttpRequest | None = None,
) -> SanctuaryInstall:
    """Record the survey of a victim's home, the start of a sanctuary install."""
    _require(by, scheme)
    if grant_for(by, person) is None:
        raise PermissionDenied("You may record an install only for someone whose record you see.")
    problems = rules.survey_problems(
        surveyed_on=surveyed_on,
        landlord_permission=landlord_permission,
        today=timezone.localdate(),
    )
    if scheme.scheme_type != SchemeType.SANCTUARY:
        problems["scheme"] = "Installs are recorded under a sanctuary scheme"
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        install = SanctuaryInstall.objects.create(
            scheme=scheme,
            person=person,
            surveyed_on=surveyed_on,
            survey_findings=survey_findings.strip(),
            landlord_permission=landlord_permission,
            recorded_by=by,
        )
        audit.record(
            action=AuditAction.CREATE,
            by=by,
            request=request,
            obj=install,
            fields=["surveyed_on", "survey_findings", "landlord_permission"],
        )
    return install


def change_permission(
    *, install: SanctuaryInstall, landlord_permission: str, by, request: HttpRequest | None = None
) -> SanctuaryInstall:
    _require(by, install.scheme)
    if landlord_permission not in LandlordPermission.values:
        raise ValidationError(
            {"landlord_permission": "Select whether the landlord's permission is needed"}
        )
    with transaction.atomic():
        install.landlord_permission = landlord_permission
        install.save(update_fields=["landlord_permission"])
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            request=request,
            obj=install,
            fields=["landlord_permission"],
        )
    return install


def record_measure(
    *,
    install: SanctuaryInstall,
    kind: str,
    cost: Decimal | None,
    fitted_on: date | None,
    details: str = "",
    by,
    request: HttpRequest | None = None,
) -> SanctuaryMeasure:
    """A measure fitted, with its cost and date. Refused while the landlord's permission is
    awaited or was refused."""
    _require(by, install.scheme)
    problems = rules.measure_problems(
        kind=kind,
        details=details,
        cost=cost,
        fitted_on=fitted_on,
        surveyed_on=install.surveyed_on,
        landlord_permission=install.landlord_permission,
        today=timezone.localdate(),
    )
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        measure = SanctuaryMeasure.objects.create(
            install=install,
            kind=kind,
            details=details.strip(),
            cost=cost,
            fitted_on=fitted_on,
            recorded_by=by,
        )
        audit.record(
            action=AuditAction.CREATE,
            by=by,
            request=request,
            obj=measure,
            person_id=install.person_id,
            fields=["kind", "details", "cost", "fitted_on"],
        )
    return measure


def record_review(
    *,
    install: SanctuaryInstall,
    reviewed_on: date | None,
    review_notes: str,
    by,
    request: HttpRequest | None = None,
) -> SanctuaryInstall:
    _require(by, install.scheme)
    problems = {}
    if reviewed_on is None:
        problems["reviewed_on"] = "Enter the date of the review"
    elif reviewed_on < install.surveyed_on:
        problems["reviewed_on"] = "The review must be on or after the survey"
    elif reviewed_on > timezone.localdate():
        problems["reviewed_on"] = "The date of the review must be today or in the past"
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        install.reviewed_on = reviewed_on
        install.review_notes = review_notes.strip()
        install.save(update_fields=["reviewed_on", "review_notes"])
        audit.record(
            action=AuditAction.UPDATE,
            by=by,
            request=request,
            obj=install,
            fields=["reviewed_on", "review_notes"],
        )
    return install
