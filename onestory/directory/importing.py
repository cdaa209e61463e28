"""Loading services from Open Referral UK JSON: the whole file is checked, then saved at once.

``reading.read_services`` checks everything without touching the database; ``save_services``
writes in one transaction, matching services and organisations by their ``id``, so a file
loads completely or not at all, and loading it again changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.db import transaction
from django.utils import timezone

from onestory.accounts.models import Agency, Area
from onestory.directory.models import Contact, Location, Organisation, Service
from onestory.directory.reading import Problem, ServiceRow, read_services


class DirectoryFileInvalid(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


@dataclass(frozen=True)
class SaveSummary:
    created: int
    updated: int


@transaction.atomic
def save_services(rows: Iterable[ServiceRow]) -> SaveSummary:
    """Write checked services, matching by id. All or nothing."""
    areas = {area.code: area for area in Area.objects.all()}
    agencies = {agency.name: agency for agency in Agency.objects.all()}
    created = updated = 0
    for row in rows:
        organisation, _ = Organisation.objects.update_or_create(
            uid=row.organisation.uid,
            defaults={
                "name": row.organisation.name,
                "description": row.organisation.description,
                "url": row.organisation.url,
                "email": row.organisation.email,
            },
        )
        service, made = Service.objects.update_or_create(
            uid=row.uid,
            defaults={
                "name": row.name,
                "organisation": organisation,
                "kind": row.kind,
                "agency": agencies.get(row.agency_name) if row.agency_name else None,
                "updated_at": timezone.now(),
                **row.details,
            },
        )
        created, updated = created + made, updated + (not made)
        service.areas.set([areas[code] for code in row.area_codes])
        service.contacts.all().delete()
        Contact.objects.bulk_create(
            Contact(service=service, **contact.__dict__) for contact in row.contacts
        )
        if row.locations is not None:
            service.locations.all().delete()
            Location.objects.bulk_create(
                Location(service=service, **location.__dict__) for location in row.locations
            )
    return SaveSummary(created=created, updated=updated)


def load_directory(stream: IO[str]) -> SaveSummary:
    """Check a whole file and save it, or raise ``DirectoryFileInvalid`` and save nothing."""
    try:
        data = json.load(stream)
    except json.JSONDecodeError as error:
        raise DirectoryFileInvalid(
            [Problem(0, "", f"The file is not valid JSON: {error.msg} at line {error.lineno}")]
        ) from None
    found = read_services(
        data,
        known_areas=set(Area.objects.values_list("code", flat=True)),
        known_agencies=set(Agency.objects.values_list("name", flat=True)),
    )
    if not found.ok:
        raise DirectoryFileInvalid(found.problems)
    return save_services(found.rows)


DEMO_FILE = Path(__file__).resolve().parent / "data" / "northshire_services.json"


def load_demo_directory() -> SaveSummary:
    """The demo partnership's made-up directory for Northshire. Safe to load again."""
    with DEMO_FILE.open(encoding="utf-8") as stream:
        return load_directory(stream)
