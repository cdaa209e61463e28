"""Writes for work with people who use harm. Each takes keyword arguments and ``by=``, runs
in one transaction, refuses bad input with a ``ValidationError`` by field (saving nothing),
and leaves an audit event.

Risk events tell the linked partner-support worker at once (``PartnerAlert``, on her home
page, and an email that names no one). A breach of an order also records an incident
against each protected person, which counts towards her MARAC potential-escalation
threshold, and tells the lead workers of their open cases.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from onestory import audit
from onestory.access.policy import grant_for
from onestory.accounts.models import Agency, AgencyKind, User
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.cases.choices import CaseStatus
from onestory.cases.models import Case
from onestory.harm import rules
from onestory.harm.access import (
    family_view,
    may_be_linked,
    may_name_protected,
    may_record_orders,
    may_take_referrals,
    sees_in_full,
)
from onestory.harm.choices import (
    EndReason,
    EventKind,
    RiskLevel,
    RiskStage,
    SessionStatus,
    Source,
    Status,
)
from onestory.harm.models import (
    Breach,
    FamilyCase,
    FamilyGoal,
    FamilyMember,
    Intervention,
    Order,
    PartnerAlert,
    RiskEvent,
    RiskReview,
    Session,
)
from onestory.intake.choices import Source as IntakeSource
from onestory.people.actions import create_person
from onestory.people.models import Person
from onestory.referrals.choices import Status as OnwardStatus
from onestory.referrals.models import OnwardReferral
from onestory.risk.models import Incident, IncidentKind


def _refuse_problems(problems: dict[str, str]) -> None:
    if problems:
        raise ValidationError(problems)


def _require_full(by, person: Person, message="You may not see this person's record in full."):
    if not sees_in_full(by, person):
        raise PermissionDenied(message)


def _require_worker(by, intervention: Intervention) -> None:
    if not by.has_permission(Permission.WORK_CASES) or by.agency_id != intervention.agency_id:
        raise PermissionDenied("Only the service running the intervention may change it.")
    _require_full(
        by, intervention.person, "Only the service running the intervention may change it."
    )


def _created(model, *, by, request, fields, person_id=None, **values):
    """Create one row and audit its creation: every write here goes through this."""
    row = model.objects.create(**values)
    audit.record(
        action=AuditAction.CREATE,
        by=by,
        request=request,
        obj=row,
        person_id=person_id,
        fields=fields,
    )
    return row


def partner_workers(agency: Agency) -> list[User]:
    """Who may be linked as the partner-support worker of an intervention ``agency`` runs:
    active caseworkers at agencies on the victim's side, and the service's own
    partner-support workers."""
    from onestory.accounts.roles import ROLES

    def roles_with(permission):
        return [name for name, role in ROLES.items() if permission in role.permissions]

    victim_side = Q(role__in=roles_with(Permission.WORK_CASES)) & ~Q(
        agency__kind=AgencyKind.PERPETRATOR_SERVICE
    )
    own = Q(role__in=roles_with(Permission.SUPPORT_PARTNERS), agency=agency)
    return list(
        User.objects.filter(victim_side | own, is_active=True, agency__isnull=False)
        .select_related("agency")
        .order_by("agency__name", "last_name", "first_name")
    )


def own_partner_support(agency: Agency) -> User | None:
    """The service's own partner-support worker with the fewest interventions in progress,
    linked when the victim has no IDVA or outreach worker; None if the service has none."""
    from onestory.accounts.roles import ROLES

    roles = [n for n, r in ROLES.items() if Permission.SUPPORT_PARTNERS in r.permissions]
    workers = list(User.objects.filter(agency=agency, is_active=True, role__in=roles))
    if not workers:
        return None
    linked = dict(
        Intervention.objects.filter(partner_worker__in=workers, status=Status.ACTIVE)
        .values_list("partner_worker")
        .annotate(count=Count("id"))
    )
    return min(workers, key=lambda worker: (linked.get(worker.pk, 0), worker.pk))


@transaction.atomic
def record_referral(
    *,
    by,
    source: str,
    referred_on: date,
    given_name: str = "",
    family_name: str = "",
    date_of_birth: date | None = None,
    person: Person | None = None,
    referring_agency: Agency | None = None,
    reason: str = "",
    onward_referral: OnwardReferral | None = None,
    request: HttpRequest | None = None,
) -> Intervention:
    """A referral received by ``by``'s perpetrator service, for a person it already holds
    (``person``) or one it records now (named)."""
    if not may_take_referrals(by):
        raise PermissionDenied("Only a perpetrator service takes these referrals.")
    problems = {}
    if source not in Source.values:
        problems["source"] = "Select who made the referral"
    if problem := rules.date_problem(
        referred_on, today=timezone.localdate(), missing="Enter the date the referral was received"
    ):
        problems["referred_on"] = problem
    if person is None and not (given_name or "").strip():
        problems["given_name"] = "Enter their given name"
    if source == Source.SELF and referring_agency is not None:
        problems["referring_agency"] = "A self-referral has no referring agency"
    _refuse_problems(problems)
    if person is None:
        person = create_person(
            by=by,
            owning_agency=by.agency,
            given_name=given_name,
            family_name=family_name,
            date_of_birth=date_of_birth,
        )
    else:
        _require_full(by, person)
    return _created(
        Intervention,
        by=by,
        request=request,
        fields=["source", "referring_agency", "referred_on", "reason", "onward_referral"],
        person=person,
        agency=by.agency,
        source=source,
        referring_agency=referring_agency,
        referred_on=referred_on,
        reason=(reason or "").strip(),
        onward_referral=onward_referral,
        worker=by,
        created_by=by,
    )


def carried_from_onward(onward: OnwardReferral) -> dict:
    """What a programme referral made from ``onward`` carries, so nothing is typed again:
    who referred him (he himself, when the front door heard from him about his own
    behaviour), when it arrived, and why, with what had been done. The reason is left
    behind when it was kept location-secret: a perpetrator service never holds that."""
    own = (
        onward.from_referral is not None
        and onward.from_referral.source == IntakeSource.OWN_BEHAVIOUR
    )
    parts = [] if onward.location_secret else [onward.reason.strip(), onward.work_done.strip()]
    return {
        "person": onward.person,
        "source": rules.source_of_onward(agency_kind=onward.from_agency.kind, own_behaviour=own),
        "referring_agency": None if own else onward.from_agency,
        "referred_on": timezone.localdate(onward.sent_at),
        "reason": "\n\n".join(part for part in parts if part),
    }


def onward_refusal(by, onward: OnwardReferral) -> str | None:
    """Why ``by`` may not make a programme referral from ``onward`` now, or None."""
    if not may_take_referrals(by) or onward.to_agency_id != by.agency_id:
        return (
            "Only the perpetrator service this referral went to makes a programme referral from it."
        )
    if onward.status != OnwardStatus.ACCEPTED:
        return "Accept the onward referral first: a programme referral is made from it then."
    if Intervention.objects.filter(onward_referral=onward).exists():
        return "A programme referral has already been made from this onward referral."
    return None


@transaction.atomic
def record_referral_from_onward(
    *, by, onward: OnwardReferral, request: HttpRequest | None = None
) -> Intervention:
    """A referral to the programme, made from an onward referral the service accepted and
    carrying what it says (``carried_from_onward``)."""
    if problem := onward_refusal(by, onward):
        raise ValidationError(problem)
    return record_referral(
        by=by, request=request, onward_referral=onward, **carried_from_onward(onward)
    )


@transaction.atomic
def assess(
    *,
    by,
    intervention: Intervention,
    suitable: bool,
    readiness: str,
    assessed_on: date,
    risk_level: str,
    intervention_type: str = "",
    planned_weeks: int | None = None,
    notes: str = "",
    partner_worker: User | None = None,
    request: HttpRequest | None = None,
) -> Intervention:
    """The service's suitability and readiness assessment, with its risk assessment at
    intake. A suitable person starts the intervention on the day assessed."""
    _require_worker(by, intervention)
    if intervention.status != Status.REFERRED:
        raise ValidationError({"suitable": "This referral has already been assessed"})
    problems = rules.assessment_problems(
        suitable=suitable,
        readiness=readiness,
        intervention_type=intervention_type,
        planned_weeks=planned_weeks,
        assessed_on=assessed_on,
        referred_on=intervention.referred_on,
        today=timezone.localdate(),
    )
    if risk_level not in RiskLevel.values:
        problems["risk_level"] = "Select the level of risk they pose at intake"
    if partner_worker is not None and not may_be_linked(partner_worker, intervention.agency):
        problems["partner_worker"] = (
            "Choose the victim's IDVA or outreach worker, or this service's own "
            "partner-support worker"
        )
    _refuse_problems(problems)
    if partner_worker is None and suitable:
        partner_worker = own_partner_support(intervention.agency)
    intervention.suitable = suitable
    intervention.readiness = readiness
    intervention.assessed_on = assessed_on
    intervention.assessment_notes = (notes or "").strip()
    intervention.partner_worker = partner_worker
    if suitable:
        intervention.status = Status.ACTIVE
        intervention.intervention_type = intervention_type
        intervention.planned_weeks = planned_weeks
        intervention.started_on = assessed_on
    else:
        intervention.status = Status.NOT_SUITABLE
    intervention.save()
    _review(by, intervention, RiskStage.INTAKE, assessed_on, risk_level, "", request)
    audit.record(
        action=AuditAction.UPDATE,
        by=by,
        request=request,
        obj=intervention,
        fields=[
            "status",
            "suitable",
            "readiness",
            "assessed_on",
            "assessment_notes",
            "intervention_type",
            "planned_weeks",
            "started_on",
            "partner_worker",
        ],
    )
    return intervention


@transaction.atomic
def record_session(
    *,
    by,
    intervention: Intervention,
    session_on: date,
    status: str,
    notes: str = "",
    request: HttpRequest | None = None,
) -> Session:
    """A session offered, attended or missed. A missed session within four weeks of a
    threat is a risk event of its own, and tells the partner-support worker."""
    _require_worker(by, intervention)
    if status not in SessionStatus.values:
        raise ValidationError(
            {"status": "Select whether the session was offered, attended or missed"}
        )
    _refuse_problems(
        rules.session_problems(
            status=status,
            session_on=session_on,
            started_on=intervention.started_on,
            intervention_status=intervention.status,
            today=timezone.localdate(),
        )
    )
    session = _created(
        Session,
        by=by,
        request=request,
        person_id=intervention.person_id,
        fields=["session_on", "status", "notes"],
        intervention=intervention,
        session_on=session_on,
        status=status,
        notes=(notes or "").strip(),
        recorded_by=by,
    )
    if status == SessionStatus.MISSED:
        threats = intervention.risk_events.filter(kind=EventKind.THREAT).values_list(
            "occurred_on", flat=True
        )
        if rules.missed_after_threat(session_on, threats):
            _event(by, intervention, EventKind.MISSED_AFTER_THREAT, session_on, "", request)
    return session


@transaction.atomic
def record_risk_review(
    *,
    by,
    intervention: Intervention,
    stage: str,
    assessed_on: date,
    level: str,
    notes: str = "",
    request: HttpRequest | None = None,
) -> RiskReview:
    _require_worker(by, intervention)
    problems = {}
    if stage not in RiskStage.values:
        problems["stage"] = "Select the stage of the assessment"
    if level not in RiskLevel.values:
        problems["level"] = "Select the level of risk"
    if problem := rules.date_problem(
        assessed_on,
        today=timezone.localdate(),
        missing="Enter the date of the assessment",
        not_before=intervention.referred_on,
        before="The assessment cannot be before the referral",
    ):
        problems["assessed_on"] = problem
    _refuse_problems(problems)
    previous = intervention.risk_reviews.order_by("-assessed_on", "-id").first()
    review = _review(by, intervention, stage, assessed_on, level, notes, request)
    if rules.risk_raised(previous.level if previous else None, level):
        _event(by, intervention, EventKind.RISK_RAISED, assessed_on, "", request)
    return review


def _review(by, intervention, stage, assessed_on, level, notes, request) -> RiskReview:
    return _created(
        RiskReview,
        by=by,
        request=request,
        person_id=intervention.person_id,
        fields=["stage", "assessed_on", "level", "notes"],
        intervention=intervention,
        stage=stage,
        assessed_on=assessed_on,
        level=level,
        notes=(notes or "").strip(),
        recorded_by=by,
    )


@transaction.atomic
def record_risk_event(
    *,
    by,
    intervention: Intervention,
    kind: str,
    occurred_on: date,
    notes: str = "",
    request: HttpRequest | None = None,
) -> RiskEvent:
    """A disclosure, a threat, a new relationship and the like: recorded, and told at once
    to the partner-support worker."""
    _require_worker(by, intervention)
    problems = {}
    if kind not in EventKind.values:
        problems["kind"] = "Select what happened"
    if problem := rules.date_problem(
        occurred_on, today=timezone.localdate(), missing="Enter when it happened"
    ):
        problems["occurred_on"] = problem
    _refuse_problems(problems)
    return _event(by, intervention, kind, occurred_on, notes, request)


def _event(by, intervention, kind, occurred_on, notes, request, *, tell=True) -> RiskEvent:
    """A risk event; unless ``tell`` is off, the linked partner-support worker hears of it."""
    event = _created(
        RiskEvent,
        by=by,
        request=request,
        person_id=intervention.person_id,
        fields=["kind", "occurred_on", "notes"],
        intervention=intervention,
        kind=kind,
        occurred_on=occurred_on,
        notes=(notes or "").strip(),
        recorded_by=by,
    )
    if tell and intervention.partner_worker_id is not None:
        notify(
            by=by,
            recipients=[intervention.partner_worker],
            person=intervention.person,
            kind=kind,
            occurred_on=occurred_on,
            from_agency=intervention.agency,
        )
    return event


@transaction.atomic
def end_intervention(
    *,
    by,
    intervention: Intervention,
    ending: str,
    ended_on: date,
    reason: str = "",
    notes: str = "",
    exit_level: str = "",
    request: HttpRequest | None = None,
) -> Intervention:
    """Completion, drop-out or removal, with the reason and the service's exit risk
    assessment. A drop-out or removal is a risk event the partner-support worker hears of."""
    _require_worker(by, intervention)
    if intervention.status != Status.ACTIVE:
        raise ValidationError({"ending": "Only an intervention in progress can end"})
    problems = rules.end_problems(
        ending=ending,
        reason=reason,
        ended_on=ended_on,
        started_on=intervention.started_on,
        intervention_type=intervention.intervention_type,
        today=timezone.localdate(),
    )
    if exit_level and exit_level not in RiskLevel.values:
        problems["exit_level"] = "Select the level of risk at exit"
    _refuse_problems(problems)
    intervention.status = ending
    intervention.ended_on = ended_on
    intervention.end_reason = reason or (EndReason.COMPLETED if ending == Status.COMPLETED else "")
    intervention.end_notes = (notes or "").strip()
    intervention.save()
    audit.record(
        action=AuditAction.UPDATE,
        by=by,
        request=request,
        obj=intervention,
        fields=["status", "ended_on", "end_reason", "end_notes"],
    )
    if exit_level:
        record_risk_review(
            by=by,
            intervention=intervention,
            stage=RiskStage.EXIT,
            assessed_on=ended_on,
            level=exit_level,
            request=request,
        )
    if ending == Status.DROPPED_OUT:
        _event(by, intervention, EventKind.DISENGAGEMENT, ended_on, "", request)
    elif ending == Status.REMOVED:
        _event(by, intervention, EventKind.REMOVAL, ended_on, "", request)
    return intervention


@transaction.atomic
def record_order(
    *,
    by,
    person: Person,
    kind: str,
    starts_on: date | None,
    ends_on: date | None = None,
    conditions: str = "",
    protected: Iterable[Person] = (),
    electronic_monitoring: bool = False,
    duty_to_notify: bool = False,
    request: HttpRequest | None = None,
) -> Order:
    if not may_record_orders(by):
        raise PermissionDenied("You may not record orders about this person.")
    _require_full(by, person, "You may not record orders about this person.")
    protected = list(protected)
    problems = rules.order_problems(
        kind=kind, starts_on=starts_on, ends_on=ends_on, today=timezone.localdate()
    )
    if protected and not may_name_protected(by):
        problems["protected"] = "A perpetrator service does not name the people an order protects"
    for other in protected:
        other_grant = grant_for(by, other)
        if other.pk == person.pk or other_grant is None:
            problems["protected"] = "Choose protected people from those your agency may see"
    _refuse_problems(problems)
    order = _created(
        Order,
        by=by,
        request=request,
        fields=[
            "kind",
            "starts_on",
            "ends_on",
            "conditions",
            "protected",
            "electronic_monitoring",
            "duty_to_notify",
        ],
        person=person,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        conditions=(conditions or "").strip(),
        electronic_monitoring=electronic_monitoring,
        duty_to_notify=duty_to_notify,
        agency=by.agency,
        recorded_by=by,
    )
    order.protected.set(protected)
    return order


@transaction.atomic
def record_breach(
    *,
    by,
    order: Order,
    occurred_on: date | None,
    notes: str = "",
    request: HttpRequest | None = None,
) -> Breach:
    """A breach of an order: an incident against each protected person (counted towards
    MARAC potential escalation), a risk event on each open intervention, and an alert to
    every worker on the victim's side."""
    if not may_record_orders(by):
        raise PermissionDenied("You may not report breaches of this order.")
    _require_full(by, order.person, "You may not report breaches of this order.")
    if occurred_on is None:
        raise ValidationError({"occurred_on": "Enter the date of the breach"})
    _refuse_problems(
        rules.breach_problems(
            occurred_on=occurred_on,
            starts_on=order.starts_on,
            ends_on=order.ends_on,
            today=timezone.localdate(),
        )
    )
    breach = _created(
        Breach,
        by=by,
        request=request,
        person_id=order.person_id,
        fields=["occurred_on", "agency", "notes"],
        order=order,
        occurred_on=occurred_on,
        agency=by.agency,
        notes=(notes or "").strip(),
        recorded_by=by,
    )
    protected = list(order.protected.all())
    for victim in protected:
        incident = Incident.objects.create(
            person=victim,
            occurred_on=occurred_on,
            kind=IncidentKind.OTHER,
            summary=f"Breach of a {order.get_kind_display().lower()}",
            agency=by.agency,
            recorded_by=by,
        )
        incident.perpetrators.set([order.person])
        audit.record(
            action=AuditAction.CREATE,
            by=by,
            request=request,
            obj=incident,
            fields=["occurred_on", "kind", "summary", "perpetrators"],
        )
    recipients: dict[int, User] = {}
    open_interventions = order.person.harm_interventions.filter(status=Status.ACTIVE)
    for intervention in open_interventions.select_related("partner_worker"):
        # One alert per worker for the breach, sent below with the victim's lead workers.
        _event(by, intervention, EventKind.BREACH, occurred_on, "", request, tell=False)
        if intervention.partner_worker is not None:
            recipients[intervention.partner_worker.pk] = intervention.partner_worker
    leads = Case.objects.filter(
        person__in=protected, lead_worker__isnull=False, lead_worker__is_active=True
    ).exclude(status=CaseStatus.CLOSED)
    for case in leads.select_related("lead_worker"):
        recipients[case.lead_worker.pk] = case.lead_worker
    notify(
        by=by,
        recipients=list(recipients.values()),
        person=order.person,
        kind=EventKind.BREACH,
        occurred_on=occurred_on,
        from_agency=by.agency,
    )
    return breach


def notify(
    *, by, recipients: Iterable[User], person: Person, kind: str, occurred_on: date, from_agency
) -> list[PartnerAlert]:
    """An alert on each recipient's home page, and an email that names no one."""
    alerts = []
    for recipient in recipients:
        alert = PartnerAlert.objects.create(
            recipient=recipient,
            person=person,
            kind=kind,
            occurred_on=occurred_on,
            from_agency=from_agency,
        )
        audit.record(
            action=AuditAction.CREATE,
            by=by,
            obj=alert,
            reason=f"alert to user {recipient.pk}",
            fields=["kind", "occurred_on"],
        )
        alerts.append(alert)
        if recipient.email:
            message = _message(recipient)
            transaction.on_commit(lambda message=message: message.send(fail_silently=True))
    return alerts


def _message(to: User) -> EmailMessage:
    # Email is not a safe place for a case: it says only that something changed and where.
    body = (
        f"Hello {to.get_full_name() or to.username},\n\n"
        "The risk from a person using harm linked to someone you support has changed.\n\n"
        f"Sign in to OneStory and open your risk alerts ({reverse('harm:alerts')}) to see "
        "what happened.\n\nThis is an automatic message from OneStory."
    )
    return EmailMessage(
        subject="OneStory: a risk alert for someone you support",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to.email],
    )


@transaction.atomic
def mark_alerts_seen(*, by, request: HttpRequest | None = None) -> int:
    alerts = PartnerAlert.objects.filter(recipient=by, seen_at__isnull=True)
    ids = list(alerts.values_list("pk", flat=True))
    count = PartnerAlert.objects.filter(pk__in=ids).update(seen_at=timezone.now())
    audit.record(
        action=AuditAction.UPDATE,
        by=by,
        request=request,
        reason=f"risk alerts seen: {count}",
        fields=["seen_at"],
    )
    return count


@transaction.atomic
def open_family(
    *, by, person: Person, role: str, safety_reason: str = "", request: HttpRequest | None = None
) -> FamilyCase:
    """A family case led by ``by``, with ``person`` its first member."""
    _require_caseworker(by)
    _require_full(by, person)
    _refuse_problems(
        rules.member_problems(role=role, already_member=False, safety_reason=safety_reason)
    )
    family = FamilyCase.objects.create(
        agency=by.agency, lead_practitioner=by, opened_on=timezone.localdate(), created_by=by
    )
    audit.record(action=AuditAction.CREATE, by=by, request=request, obj=family)
    _member(by, family, person, role, safety_reason, "", "", request)
    return family


def _require_caseworker(by) -> None:
    if not by.has_permission(Permission.WORK_CASES):
        raise PermissionDenied("You may not see this person's record in full.")


def _member(by, family, person, role, safety_reason, needs, voice, request) -> FamilyMember:
    return _created(
        FamilyMember,
        by=by,
        request=request,
        fields=["role", "safety_reason", "needs", "voice"],
        family=family,
        person=person,
        role=role,
        safety_reason=(safety_reason or "").strip(),
        needs=(needs or "").strip(),
        voice=(voice or "").strip(),
        added_by=by,
    )


@transaction.atomic
def add_member(
    *,
    by,
    family: FamilyCase,
    person: Person,
    role: str,
    safety_reason: str = "",
    needs: str = "",
    voice: str = "",
    request: HttpRequest | None = None,
) -> FamilyMember:
    """Another adult or child, whose record ``by`` may see in full. A child's own needs
    and voice are recorded on their own membership, in their own words."""
    if not family_view(by, family):
        raise PermissionDenied("You are not working with this family.")
    _require_caseworker(by)
    _require_full(by, person)
    _refuse_problems(
        rules.member_problems(
            role=role,
            already_member=family.members.filter(person=person).exists(),
            safety_reason=safety_reason,
        )
    )
    return _member(by, family, person, role, safety_reason, needs, voice, request)


@transaction.atomic
def add_goal(
    *,
    by,
    family: FamilyCase,
    member: FamilyMember,
    description: str,
    request: HttpRequest | None = None,
) -> FamilyGoal:
    """A goal of the family plan, belonging to one member the worker sees in full."""
    _refuse_problems(
        rules.goal_problems(
            member_family_id=member.family_id if member is not None else None,
            family_id=family.pk,
            description=description or "",
        )
    )
    seen = {view.member.pk for view in family_view(by, family) if view.details}
    if member.pk not in seen:
        raise PermissionDenied("You may not add goals for this member.")
    return _created(
        FamilyGoal,
        by=by,
        request=request,
        person_id=member.person_id,
        fields=["description"],
        member=member,
        description=description.strip(),
        created_by=by,
    )
