"""What one agency's linkage reads: the records of its complete extracts and the persons it
holds, in the form the model reads, with every record's parts in events."""

from __future__ import annotations

from collections import defaultdict

from onestory.accounts.models import Agency
from onestory.linkage import engine, standard
from onestory.linkage.models import (
    CandidateLink,
    ExtractStatus,
    LinkStatus,
    SourceEvent,
    SourceRecord,
)
from onestory.linkage.rules import EventPart
from onestory.linkage.standard import Role
from onestory.people.models import Address, ContactMethod, Person, PersonName
from onestory.people.models.choices import ContactKind
from onestory.risk.models import Incident


def record_key(record_id: int) -> str:
    return f"r{record_id}"


def person_key(person_id: int) -> str:
    return f"p{person_id}"


def source_records(agency: Agency):
    return SourceRecord.objects.filter(
        extract__agency=agency, extract__status=ExtractStatus.COMPLETE
    )


def linkage_persons(agency: Agency) -> list[engine.Person]:
    """Every record the agency's linkage compares: its complete extracts' records and the
    OneStory persons it holds (not merged into another)."""
    found = [
        engine.Person(
            key=record_key(r["pk"]),
            given_name=r["given_name"],
            family_name=r["family_name"],
            other_family_names=tuple(
                name.split(" ")[-1] for name in r["other_names"].split(";") if name.strip()
            ),
            date_of_birth=r["date_of_birth"],
            sex=r["sex"],
            postcode=r["postcode"],
            phone=r["phone"],
            nhs_number=r["nhs_number"],
        )
        for r in source_records(agency)
        .order_by("pk")
        .values(
            "pk",
            "given_name",
            "family_name",
            "other_names",
            "date_of_birth",
            "sex",
            "postcode",
            "phone",
            "nhs_number",
        )
        .iterator(chunk_size=5000)
    ]
    persons = Person.objects.filter(owning_agency=agency, merged_into__isnull=True)
    ids = persons.values("pk")
    other_names: dict[int, list[str]] = defaultdict(list)
    for pid, family in PersonName.objects.filter(person__in=ids).values_list(
        "person_id", "family_name"
    ):
        if family:
            other_names[pid].append(family)
    postcodes: dict[int, str] = {}
    for pid, postcode in (
        Address.objects.filter(person__in=ids)
        .order_by("created_at", "pk")
        .values_list("person_id", "postcode")
    ):
        tidy = standard.tidy_postcode(postcode or "")
        if tidy:
            postcodes[pid] = tidy  # the latest wins
    phones: dict[int, str] = {}
    for pid, value in (
        ContactMethod.objects.filter(person__in=ids, kind=ContactKind.PHONE)
        .order_by("created_at", "pk")
        .values_list("person_id", "value")
    ):
        tidy = standard.tidy_phone(value)
        if tidy:
            phones[pid] = tidy
    for p in persons.order_by("pk").values(
        "pk", "given_name", "family_name", "date_of_birth", "birth_year", "sex", "nhs_number"
    ):
        if p["date_of_birth"]:
            dob = p["date_of_birth"].isoformat()
        else:
            dob = str(p["birth_year"]) if p["birth_year"] else ""
        found.append(
            engine.Person(
                key=person_key(p["pk"]),
                given_name=p["given_name"],
                family_name=p["family_name"],
                other_family_names=tuple(other_names.get(p["pk"], ())),
                date_of_birth=dob,
                sex=p["sex"] or "",
                postcode=postcodes.get(p["pk"], ""),
                phone=phones.get(p["pk"], ""),
                nhs_number=(p["nhs_number"] or "").replace(" ", ""),
            )
        )
    return found


def event_parts(agency: Agency) -> list[EventPart]:
    """Every record's part in an event, each event numbered within its extract's source,
    and the agency's persons' parts in OneStory's own incidents."""
    return incident_parts(agency) + [
        EventPart(
            key=record_key(record_id),
            scope=f"{source}:{supplier}",
            event_id=event_id,
            role=role,
        )
        for record_id, source, supplier, event_id, role in SourceEvent.objects.filter(
            record__extract__agency=agency, record__extract__status=ExtractStatus.COMPLETE
        ).values_list(
            "record_id",
            "record__extract__source",
            "record__extract__supplier",
            "event_id",
            "role",
        )
    ]


def incident_parts(agency: Agency) -> list[EventPart]:
    """OneStory's own incidents: the agency's person as the victim, each person recorded as
    using harm in the same incident."""
    return [
        part
        for incident_id, victim_id, harm_id in Incident.perpetrators.through.objects.filter(
            incident__person__owning_agency=agency
        ).values_list("incident_id", "incident__person_id", "person_id")
        for part in (
            EventPart(person_key(victim_id), "onestory", f"incident{incident_id}", Role.VICTIM),
            EventPart(person_key(harm_id), "onestory", f"incident{incident_id}", Role.USING_HARM),
        )
    ]


def confirmed_pairs(agency: Agency) -> list[tuple[str, str]]:
    return list(
        CandidateLink.objects.filter(agency=agency, status=LinkStatus.CONFIRMED).values_list(
            "left_key", "right_key"
        )
    )


def known_pairs(agency: Agency) -> set[tuple[str, str]]:
    """Every pair already suggested, confirmed or rejected: never suggested again."""
    return set(CandidateLink.objects.filter(agency=agency).values_list("left_key", "right_key"))
