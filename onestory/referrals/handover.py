"""The handover summary: the story told once, for the agency a referral went to.

It gathers who the person is, the story as the front door heard it, their risk assessments,
needs, children, how to contact them safely, what has been done and who else is involved.
What of it is shown is computed, field by field, from each field's class and the grant it is
read under (``Grant.sees``): the receiving agency's own grant to the person (its share's
scope, and location only where the share carries it and the reader may see it), or, for the
sending agency, what the share to the receiving agency carries (``policy.carried_by``).
``rules.handover_scope`` narrows it further for a perpetrator service. The sending agency
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
from onestory.access.policy import Grant
from onestory.accounts.models import AgencyKind
from onestory.directory.choices import SupportKind
from onestory.intake.choices import Source
from onestory.intake.models import Referral
from onestory.people import connections
from onestory.people.connections import RelationshipKind
from onestory.people.models import Address, ContactMethod, Person, Relationship, SafeContactPlan
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
    story_withheld: str  # why the story is not shown, or "" when it is (or there is none)
    assessments: list[RiskAssessment]
    risk_withheld: bool  # the assessments exist but the grant does not reach them
    narrative: bool  # whether the latest assessment's narrative is shown
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


def who(person: Person, view: Grant) -> tuple[list[Row], set[str]]:
    """The rows about who the person is that ``view`` reaches, and the fields they show."""
    language = person.first_language or NOT_RECORDED
    if person.interpreter_needed:
        language = f"{language}, needs an interpreter"
    rows = [
        (Row("Name", person.display_name), ("given_name", "family_name")),
        (Row("Date of birth", _age_text(person)), ("date_of_birth", "birth_year_estimate")),
        (Row("How they are involved", _display(person, "involvement")), ("involvement",)),
        (Row("Sex", _display(person, "sex")), ("sex",)),
        (Row("Gender", _display(person, "gender_identity")), ("gender_identity",)),
        (Row("First language", language), ("first_language", "interpreter_needed")),
        (
            Row("Disabled or has a long-term condition", _display(person, "disability")),
            ("disability",),
        ),
        (
            Row("Immigration status", _display(person, "immigration_status")),
            ("immigration_status",),
        ),
        (
            Row("No recourse to public funds", _display(person, "no_recourse_to_public_funds")),
            ("no_recourse_to_public_funds",),
        ),
    ]
    shown_rows, shown = [], set()
    for row, fields in rows:
        if all(view.sees(Person, name) for name in fields):
            shown_rows.append(row)
            shown |= set(fields)
    return shown_rows, shown


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


STORY_NOT_FOR_THIS_SERVICE = (
    "What others told the front door is not shared with this kind of service."
)
STORY_NOT_IN_THE_SHARE = "The story as the front door heard it is not part of this share."


def _story(
    source: Referral | None, scope: rules.HandoverScope, view: Grant
) -> tuple[Story | None, str]:
    if source is None or not source.story.strip():
        return None, ""
    if not view.sees(Referral, "story"):
        return None, STORY_NOT_IN_THE_SHARE
    if not scope.story:
        return None, STORY_NOT_FOR_THIS_SERVICE
    when = _day(source.received_at)
    if source.source in OWN_WORDS_SOURCES:
        told = f"In their own words, to the front door on {when}"
    else:
        told = f"As told to the front door by a {source.get_source_display().lower()} on {when}"
    return Story(source.story, told), ""


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
    person: Person, plan: SafeContactPlan | None, source: Referral | None, view: Grant
) -> tuple[list[Row], set[str]]:
    """Safe contact details, each as far as ``view`` reaches (all are location-secret)."""
    rows: list[Row] = []
    shown: set[str] = set()
    if view.sees(ContactMethod, "value"):
        rows += _contact_methods(person)
        shown.add("contact_methods")
    if plan is not None and plan.safe_word and view.sees(SafeContactPlan, "safe_word"):
        rows.append(Row("Safe word", plan.safe_word))
        shown.add("safe_contact_plan.safe_word")
    if plan is not None and plan.notes and view.sees(SafeContactPlan, "notes"):
        rows.append(Row("About safe contact", plan.notes))
        shown.add("safe_contact_plan.notes")
    if source is not None:
        if source.phone and view.sees(Referral, "phone"):
            call = "safe to call" if source.safe_to_call else "NOT safe to call"
            rows.append(Row("Phone given to the front door", f"{source.phone} ({call})"))
            shown.add("referral.phone")
        if source.safe_times and view.sees(Referral, "safe_times"):
            rows.append(Row("Safe times, as told to the front door", source.safe_times))
            shown.add("referral.safe_times")
        if source.email and view.sees(Referral, "email"):
            write = "safe to email" if source.safe_to_email else "NOT safe to email"
            rows.append(Row("Email given to the front door", f"{source.email} ({write})"))
            shown.add("referral.email")
    if view.sees(Address, "line_1"):
        rows += _current_addresses(person)
        shown.add("addresses")
    return rows, shown


def _contact_methods(person: Person) -> list[Row]:
    rows = []
    for method in person.contact_methods.filter(is_current=True):
        safe = "safe to use" if method.safe_to_use else "NOT safe to use"
        extra = [safe]
        if method.safe_times:
            extra.append(f"when: {method.safe_times}")
        extra.append("voicemail is safe" if method.voicemail_allowed else "no voicemail")
        label = method.label or method.get_kind_display()
        rows.append(Row(label, f"{method.value} ({'; '.join(extra)})"))
    return rows


def _current_addresses(person: Person) -> list[Row]:
    rows = []
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


def build(referral: OnwardReferral, *, view: Grant) -> Handover:
    """The handover for ``referral``, as far as ``view`` reaches: the receiving agency's grant
    to the person, or what the share to it carries (``policy.carried_by``)."""
    person = referral.person
    service = referral.service
    perpetrator = (
        referral.to_agency.kind == AgencyKind.PERPETRATOR_SERVICE
        or service.kind == SupportKind.PERPETRATOR
    )
    source = front_door_referral(referral)
    own_words = source is not None and source.source == Source.OWN_BEHAVIOUR
    plan = _safe_contact_plan(person)
    scope = rules.handover_scope(
        location=view.location, perpetrator_service=perpetrator, own_words=own_words
    )
    story, withheld = _story(source, scope, view)
    who_rows, shown = who(person, view)
    shown |= {"onward_referral.needs", "onward_referral.reason"}

    children, others = [], []
    today = timezone.localdate()
    names = scope.names_of_others and view.sees(Person, "given_name")
    ages = view.sees(Person, "date_of_birth")
    for other, kind in _connections(person):
        if kind == RelationshipKind.PARENT_OF:
            children.append(
                Child(other.display_name if names else "", other.age(today) if ages else None)
            )
        else:
            name = f": {other.display_name}" if names else ""
            others.append(Row("Connected person", f"{connections.describe_other(kind)}{name}"))
    shown.add("relationships")
    children_note = ""
    if source is not None and view.sees(Referral, "children_in_household"):
        children_note = f"Children in the household: {source.get_children_in_household_display()}"
        if source.children_count and view.sees(Referral, "children_count"):
            children_note += f" ({source.children_count})"

    professional = None
    if (
        plan is not None
        and plan.only_through_professional
        and view.sees(SafeContactPlan, "only_through_professional")
    ):
        professional = plan
    contact = None
    if scope.contact:
        contact, contact_shown = _contact_rows(person, plan, source, view)
        shown |= contact_shown
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
            front_door.append(Row("First contact", _day(source.first_contact_at)))
        if source.outcome and view.sees(Referral, "outcome"):
            front_door.append(Row("Triage outcome", source.get_outcome_display()))
            shown.add("referral.outcome")
        if (
            scope.referrer
            and source.source == Source.PROFESSIONAL
            and all(
                view.sees(Referral, name)
                for name in ("referrer_name", "referrer_role", "referrer_agency")
            )
        ):
            referrer = (source.referrer_name, source.referrer_role, source.referrer_agency)
            front_door.append(Row("Referred by", ", ".join(p for p in referrer if p)))
            shown |= {"referral.referrer_name", "referral.referrer_agency"}

    other_referrals = []
    if view.sees(OnwardReferral, "service"):
        other_referrals = list(
            OnwardReferral.objects.filter(person=person, from_agency_id=referral.from_agency_id)
            .exclude(pk=referral.pk)
            .select_related("service")
            .order_by("-sent_at")
        )
        shown.add("onward_referrals")
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

    assessments: list[RiskAssessment] = []
    risk_withheld = False
    if view.sees(RiskAssessment, "risk_level"):
        assessments = list(
            RiskAssessment.objects.filter(person=person)
            .select_related("agency")
            .order_by("-assessed_at", "-id")
        )
        shown.add("risk_assessments")
    else:
        risk_withheld = RiskAssessment.objects.filter(person=person).exists()
    return Handover(
        who=who_rows,
        story=story,
        story_withheld=withheld,
        assessments=assessments,
        risk_withheld=risk_withheld,
        narrative=view.sees(RiskAssessment, "narrative"),
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
