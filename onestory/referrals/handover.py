"""The handover summary: the story told once, for the agency a referral went to.

It gathers who the person is, the story as the front door heard it, their risk assessments,
needs, children, how to contact them safely, what has been done and who else is involved,
limited by ``rules.handover_scope`` for the kind of agency receiving it. The sending agency
sees the same summary, so it knows exactly what went. ``shown`` names what was shown, for the
audit event (never the values).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from onestory.access.models import Share
from onestory.accounts.models import AgencyKind
from onestory.directory.choices import SupportKind
from onestory.intake.choices import Source
from onestory.intake.models import Referral
from onestory.people import connections
from onestory.people.connections import RelationshipKind
from onestory.people.models import Person, Relationship, SafeContactPlan
from onestory.referrals import rules
from onestory.referrals.models import OnwardReferral
from onestory.risk.models import RiskAssessment

NOT_RECORDED = "Not recorded"
OWN_WORDS_SOURCES = frozenset({Source.SELF, Source.OWN_BEHAVIOUR})


@dataclass(frozen=True)
class Row:
    label: str
    value: str


@dataclass(frozen=True)
class Child:
    name: str
    age: int | None


@dataclass(frozen=True)
class Story:
    text: str
    told: str  # who told it and when


@dataclass
class Handover:
    who: list[Row]
    story: Story | None
    story_withheld: bool
    assessments: list[RiskAssessment]
    needs: list[str]
    children: list[Child]
    children_note: str
    professional_route: SafeContactPlan | None
    contact: list[Row] | None  # None: safe contact details stay with the sending agency
    front_door: list[Row]
    other_referrals: list[OnwardReferral]
    involved: list[Row]
    shown: set[str] = field(default_factory=set)


def _day(moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y")


def _age_text(person: Person) -> str:
    today = timezone.localdate()
    if person.date_of_birth:
        return f"{date_format(person.date_of_birth, 'j F Y')} (age {person.age(today)})"
    if person.birth_year_estimate:
        return f"Not known: about {person.age(today)}"
    return NOT_RECORDED


def _display(person: Person, name: str) -> str:
    value = getattr(person, f"get_{name}_display")()
    return str(value) if value else NOT_RECORDED


def who(person: Person) -> list[Row]:
    language = person.first_language or NOT_RECORDED
    if person.interpreter_needed:
        language = f"{language}, needs an interpreter"
    return [
        Row("Name", person.display_name),
        Row("Date of birth", _age_text(person)),
        Row("How they are involved", _display(person, "involvement")),
        Row("Sex", _display(person, "sex")),
        Row("Gender", _display(person, "gender_identity")),
        Row("First language", language),
        Row("Disabled or has a long-term condition", _display(person, "disability")),
        Row("Immigration status", _display(person, "immigration_status")),
        Row("No recourse to public funds", _display(person, "no_recourse_to_public_funds")),
    ]


WHO_FIELDS = {
    "given_name",
    "family_name",
    "date_of_birth",
    "involvement",
    "sex",
    "gender_identity",
    "first_language",
    "interpreter_needed",
    "disability",
    "immigration_status",
    "no_recourse_to_public_funds",
}


def front_door_referral(referral: OnwardReferral) -> Referral | None:
    """The front-door referral whose story travels: the one it came from, or the sending
    agency's latest about this person. Another agency's referrals never travel."""
    if referral.from_referral_id is not None:
        return referral.from_referral
    return (
        Referral.objects.filter(
            person_id=referral.person_id, owning_agency_id=referral.from_agency_id
        )
        .order_by("-received_at", "-id")
        .first()
    )


def _story(source: Referral | None, scope: rules.HandoverScope) -> tuple[Story | None, bool]:
    if source is None or not source.story.strip():
        return None, False
    if not scope.story:
        return None, True
    when = _day(source.received_at)
    if source.source in OWN_WORDS_SOURCES:
        told = f"In their own words, to the front door on {when}"
    else:
        told = f"As told to the front door by a {source.get_source_display().lower()} on {when}"
    return Story(source.story, told), False


def _connections(person: Person) -> list[tuple[Person, str]]:
    rows = Relationship.objects.filter(Q(person=person) | Q(other_person=person)).select_related(
        "person", "other_person"
    )
    found = []
    for row in rows:
        mine = row.person_id == person.pk
        kind = row.kind if mine else connections.inverse(row.kind)
        found.append((row.other_person if mine else row.person, kind))
    return found


def _contact_rows(
    person: Person, plan: SafeContactPlan | None, source: Referral | None
) -> list[Row]:
    rows = []
    for method in person.contact_methods.filter(is_current=True):
        safe = "safe to use" if method.safe_to_use else "NOT safe to use"
        extra = [safe]
        if method.safe_times:
            extra.append(f"when: {method.safe_times}")
        extra.append("voicemail is safe" if method.voicemail_allowed else "no voicemail")
        label = method.label or method.get_kind_display()
        rows.append(Row(label, f"{method.value} ({'; '.join(extra)})"))
    if plan is not None and plan.safe_word:
        rows.append(Row("Safe word", plan.safe_word))
    if plan is not None and plan.notes:
        rows.append(Row("About safe contact", plan.notes))
    if source is not None:
        if source.phone:
            call = "safe to call" if source.safe_to_call else "NOT safe to call"
            rows.append(Row("Phone given to the front door", f"{source.phone} ({call})"))
        if source.safe_times:
            rows.append(Row("Safe times, as told to the front door", source.safe_times))
        if source.email:
            write = "safe to email" if source.safe_to_email else "NOT safe to email"
            rows.append(Row("Email given to the front door", f"{source.email} ({write})"))
    for address in person.addresses.all():
        if address.is_current:
            where = ", ".join(
                p for p in (address.line_1, address.line_2, address.town, address.postcode) if p
            )
            secret = " (kept secret)" if address.location_secret else ""
            rows.append(
                Row(f"Current address: {address.get_kind_display().lower()}", where + secret)
            )
    return rows


def _safe_contact_plan(person: Person) -> SafeContactPlan | None:
    """The person's plan, fetched with the referral when it was (``referrals.access``)."""
    try:
        return person.safe_contact_plan
    except ObjectDoesNotExist:
        return None


def build(referral: OnwardReferral, *, location: bool) -> Handover:
    """The handover for ``referral``; ``location`` is whether location-secret details travel."""
    person = referral.person
    service = referral.service
    perpetrator = (
        referral.to_agency.kind == AgencyKind.PERPETRATOR_SERVICE
        or service.kind == SupportKind.PERPETRATOR
    )
    source = front_door_referral(referral)
    own_words = source is not None and source.source == Source.OWN_BEHAVIOUR
    scope = rules.handover_scope(
        location=location, perpetrator_service=perpetrator, own_words=own_words
    )
    story, withheld = _story(source, scope)
    shown = set(WHO_FIELDS) | {
        "onward_referral.needs",
        "onward_referral.reason",
        "risk_assessments",
    }

    children, others = [], []
    today = timezone.localdate()
    for other, kind in _connections(person):
        if kind == RelationshipKind.PARENT_OF:
            children.append(
                Child(other.display_name if scope.names_of_others else "", other.age(today))
            )
        else:
            name = f": {other.display_name}" if scope.names_of_others else ""
            others.append(Row("Connected person", f"{connections.describe_other(kind)}{name}"))
    shown.add("relationships")
    children_note = ""
    if source is not None:
        children_note = f"Children in the household: {source.get_children_in_household_display()}"
        if source.children_count:
            children_note += f" ({source.children_count})"

    plan = _safe_contact_plan(person)
    professional = plan if plan is not None and plan.only_through_professional else None
    contact = None
    if scope.contact:
        contact = _contact_rows(person, plan, source)
        shown |= {"contact_methods", "addresses", "safe_contact_plan"}
        if source is not None:
            shown |= {"referral.phone", "referral.safe_times", "referral.email"}
    if story is not None:
        shown.add("referral.story")

    front_door = []
    if source is not None:
        front_door.append(
            Row(
                "Front-door referral",
                f"{source.reference}, received {_day(source.received_at)}",
            )
        )
        if source.first_contact_at:
            front_door.append(
                Row(
                    "First contact",
                    _day(source.first_contact_at),
                )
            )
        if source.outcome:
            front_door.append(Row("Triage outcome", source.get_outcome_display()))
        if scope.referrer and source.source == Source.PROFESSIONAL:
            front_door.append(
                Row(
                    "Referred by",
                    ", ".join(
                        p
                        for p in (
                            source.referrer_name,
                            source.referrer_role,
                            source.referrer_agency,
                        )
                        if p
                    ),
                )
            )
            shown |= {"referral.referrer_name", "referral.referrer_agency"}

    other_referrals = list(
        OnwardReferral.objects.filter(person=person, from_agency_id=referral.from_agency_id)
        .exclude(pk=referral.pk)
        .select_related("service")
        .order_by("-sent_at")
    )
    involved = [Row("Holds the record", str(referral.from_agency))]
    agencies = (
        Share.objects.active()
        .filter(person=person)
        .exclude(to_agency_id=referral.to_agency_id)
        .select_related("to_agency")
        .order_by("to_agency__name")
    )
    for name in dict.fromkeys(share.to_agency.name for share in agencies):
        involved.append(Row("Also sees the record", name))
    if professional is not None:
        involved.append(
            Row(
                "Contact only through",
                f"{professional.professional_name}, {professional.professional_agency}",
            )
        )
    involved += others
    return Handover(
        who=who(person),
        story=story,
        story_withheld=withheld,
        assessments=list(
            RiskAssessment.objects.filter(person=person)
            .select_related("agency")
            .order_by("-assessed_at", "-id")
        ),
        needs=[SupportKind(need).label for need in referral.needs],
        children=children,
        children_note=children_note,
        professional_route=professional,
        contact=contact,
        front_door=front_door,
        other_referrals=other_referrals,
        involved=involved,
        shown=shown,
    )
