"""The blocking keys a record keeps (PostgreSQL) agree with the keys a question is given."""

import datetime as dt

import pytest
from django.db import connection

from onestory.people import actions
from onestory.people.blocking import question_keys
from onestory.people.dates import PartialDate
from onestory.people.matching import keyed_candidate_ids
from onestory.people.models import NameKind
from onestory.people.phonetic import sound_key
from onestory.people.scoring import Query

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the keys are PostgreSQL's"),
]


def stored_keys(table: str, pk_column: str, pk: int) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT match_keys FROM {table} WHERE {pk_column} = %s", [pk])  # noqa: S608 (a model's own table and column)
        return {key for row in cursor.fetchall() for key in row[0]}


def make(world, given, family, born=None, **details):
    return actions.create_person(
        by=world.caseworker,
        owning_agency=world.agency,
        given_name=given,
        family_name=family,
        date_of_birth=born,
        **details,
    )


def test_it_gives_a_record_every_kind_of_key(world):
    person = make(world, "William", "Hartley", dt.date(1980, 3, 4))
    w, h = sound_key("william"), sound_key("hartley")
    assert stored_keys("people_person", "id", person.pk) == {
        "D19800304",
        f"M{w}:198003",
        f"B{w}:0304",
        f"F{h}:1980:{w[0]}",
        f"G{w}:1980:{h[0]}",
        f"N{h}:{w}",
        f"Q{h}:wil",
        f"R{w}:har",
        "Lw:ahrt",
    }


def test_a_records_own_details_ask_for_every_key_it_has(world):
    person = make(world, "Aisha", "Smith-Begum", dt.date(1990, 11, 3))
    asked = set(question_keys(Query.build("Aisha Smith-Begum", PartialDate(1990, 11, 3))))
    assert stored_keys("people_person", "id", person.pk) <= asked


def test_the_keys_follow_a_change_of_name_or_date(world):
    person = make(world, "Emma", "Wilson", dt.date(1992, 2, 14))
    actions.update_person(
        by=world.caseworker,
        person=person,
        given_name="Emma",
        family_name="Thornton",
        date_of_birth=dt.date(1992, 2, 15),
    )
    keys = stored_keys("people_person", "id", person.pk)
    assert "D19920215" in keys
    assert not any(sound_key("wilson") in key for key in keys)


def test_other_names_have_keys_of_their_own(world):
    person = make(world, "Emma", "Wilson", dt.date(1992, 2, 14))
    name = actions.add_name(
        by=world.caseworker, person=person, kind=NameKind.PREVIOUS, family_name="Thornton"
    )
    assert f"P{sound_key('thornton')}" in stored_keys("people_personname", "id", name.pk)
    ranked = keyed_candidate_ids(Query.build("Emma Thornton", PartialDate(1992)))
    assert person.pk in ranked


def test_it_ranks_the_record_sharing_most_keys_first(world):
    for day in range(1, 10):
        make(world, "Sarah", "Jones", dt.date(1970 + day, 1, day))
    right = make(world, "Sarah", "Jones", dt.date(1985, 6, 20))
    ranked = keyed_candidate_ids(Query.build("Sara Jones", PartialDate(1985, 6, 20)))
    assert ranked[0] == right.pk


def test_short_forms_and_swapped_dates_are_asked_for():
    keys = question_keys(Query.build("Bill Hartley", PartialDate(1980, 4, 3)))
    assert "D19800304" in keys
    assert "D19800403" in keys
    assert f"N{sound_key('hartley')}:{sound_key('william')}" in keys


def test_letters_typed_the_wrong_way_round_still_meet_the_record(world):
    # No date of birth on record, and the swap changes the family name's sound and its first
    # three letters: only the sorted-letters key is left in common.
    right = make(world, "Aoife", "Mitchell")
    assert "La:cimt" in stored_keys("people_person", "id", right.pk)
    assert right.pk in keyed_candidate_ids(Query.build("Aoife Mtichell", PartialDate(1957, 7, 4)))


def test_other_names_have_letter_keys_too(world):
    person = make(world, "Emma", "Wilson")
    name = actions.add_name(
        by=world.caseworker, person=person, kind=NameKind.PREVIOUS, family_name="Brown"
    )
    # Recorded as a family name alone: keyed without an initial.
    assert "L:borw" in stored_keys("people_personname", "id", name.pk)
    assert person.pk in keyed_candidate_ids(Query.build("Emma Brwon"))
