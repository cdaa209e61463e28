"""Who may see and decide on the linkage's suggested pairs, built from the access policy.

The review queue belongs to the agency that runs its linkage (the one that imported the
extracts): its staff whose role may join records see its pairs. A pair with a OneStory
person on one side needs the whole story of that person (``Need.FULL``); location-secret
details (postcode, address, phone) are shown by the policy's location test.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest

from onestory.access.policy import (
    FULL,
    Grant,
    full_view,
    get_person_for_user,
    may_hold_location_secrets,
    refuse,
)
from onestory.accounts.roles import Permission
from onestory.linkage.models import CandidateLink, LinkageModel, LinkStatus, SourceRecord
from onestory.people.models import Person


def may_review(user) -> bool:
    return user.is_authenticated and user.has_permission(Permission.MERGE_PERSONS)


def visible_links(user) -> QuerySet[CandidateLink]:
    """The pairs in the user's agency's queue whose persons the user may see in full."""
    if not may_review(user) or user.agency_id is None:
        return CandidateLink.objects.none()
    return CandidateLink.objects.filter(agency_id=user.agency_id).filter(
        Q(left_person__isnull=True) | full_view(user, "left_person"),
        Q(right_person__isnull=True) | full_view(user, "right_person"),
    )


def queue(user) -> QuerySet[CandidateLink]:
    return (
        visible_links(user)
        .filter(status=LinkStatus.SUGGESTED)
        .select_related(
            "left_record__extract", "right_record__extract", "left_person", "right_person"
        )
    )


@dataclass(frozen=True)
class Side:
    """One side of a pair, as the reviewer may see it."""

    key: str
    held_by: str
    given_name: str
    family_name: str
    other_names: str
    date_of_birth: str
    sex: str
    nhs_number: str
    events: list
    location_shown: bool
    postcode: str = ""
    address: str = ""
    phone: str = ""
    person: Person | None = None


def _record_side(user, record) -> Side:
    location = may_hold_location_secrets(user)
    return Side(
        key=f"r{record.pk}",
        held_by=f"{record.extract.get_source_display()}: {record.extract.supplier} "
        f"(record {record.record_id})",
        given_name=record.given_name,
        family_name=record.family_name,
        other_names=record.other_names,
        date_of_birth=record.date_of_birth,
        sex=record.sex,
        nhs_number=record.nhs_number,
        events=list(record.events.order_by("event_date", "pk")),
        location_shown=location,
        postcode=record.postcode if location else "",
        address=record.address if location else "",
        phone=record.phone if location else "",
    )


def _person_side(person: Person, grant: Grant) -> Side:
    postcode = ""
    if grant.location:
        latest = person.addresses.order_by("-created_at", "-pk").first()
        postcode = latest.postcode if latest is not None else ""
    return Side(
        key=f"p{person.pk}",
        held_by=f"OneStory: {person.owning_agency.name}",
        given_name=person.given_name,
        family_name=person.family_name,
        other_names="; ".join(
            f"{n.given_name} {n.family_name}".strip() for n in person.other_names.all()
        ),
        date_of_birth=person.date_of_birth.isoformat()
        if person.date_of_birth
        else (str(person.birth_year) if person.birth_year else ""),
        sex=person.sex,
        nhs_number=person.nhs_number if grant.sees(Person, "nhs_number") else "",
        events=[],
        location_shown=grant.location,
        postcode=postcode,
        person=person,
    )


def get_link_for_user(request: HttpRequest, link_id: int) -> tuple[CandidateLink, list[Side]]:
    """A pair in the user's queue with its two sides, or 404 with the refusal audited."""
    user = request.user
    link = (
        CandidateLink.objects.filter(pk=link_id)
        .select_related("left_record__extract", "right_record__extract")
        .first()
    )
    if link is None or not may_review(user) or link.agency_id != user.agency_id:
        refuse(request, reason=f"candidate link {link_id} not visible", obj=link)
    sides = []
    for record, person_id in (
        (link.left_record, link.left_person_id),
        (link.right_record, link.right_person_id),
    ):
        if record is not None:
            sides.append(_record_side(user, record))
        else:
            person, grant = get_person_for_user(request, person_id, need=FULL)
            sides.append(_person_side(person, grant))
    return link, sides


def current_model(user) -> LinkageModel | None:
    if not may_review(user) or user.agency_id is None:
        return None
    return LinkageModel.objects.filter(agency_id=user.agency_id).first()


@dataclass(frozen=True)
class LinkedRecord:
    """An agency's record joined to a person by confirmed links, as the viewer may see it."""

    record: SourceRecord
    events: list
    location_shown: bool
    # The confirmed pair that joined it (to the person, or to another of the person's
    # records), and who decided it.
    link: CandidateLink | None

    @property
    def postcode(self) -> str:
        return self.record.postcode if self.location_shown else ""

    @property
    def address(self) -> str:
        return self.record.address if self.location_shown else ""

    @property
    def phone(self) -> str:
        return self.record.phone if self.location_shown else ""


@dataclass(frozen=True)
class PersonLinks:
    person: Person
    grant: Grant
    records: list[LinkedRecord]
    # Every decision on a pair with one of the person's records: confirmed and rejected.
    decisions: list[CandidateLink]

    @property
    def fields(self) -> list[str]:
        shown = ["given_name", "family_name", "date_of_birth", "sex", "nhs_number", "events"]
        if self.grant.location:
            shown += ["postcode", "address", "phone"]
        return shown


def _joined_to(agency_id: int | None, key: str) -> set[str]:
    """Every key confirmed links join to ``key``, through any chain: read outwards a step
    at a time, so only the person's own links are read, however big the link table."""
    found, frontier = {key}, {key}
    while frontier:
        pairs = CandidateLink.objects.filter(
            agency_id=agency_id, status=LinkStatus.CONFIRMED
        ).filter(Q(left_key__in=frontier) | Q(right_key__in=frontier))
        step = {k for pair in pairs.values_list("left_key", "right_key") for k in pair}
        frontier = step - found
        found |= frontier
    return found


def linked_records_for_user(
    request: HttpRequest, person_id: int, *, source: str | None = None
) -> PersonLinks:
    """The extracts' records that confirmed links join to a person (directly, or through
    another of the person's records), and the decisions on them: the person must be seen
    in full (``Need.FULL``; 404 and audited otherwise), only the viewer's agency's own
    extracts are read, and location-secret details follow the person's grant."""
    person, grant = get_person_for_user(request, person_id, need=FULL)
    agency_id = request.user.agency_id
    cluster = _joined_to(agency_id, f"p{person.pk}")
    record_ids = {int(k[1:]) for k in cluster if k.startswith("r")}
    records = (
        SourceRecord.objects.filter(pk__in=record_ids, extract__agency_id=agency_id)
        .select_related("extract")
        .prefetch_related("events")
        .order_by("extract__source", "record_id", "pk")
    )
    if source:
        records = records.filter(extract__source=source)
    decisions = list(
        CandidateLink.objects.filter(agency_id=agency_id)
        .exclude(status=LinkStatus.SUGGESTED)
        .filter(Q(left_key__in=cluster) | Q(right_key__in=cluster))
        .select_related("decided_by", "left_record__extract", "right_record__extract", "model")
        .order_by("decided_at", "pk")
    )
    joined_by = {}
    for link in decisions:
        if link.status == LinkStatus.CONFIRMED:
            for side in (link.left_record_id, link.right_record_id):
                if side is not None:
                    joined_by.setdefault(side, link)
    return PersonLinks(
        person=person,
        grant=grant,
        records=[
            LinkedRecord(
                record=record,
                events=sorted(record.events.all(), key=lambda e: (e.event_date, e.pk)),
                location_shown=grant.location,
                link=joined_by.get(record.pk),
            )
            for record in records
        ],
        decisions=decisions,
    )


def queue_counts(user) -> dict[str, int]:
    """How many pairs of the user's agency's queue (those the user may see) are to review,
    confirmed and rejected."""
    counts = dict.fromkeys(LinkStatus.values, 0)
    for status, count in (
        visible_links(user).order_by().values_list("status").annotate(n=Count("pk"))
    ):
        counts[status] = count
    return counts
