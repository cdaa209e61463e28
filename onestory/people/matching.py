"""Finding the person already known: ranked candidates, each with the reasons it matched.

Two steps. First, cheap indexed look-ups gather candidates among the persons the user may
see: sound keys of the family name (any part of it, and previous names and aliases), sound
keys of the given name and its short forms near the right year of birth, the date of birth
(also with day and month swapped) and the NHS number; on PostgreSQL also trigram similarity
of the names (``pg_trgm``). Second, each candidate is scored in Python by
``scoring.score``, a pure function.

Location-secret data never shapes a result for someone who may not see it: a postcode only
counts against addresses that are not marked secret, of persons whose addresses the user
may see, and the reasons never quote an address.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Value
from django.utils import timezone

from onestory.access import audit
from onestory.access.models import AuditAction, Share
from onestory.access.policy import visible_persons
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import Permission
from onestory.people import nicknames
from onestory.people.dates import PartialDate
from onestory.people.models import Address, Person, PersonName
from onestory.people.names import drop_particles, parts
from onestory.people.phonetic import sound_key
from onestory.people.scoring import Name, Query, Record, score
from onestory.people.validators import nhs_number_digits

CANDIDATES_PER_ROUTE = 200
MIN_SCORE = 0.3
YEARS_EITHER_SIDE = 2


@dataclass(frozen=True)
class Candidate:
    person: Person
    score: float  # 0..1
    reasons: list[str]


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
    """The persons ``user`` may see who may be the person described, best first.

    Audited as a search, naming which details were given (never what they were).
    """
    if isinstance(date_of_birth, dt.date):
        date_of_birth = PartialDate.from_date(date_of_birth)
    query = Query.build(name, date_of_birth, postcode, nhs_number_digits(nhs_number))
    given = {
        "name": bool((name or "").strip()),
        "date_of_birth": date_of_birth is not None and not date_of_birth.is_empty,
        "postcode": bool(query.postcode),
        "nhs_number": bool(query.nhs_number),
    }
    audit.record(
        action=AuditAction.SEARCH,
        by=user,
        request=request,
        fields=[field for field, present in given.items() if present],
        reason="finding a person",
    )
    base = visible_persons(user).filter(merged_into__isnull=True)
    ids = candidate_ids(base, query)
    if not ids:
        return []
    persons = list(
        Person.objects.filter(pk__in=ids)
        .select_related("owning_agency")
        .prefetch_related("other_names")
    )
    postcodes = usable_postcodes(user, ids) if query.postcode else {}
    found = []
    for person in persons:
        result = score(query, as_record(person, postcodes.get(person.pk, ())))
        if result.score >= MIN_SCORE:
            found.append(Candidate(person, result.score, result.reasons))
    found.sort(key=lambda c: (-c.score, c.person.family_name, c.person.given_name, c.person.pk))
    return found[:limit]


def as_record(person: Person, postcodes: tuple[str, ...] = ()) -> Record:
    """What the scorer needs to know about a person (names from the prefetched other names)."""
    names = [Name(parts(person.given_name), drop_particles(parts(person.family_name)))]
    for other in person.other_names.all():
        given = parts(other.given_name) or parts(person.given_name)
        family = drop_particles(parts(other.family_name)) or drop_particles(
            parts(person.family_name)
        )
        names.append(Name(given, family, other.kind))
    return Record(
        names=tuple(names),
        date_of_birth=person.date_of_birth,
        birth_year_estimate=person.birth_year_estimate,
        postcodes=tuple(postcodes),
        nhs_number=person.nhs_number,
    )


def _keys_q(column: str, keys: set[str]) -> Q:
    q = Q()
    for key in sorted(k for k in keys if k):
        q |= Q(**{f"{column}__contains": f" {key} "})
    return q


def _with_names(column: str, keys: set[str]) -> Q:
    """Keys on the person's own name, or on any of their other names."""
    own = _keys_q(column, keys)
    if not own:
        return Q(pk__in=[])
    others = PersonName.objects.filter(_keys_q(column, keys), person=OuterRef("pk"))
    return own | Q(Exists(others))


def _near_year(year: int) -> Q:
    return Q(birth_year__gte=year - YEARS_EITHER_SIDE, birth_year__lte=year + YEARS_EITHER_SIDE)


def candidate_ids(base: QuerySet[Person], query: Query) -> set[int]:
    """Gather candidates by several cheap routes, each capped."""
    routes: list[Q] = []
    first_given = query.given[0] if query.given else ""
    given_names = {first_given, *nicknames.related_names(first_given)} if first_given else set()
    given_keys = {sound_key(name) for name in given_names}
    family_keys = {sound_key(part) for part in query.family}
    if not query.family and first_given:
        family_keys |= {sound_key(first_given)}  # one word: it may be the family name
    if family_keys:
        routes.append(_with_names("family_name_keys", family_keys))
    if given_keys:
        context = Q()
        if query.family:
            initial = query.family[0][:1]
            context |= Q(search_family_name__startswith=initial)
        if query.date_of_birth is not None and query.date_of_birth.year is not None:
            context |= _near_year(query.date_of_birth.year)
        if not query.family:
            context = Q()  # a given name alone: take what there is, capped
        routes.append(_with_names("given_name_keys", given_keys) & context)
    asked = query.date_of_birth
    if asked is not None and asked.is_complete:
        dates = [asked.as_date()]
        if asked.swapped() is not None:
            dates.append(asked.swapped().as_date())
        routes.append(Q(date_of_birth__in=dates))
    if query.nhs_number:
        routes.append(Q(nhs_number=query.nhs_number))
    if connection.vendor == "postgresql":
        routes += _trigram_routes(query)
    ids: set[int] = set()
    for route in routes:
        ids.update(base.filter(route).values_list("pk", flat=True)[:CANDIDATES_PER_ROUTE])
    return ids


def _trigram_routes(query: Query) -> list[Q]:
    """Typing slips the sound keys miss, through the trigram indexes (PostgreSQL only)."""
    from django.contrib.postgres.lookups import TrigramWordSimilar

    routes = []
    if query.family:
        family = " ".join(query.family)
        others = PersonName.objects.filter(
            TrigramWordSimilar(F("search_family_name"), Value(family)), person=OuterRef("pk")
        )
        routes.append(Q(TrigramWordSimilar(F("search_family_name"), Value(family))))
        routes.append(Q(Exists(others)))
    if query.given and query.date_of_birth is not None and query.date_of_birth.year:
        similar = TrigramWordSimilar(F("search_given_name"), Value(query.given[0]))
        routes.append(Q(similar) & _near_year(query.date_of_birth.year))
    return routes


def persons_with_visible_location(user, ids: set[int]) -> set[int]:
    """Of ``ids``, the persons whose location-secret fields ``user`` may see.

    The same rule as the access policy: the owning agency's staff with the permission, or a
    share that carries location, never for a perpetrator service.
    """
    agency = getattr(user, "agency", None)
    if (
        agency is None
        or agency.kind == AgencyKind.PERPETRATOR_SERVICE
        or not user.has_permission(Permission.VIEW_LOCATION_SECRET)
    ):
        return set()
    owned = Person.objects.filter(pk__in=ids, owning_agency_id=agency.pk).values_list(
        "pk", flat=True
    )
    shared = (
        Share.objects.active(timezone.now())
        .filter(to_agency_id=agency.pk, includes_location=True, person_id__in=ids)
        .values_list("person_id", flat=True)
    )
    return set(owned) | set(shared)


def usable_postcodes(user, ids: set[int]) -> dict[int, tuple[str, ...]]:
    """Postcodes a search may use: addresses not marked secret, of persons whose addresses
    the user may see anyway."""
    allowed = persons_with_visible_location(user, ids)
    if not allowed:
        return {}
    found: dict[int, list[str]] = {}
    rows = Address.objects.filter(person_id__in=allowed, location_secret=False).exclude(postcode="")
    for person_id, postcode in rows.values_list("person_id", "postcode"):
        found.setdefault(person_id, []).append(postcode)
    return {person_id: tuple(codes) for person_id, codes in found.items()}
