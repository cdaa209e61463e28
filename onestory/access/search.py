"""Finding a person, through the access policy.

``people.matching`` ranks and scores candidates among whichever persons it is given; this is
where the policy gives it the persons the user may see, and says of which the user may see
location-secret details (so a postcode counts only where the address could be seen anyway).
Every person search (pages, phone intake, the API, Operation Encompass) comes through here.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from onestory.access.models import Share
from onestory.access.policy import visible_persons
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import Permission
from onestory.people import matching
from onestory.people.dates import PartialDate
from onestory.people.matching import Candidate
from onestory.people.models import Person


def find_candidates(
    user,
    *,
    name: str,
    date_of_birth: dt.date | PartialDate | None = None,
    postcode: str = "",
    nhs_number: str = "",
    limit: int = 10,
    request=None,
) -> list[Candidate]:
    """The persons ``user`` may see who may be the person described, best first (audited)."""
    return matching.find_candidates(
        user,
        within=visible_persons(user),
        location_visible=lambda ids: persons_with_visible_location(user, ids),
        name=name,
        date_of_birth=date_of_birth,
        postcode=postcode,
        nhs_number=nhs_number,
        limit=limit,
        request=request,
    )


def persons_with_visible_location(user, ids: set[int]) -> set[int]:
    """Of ``ids``, the persons whose location-secret fields ``user`` may see.

    The same rule as ``policy.grant_for``: the owning agency's staff with the permission, or
    a share that carries location, never for a perpetrator service.
    """
    agency = getattr(user, "agency", None)
    if (
        agency is None
        or agency.kind == AgencyKind.PERPETRATOR_SERVICE
        or not user.has_permission(Permission.VIEW_LOCATION_SECRET)
    ):
        return set()
    owned: QuerySet = Person.objects.filter(pk__in=ids, owning_agency_id=agency.pk)
    shared = (
        Share.objects.active(timezone.now())
        .filter(to_agency_id=agency.pk, includes_location=True, person_id__in=ids)
        .values_list("person_id", flat=True)
    )
    return set(owned.values_list("pk", flat=True)) | set(shared)
