"""Every change to a person's record: keyword arguments, an explicit ``by``, one transaction,
and an audit event naming the fields touched (never their values).

Each action checks the record with the model's own rules first, so impossible details (a
date of birth in the future, an invalid NHS number, a child recorded as an adult's partner)
raise ``ValidationError`` and nothing is saved.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from onestory import audit
from onestory.audit.models import AuditAction
from onestory.people import connections
from onestory.people.models import (
    Address,
    ContactMethod,
    Involvement,
    Person,
    PersonName,
    Relationship,
    SafeContactPlan,
)
from onestory.people.models.choices import ALWAYS_SECRET_ADDRESS_KINDS
from onestory.people.validators import nhs_number_digits

# The details a worker may set on a person, in the order forms show them (the rest of a
# person's fields are bookkeeping or derived).
DETAIL_ORDER = (
    "given_name",
    "family_name",
    "date_of_birth",
    "birth_year_estimate",
    "involvement",
    "sex",
    "gender_identity",
    "gender_same_as_sex_at_birth",
    "ethnicity",
    "sexual_orientation",
    "disability",
    "disability_kinds",
    "religion",
    "first_language",
    "interpreter_needed",
    "immigration_status",
    "no_recourse_to_public_funds",
    "nhs_number",
    "police_reference",
    "local_authority_reference",
)
PERSON_DETAILS = frozenset(DETAIL_ORDER)


def _check_details(details: dict) -> None:
    unknown = set(details) - PERSON_DETAILS
    if unknown:
        raise TypeError(f"not a person's detail: {', '.join(sorted(unknown))}")
    if "nhs_number" in details:
        details["nhs_number"] = nhs_number_digits(details["nhs_number"] or "")


@transaction.atomic
def create_person(
    *, by, owning_agency, given_name: str, family_name: str = "", date_of_birth=None, **details
) -> Person:
    """Record a new person, owned by ``owning_agency``."""
    _check_details(details)
    person = Person(
        owning_agency=owning_agency,
        given_name=(given_name or "").strip(),
        family_name=(family_name or "").strip(),
        date_of_birth=date_of_birth,
        created_by=by,
        **details,
    )
    person.full_clean()
    person.save()
    audit.record(
        action=AuditAction.CREATE,
        by=by,
        obj=person,
        fields={"given_name", "family_name", "date_of_birth", *details},
    )
    return person


@transaction.atomic
def update_person(*, by, person: Person, **changes) -> Person:
    """Change a person's details; only the fields that really changed are audited."""
    _check_details(changes)
    changed = {name for name, value in changes.items() if getattr(person, name) != value}
    if not changed:
        return person
    for name in changed:
        setattr(person, name, changes[name])
    person.full_clean()
    person.save(update_fields=changed)
    audit.record(action=AuditAction.UPDATE, by=by, obj=person, fields=changed)
    return person


@transaction.atomic
def add_name(
    *, by, person: Person, kind: str, given_name: str = "", family_name: str = ""
) -> PersonName:
    """Record another name: preferred, an alias, or a previous name (such as a maiden name)."""
    name = PersonName(
        person=person,
        kind=kind,
        given_name=(given_name or "").strip(),
        family_name=(family_name or "").strip(),
        created_by=by,
    )
    name.full_clean()
    name.save()
    audit.record(
        action=AuditAction.CREATE, by=by, obj=name, fields={"kind", "given_name", "family_name"}
    )
    return name


@transaction.atomic
def record_contact_method(
    *,
    by,
    person: Person,
    kind: str,
    value: str,
    label: str = "",
    safe_to_use: bool = False,
    safe_times: str = "",
    voicemail_allowed: bool = False,
    text_allowed: bool = False,
) -> ContactMethod:
    """Record a phone number or email address and whether and when it is safe to use."""
    contact = ContactMethod(
        person=person,
        kind=kind,
        value=(value or "").strip(),
        label=label,
        safe_to_use=safe_to_use,
        safe_times=safe_times,
        voicemail_allowed=voicemail_allowed,
        text_allowed=text_allowed,
        created_by=by,
    )
    contact.full_clean()
    contact.save()
    audit.record(
        action=AuditAction.CREATE,
        by=by,
        obj=contact,
        fields={
            "kind",
            "value",
            "label",
            "safe_to_use",
            "safe_times",
            "voicemail_allowed",
            "text_allowed",
        },
    )
    return contact


@transaction.atomic
def set_safe_contact_plan(
    *,
    by,
    person: Person,
    safe_word: str = "",
    only_through_professional: bool = False,
    professional_name: str = "",
    professional_agency: str = "",
    notes: str = "",
) -> SafeContactPlan:
    """Set how contact is made safely: a safe word, or only through a named professional."""
    plan = SafeContactPlan.objects.filter(person=person).first() or SafeContactPlan(person=person)
    creating = plan.pk is None
    values = {
        "safe_word": safe_word,
        "only_through_professional": only_through_professional,
        "professional_name": professional_name.strip(),
        "professional_agency": professional_agency.strip(),
        "notes": notes,
    }
    changed = {name for name, value in values.items() if getattr(plan, name) != value}
    for name, value in values.items():
        setattr(plan, name, value)
    plan.updated_by = by
    plan.updated_at = timezone.now()
    plan.full_clean()
    plan.save()
    audit.record(
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        by=by,
        obj=plan,
        fields=changed,
    )
    return plan


def secret_by_default(person: Person, kind: str) -> bool:
    """Whether a new address starts out location-secret.

    Refuges and safe accommodation always are. Otherwise every new address is secret unless
    the person is recorded as a person using harm: a victim's, a child's, or anyone's whose
    part is not yet known.
    """
    if kind in ALWAYS_SECRET_ADDRESS_KINDS:
        return True
    return person.involvement != Involvement.PERSON_USING_HARM


@transaction.atomic
def record_address(
    *,
    by,
    person: Person,
    kind: str,
    line_1: str,
    line_2: str = "",
    town: str = "",
    postcode: str = "",
    from_date: dt.date | None = None,
    to_date: dt.date | None = None,
    location_secret: bool | None = None,
    ends_current: bool = False,
) -> Address:
    """Record an address. ``location_secret=None`` takes the default (``secret_by_default``).

    Refuge and safe-accommodation addresses are secret whatever is asked. ``ends_current``
    closes the addresses still open on the day before this one starts.
    """
    if location_secret is None or kind in ALWAYS_SECRET_ADDRESS_KINDS:
        location_secret = secret_by_default(person, kind) if location_secret is None else True
    address = Address(
        person=person,
        kind=kind,
        line_1=line_1.strip(),
        line_2=line_2.strip(),
        town=town.strip(),
        postcode=postcode,
        from_date=from_date,
        to_date=to_date,
        location_secret=location_secret,
        created_by=by,
    )
    address.full_clean()
    address.save()
    audit.record(
        action=AuditAction.CREATE,
        by=by,
        obj=address,
        fields={
            "kind",
            "line_1",
            "line_2",
            "town",
            "postcode",
            "from_date",
            "to_date",
            "location_secret",
        },
    )
    if ends_current:
        ended_on = (from_date or timezone.localdate()) - dt.timedelta(days=1)
        for old in person.addresses.filter(to_date__isnull=True).exclude(pk=address.pk):
            if old.from_date is not None and old.from_date > ended_on:
                continue
            old.to_date = ended_on
            old.save(update_fields=["to_date"])
            audit.record(action=AuditAction.UPDATE, by=by, obj=old, fields={"to_date"})
    return address


@transaction.atomic
def record_relationship(
    *, by, person: Person, other_person: Person, kind: str, notes: str = ""
) -> Relationship:
    """Record how two people are connected: both held by one agency, or (when an agency
    that works with ``person`` adds someone it holds, such as the person using harm) the
    other person held by the agency of ``by``. The caller has checked that ``by`` may see
    ``person``'s record in full.

    Refused with a message when the connection is impossible: a person with themselves,
    people held by other agencies, or a child under 16 as an adult's partner.
    """
    if other_person.owning_agency_id not in {person.owning_agency_id, by.agency_id}:
        raise ValidationError(
            {"other_person": "You can only connect people whose records your agency holds."}
        )
    if other_person.pk == person.pk:
        raise ValidationError({"other_person": "A person cannot be connected to themselves."})
    if other_person.merged_into_id is not None:
        raise ValidationError(
            {"other_person": "That record was merged into another. Use the one it was kept as."}
        )
    if (
        kind in connections.RelationshipKind.values
        and Relationship.objects.filter(
            person=other_person, other_person=person, kind=connections.inverse(kind)
        ).exists()
    ):
        raise ValidationError({"kind": "This connection is already recorded."})
    relationship = Relationship(
        person=person, other_person=other_person, kind=kind, notes=notes, created_by=by
    )
    relationship.full_clean()
    relationship.save()
    for subject in (person, other_person):
        audit.record(
            action=AuditAction.CREATE,
            by=by,
            obj=relationship,
            person_id=subject.pk,
            fields={"person", "other_person", "kind", "notes"},
        )
    return relationship


@transaction.atomic
def connect_new_person(
    *,
    by,
    person: Person,
    kind: str,
    given_name: str,
    family_name: str = "",
    date_of_birth=None,
    notes: str = "",
    owning_agency=None,
    **details,
) -> Relationship:
    """Record someone new (often a child) and how they are connected. The new record is
    held by the same agency as ``person``, or by ``owning_agency`` (the agency of ``by``,
    when another agency that works with the person adds them).

    ``details`` are the new person's other details (such as an estimated year of birth).
    Both or neither: a connection that is refused leaves no new record behind.
    """
    if owning_agency is not None and owning_agency.pk not in {
        person.owning_agency_id,
        by.agency_id,
    }:
        raise PermissionDenied("A new record is held by your own agency.")
    other = create_person(
        by=by,
        owning_agency=owning_agency or person.owning_agency,
        given_name=given_name,
        family_name=family_name,
        date_of_birth=date_of_birth,
        **details,
    )
    return record_relationship(by=by, person=person, other_person=other, kind=kind, notes=notes)
