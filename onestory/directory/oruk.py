"""Services as Open Referral UK JSON, and pages of them as the Open Referral UK API returns.

A service is written in the standard's shape (``organization``, ``eligibilitys``,
``service_areas``, ``contacts``, ``languages``, ``service_at_locations`` with
``accessibility_for_disabilities``, ``service_taxonomys``) with ``application_process`` for
how to refer, and OneStory's own fields under ``"onestory"``. Where safe accommodation is
never leaves OneStory: a service whose locations are secret is written without
``service_at_locations``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from onestory.directory.choices import SupportKind
from onestory.directory.models import Service

AREA_URI = "http://statistics.data.gov.uk/id/statistical-geography/"
KIND_VOCABULARY = "onestory-support-kind"
COUNTRY = "England"


def _drop_empty(values: dict) -> dict:
    return {key: value for key, value in values.items() if value not in (None, "", [])}


def organisation_json(service: Service) -> dict:
    organisation = service.organisation
    return _drop_empty(
        {
            "id": organisation.uid,
            "name": organisation.name,
            "description": organisation.description,
            "email": organisation.email,
            "url": organisation.url,
        }
    )


def _contacts(service: Service) -> list[dict]:
    found = []
    for contact in service.contacts.all():
        item = {
            "id": contact.uid,
            "name": contact.name,
            "title": contact.title,
            "email": contact.email,
            "phones": [{"id": f"{contact.uid}-phone", "number": contact.phone}]
            if contact.phone
            else [],
        }
        if contact.designated_safeguarding_lead:
            item["onestory"] = {"designated_safeguarding_lead": True}
        found.append(_drop_empty(item))
    return found


def _locations(service: Service) -> list[dict]:
    found = []
    for location in service.locations.all():
        address = _drop_empty(
            {
                "id": f"{location.uid}-address",
                "address_1": location.address,
                "city": location.town,
                "postal_code": location.postcode,
                "country": COUNTRY,
            }
        )
        accessibility = (
            [{"id": f"{location.uid}-access", "accessibility": service.accessibility}]
            if service.accessibility
            else []
        )
        found.append(
            {
                "id": f"{service.uid}-at-{location.uid}",
                "location": _drop_empty(
                    {
                        "id": location.uid,
                        "name": location.name or service.name,
                        "physical_addresses": [address],
                        "accessibility_for_disabilities": accessibility,
                    }
                ),
            }
        )
    return found


def service_json(service: Service) -> dict:
    """One service in Open Referral UK shape. Expects ``Service.objects.with_details()``."""
    areas = sorted(service.areas.all(), key=lambda area: area.code)
    data = {
        "id": service.uid,
        "name": service.name,
        "description": service.description,
        "url": service.url,
        "email": service.email,
        "status": service.status,
        "application_process": service.how_to_refer,
        "organization": organisation_json(service),
        "phones": [{"id": f"{service.uid}-phone", "number": service.phone}]
        if service.phone
        else [],
        "eligibilitys": [
            _drop_empty(
                {
                    "id": f"{service.uid}-eligibility",
                    "eligibility": service.eligibility_description,
                    "minimum_age": service.minimum_age,
                    "maximum_age": service.maximum_age,
                }
            )
        ],
        "service_areas": [
            {
                "id": f"{service.uid}-{area.code}",
                "service_area": area.name,
                "uri": AREA_URI + area.code,
            }
            for area in areas
        ],
        "languages": [
            {"id": f"{service.uid}-language-{number}", "language": language}
            for number, language in enumerate(service.languages or [], start=1)
        ],
        "contacts": _contacts(service),
        "service_taxonomys": [
            {
                "id": f"{service.uid}-kind",
                "taxonomy": {
                    "id": f"onestory:{service.kind}",
                    "name": SupportKind(service.kind).label,
                    "vocabulary": KIND_VOCABULARY,
                },
            }
        ],
        "onestory": {
            "kind": service.kind,
            "serves": service.serves,
            "genders": list(service.genders or []),
            "risk_levels": list(service.risk_levels or []),
            "areas": [area.code for area in areas],
            "referral_route": service.referral_route,
            "agency": service.agency.name if service.agency_id else None,
            "accessibility": service.accessibility,
            "location_secret": service.location_secret,
        },
    }
    kept = _drop_empty(data) | {"onestory": data["onestory"]}
    if not service.location_secret:
        kept["service_at_locations"] = _locations(service)
    return kept


def page_json(services: Iterable[Service], *, number: int, size: int, total: int) -> dict:
    """One page of services, as the Open Referral UK API's ``/services`` returns them."""
    pages = max(1, math.ceil(total / size)) if size else 1
    return {
        "totalElements": total,
        "totalPages": pages,
        "number": number,
        "size": size,
        "first": number == 1,
        "last": number >= pages,
        "content": [service_json(service) for service in services],
    }
