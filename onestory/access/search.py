"""Finding a person, through the access policy.

``people.matching`` ranks and scores candidates among whichever persons it is given; this is
where the policy gives it the persons the user may see, and says of which the user may see
location-secret details (so a postcode counts only where the address could be seen anyway).
Every person search (pages, phone intake, the API, Operation Encompass) comes through here.
"""

from __future__ import annotations

import datetime as dt

from onestory.access.policy import persons_with_visible_location, visible_persons
from onestory.people import matching
from onestory.people.dates import PartialDate
from onestory.people.matching import Candidate


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
