"""Finding the person already known: ranked candidates, each with the reasons it matched.

Two steps. First, cheap indexed look-ups gather candidates. On PostgreSQL that is one
query on blocking keys: the keys of the question (``blocking.question_keys``) against the
keys each record keeps in its GIN-indexed ``match_keys`` column (migration 0004: date of
birth; family and given name sound keys with the year of birth; both names' sound keys
together; names by their first letters; other names), ranked by how many keys agree and
how alike the whole names are, and capped; an NHS number is looked up directly. Of those,
only the persons the caller passes as ``within`` are kept (the access policy's
``visible_persons``: see ``onestory.access.search``), and the best of them are scored. When none
scores well, names that are trigram-similar (``pg_trgm``) are tried as well, for slips the
keys miss. Names of one word, and SQLite (the demo), use indexed routes on the sound-key
columns (``given_key``, ``family_key``, ``family_key_2``: decision 0086): both names, the
names the other way round, either name near the year of birth, the family name alone or as
another name, one word as either name, the date of birth (also with day and month swapped),
the NHS number, and the postcode district with a name, each capped. A postcode district
also brings candidates forward in the keyed search. Second, each candidate is scored in
Python by ``scoring.score``, a pure function. See decisions 0009 and 0086.

Location-secret data never shapes a result for someone who may not see it: a postcode only
counts against addresses that are not marked secret, of persons whose addresses the caller
says the user may see (``location_visible``), and the reasons never quote an address.

This module knows nothing of agencies, shares or roles: the access policy, a floor above,
decides what the user may see and passes it in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Q, QuerySet, Value, prefetch_related_objects

from onestory import audit
from onestory.audit.models import AuditAction
from onestory.people import nicknames
from onestory.people.blocking import question_keys
from onestory.people.dates import PartialDate
from onestory.people.models import Address, Person, PersonName
from onestory.people.names import drop_particles, parts
from onestory.people.phonetic import sound_key
from onestory.people.scoring import Name, Query, Record, score
from onestory.people.validators import nhs_number_digits, postcode_district

CANDIDATES_PER_ROUTE = 200
MIN_SCORE = 0.3
YEARS_EITHER_SIDE = 2
# Keyed candidates taken from the database, best ranked first, before the access policy
# keeps those the user may see; of those, how many are scored in Python.
KEYED_CANDIDATES = 200
KEYED_SCORED = 40
VISIBILITY_BATCH = 40
# Below this best score, the keyed candidates are joined by trigram-similar names.
TRIGRAM_WHEN_BEST_BELOW = 0.7

# How much each kind of shared key counts when ranking candidates (see blocking.py): the
# date of birth most, then a name with the year of birth or with the other name; a name by
# its first letters, or a family name alone, least. Trigram similarity of the whole name
# (0 to 1) breaks ties.
_KEY_WEIGHTS = (
    "CASE left(k, 1) WHEN 'D' THEN 3 WHEN 'P' THEN 1 WHEN 'Q' THEN 1 WHEN 'R' THEN 1 "
    "WHEN 'L' THEN 1 ELSE 2 END"
)


def _ranked(table: str, alias: str, id_column: str) -> str:
    # Fixed names only: the keys and the name are parameters.
    return (
        f"SELECT {alias}.{id_column} AS id, "  # noqa: S608 (aliases and columns fixed in code)
        f"(SELECT sum({_KEY_WEIGHTS}) FROM unnest({alias}.match_keys) AS k "
        "WHERE k = ANY(%(keys)s)) "
        f"+ similarity({alias}.search_given_name || ' ' || {alias}.search_family_name, %(name)s) "
        f"AS rank FROM {table} {alias} WHERE {alias}.match_keys && %(keys)s::text[]"
    )


# The candidate query: records (and other names) sharing a blocking key with the question,
# best ranked first. It leaves out nobody for access: the caller filters the ids through
# the access policy. ``onestory bench`` times it bare, beside the API.
CANDIDATE_SQL = f"""
SELECT id FROM (
    {_ranked("people_person", "p", "id")} AND p.merged_into_id IS NULL
    UNION ALL
    {_ranked("people_personname", "n", "person_id")}
) found
GROUP BY id
ORDER BY sum(rank) DESC, id
LIMIT %(limit)s
"""  # noqa: S608 (no user text: the keys and the name are parameters)


# Names spelt alike, for slips the keys miss: the family name (or another name's), through
# the trigram indexes, the given name breaking ties. (Also trying the given name near the
# year of birth found no more people in the benchmark and cost several times as much.)
_SIMILAR_FAMILY = """
    SELECT p.id, word_similarity(%(family)s, p.search_family_name)
        + similarity(p.search_given_name, %(given)s) AS rank
    FROM people_person p
    WHERE p.search_family_name %%> %(family)s AND p.merged_into_id IS NULL
    UNION ALL
    SELECT n.person_id, word_similarity(%(family)s, n.search_family_name)
        + similarity(n.search_given_name, %(given)s)
    FROM people_personname n
    WHERE n.search_family_name %%> %(family)s
"""
_BEST_SIMILAR = """
) found GROUP BY id ORDER BY max(rank) DESC, id LIMIT %(limit)s
"""
TRIGRAM_SQL = f"SELECT id FROM ({_SIMILAR_FAMILY}{_BEST_SIMILAR}"  # noqa: S608 (parameters only)


@dataclass(frozen=True)
class Candidate:
    person: Person
    score: float  # 0..1
    reasons: list[str]


# Of some person ids, those whose location-secret details the user may see.
LocationVisible = Callable[[set[int]], set[int]]


def find_candidates(
    user,
    *,
    within: QuerySet[Person],
    location_visible: LocationVisible,
    name: str,
    date_of_birth: dt.date | PartialDate | None = None,
    postcode: str = "",
    nhs_number: str = "",
    limit: int = 10,
    request=None,
) -> list[Candidate]:
    """The persons of ``within`` who may be the person described, best first.

    ``within`` is every person the user may see; ``location_visible`` says of which the user
    may see location-secret details. Callers get both from the access policy
    (``onestory.access.search.find_candidates``). Audited as one search event naming which
    details were given (never what they were) and the id of every person it found, all of
    whom the caller shows.
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
    base = within.filter(merged_into__isnull=True)
    if uses_keys(query):
        ranked = keyed_candidate_ids(query)
        if query.postcode:
            near = postcode_candidate_ids(base, query, location_visible)
            ranked = list(dict.fromkeys([*near, *ranked]))
        if query.nhs_number:
            same_number = base.filter(nhs_number=query.nhs_number).values_list("pk", flat=True)
            ranked = list(dict.fromkeys([*same_number[:5], *ranked]))
        found = _scored_persons(
            location_visible, _visible_in_order(base, ranked, KEYED_SCORED), query
        )
        if not found or max(c.score for c in found) < TRIGRAM_WHEN_BEST_BELOW:
            seen = {c.person.pk for c in found}
            similar = [pk for pk in trigram_candidate_ids(query) if pk not in seen]
            found += _scored_persons(
                location_visible, _visible_in_order(base, similar, KEYED_SCORED), query
            )
    else:
        found = _scored(location_visible, base, candidate_ids(base, query, location_visible), query)
        if connection.vendor == "postgresql" and (
            not found or max(c.score for c in found) < TRIGRAM_WHEN_BEST_BELOW
        ):
            seen = {c.person.pk for c in found}
            found += _scored(location_visible, base, trigram_ids(base, query) - seen, query)
    found.sort(key=lambda c: (-c.score, c.person.family_name, c.person.given_name, c.person.pk))
    shown = found[:limit]
    audit.record(
        action=AuditAction.SEARCH,
        by=user,
        request=request,
        fields=[field for field, present in given.items() if present],
        reason="finding a person",
        shown_person_ids=[candidate.person.pk for candidate in shown],
    )
    return shown


def uses_keys(query: Query) -> bool:
    """Blocking keys need PostgreSQL and a name of two parts (a given and a family name)."""
    return connection.vendor == "postgresql" and bool(query.given and query.family)


def keyed_candidate_ids(query: Query, limit: int = KEYED_CANDIDATES) -> list[int]:
    """Ids of records sharing blocking keys with ``query``, most keys in common first.

    Not yet filtered for access: pass them through the access policy before use.
    """
    keys = question_keys(query)
    if not keys:
        return []
    with connection.cursor() as cursor:
        cursor.execute(CANDIDATE_SQL, candidate_params(query, keys, limit))
        return [row[0] for row in cursor.fetchall()]


def trigram_candidate_ids(query: Query, limit: int = KEYED_CANDIDATES) -> list[int]:
    """Ids of records whose names are spelt alike (``pg_trgm``), most alike first.

    For slips the blocking keys miss; not yet filtered for access.
    """
    params = {
        "family": " ".join(query.family),
        "given": query.given[0] if query.given else "",
        "limit": limit,
    }
    with connection.cursor() as cursor:
        cursor.execute(TRIGRAM_SQL, params)
        return [row[0] for row in cursor.fetchall()]


def candidate_params(query: Query, keys: list[str], limit: int = KEYED_CANDIDATES) -> dict:
    """The parameters of ``CANDIDATE_SQL`` for ``query``."""
    return {"keys": keys, "name": " ".join(query.given + query.family), "limit": limit}


def _visible_in_order(base: QuerySet[Person], ranked: list[int], wanted: int) -> list[Person]:
    """The first ``wanted`` of ``ranked`` that ``base`` (the access policy) lets through.

    Asked in small batches: for a few ids the database checks each one's shares through an
    index, where for hundreds it may read every share the agency has.
    """
    chosen: list[Person] = []
    for start in range(0, len(ranked), VISIBILITY_BATCH):
        batch = ranked[start : start + VISIBILITY_BATCH]
        found = {p.pk: p for p in base.filter(pk__in=batch).select_related("owning_agency")}
        chosen += [found[pk] for pk in batch if pk in found]
        if len(chosen) >= wanted:
            break
    chosen = chosen[:wanted]
    prefetch_related_objects(chosen, "other_names")
    return chosen


def _scored(
    location_visible: LocationVisible, base: QuerySet[Person], ids, query: Query
) -> list[Candidate]:
    """The persons among ``ids`` that ``base`` (the access policy) lets through, scored."""
    if not ids:
        return []
    persons = list(
        base.filter(pk__in=list(ids))
        .select_related("owning_agency")
        .prefetch_related("other_names")
    )
    return _scored_persons(location_visible, persons, query)


def _scored_persons(location_visible, persons: list[Person], query: Query) -> list[Candidate]:
    ids = {p.pk for p in persons}
    postcodes = usable_postcodes(location_visible(ids)) if query.postcode else {}
    found = []
    for person in persons:
        result = score(query, as_record(person, postcodes.get(person.pk, ())))
        if result.score >= MIN_SCORE:
            found.append(Candidate(person, result.score, result.reasons))
    return found


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


def _sounds(words) -> set[str]:
    return {key for key in map(sound_key, words) if key}


def _given_sounds(word: str) -> set[str]:
    """Sound keys of a given name and of every name it may stand for or shorten."""
    return _sounds({word, *nicknames.related_names(word)}) if word else set()


def _near_year(year: int) -> Q:
    return Q(birth_year__gte=year - YEARS_EITHER_SIDE, birth_year__lte=year + YEARS_EITHER_SIDE)


def _near(year: int, *, family: set[str], given: set[str]) -> Q:
    """A family or a given name near the year of birth: each arm matches one index
    (``person_family_year``, ``person_given_year``) whole."""
    return (Q(family_key__in=sorted(family)) & _near_year(year)) | (
        Q(given_key__in=sorted(given)) & _near_year(year)
    )


def _family_is(keys: set[str]) -> Q:
    """A record's own family name (its first or last part) sounds as one of ``keys``."""
    return Q(family_key__in=sorted(keys)) | Q(family_key_2__in=sorted(keys))


def _other_name_is(keys: set[str]) -> Q:
    """Another name of the person (a previous name, an alias) has one of ``keys`` as its
    family name: a separate indexed look-up, so the person's own look-up keeps its index."""
    others = PersonName.objects.filter(family_key__in=sorted(keys)).values("person_id")
    return Q(pk__in=others)


def name_routes(query: Query) -> list[Q]:
    """The indexed look-ups by name for ``query``, the most telling first.

    Every route is an equality on the sound-key columns (``given_key``, ``family_key``,
    ``family_key_2``), with the year of birth where one was given, so each is one index
    look-up on PostgreSQL and SQLite alike (decision 0086). Two names are looked up as
    given (with the given name's short and full forms) and the other way round; one word
    alone may be either name. Look-ups on the same columns share one query (an ``OR`` of
    index look-ups), so a search runs few queries.
    """
    born = query.date_of_birth
    year = born.year if born is not None and born.year is not None else None
    routes: list[Q] = []
    if query.given and query.family:
        given = _given_sounds(query.given[0])
        family = _sounds(query.family)
        flipped_given = _given_sounds(query.family[0])
        flipped_family = _sounds(query.given[:1])
        pairs = Q(pk__in=[])
        if given and family:
            pairs |= _family_is(family) & Q(given_key__in=sorted(given))
        if flipped_given and flipped_family:
            pairs |= Q(family_key__in=sorted(flipped_family), given_key__in=sorted(flipped_given))
        routes.append(pairs)
        if year is not None and (family or given):
            routes.append(_near(year, family=family, given=given))
        if family:
            routes.append(_family_is(family))
            routes.append(_other_name_is(family))
        return routes
    word = (query.given or query.family or ("",))[0]
    as_family = _sounds([word])
    as_given = _given_sounds(word)
    if not as_family and not as_given:
        return routes
    either = _family_is(as_family) | Q(given_key__in=sorted(as_given))
    if year is not None:
        routes.append(_near(year, family=as_family, given=as_given))
    routes.append(either)
    routes.append(_other_name_is(as_family))
    return routes


def postcode_route(query: Query) -> Q | None:
    """Persons with an address the search may use in the question's postcode district, and a
    name like one asked (either name, any order): one indexed look-up on the addresses that
    are not secret (``address_open_district``) and one on the name keys."""
    district = postcode_district(query.postcode) if query.postcode else ""
    words = [*query.given[:1], *query.family]
    if not district or not words:
        return None
    sounds = _sounds(words)
    given = set().union(*(_given_sounds(word) for word in words))
    open_addresses = Address.objects.filter(
        postcode_district=district, location_secret=False
    ).values("person_id")
    names = _family_is(sounds) | Q(given_key__in=sorted(given))
    return Q(pk__in=open_addresses) & names


def postcode_candidate_ids(
    base: QuerySet[Person], query: Query, location_visible: LocationVisible
) -> list[int]:
    """Ids of ``base`` found by postcode district and name, kept only where the user may see
    the person's location anyway: a postcode never brings forward anyone else."""
    route = postcode_route(query)
    if route is None:
        return []
    found = list(base.filter(route).order_by().values_list("pk", flat=True)[:CANDIDATES_PER_ROUTE])
    allowed = location_visible(set(found)) if found else set()
    return [pk for pk in found if pk in allowed]


def candidate_ids(
    base: QuerySet[Person], query: Query, location_visible: LocationVisible | None = None
) -> list[int]:
    """Gather candidates by several cheap indexed routes, each capped, in route order."""
    routes = name_routes(query)
    asked = query.date_of_birth
    if asked is not None and asked.is_complete:
        dates = [asked.as_date()]
        if asked.swapped() is not None:
            dates.append(asked.swapped().as_date())
        routes.insert(0, Q(date_of_birth__in=dates))
    if query.nhs_number:
        routes.insert(0, Q(nhs_number=query.nhs_number))
    ids: dict[int, None] = {}
    if location_visible is not None:
        ids.update(dict.fromkeys(postcode_candidate_ids(base, query, location_visible)))
    for route in routes:
        ids.update(
            dict.fromkeys(
                base.filter(route).order_by().values_list("pk", flat=True)[:CANDIDATES_PER_ROUTE]
            )
        )
    return list(ids)


def trigram_ids(base: QuerySet[Person], query: Query) -> set[int]:
    """Typing slips the sound keys miss, through the trigram indexes (PostgreSQL only): the
    family name (one word alone is tried as a family name too), on the record and on its other
    names, and the given name near the year of birth. Each route is its own indexed query."""
    from django.contrib.postgres.lookups import TrigramWordSimilar

    family = " ".join(query.family) or (query.given[0] if query.given else "")
    routes: list[Q] = []
    if family:
        similar = TrigramWordSimilar(F("search_family_name"), Value(family))
        others = PersonName.objects.filter(similar).values("person_id")
        routes += [Q(similar), Q(pk__in=others)]
    if query.given and query.date_of_birth is not None and query.date_of_birth.year:
        similar = TrigramWordSimilar(F("search_given_name"), Value(query.given[0]))
        routes.append(Q(similar) & _near_year(query.date_of_birth.year))
    ids: set[int] = set()
    for route in routes:
        ids.update(
            base.filter(route).order_by().values_list("pk", flat=True)[:CANDIDATES_PER_ROUTE]
        )
    return ids


def usable_postcodes(allowed: set[int]) -> dict[int, tuple[str, ...]]:
    """Postcodes a search may use: addresses not marked secret, of the persons ``allowed``
    (those whose addresses the user may see anyway)."""
    if not allowed:
        return {}
    found: dict[int, list[str]] = {}
    rows = Address.objects.filter(person_id__in=allowed, location_secret=False).exclude(postcode="")
    for person_id, postcode in rows.values_list("person_id", "postcode"):
        found.setdefault(person_id, []).append(postcode)
    return {person_id: tuple(codes) for person_id, codes in found.items()}
