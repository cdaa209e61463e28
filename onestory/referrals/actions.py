"""Every change to an onward referral: keyword arguments, the acting user, one transaction,
an audit event, and a row in the transitions table.

A refusal the user can put right raises ``ValidationError`` keyed by argument name
(``NON_FIELD_ERRORS`` for the whole request); a refusal they cannot (the wrong role, the
wrong agency) raises ``PermissionDenied``. ``request``, when given, only supplies the address
recorded in the audit event.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from onestory import audit
from onestory.access.actions import grant_share
from onestory.access.models import Share, ShareScope
from onestory.access.policy import may_see_location
from onestory.accounts.models import User
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.free_text import must_keep_location_secret
from onestory.directory.eligibility import refusals
from onestory.directory.models import Service
from onestory.intake.choices import Outcome
from onestory.intake.choices import Status as TriageStatus
from onestory.intake.models import CONSENT_FIELDS, Referral
from onestory.people.models import Person
from onestory.referrals import circumstances, rules
from onestory.referrals.choices import OPEN_STATUSES, Basis, Consent, Event, Status
from onestory.referrals.models import OnwardReferral
from onestory.referrals.transitions import record_event

SENT_FIELDS = (
    "person",
    "service",
    "needs",
    "reason",
    "work_done",
    "basis",
    "basis_reason",
    "consent",
    "consent_note",
    "from_referral",
    "location_secret",
)


def consent_on_file(referral: Referral | None, service_kind: str) -> bool:
    """Whether the front-door referral recorded consent to share with this kind of service."""
    kind = rules.CONSENT_FOR_KIND.get(service_kind)
    if referral is None or kind is None:
        return False
    return bool(getattr(referral, CONSENT_FIELDS[kind]))


def _check_sender(by: User, person: Person) -> None:
    if not by.has_permission(Permission.SHARE_RECORDS):
        raise PermissionDenied("Your role does not allow referring people on.")
    if by.agency_id is None or by.agency_id != person.owning_agency_id:
        raise PermissionDenied("Only the agency that holds this person's record can refer them on.")


def _service_problem(service: Service, by: User) -> str | None:
    if not service.is_active:
        return "This service is not running at the moment: choose another"
    if not service.takes_referrals:
        return (
            "This service does not take referrals through OneStory: signpost the person to it "
            "instead"
        )
    if service.agency_id == by.agency_id:
        return "Your own agency runs this service: no referral is needed"
    if not service.agency.is_active:
        return "The agency that runs this service is no longer part of the partnership"
    return None


def _existing_share(person: Person, service: Service) -> Share | None:
    return (
        Share.objects.active(timezone.now())
        .filter(person=person, to_agency_id=service.agency_id)
        .order_by("scope")
        .first()
    )


def send_onward_referral(
    *,
    person: Person,
    service: Service,
    reason: str,
    basis: str,
    needs: Iterable[str] = (),
    work_done: str = "",
    basis_reason: str = "",
    consent: str = Consent.NOT_ASKED,
    consent_note: str = "",
    from_referral: Referral | None = None,
    close_front_door_referral: bool = False,
    submission_token: str | None = None,
    keep_location_secret: bool = False,
    by: User,
    request: HttpRequest | None = None,
) -> OnwardReferral:
    """Refer ``person`` to ``service`` and share their record with the agency that runs it.

    Free text that looks as if it holds an address is refused (``AddressInText``) unless
    ``keep_location_secret``: it is then shown only to staff who may know where the person is.

    A second call with the same ``submission_token`` returns the first referral and changes
    nothing, so a double submit makes one referral.
    """
    _check_sender(by, person)
    if submission_token:
        existing = OnwardReferral.objects.filter(submission_token=submission_token).first()
        if existing is not None:
            return existing
    if from_referral is not None and from_referral.owning_agency_id != by.agency_id:
        raise PermissionDenied("That front-door referral is not your agency's.")
    needs = list(dict.fromkeys(needs))
    reason, work_done = reason.strip(), work_done.strip()
    basis_reason, consent_note = basis_reason.strip(), consent_note.strip()
    secret = must_keep_location_secret(
        {"reason": reason, "work_done": work_done, "basis_reason": basis_reason},
        keep_location_secret=keep_location_secret,
    )
    try:
        with transaction.atomic():
            referral = _send(
                person=person,
                service=service,
                reason=reason,
                basis=basis,
                needs=needs,
                work_done=work_done,
                basis_reason=basis_reason,
                location_secret=secret,
                consent=consent,
                consent_note=consent_note,
                from_referral=from_referral,
                submission_token=submission_token or None,
                by=by,
                request=request,
            )
            if close_front_door_referral and from_referral is not None:
                _close_front_door_referral(from_referral, service, by=by, request=request)
    except IntegrityError:
        if submission_token:
            existing = OnwardReferral.objects.filter(submission_token=submission_token).first()
            if existing is not None:
                return existing
        raise
    return referral


def _send(*, person, service, needs, from_referral, submission_token, by, request, **answers):
    # Lock the person so two sends at once cannot both pass the duplicate check.
    list(Person.objects.select_for_update().filter(pk=person.pk).values_list("pk"))
    service = Service.objects.select_related("agency").prefetch_related("areas").get(pk=service.pk)
    problems: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        problems.setdefault(key, []).append(message)

    problem = _service_problem(service, by)
    if problem:
        add("service", problem)
    if from_referral is not None and from_referral.person_id != person.pk:
        add("from_referral", "That front-door referral is about someone else")
    facts = circumstances.for_person(person, referral=from_referral)
    for refusal in refusals(facts, circumstances.eligibility_of(service)):
        add("service", f"This service does not take them. {refusal}")
    on_file = consent_on_file(from_referral, service.kind)
    for key, message in rules.consent_problems(
        basis=answers["basis"],
        basis_reason=answers["basis_reason"],
        consent=answers["consent"],
        consent_note=answers["consent_note"],
        consent_on_file=on_file,
        risk_level=facts.risk_level,
    ).items():
        add(key, message)
    if not answers["reason"]:
        add("reason", "Say why you are referring them")
    needs_problem = rules.needs_problem(needs)
    if needs_problem:
        add("needs", needs_problem)
    duplicate = (
        OnwardReferral.objects.filter(person=person, service=service, status__in=OPEN_STATUSES)
        .order_by("-sent_at")
        .first()
    )
    if duplicate is not None:
        add(
            "service",
            f"They already have an open referral to this service, sent on "
            f"{timezone.localtime(duplicate.sent_at):%-d %B %Y}",
        )
    existing_share = _existing_share(person, service) if service.agency_id else None
    if existing_share is not None and existing_share.scope != ShareScope.FULL:
        add(
            "service",
            f"{service.agency} can already see a summary of this record. Revoke that share "
            "first, so the referral can share the whole story",
        )
    if problems:
        raise ValidationError(problems)

    share = None
    if existing_share is None:
        share = _share_for(
            person,
            service,
            basis=answers["basis"],
            basis_reason=answers["basis_reason"],
            by=by,
            request=request,
        )
    now = timezone.now()
    referral = OnwardReferral.objects.create(
        person=person,
        from_agency_id=by.agency_id,
        to_agency_id=service.agency_id,
        service=service,
        from_referral=from_referral,
        needs=needs,
        consent_on_file=on_file,
        share=share,
        submission_token=submission_token,
        sent_by=by,
        sent_at=now,
        status=Status.SENT,
        **{key: value for key, value in answers.items()},
    )
    record_event(referral, event=Event.SEND, from_status="", by=by, at=now)
    audit.record(
        action=AuditAction.CREATE,
        by=by,
        request=request,
        obj=referral,
        fields=SENT_FIELDS,
        reason=f"onward referral to {service.name} ({Basis(answers['basis']).label.lower()})",
    )
    return referral


def _share_for(person, service, *, basis, basis_reason, by, request) -> Share:
    """Share the record with the agency that runs the service, as the referral needs."""
    includes_location = rules.location_travels(
        service_kind=service.kind, agency_kind=service.agency.kind
    ) and may_see_location(by, owner=True)
    why = f"Onward referral to {service.name}."
    if basis_reason:
        why = f"{why} {basis_reason}"
    try:
        return grant_share(
            person=person,
            to_agency=service.agency,
            scope=ShareScope.FULL,
            lawful_basis=rules.SHARE_BASIS[Basis(basis)],
            reason=why,
            includes_location=includes_location,
            by=by,
            request=request,
        )
    except ValidationError as refused:
        # The share's own rules speak of agencies; the worker chose a service.
        raise ValidationError({"service": refused.messages}) from None


def _close_front_door_referral(referral: Referral, service: Service, *, by, request) -> None:
    from onestory.intake.actions import record_outcome

    if referral.status == TriageStatus.CLOSED:
        return
    if not by.has_permission(Permission.TRIAGE):
        raise PermissionDenied("Your role does not allow closing front-door referrals.")
    record_outcome(
        referral=referral,
        outcome=Outcome.REFERRED_ON,
        reason=f"Referred on to {service.name} through OneStory.",
        by=by,
        request=request,
    )


def may_send(user: User, person: Person) -> bool:
    """Whether ``user`` may refer ``person`` on (for showing the choice, not for deciding)."""
    return (
        user.has_permission(Permission.SHARE_RECORDS)
        and user.agency_id is not None
        and user.agency_id == person.owning_agency_id
    )
