"""The demonstration partnership: the made-up county of Northshire, for trying OneStory out.

``load()`` puts in the county's areas, one agency of every kind, one account for every role
and a few made-up people, and puts the demo accounts back as printed if they were changed.
Everything here is fictional. Nothing of it can be loaded in production mode.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from onestory import audit
from onestory.access.models import LawfulBasis, Share, ShareScope
from onestory.accounts.areas import load_areas
from onestory.accounts.demo_secret import DEMO_TOTP_KEY_HEX
from onestory.accounts.models import Agency, AgencyKind, Area, User
from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditAction
from onestory.demo.stories import load_accommodation_story, load_stories
from onestory.directory.importing import load_demo_directory
from onestory.encompass.terms import load_terms
from onestory.needs.actions import load_boundaries
from onestory.needs.models import Boundary
from onestory.people.models import Person

AREAS_FILE = Path(__file__).resolve().parent / "data" / "northshire_areas.csv"
# Made-up ward outlines (rectangles, not real places) for the needs assessment's map.
WARDS_FILE = Path(__file__).resolve().parent / "data" / "northshire_wards.geojson"
TERM_DATES_FILE = Path(__file__).resolve().parent / "data" / "northshire_term_dates.csv"
COUNTY = "E10000900"

# Every demo account's password, printed by `make demo`. Refused in production.
DEMO_PASSWORD = "demo-partnership-2026"  # noqa: S105 (the published demo password)

DEMO_DEVICE_NAME = "Demo authenticator app"


class DemoRefused(Exception):
    """The demo partnership is never loaded in production mode."""


@dataclass(frozen=True)
class DemoAgency:
    name: str
    kind: AgencyKind
    areas: tuple[str, ...] = (COUNTY,)


@dataclass(frozen=True)
class DemoStaff:
    username: str
    first_name: str
    last_name: str
    job_title: str
    role: RoleName
    agency: str


@dataclass(frozen=True)
class DemoAccount:
    """One account as ``load_demo`` prints it."""

    username: str
    full_name: str
    role: str
    agency: str


FRONT_DOOR = "Northshire Domestic Abuse Front Door"
OUTREACH = "Kestrel Community Outreach"
IDVA = "Northshire IDVA Service"
PERPETRATOR_SERVICE = "Change Course Behaviour Programme"
POLICE = "Northshire Police"
COUNCIL = "Northshire County Council"
SCHOOL = "Millbrook Academy"
DISTRICTS = ("E07000901", "E07000902", "E07000903", "E07000904", "E07000905")

AGENCIES = (
    DemoAgency(FRONT_DOOR, AgencyKind.CENTRAL_POINT_OF_CONTACT),
    DemoAgency(OUTREACH, AgencyKind.COMMUNITY_OUTREACH),
    DemoAgency(IDVA, AgencyKind.IDVA_SERVICE),
    DemoAgency("Willow Lane Refuge Trust", AgencyKind.SAFE_ACCOMMODATION),
    DemoAgency(
        "Little Lanterns Children's Service",
        AgencyKind.CHILDRENS_SERVICE,
        ("E07000901", "E07000903", "E07000905"),
    ),
    DemoAgency(PERPETRATOR_SERVICE, AgencyKind.PERPETRATOR_SERVICE),
    DemoAgency(POLICE, AgencyKind.POLICE),
    DemoAgency("Northshire Children's Social Care", AgencyKind.CHILDRENS_SOCIAL_CARE),
    DemoAgency("Northshire Adult Social Care", AgencyKind.ADULT_SOCIAL_CARE),
    DemoAgency("Northshire Districts Housing Options", AgencyKind.HOUSING, DISTRICTS),
    DemoAgency("Northshire Health and Care Trust", AgencyKind.HEALTH),
    DemoAgency("Northshire Probation Delivery Unit", AgencyKind.PROBATION),
    DemoAgency("Northshire Schools Safeguarding Team", AgencyKind.EDUCATION),
    DemoAgency(COUNCIL, AgencyKind.COMMISSIONER),
)
# A school with an account of its own, so that its safeguarding lead reads the Operation
# Encompass notices for it in OneStory (its directory entry names this agency). Kept apart
# from the partnership's agencies, which the synthetic county is built on.
SCHOOL_AGENCIES = (DemoAgency(SCHOOL, AgencyKind.EDUCATION, ("E07000901",)),)

STAFF = (
    DemoStaff("callhandler", "Jess", "Okafor", "Call handler", RoleName.CALL_HANDLER, FRONT_DOOR),
    DemoStaff(
        "manager", "Daniel", "Price", "Front door team manager", RoleName.TEAM_MANAGER, FRONT_DOOR
    ),
    DemoStaff("caseworker", "Sam", "Hollis", "Outreach worker", RoleName.CASEWORKER, OUTREACH),
    DemoStaff(
        "idva",
        "Aisha",
        "Rahman",
        "Independent domestic violence advisor",
        RoleName.CASEWORKER,
        IDVA,
    ),
    DemoStaff(
        "refuge",
        "Priya",
        "Shah",
        "Refuge support worker",
        RoleName.CASEWORKER,
        "Willow Lane Refuge Trust",
    ),
    DemoStaff(
        "perpetrator",
        "Owen",
        "Castle",
        "Behaviour change practitioner",
        RoleName.CASEWORKER,
        PERPETRATOR_SERVICE,
    ),
    DemoStaff(
        "marac", "Helen", "Marsh", "MARAC coordinator", RoleName.MARAC_COORDINATOR, FRONT_DOOR
    ),
    DemoStaff(
        "police",
        "Tom",
        "Braithwaite",
        "Detective sergeant, domestic abuse unit",
        RoleName.MARAC_REPRESENTATIVE,
        POLICE,
    ),
    DemoStaff(
        "commissioner",
        "Ruth",
        "Bennett",
        "Domestic abuse commissioning lead",
        RoleName.COMMISSIONER,
        COUNCIL,
    ),
    DemoStaff(
        "admin", "Alex", "Morgan", "System administrator", RoleName.SYSTEM_ADMINISTRATOR, COUNCIL
    ),
    DemoStaff(
        "disclosure",
        "Priya",
        "Nair",
        "Detective constable, disclosure team",
        RoleName.DISCLOSURE_OFFICER,
        POLICE,
    ),
    DemoStaff(
        "reviews",
        "Owen",
        "Hale",
        "Domestic abuse related death review coordinator",
        RoleName.REVIEW_COORDINATOR,
        COUNCIL,
    ),
    DemoStaff(
        "school",
        "Nadia",
        "Osei",
        "Designated safeguarding lead",
        RoleName.SCHOOL_SAFEGUARDING_LEAD,
        SCHOOL,
    ),
)

# Made-up people supported by the outreach service; the first is shared with the IDVA service.
PERSONS = (
    ("Leanne", "Whitfield", datetime.date(1989, 3, 14)),
    ("Grace", "Adeyemi", datetime.date(1997, 6, 21)),
    ("Patricia", "Lowe", datetime.date(1958, 1, 30)),
    ("Kayla", "Fenwick", datetime.date(2007, 9, 9)),
    ("Marcus", "Doyle", datetime.date(1984, 11, 2)),
)
SHARE_REASON = (
    "She agreed to the IDVA service seeing her whole record so that she does not have to "
    "tell her story again."
)


def refuse_in_production() -> None:
    if settings.PRODUCTION:
        raise DemoRefused(
            "The demo partnership and its credentials cannot be used when ONESTORY_ENV=production."
        )


@transaction.atomic
def load() -> list[DemoAccount]:
    """Load the demo partnership, or put it back as it was. Safe to run again."""
    refuse_in_production()
    with AREAS_FILE.open(encoding="utf-8", newline="") as lines:
        load_areas(lines)
    with TERM_DATES_FILE.open(encoding="utf-8", newline="") as lines:
        load_terms(lines)
    if not Boundary.objects.exists():  # once: a second load would only audit again
        with WARDS_FILE.open(encoding="utf-8") as lines:
            load_boundaries(lines=lines)
    agencies = _load_agencies()
    users = {member.username: _load_staff(member, agencies) for member in STAFF}
    _load_persons(outreach=agencies[OUTREACH], idva=agencies[IDVA], worker=users["caseworker"])
    load_demo_directory()
    load_stories(county=Area.objects.get(code=COUNTY), users=users)
    load_accommodation_story(users=users)
    return [
        DemoAccount(
            username=user.username,
            full_name=user.get_full_name(),
            role=RoleName(user.role).label,
            agency=user.agency.name,
        )
        for user in users.values()
    ]


def _load_agencies() -> dict[str, Agency]:
    areas = {
        area.code: area for area in Area.objects.filter(level__in=["local_authority", "district"])
    }
    agencies = {}
    for demo in AGENCIES + SCHOOL_AGENCIES:
        agency, _ = Agency.objects.update_or_create(
            name=demo.name, defaults={"kind": demo.kind, "is_active": True}
        )
        agency.areas.set([areas[code] for code in demo.areas])
        agencies[demo.name] = agency
    return agencies


def _load_staff(member: DemoStaff, agencies: dict[str, Agency]) -> User:
    user, _ = User.objects.update_or_create(
        username=member.username,
        defaults={
            "first_name": member.first_name,
            "last_name": member.last_name,
            "email": f"{member.username}@northshire.example",
            "job_title": member.job_title,
            "role": member.role,
            "agency": agencies[member.agency],
            "is_active": True,
            "is_staff": False,
            "is_superuser": False,
        },
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    TOTPDevice.objects.update_or_create(
        user=user,
        name=DEMO_DEVICE_NAME,
        defaults={
            "key": DEMO_TOTP_KEY_HEX,
            "confirmed": True,
            "throttling_failure_count": 0,
            "throttling_failure_timestamp": None,
        },
    )
    return user


def _load_persons(*, outreach: Agency, idva: Agency, worker: User) -> None:
    for index, (given_name, family_name, date_of_birth) in enumerate(PERSONS):
        person, created = Person.objects.get_or_create(
            owning_agency=outreach,
            given_name=given_name,
            family_name=family_name,
            date_of_birth=date_of_birth,
            defaults={"created_by": worker},
        )
        if created:
            audit.record(
                action=AuditAction.CREATE,
                by=worker,
                obj=person,
                fields=["given_name", "family_name", "date_of_birth"],
                reason="Demo partnership",
            )
        if index == 0:
            _share(person, from_agency=outreach, to_agency=idva, by=worker)


def _share(person: Person, *, from_agency: Agency, to_agency: Agency, by: User) -> None:
    if Share.objects.active().filter(person=person, to_agency=to_agency).exists():
        return
    share = Share.objects.create(
        person=person,
        from_agency=from_agency,
        to_agency=to_agency,
        scope=ShareScope.FULL,
        lawful_basis=LawfulBasis.CONSENT,
        reason=SHARE_REASON,
        granted_by=by,
    )
    audit.record(action=AuditAction.SHARE_GRANTED, by=by, obj=share, reason=SHARE_REASON)
