"""What the person page shows, built from what the viewer's grant allows.

A section whose fields the grant does not allow is left out entirely: no heading, no
"hidden" note, so a page never hints that a secret address exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from onestory.access.policy import Grant, Route, visible_persons
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import Permission
from onestory.core.registry import FieldClass
from onestory.people import connections
from onestory.people.models import (
    Address,
    ContactMethod,
    DisabilityKind,
    Person,
    PersonName,
    Relationship,
    SafeContactPlan,
)
from onestory.people.models.choices import ETHNICITY_GROUPS, NameKind

NOT_RECORDED = "Not recorded"

SUMMARY_FIELDS = ["date_of_birth", "involvement", "sex", "first_language"]
IDENTIFIER_FIELDS = ["nhs_number", "police_reference", "local_authority_reference"]
ABOUT_FIELDS = [
    "gender_identity",
    "gender_same_as_sex_at_birth",
    "ethnicity",
    "sexual_orientation",
    "disability",
    "religion",
    "immigration_status",
    "no_recourse_to_public_funds",
]


@dataclass(frozen=True)
class Row:
    label: str
    value: str


@dataclass(frozen=True)
class Connection:
    """One connection, read from this person's side. ``other`` (the link and the age) is only
    set when the viewer may open the other record, and ``name`` only when they may open it
    or the record's own holder holds the other one too: a connection never tells anyone who
    is on the far side of it (decision 0020)."""

    other: Person | None
    name: str
    description: str
    personally_connected: bool
    age: int | None

    @property
    def linkable(self) -> bool:
        return self.other is not None


@dataclass
class PersonPage:
    summary: list[Row]
    identifiers: list[Row]
    about: list[Row]
    other_names: list[PersonName] | None
    known_as: str
    professional_route: SafeContactPlan | None
    safe_contact: SafeContactPlan | None
    show_safe_contact: bool
    contact_methods: list[ContactMethod] | None
    addresses: list[Address] | None
    connections: list[Connection] | None
    may_edit: bool
    may_edit_location: bool
    may_merge: bool
    shown: set[str] = field(default_factory=set)


def format_nhs_number(value: str) -> str:
    return f"{value[:3]} {value[3:6]} {value[6:]}" if len(value) == 10 else value


def _label(name: str) -> str:
    return str(Person._meta.get_field(name).verbose_name)


def _value(person: Person, name: str, today) -> str:
    if name == "date_of_birth":
        if person.date_of_birth:
            return f"{date_format(person.date_of_birth, 'j F Y')} (age {person.age(today)})"
        if person.birth_year_estimate:
            year, age = person.birth_year_estimate, person.age(today)
            return f"Not known: born around {year} (age about {age})"
        return NOT_RECORDED
    if name == "first_language":
        language = person.first_language or NOT_RECORDED
        return f"{language}, needs an interpreter" if person.interpreter_needed else language
    if name == "nhs_number":
        return format_nhs_number(person.nhs_number) or NOT_RECORDED
    if name == "ethnicity" and person.ethnicity in ETHNICITY_GROUPS:
        return f"{ETHNICITY_GROUPS[person.ethnicity]}: {person.get_ethnicity_display()}"
    if name == "disability" and person.disability_kinds:
        kinds = ", ".join(DisabilityKind(kind).label.lower() for kind in person.disability_kinds)
        return f"{person.get_disability_display()}: {kinds}"
    display = getattr(person, f"get_{name}_display", None)
    value = display() if display is not None else getattr(person, name)
    return str(value) if value not in ("", None) else NOT_RECORDED


def _rows(person: Person, names: list[str], visible: set[str], today) -> list[Row]:
    return [Row(_label(name), _value(person, name, today)) for name in names if name in visible]


def _connections(person: Person, viewer) -> list[Connection]:
    rows = Relationship.objects.filter(Q(person=person) | Q(other_person=person)).select_related(
        "person", "other_person"
    )
    found = []
    for row in rows:
        mine = row.person_id == person.pk
        kind = row.kind if mine else connections.inverse(row.kind)
        other = row.other_person if mine else row.person
        found.append((other, kind))
    # The viewer's own agency's records need no look-up; anyone else's go through the policy.
    others = {other.pk for other, _ in found if other.owning_agency_id != viewer.agency_id}
    linkable = {other.pk for other, _ in found if other.owning_agency_id == viewer.agency_id}
    if others:
        linkable |= set(visible_persons(viewer).filter(pk__in=others).values_list("pk", flat=True))
    # A record shared with the viewer carries the holder's own knowledge of who is connected
    # to it: the people that agency also holds are named (not linked). Anyone else on the far
    # side of a connection stays unnamed, and at a perpetrator service so does everyone it
    # may not open: the victim's name never reaches the service working with him.
    perpetrator_side = viewer.agency_id is not None and (
        viewer.agency.kind == AgencyKind.PERPETRATOR_SERVICE
    )
    today = timezone.localdate()
    return [
        Connection(
            other=other if other.pk in linkable else None,
            name=other.display_name
            if other.pk in linkable
            or (not perpetrator_side and other.owning_agency_id == person.owning_agency_id)
            else "",
            description=connections.describe_other(kind),
            personally_connected=connections.is_personally_connected(kind),
            age=other.age(today) if other.pk in linkable else None,
        )
        for other, kind in found
    ]


def person_page(person: Person, grant: Grant, viewer) -> PersonPage:
    """Everything the page shows this viewer; ``shown`` names it for the audit."""
    today = timezone.localdate()
    visible = grant.visible_fields(Person)
    owner = grant.route == Route.OWNER
    may_edit = (
        owner and viewer.has_permission(Permission.EDIT_PERSON) and person.merged_into_id is None
    )
    other_names = list(person.other_names.all())
    preferred = [name for name in other_names if name.kind == NameKind.PREFERRED]
    plan = SafeContactPlan.objects.filter(person=person).first()
    location = grant.may_see(FieldClass.LOCATION_SECRET)
    page = PersonPage(
        summary=_rows(person, SUMMARY_FIELDS, visible, today),
        identifiers=_rows(person, IDENTIFIER_FIELDS, visible, today),
        about=_rows(person, ABOUT_FIELDS, visible, today),
        other_names=other_names,
        known_as=preferred[-1].display_name if preferred else "",
        professional_route=plan if plan is not None and plan.only_through_professional else None,
        safe_contact=plan if location else None,
        show_safe_contact=location,
        contact_methods=list(person.contact_methods.all()) if location else None,
        addresses=list(person.addresses.all()) if location else None,
        connections=_connections(person, viewer)
        if grant.may_see(FieldClass.SPECIAL_CATEGORY)
        else None,
        may_edit=may_edit,
        may_edit_location=may_edit and location,
        may_merge=owner
        and viewer.has_permission(Permission.MERGE_PERSONS)
        and person.merged_into_id is None,
    )
    page.shown = {
        name
        for name in visible
        if name in SUMMARY_FIELDS + IDENTIFIER_FIELDS + ABOUT_FIELDS + ["given_name", "family_name"]
    }
    page.shown |= {"other_names"}
    if page.professional_route is not None:
        page.shown |= {
            "safe_contact_plan.professional_name",
            "safe_contact_plan.professional_agency",
        }
    if location:
        page.shown |= {"safe_contact_plan", "contact_methods", "addresses"}
    if page.connections is not None:
        page.shown |= {"relationships"}
    return page
