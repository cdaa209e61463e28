"""Writes for disclosure applications. Each takes keyword arguments and ``by=``, runs in one
transaction, refuses bad input with a ``ValidationError`` by field (saving nothing), and
leaves an audit event. Audit events name the application and the fields changed, never a
value: the applicant's name must not reach the audit log either."""

from __future__ import annotations

import uuid
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from onestory import audit
from onestory.access.policy import grant_for
from onestory.audit.models import AuditAction
from onestory.disclosure import rules
from onestory.disclosure.access import may_answer_checks, may_handle
from onestory.disclosure.models import AgencyCheck, Application
from onestory.disclosure.progress import targets_for
from onestory.disclosure.timetable import Step


def _require_team(by, application: Application | None = None) -> None:
    if not may_handle(by) or (application is not None and application.agency_id != by.agency_id):
        raise PermissionDenied("Applications are handled by the police disclosure team.")


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


def _refuse_if(problems: dict[str, str]) -> None:
    if problems:
        raise ValidationError(problems)


def start_application(
    *,
    route: str,
    asker: str = "",
    applicant_name: str = "",
    applicant_relationship: str = "",
    applicant_contact: str = "",
    applicant_notes: str = "",
    subject_name: str,
    subject_date_of_birth: date | None = None,
    at_risk_name: str,
    at_risk_date_of_birth: date | None = None,
    concern: str,
    first_contact_on: date | None,
    by,
) -> Application:
    """An application at first contact, by either route. Its reference is the force's own."""
    _require_team(by)
    _refuse_if(
        rules.application_problems(
            route=route,
            asker=asker,
            applicant_name=applicant_name,
            applicant_contact=applicant_contact,
            subject_name=subject_name,
            at_risk_name=at_risk_name,
            concern=concern,
            first_contact_on=first_contact_on,
            today=timezone.localdate(),
        )
    )
    with transaction.atomic():
        application = Application.objects.create(
            agency_id=by.agency_id,
            reference=f"new-{uuid.uuid4().hex[:16]}",  # replaced once the row has its id
            route=route,
            asker=asker if route == "ask" else "",
            applicant_name=applicant_name.strip(),
            applicant_relationship=applicant_relationship.strip(),
            applicant_contact=applicant_contact.strip(),
            applicant_notes=applicant_notes.strip(),
            subject_name=subject_name.strip(),
            subject_date_of_birth=subject_date_of_birth,
            at_risk_name=at_risk_name.strip(),
            at_risk_date_of_birth=at_risk_date_of_birth,
            concern=concern.strip(),
            first_contact_on=first_contact_on,
            created_by=by,
        )
        application.reference = f"DVDS-{first_contact_on:%Y}-{application.pk:05d}"
        application.save(update_fields=["reference"])
        audit.record(action=AuditAction.CREATE, by=by, obj=application)
    return application


def record_meeting(
    *,
    application: Application,
    meeting_on: date | None,
    identity_checked: bool,
    identity_notes: str = "",
    by,
) -> Application:
    """The face-to-face meeting with the applicant, and their identity checked."""
    _require_team(by, application)
    with transaction.atomic():
        application = _locked(application)
        _refuse_if(
            rules.meeting_problems(
                route=application.route,
                meeting_on=meeting_on,
                identity_checked=identity_checked,
                first_contact_on=application.first_contact_on,
                today=timezone.localdate(),
            )
        )
        application.meeting_on = meeting_on
        application.identity_checked = identity_checked
        application.identity_notes = identity_notes.strip()
        fields = ["meeting_on", "identity_checked", "identity_notes"]
        application.save(update_fields=fields)
        audit.record(action=AuditAction.UPDATE, by=by, obj=application, fields=fields)
    return application


def record_risk_assessment(
    *,
    application: Application,
    risk_assessed_on: date | None,
    risk_level: str,
    risk_notes: str = "",
    by,
) -> Application:
    _require_team(by, application)
    with transaction.atomic():
        application = _locked(application)
        _refuse_if(
            rules.risk_problems(
                risk_assessed_on=risk_assessed_on,
                risk_level=risk_level,
                first_contact_on=application.first_contact_on,
                today=timezone.localdate(),
            )
        )
        application.risk_assessed_on = risk_assessed_on
        application.risk_level = risk_level
        application.risk_notes = risk_notes.strip()
        fields = ["risk_assessed_on", "risk_level", "risk_notes"]
        application.save(update_fields=fields)
        audit.record(action=AuditAction.UPDATE, by=by, obj=application, fields=fields)
    return application


def ask_checks(*, application: Application, agencies: list, by) -> list[AgencyCheck]:
    """Ask partner agencies what they hold; each reply is due by the checks step's target."""
    _require_team(by, application)
    with transaction.atomic():
        application = _locked(application)
        asked = set(application.checks.values_list("agency_id", flat=True))
        _refuse_if(
            rules.check_problems(
                agency_ids=[a.pk for a in agencies],
                already_asked=asked,
                closed=application.closed or application.decision_on is not None,
            )
        )
        due_on = targets_for(application.route, application.first_contact_on)[Step.CHECKS]
        today = timezone.localdate()
        checks = [
            AgencyCheck.objects.create(
                application=application,
                agency=agency,
                asked_on=today,
                due_on=max(due_on, today),
                asked_by=by,
            )
            for agency in agencies
        ]
        for check in checks:
            audit.record(action=AuditAction.CREATE, by=by, obj=check)
    return checks


def reply_to_check(*, check: AgencyCheck, reply: str, information: str = "", by) -> AgencyCheck:
    """The partner agency says what it holds about the subject."""
    if not may_answer_checks(by) or check.agency_id != by.agency_id:
        raise PermissionDenied("A check is answered by the agency it was sent to.")
    with transaction.atomic():
        check = AgencyCheck.objects.select_for_update().get(pk=check.pk)
        _refuse_if(
            rules.reply_problems(
                reply=reply, information=information, replied=check.replied_on is not None
            )
        )
        check.reply = reply
        check.information = information.strip() if reply == "holds" else ""
        check.replied_on = timezone.localdate()
        check.replied_by = by
        fields = ["reply", "information", "replied_on", "replied_by"]
        check.save(update_fields=fields)
        audit.record(action=AuditAction.UPDATE, by=by, obj=check, fields=fields)
    return check


def record_decision(
    *,
    application: Application,
    decision: str,
    decision_reasons: str,
    decided_by: str,
    decision_on: date | None,
    by,
) -> Application:
    """The multi-agency decision: disclose or not, with the reasons. A decision not to
    disclose closes the application."""
    _require_team(by, application)
    with transaction.atomic():
        application = _locked(application)
        _refuse_if(
            rules.decision_problems(
                route=application.route,
                meeting_done=application.meeting_on is not None,
                risk_done=application.risk_assessed_on is not None,
                checks_asked=application.checks.count(),
                decided=application.decision_on is not None,
                decision=decision,
                reasons=decision_reasons,
                decided_by=decided_by,
                decision_on=decision_on,
                first_contact_on=application.first_contact_on,
                today=timezone.localdate(),
            )
        )
        application.decision = decision
        application.decision_reasons = decision_reasons.strip()
        application.decided_by = decided_by.strip()
        application.decision_on = decision_on
        fields = ["decision", "decision_reasons", "decided_by", "decision_on"]
        application.save(update_fields=fields)
        audit.record(action=AuditAction.UPDATE, by=by, obj=application, fields=fields)
    return application


def record_disclosure(
    *,
    application: Application,
    disclosed_on: date | None,
    disclosed_to: str,
    disclosed_to_name: str = "",
    safety_plan: str,
    service_offered: bool,
    service_offered_name: str = "",
    by,
) -> Application:
    """The disclosure: to whom, when and by whom, with a safety plan and an offer of a
    specialist service. Recorded by the officer who made it."""
    _require_team(by, application)
    with transaction.atomic():
        application = _locked(application)
        _refuse_if(
            rules.disclosure_problems(
                decision=application.decision,
                disclosed=application.disclosed_on is not None,
                disclosed_on=disclosed_on,
                disclosed_to=disclosed_to,
                disclosed_to_name=disclosed_to_name,
                safety_plan=safety_plan,
                service_offered=service_offered,
                service_offered_name=service_offered_name,
                decision_on=application.decision_on,
                today=timezone.localdate(),
            )
        )
        application.disclosed_on = disclosed_on
        application.disclosed_to = disclosed_to
        application.disclosed_to_name = disclosed_to_name.strip() if disclosed_to == "other" else ""
        application.disclosed_by = by
        application.safety_plan = safety_plan.strip()
        application.service_offered = service_offered
        application.service_offered_name = service_offered_name.strip() if service_offered else ""
        fields = [
            "disclosed_on",
            "disclosed_to",
            "disclosed_to_name",
            "disclosed_by",
            "safety_plan",
            "service_offered",
            "service_offered_name",
        ]
        application.save(update_fields=fields)
        audit.record(action=AuditAction.UPDATE, by=by, obj=application, fields=fields)
    return application


LINKS = {"subject": "subject_person", "at_risk": "at_risk_person"}


def link_person(*, application: Application, which: str, person, by) -> Application:
    """Link the subject or the person at risk to a record the officer may see."""
    _require_team(by, application)
    if which not in LINKS:
        raise ValidationError({"which": "Choose whom the record is of"})
    if grant_for(by, person) is None:
        raise PermissionDenied("Only a record you may see can be linked.")
    with transaction.atomic():
        application = _locked(application)
        field = LINKS[which]
        setattr(application, field, person)
        application.save(update_fields=[field])
        audit.record(action=AuditAction.UPDATE, by=by, obj=application, fields=[field])
    return application
