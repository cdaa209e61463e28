"""One word, two names either way round, a name with a year or a postcode district: found
through the indexed sound-key columns, on SQLite and PostgreSQL alike (decision 0086)."""

import datetime as dt
import re

import pytest
from django.db import connection

from onestory.access.search import find_candidates
from onestory.people import actions, matching
from onestory.people.dates import PartialDate
from onestory.people.models import AddressKind, NameKind, Person
from onestory.people.scoring import Query

pytestmark = pytest.mark.django_db


def make(world, given, family, born=None):
    return actions.create_person(
        by=world.caseworker,
        owning_agency=world.agency,
        given_name=given,
        family_name=family,
        date_of_birth=born,
    )


def lives_at(world, person, postcode, *, secret):
    actions.record_address(
        by=world.caseworker,
        person=person,
        kind=AddressKind.HOME,
        line_1="1 High Street",
        postcode=postcode,
        location_secret=secret,
    )


def found(user, **asked):
    return [candidate.person for candidate in find_candidates(user, **asked)]


@pytest.fixture
def people(world):
    return {
        "ruth": make(world, "Ruth", "Okonkwo", dt.date(1984, 2, 11)),
        "ruth_older": make(world, "Ruth", "Penhaligon", dt.date(1950, 7, 1)),
        "david": make(world, "David", "Okonkwo", dt.date(1960, 5, 5)),
        "kathryn": make(world, "Kathryn", "Smith-Jones", dt.date(1991, 9, 9)),
        "someone": make(world, "Tomasz", "Wisniewski", dt.date(1977, 1, 1)),
    }


@pytest.mark.parametrize(
    ("asked", "born", "expected", "left_out"),
    [
        ("Okonkwo", None, {"ruth", "david"}, {"someone", "ruth_older"}),
        ("Okonkwa", None, {"ruth", "david"}, {"someone"}),  # sounds the same
        ("Ruth", None, {"ruth", "ruth_older"}, {"david", "someone"}),
        ("Ruth", PartialDate(1984), {"ruth"}, set()),
        ("Okonkwo", PartialDate(1960, 5, 5), {"david"}, set()),
        ("Jones", None, {"kathryn"}, {"someone"}),  # the last part of a family name
        ("Kathy", None, {"kathryn"}, {"someone"}),  # a short form of the given name
    ],
)
def test_one_word_finds_the_people_it_names(world, people, asked, born, expected, left_out):
    shown = found(world.caseworker, name=asked, date_of_birth=born)
    assert {people[key] for key in expected} <= set(shown)
    assert not {people[key] for key in left_out} & set(shown)
    if born is not None:
        assert shown[0] == people[next(iter(expected))]


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("Okonkwo Ruth", "ruth"),
        ("Smith-Jones Kathryn", "kathryn"),
        ("Wisniewski Tomasz", "someone"),
    ],
)
def test_two_names_the_other_way_round_find_the_person(world, people, asked, expected):
    shown = found(world.caseworker, name=asked)
    assert shown[0] == people[expected]
    reasons = find_candidates(world.caseworker, name=asked)[0].reasons
    assert "Given and family names appear to be the other way round" in reasons


def test_a_name_alone_finds_a_previous_family_name(world, people):
    actions.add_name(
        by=world.caseworker,
        person=people["someone"],
        kind=NameKind.PREVIOUS,
        given_name="",
        family_name="Kowalczyk",
    )
    assert people["someone"] in found(world.caseworker, name="Kowalczyk")


def test_a_postcode_district_with_a_name_brings_forward_only_addresses_a_search_may_use(
    world, people
):
    lives_at(world, people["ruth_older"], "NE6 1AA", secret=False)
    lives_at(world, people["ruth"], "NE6 2BB", secret=True)
    query = Query.build("Ruth", postcode="NE6")
    everyone = Person.objects.all()
    assert matching.postcode_candidate_ids(everyone, query, lambda ids: ids) == [
        people["ruth_older"].pk
    ]
    # Someone who may not see where the person lives gets nothing from the postcode.
    assert matching.postcode_candidate_ids(everyone, query, lambda ids: set()) == []
    # A postcode in another district, or another name, brings nobody.
    assert (
        matching.postcode_candidate_ids(
            everyone, Query.build("Ruth", postcode="NE7"), lambda ids: ids
        )
        == []
    )
    assert (
        matching.postcode_candidate_ids(
            everyone, Query.build("David", postcode="NE6"), lambda ids: ids
        )
        == []
    )
    shown = find_candidates(world.caseworker, name="Ruth", postcode="NE6")
    assert shown[0].person == people["ruth_older"]
    assert "Postcode district matches a known address" in shown[0].reasons


def test_a_postcode_with_two_names_finds_the_person_among_namesakes(world):
    namesakes = [make(world, "John", "Smith", dt.date(1960 + n, 1, 1)) for n in range(3)]
    lives_at(world, namesakes[1], "NE2 3CD", secret=False)
    shown = find_candidates(world.caseworker, name="John Smith", postcode="NE2 3CD")
    assert shown[0].person == namesakes[1]


FAMILY = {"person_family_given", "person_family_year"}
YEAR = {"person_family_year", "person_given_year", "person_birth_year"}
INDEXED_ROUTES = [
    ("Okonkwo", None, FAMILY),
    ("Jones", None, {"person_family_key_2"}),
    ("Okonkwo", None, {"personname_family_key"}),
    # On a table of a few rows the planner may take the plain year index instead: which
    # one it takes at a county's size is in the benchmark's search_plans.
    ("Ruth", PartialDate(1984), YEAR),
    ("Okonkwo", PartialDate(1984), YEAR),
    ("Ruth Okonkwo", None, FAMILY),
    ("Okonkwo Ruth", None, FAMILY),  # the other way round
]
NAME_INDEXES = FAMILY | YEAR | {"person_family_key_2", "personname_family_key"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans")
@pytest.mark.parametrize(("asked", "born", "indexes"), INDEXED_ROUTES)
def test_on_postgresql_every_name_route_uses_a_name_index(world, people, asked, born, indexes):
    routes = matching.name_routes(Query.build(asked, born))
    plans = _plans([Person.objects.filter(route).order_by() for route in routes])
    for plan in plans:
        assert "Seq Scan" not in plan, plan
        assert any(index in plan for index in NAME_INDEXES), plan
    assert any(index in plan for plan in plans for index in indexes), plans


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans")
def test_on_postgresql_the_postcode_route_uses_the_open_district_index(world, people):
    route = matching.postcode_route(Query.build("Ruth Okonkwo", postcode="NE6"))
    (plan,) = _plans([Person.objects.filter(route).order_by()])
    assert "address_open_district" in plan
    assert "Seq Scan" not in plan


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plans")
@pytest.mark.parametrize(("asked", "born", "indexes"), INDEXED_ROUTES)
def test_on_sqlite_no_route_reads_a_table_whole(world, people, asked, born, indexes):
    query = Query.build(asked, born, "NE6")
    routes = [*matching.name_routes(query), matching.postcode_route(query)]
    for route in routes:
        plan = Person.objects.filter(route).order_by().values_list("pk", flat=True).explain()
        # SQLite says SCAN for a read of a whole table, SEARCH for a look-up by an index.
        assert not re.search(r"\bSCAN (people_|U\d)", plan), plan
        assert "USING INDEX" in plan, plan


def _plans(querysets):
    """Plans with sequential scans priced out: a route whose plan still reads a whole table
    has no index it can use (a table of a few rows is otherwise read whole, deterministically
    or not)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        try:
            return [queryset.explain() for queryset in querysets]
        finally:
            cursor.execute("RESET enable_seqscan")
