"""Reading services from Open Referral UK JSON: a pure check of the whole file.

The file holds a list of services, or a page of them as the Open Referral UK API returns it
(``{"content": [...]}``). Each service needs an ``id``, a ``name``, an ``organization`` with
an ``id`` and a ``name``, and its kind of support (``onestory.kind``, or a taxonomy term of
the ``onestory-support-kind`` vocabulary). Everything else is optional; see ``oruk.py`` for
the shape OneStory writes.

``read_services`` checks everything without touching the database and reports every
problem by service. A service written without ``service_at_locations`` keeps the locations
it has (``ServiceRow.locations`` is None), so an export, which never holds where safe
accommodation is, can be loaded back without losing them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from onestory.directory.choices import (
    ReferralRoute,
    RiskBand,
    ServedGender,
    ServedSide,
    ServiceStatus,
    SupportKind,
)
from onestory.directory.oruk import KIND_VOCABULARY

OLDEST = 120
DEFAULT_SERVES = {
    SupportKind.PERPETRATOR: ServedSide.PEOPLE_USING_HARM,
    SupportKind.SCHOOL: ServedSide.BOTH,
}
SAFEGUARDING_LEAD = "designated safeguarding lead"


@dataclass(frozen=True)
class Problem:
    item: int
    name: str
    message: str

    def __str__(self) -> str:
        if self.item == 0:
            return self.message
        named = f" ({self.name})" if self.name else ""
        return f"Service {self.item}{named}: {self.message}"


@dataclass(frozen=True)
class OrganisationRow:
    uid: str
    name: str
    description: str = ""
    url: str = ""
    email: str = ""


@dataclass(frozen=True)
class ContactRow:
    uid: str
    name: str
    title: str = ""
    phone: str = ""
    email: str = ""
    designated_safeguarding_lead: bool = False


@dataclass(frozen=True)
class LocationRow:
    uid: str
    name: str = ""
    address: str = ""
    town: str = ""
    postcode: str = ""


@dataclass(frozen=True)
class ServiceRow:
    uid: str
    name: str
    organisation: OrganisationRow
    kind: str
    details: dict[str, Any]
    area_codes: tuple[str, ...] = ()
    agency_name: str | None = None
    contacts: tuple[ContactRow, ...] = ()
    locations: tuple[LocationRow, ...] | None = None  # None: keep the locations it has


@dataclass
class DirectoryFile:
    rows: list[ServiceRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def services_in(data: Any) -> list | None:
    """The services of a file: a list of them, or an API page holding them in ``content``."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and isinstance(data.get("content"), list):
        return data["content"]
    return None


class _Checker:
    """Reads one service, collecting every problem rather than stopping at the first."""

    def __init__(self, item: int, data: dict) -> None:
        self.item, self.data = item, data
        self.problems: list[str] = []

    def need(self, ok: bool, message: str) -> bool:
        if not ok:
            self.problems.append(message)
        return ok

    def text(self, source: Mapping, key: str, limit: int, label: str) -> str:
        value = _text(source.get(key))
        self.need(len(value) <= limit, f"{label} is longer than {limit} characters")
        return value[:limit]

    def url(self, value: str, label: str) -> str:
        if value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                self.problems.append(f"{label} is not a web address starting http:// or https://")
        return value

    def email(self, value: str, label: str) -> str:
        if value:
            try:
                EmailValidator()(value)
            except ValidationError:
                self.problems.append(f"{label} is not an email address")
        return value

    def age(self, value: Any, label: str) -> int | None:
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= OLDEST:
            self.problems.append(f"{label} must be a whole number from 0 to {OLDEST}")
            return None
        return value

    def choices(self, values: Any, allowed: type, label: str) -> list[str]:
        values = _list(values)
        wrong = [str(v) for v in values if v not in allowed.values]
        self.need(
            not wrong, f"{label} can only be {', '.join(allowed.values)}, not {', '.join(wrong)}"
        )
        return [v for v in values if v in allowed.values]


def _kind(data: dict, extra: dict) -> str | None:
    if extra.get("kind") in SupportKind.values:
        return extra["kind"]
    for term in _list(data.get("service_taxonomys")):
        taxonomy = _dict(_dict(term).get("taxonomy"))
        if taxonomy.get("vocabulary") == KIND_VOCABULARY:
            kind = _text(taxonomy.get("id")).removeprefix("onestory:")
            if kind in SupportKind.values:
                return kind
    return None


def _area_codes(data: dict, extra: dict) -> list[str]:
    if "areas" in extra:
        return [_text(code) for code in _list(extra["areas"])]
    codes = []
    for area in _list(data.get("service_areas")):
        uri = _text(_dict(area).get("uri"))
        codes.append(uri.rsplit("/", 1)[-1] if uri else _text(_dict(area).get("service_area")))
    return codes


def _contacts(check: _Checker, data: dict) -> tuple[ContactRow, ...]:
    rows = []
    for number, item in enumerate(_list(data.get("contacts")), start=1):
        item = _dict(item)
        name = check.text(item, "name", 200, f"Contact {number}'s name")
        if not check.need(bool(name), f"Contact {number} has no name"):
            continue
        title = check.text(item, "title", 200, f"Contact {number}'s title")
        phones = [_text(_dict(p).get("number")) for p in _list(item.get("phones"))]
        lead = bool(_dict(item.get("onestory")).get("designated_safeguarding_lead"))
        rows.append(
            ContactRow(
                uid=_text(item.get("id"))[:100] or f"{check.data.get('id')}-contact-{number}",
                name=name,
                title=title,
                phone=next((p for p in phones if p), "")[:40],
                email=check.email(_text(item.get("email")), f"Contact {number}'s email"),
                designated_safeguarding_lead=lead or SAFEGUARDING_LEAD in title.lower(),
            )
        )
    return tuple(rows)


def _locations(data: dict) -> tuple[tuple[LocationRow, ...] | None, str]:
    if "service_at_locations" not in data:
        return None, ""
    rows, access = [], []
    for number, item in enumerate(_list(data.get("service_at_locations")), start=1):
        location = _dict(_dict(item).get("location"))
        address = _dict((_list(location.get("physical_addresses")) or [{}])[0])
        access += [
            _text(_dict(a).get("accessibility"))
            for a in _list(location.get("accessibility_for_disabilities"))
        ]
        rows.append(
            LocationRow(
                uid=_text(location.get("id"))[:100] or f"{data.get('id')}-location-{number}",
                name=_text(location.get("name"))[:200],
                address=_text(address.get("address_1"))[:300],
                town=_text(address.get("city"))[:100],
                postcode=_text(address.get("postal_code"))[:10],
            )
        )
    return tuple(rows), "; ".join(dict.fromkeys(a for a in access if a))


def read_service(
    item: int, data: Any, *, known_areas: set[str], known_agencies: set[str]
) -> tuple[ServiceRow | None, list[str]]:
    """Check one service; return it, or None and what is wrong with it."""
    if not isinstance(data, dict):
        return None, ["is not a JSON object"]
    check = _Checker(item, data)
    extra = _dict(data.get("onestory"))
    uid = check.text(data, "id", 100, "Its id")
    check.need(bool(uid), "has no id")
    name = check.text(data, "name", 200, "Its name")
    check.need(bool(name), "has no name")
    org = _dict(data.get("organization"))
    organisation = OrganisationRow(
        uid=check.text(org, "id", 100, "The organisation's id"),
        name=check.text(org, "name", 200, "The organisation's name"),
        description=_text(org.get("description")),
        url=check.url(_text(org.get("url")), "The organisation's url"),
        email=check.email(_text(org.get("email")), "The organisation's email"),
    )
    check.need(
        bool(organisation.uid and organisation.name), "needs an organization with an id and a name"
    )
    kind = _kind(data, extra)
    check.need(
        kind is not None,
        "does not say what kind of support it gives: set onestory.kind to one of "
        + ", ".join(SupportKind.values),
    )
    status = _text(data.get("status")) or ServiceStatus.ACTIVE
    check.need(status in ServiceStatus.values, f"status must be active or inactive, not {status}")
    eligibility = _dict((_list(data.get("eligibilitys")) or [{}])[0])
    low = check.age(eligibility.get("minimum_age"), "minimum_age")
    high = check.age(eligibility.get("maximum_age"), "maximum_age")
    if low is not None and high is not None:
        check.need(low <= high, "maximum_age is below minimum_age")
    serves = _text(extra.get("serves")) or DEFAULT_SERVES.get(kind, ServedSide.VICTIMS)
    check.need(
        serves in ServedSide.values,
        f"onestory.serves must be one of {', '.join(ServedSide.values)}",
    )
    route = _text(extra.get("referral_route")) or ReferralRoute.SIGNPOST
    check.need(
        route in ReferralRoute.values, "onestory.referral_route must be onestory or signpost"
    )
    agency = _text(extra.get("agency")) or None
    if agency is not None:
        check.need(agency in known_agencies, f"no agency in the partnership is called {agency}")
    elif route == ReferralRoute.ONESTORY:
        check.problems.append(
            "takes referrals through OneStory, so onestory.agency must name the agency"
        )
    codes = _area_codes(data, extra)
    unknown = [code for code in codes if code not in known_areas]
    check.need(not unknown, f"no area has the code {', '.join(unknown)}")
    locations, location_access = _locations(data)
    phones = [_text(_dict(p).get("number")) for p in _list(data.get("phones"))]
    details = {
        "description": _text(data.get("description")),
        "status": status,
        "url": check.url(_text(data.get("url")), "Its url"),
        "email": check.email(_text(data.get("email")), "Its email"),
        "phone": next((p for p in phones if p), "")[:40],
        "how_to_refer": _text(data.get("application_process")),
        "eligibility_description": _text(eligibility.get("eligibility")),
        "minimum_age": low,
        "maximum_age": high,
        "genders": check.choices(extra.get("genders"), ServedGender, "onestory.genders"),
        "risk_levels": check.choices(extra.get("risk_levels"), RiskBand, "onestory.risk_levels"),
        "serves": serves,
        "languages": [
            _text(_dict(lang).get("language"))[:60]
            for lang in _list(data.get("languages"))
            if _text(_dict(lang).get("language"))
        ],
        "accessibility": _text(extra.get("accessibility")) or location_access,
        "referral_route": route,
        "location_secret": bool(extra.get("location_secret")),
    }
    contacts = _contacts(check, data)
    if check.problems:
        return None, check.problems
    row = ServiceRow(
        uid=uid,
        name=name,
        organisation=organisation,
        kind=kind,
        details=details,
        area_codes=tuple(dict.fromkeys(codes)),
        agency_name=agency,
        contacts=contacts,
        locations=locations,
    )
    return row, []


def read_services(data: Any, *, known_areas: set[str], known_agencies: set[str]) -> DirectoryFile:
    """Check every service in the file without touching the database."""
    found = DirectoryFile()
    items = services_in(data)
    if items is None:
        found.problems.append(
            Problem(
                0,
                "",
                "The file must hold a list of services, or an object with the list in content",
            )
        )
        return found
    seen: set[str] = set()
    for item, service in enumerate(items, start=1):
        row, problems = read_service(
            item, service, known_areas=known_areas, known_agencies=known_agencies
        )
        name = _text(service.get("name")) if isinstance(service, dict) else ""
        if row is not None and row.uid in seen:
            problems = [f"has the same id as an earlier service ({row.uid})"]
        found.problems += [Problem(item, name, message) for message in problems]
        if row is not None and not problems:
            seen.add(row.uid)
            found.rows.append(row)
    return found
