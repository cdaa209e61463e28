"""Every change to a referral: keyword arguments, the acting user, one transaction, an audit event.

``by`` is the member of staff acting, or None for a referral from the public online forms.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from onestory import audit
from onestory.access import policy as person_policy
from onestory.accounts.models import Agency, AgencyKind, User
from onestory.accounts.roles import ROLES, Permission
from onestory.audit.models import AuditAction
from onestory.intake import carry_over as carrying
from onestory.intake import rules
from onestory.intake.choices import Channel, ContactMethod, Outcome, Service, Urgency
from onestory.intake.models import CONSENT_FIELDS, Referral
from onestory.people import actions as people_actions
from onestory.people.actions import create_person
from onestory.people.models import (
    AddressKind,
    ContactKind,
    Involvement,
    NameKind,
    Person,
    RelationshipKind,
)

# The answers a referral is made from; everything else is set by the front door.
ANSWER_FIELDS = frozenset(
    {
        "source",
        "given_name",
        "family_name",
        "other_names",
        "date_of_birth",
        "approximate_age",
        "gender",
        "area",
        "postcode",
        "children_in_household",
        "children_count",
        "children",
        "interpreter_needed",
        "interpreter_language",
        "form_language",
        "story",
        "children_live_with",
        "in_touch_with_services",
        "services_in_touch",
        "phone",
        "safe_to_call",
        "safe_times",
        "voicemail_allowed",
        "safe_to_text",
        "email",
        "safe_to_email",
        "safe_word",
        "contact_only_through_professional",
        "professional_contact",
        "referrer_name",
        "referrer_relationship",
        "referrer_agency_kind",
        "referrer_agency",
        "referrer_role",
        "referrer_phone",
        "referrer_email",
        "urgency",
        *CONSENT_FIELDS.values(),
    }
)

_REFERENCE_ATTEMPTS = 5


class NoFrontDoor(Exception):
    """The partnership has no central point of contact to own referrals."""


def central_point_of_contact() -> Agency:
    """The one active agency of the central-point-of-contact kind, or NoFrontDoor saying why."""
    agencies = list(
        Agency.objects.filter(kind=AgencyKind.CENTRAL_POINT_OF_CONTACT, is_active=True)[:2]
    )
    if not agencies:
        raise NoFrontDoor(
            "No agency is set up as the central point of contact, so referrals cannot be "
            "taken. A system administrator must add one."
        )
    if len(agencies) > 1:
        raise NoFrontDoor(
            "More than one active agency is set up as the central point of contact, so it is "
            "not clear which should receive referrals. A system administrator must keep one."
        )
    return agencies[0]


def consent_answers(services: Iterable[str]) -> dict[str, bool]:
    """The consent fields for a list of services agreed to (all others are not agreed)."""
    agreed = {Service(service) for service in services}
    return {field: service in agreed for service, field in CONSENT_FIELDS.items()}


@transaction.atomic
def submit_referral(
    *,
    by: User | None = None,
    channel: Channel,
    request: HttpRequest | None = None,
    submission_token: str | None = None,
    person: Person | None = None,
    new_person: bool = False,
    **answers,
) -> Referral:
    """Record a referral to the front door and return it.

    A second submission with the same ``submission_token`` returns the first referral and
    records nothing new, so a double submit makes one referral. ``person`` links it at once
    (the phone intake screen), and ``new_person`` makes a person record from the answers and
    links that. Raises ValidationError for answers that break the rules, and NoFrontDoor.
    """
    unknown = set(answers) - ANSWER_FIELDS
    if unknown:
        raise TypeError(f"not referral answers: {', '.join(sorted(unknown))}")
    problems = rules.referral_problems(answers, today=timezone.localdate())
    if problems:
        raise ValidationError(problems)
    if submission_token:
        existing = Referral.objects.filter(submission_token=submission_token).first()
        if existing is not None:
            return existing
    owner = central_point_of_contact()
    now = timezone.now()
    for _attempt in range(_REFERENCE_ATTEMPTS):
        referral = Referral(
            reference=rules.new_reference(),
            owning_agency=owner,
            received_at=now,
            channel=channel,
            submission_token=submission_token or None,
            submitted_by=by,
            **answers,
        )
        try:
            with transaction.atomic():
                referral.save()
        except IntegrityError:
            if submission_token:
                existing = Referral.objects.filter(submission_token=submission_token).first()
                if existing is not None:
                    return existing
            if Referral.objects.filter(reference=referral.reference).exists():
                continue  # two references the same: draw again
            raise
        audit.record(
            action=AuditAction.CREATE,
            by=by,
            request=request,
            obj=referral,
            fields=[name for name, value in answers.items() if value not in ("", None, False)],
            reason=f"referral received by {Channel(channel).label.lower()}",
        )
        if person is not None:
            link_person(referral=referral, person=person, by=by, request=request)
        elif new_person:
            create_person_for_referral(referral=referral, by=by, request=request)
        return Referral.objects.get(pk=referral.pk)
    raise IntegrityError("Could not draw an unused referral reference.")


def _locked(referral: Referral) -> Referral:
    return Referral.objects.select_for_update().get(pk=referral.pk)


def _audit_change(referral: Referral, *, by: User, request, fields: list[str], reason="") -> None:
    audit.record(
        action=AuditAction.UPDATE,
        by=by,
        request=request,
        obj=referral,
        fields=fields,
        reason=reason,
    )


def assignable_workers(agency: Agency):
    """The owning agency's active staff whose role lets them triage."""
    roles = [name for name, role in ROLES.items() if Permission.TRIAGE in role.permissions]
    return User.objects.filter(agency=agency, is_active=True, role__in=roles).order_by(
        "first_name", "last_name", "username"
    )


@transaction.atomic
def assign_referral(
    *, referral: Referral, to: User, by: User, request: HttpRequest | None = None
) -> Referral:
    """Give the referral to a worker of its agency. Taking it yourself needs only triage."""
    if to.pk != by.pk and not by.has_permission(Permission.ASSIGN_WORK):
        raise PermissionDenied("Your role does not allow assigning work to others.")
    referral = _locked(referral)
    if not assignable_workers(referral.owning_agency).filter(pk=to.pk).exists():
        raise ValidationError({"assigned_to": "Choose a worker from this agency's front door"})
    try:
        referral.status = rules.next_status(referral.status, rules.Event.ASSIGN)
    except rules.TransitionRefused as refused:
        raise ValidationError({"assigned_to": str(refused)}) from None
    referral.assigned_to, referral.assigned_at = to, timezone.now()
    referral.save(update_fields=["status", "assigned_to", "assigned_at"])
    _audit_change(referral, by=by, request=request, fields=["assigned_to", "status"])
    return referral


@transaction.atomic
def record_first_contact(
    *,
    referral: Referral,
    method: ContactMethod,
    by: User,
    at: datetime | None = None,
    request: HttpRequest | None = None,
) -> Referral:
    """Record when, and how, the front door first reached the person."""
    referral = _locked(referral)
    now = timezone.now()
    at = at or now
    problem = rules.first_contact_time_problem(at, received_at=referral.received_at, now=now)
    if problem:
        raise ValidationError({"when": problem})
    try:
        referral.status = rules.next_status(
            referral.status,
            rules.Event.FIRST_CONTACT,
            contacted=referral.first_contact_at is not None,
        )
    except rules.TransitionRefused as refused:
        raise ValidationError({"method": str(refused)}) from None
    referral.first_contact_at, referral.first_contact_method = at, ContactMethod(method)
    referral.first_contact_by = by
    if referral.assigned_to_id is None:
        referral.assigned_to, referral.assigned_at = by, now
    referral.save(
        update_fields=[
            "status",
            "first_contact_at",
            "first_contact_method",
            "first_contact_by",
            "assigned_to",
            "assigned_at",
        ]
    )
    _audit_change(
        referral, by=by, request=request, fields=["first_contact_at", "first_contact_method"]
    )
    return referral


@transaction.atomic
def record_outcome(
    *,
    referral: Referral,
    outcome: Outcome,
    reason: str,
    by: User,
    signposted_to: str = "",
    request: HttpRequest | None = None,
) -> Referral:
    """Close the referral with a triage outcome and the reason for it."""
    problems = {}
    if not reason.strip():
        problems["reason"] = "Enter the reason for this outcome"
    if outcome == Outcome.SIGNPOSTED and not signposted_to.strip():
        problems["signposted_to"] = "Enter where the person was signposted to"
    if problems:
        raise ValidationError(problems)
    referral = _locked(referral)
    try:
        referral.status = rules.next_status(referral.status, rules.Event.OUTCOME)
    except rules.TransitionRefused as refused:
        raise ValidationError({"outcome": str(refused)}) from None
    referral.outcome, referral.outcome_reason = Outcome(outcome), reason.strip()
    referral.signposted_to = signposted_to.strip() if outcome == Outcome.SIGNPOSTED else ""
    referral.outcome_at, referral.outcome_by = timezone.now(), by
    referral.save(
        update_fields=[
            "status",
            "outcome",
            "outcome_reason",
            "signposted_to",
            "outcome_at",
            "outcome_by",
        ]
    )
    _audit_change(
        referral,
        by=by,
        request=request,
        fields=["outcome", "outcome_reason", "signposted_to", "status"],
    )
    return referral


@transaction.atomic
def change_urgency(
    *, referral: Referral, urgency: Urgency, by: User, request: HttpRequest | None = None
) -> Referral:
    referral = _locked(referral)
    try:
        rules.next_status(referral.status, rules.Event.ASSIGN)  # refuses a closed referral
    except rules.TransitionRefused as refused:
        raise ValidationError({"urgency": str(refused)}) from None
    referral.urgency = Urgency(urgency)
    referral.save(update_fields=["urgency"])
    _audit_change(referral, by=by, request=request, fields=["urgency"])
    return referral


@transaction.atomic
def link_person(
    *, referral: Referral, person: Person, by: User, request: HttpRequest | None = None
) -> Referral:
    """Say which person record this referral is about. Nothing is merged."""
    if person_policy.grant_for(by, person) is None:
        raise PermissionDenied("That person is not visible to you.")
    referral = _locked(referral)
    referral.person, referral.linked_at, referral.linked_by = person, timezone.now(), by
    referral.save(update_fields=["person", "linked_at", "linked_by"])
    _audit_change(referral, by=by, request=request, fields=["person"], reason="linked to a person")
    return referral


@transaction.atomic
def create_person_for_referral(
    *, referral: Referral, by: User, request: HttpRequest | None = None
) -> Person:
    """Make a new person record from everything the referral gives, and link it.

    The person's name, date of birth (or the year an age gives), gender, other name,
    language, every phone and email with what is safe to do with it, the safe word, the
    contact-through-a-professional choice and the postcode (kept location-secret) all go on
    the new record, so nobody asks for them again.
    """
    person = create_person(
        by=by,
        owning_agency=referral.owning_agency,
        given_name=referral.given_name,
        family_name=referral.family_name,
    )
    found = carrying.offers(referral, today=timezone.localdate())
    _take(person, found, by=by)
    link_person(referral=referral, person=person, by=by, request=request)
    return person


@transaction.atomic
def link_person_taking(
    *,
    referral: Referral,
    person: Person,
    take: Iterable[str],
    by: User,
    request: HttpRequest | None = None,
) -> Referral:
    """Link the referral to a person already known and take the new details chosen.

    ``take`` names details from ``carry_over.offers``; a detail the record already holds is
    left as it is, and a location-secret detail is taken only by someone who may see the
    person's location-secret details.
    """
    grant = person_policy.grant_for(by, person)
    if grant is None:
        raise PermissionDenied("That person is not visible to you.")
    wanted = set(take)
    found = carrying.offers(referral, today=timezone.localdate())
    unknown = wanted - {offer.key for offer in found}
    if unknown:
        raise ValidationError({"take": "Choose details the referral gives."})
    if wanted and not grant.full:
        raise ValidationError({"take": "Only the agency holding the full record can add to it."})
    differences = carrying.compare(found, carrying.held_by(person))
    chosen = [
        d.offer
        for d in differences
        if d.key in wanted
        and d.state != carrying.State.SAME
        and (grant.location or not d.offer.location_secret)
    ]
    _take(person, chosen, by=by)
    return link_person(referral=referral, person=person, by=by, request=request)


def _connect_children(person: Person, children: list[dict], *, by: User) -> None:
    """Each child named who is not connected to the person yet gets a record of their own,
    held with the person's, connected as living in the same household."""
    known = {
        name.split(" ")[0].lower()
        for name in [r.other_person.given_name for r in person.relationships.all()]
        + [r.person.given_name for r in person.relationships_to.all()]
    }
    for child in children:
        if child["name"].split(" ")[0].lower() in known:
            continue
        given, _, family = child["name"].partition(" ")
        people_actions.connect_new_person(
            by=by,
            person=person,
            kind=RelationshipKind.HOUSEHOLD_MEMBER,
            given_name=given,
            family_name=family,
            notes="A child named at the front door as living with them",
            involvement=Involvement.CHILD_VICTIM,
            birth_year_estimate=child["birth_year_estimate"],
        )


def _take(person: Person, found: list[carrying.Offer], *, by: User) -> None:
    """Record each detail on the person through the person's own actions (each audited)."""
    changes = {}
    for offer in found:
        value = offer.value
        if offer.key == "date_of_birth":
            changes["date_of_birth"] = value
        elif offer.key == "birth_year_estimate":
            if person.date_of_birth is None:
                changes["birth_year_estimate"] = value
        elif offer.key == "gender_identity":
            changes["gender_identity"] = value
        elif offer.key == "interpreter":
            changes["interpreter_needed"], language = value
            if language:
                changes["first_language"] = language
        elif offer.key == "other_name":
            people_actions.add_name(by=by, person=person, kind=NameKind.ALIAS, given_name=value)
        elif offer.key in ("phone", "email"):
            people_actions.record_contact_method(
                by=by,
                person=person,
                kind=ContactKind.PHONE if offer.key == "phone" else ContactKind.EMAIL,
                label=carrying.FROM_FRONT_DOOR,
                **value,
            )
        elif offer.key in ("safe_word", "through_professional"):
            plan = getattr(person, "safe_contact_plan", None)
            current = {
                "safe_word": plan.safe_word if plan else "",
                "only_through_professional": plan.only_through_professional if plan else False,
                "professional_name": plan.professional_name if plan else "",
                "professional_agency": plan.professional_agency if plan else "",
                "notes": plan.notes if plan else "",
            }
            if offer.key == "safe_word":
                current["safe_word"] = value
            else:
                name, agency = value
                current |= {
                    "only_through_professional": True,
                    "professional_name": name or "Named in the front-door referral",
                    "professional_agency": agency,
                }
            person.safe_contact_plan = people_actions.set_safe_contact_plan(
                by=by, person=person, **current
            )
        elif offer.key == "children":
            _connect_children(person, value, by=by)
        elif offer.key == "postcode":
            people_actions.record_address(
                by=by,
                person=person,
                kind=AddressKind.HOME,
                line_1="",
                postcode=value,
                location_secret=True,
            )
    if changes:
        people_actions.update_person(by=by, person=person, **changes)


def first_contact_targets() -> dict[str, int]:
    return dict(settings.FIRST_CONTACT_TARGETS)
