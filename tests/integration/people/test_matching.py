"""Finding the person already known, through ``matching.find_candidates``."""

import datetime as dt

import pytest
from django.db import connection

from onestory.access.models import ShareScope
from onestory.access.search import find_candidates
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditAction, AuditEvent
from onestory.people import actions
from onestory.people.dates import PartialDate
from onestory.people.models import AddressKind, Involvement, NameKind
from tests.factories import AgencyFactory, ShareFactory, UserFactory

pytestmark = pytest.mark.django_db


def make(world, given, family="", dob=None, **details):
    return actions.create_person(
        by=world.caseworker,
        owning_agency=world.agency,
        given_name=given,
        family_name=family,
        date_of_birth=dob,
        **details,
    )


def best(user, **asked):
    found = find_candidates(user, **asked)
    assert found, f"nothing found for {asked}"
    return found[0]


def test_it_finds_a_person_by_a_short_form_of_their_name(world):
    william = make(world, "William", "Hartley", dt.date(1980, 3, 4))
    make(world, "Walter", "Hartley", dt.date(1950, 1, 1))
    found = best(world.caseworker, name="Bill Hartley", date_of_birth=dt.date(1980, 3, 4))
    assert found.person == william
    assert "Bill is a short form of William" in found.reasons
    assert "Date of birth matches" in found.reasons
    assert found.score > 0.9


@pytest.mark.parametrize(
    ("asked", "recorded"),
    [("Peggy", "Margaret"), ("Bob", "Robert"), ("Liz", "Elizabeth"), ("Kate", "Katherine")],
)
def test_it_knows_common_short_forms(world, asked, recorded):
    person = make(world, recorded, "Okafor", dt.date(1975, 6, 20))
    found = best(world.caseworker, name=f"{asked} Okafor")
    assert found.person == person
    assert f"{asked} is a short form of {recorded}" in found.reasons


def test_it_forgives_a_day_and_month_given_the_wrong_way_round(world):
    person = make(world, "Aisha", "Begum", dt.date(1990, 4, 3))
    found = best(world.caseworker, name="Aisha Begum", date_of_birth=dt.date(1990, 3, 4))
    assert found.person == person
    assert "Date of birth matches with day and month swapped" in found.reasons


def test_it_finds_a_person_by_a_date_of_birth_alone_when_the_name_is_misspelt(world):
    person = make(world, "Siobhan", "Ni Bhriain", dt.date(1988, 11, 2))
    found = best(world.caseworker, name="Shivon Breen", date_of_birth=dt.date(1988, 11, 2))
    assert found.person == person


def test_it_finds_either_part_of_a_hyphenated_family_name(world):
    person = make(world, "Sarah", "Smith-Jones", dt.date(1983, 7, 9))
    for asked in ("Sarah Jones", "Sarah Smith", "Sarah Smith Jones"):
        found = best(world.caseworker, name=asked)
        assert found.person == person, asked
    assert any("double-barrelled" in reason for reason in found.reasons) or (
        "Family name matches" in found.reasons
    )


def test_it_finds_a_person_by_a_previous_family_name(world):
    person = make(world, "Emma", "Wilson", dt.date(1992, 2, 14))
    actions.add_name(
        by=world.caseworker, person=person, kind=NameKind.PREVIOUS, family_name="Thornton"
    )
    found = best(world.caseworker, name="Emma Thornton", date_of_birth=dt.date(1992, 2, 14))
    assert found.person == person
    assert "Family name matches (a previous name)" in found.reasons


def test_it_finds_a_person_despite_a_typing_slip(world):
    person = make(world, "Jonathan", "Pemberton", dt.date(1979, 5, 30))
    found = best(world.caseworker, name="Jonathon Pembertn", date_of_birth=dt.date(1979, 5, 30))
    assert found.person == person


def test_it_uses_an_estimated_year_when_the_date_of_birth_is_not_known(world):
    person = make(world, "Grace", "Adeyemi", birth_year_estimate=1985)
    found = best(world.caseworker, name="Grace Adeyemi", date_of_birth=PartialDate(1986))
    assert found.person == person
    assert "Born around 1985 (age estimated)" in found.reasons


def test_it_matches_a_partial_date_of_birth(world):
    person = make(world, "Tomasz", "Nowak", dt.date(1970, 8, 21))
    found = best(world.caseworker, name="Tomasz Nowak", date_of_birth=PartialDate(1970, 8))
    assert found.person == person
    assert "Month and year of birth match" in found.reasons


def test_an_nhs_number_that_matches_settles_it(world):
    person = make(world, "Jane", "Doe", nhs_number="943 476 5919")
    found = best(world.caseworker, name="J Doe", nhs_number="9434765919")
    assert found.person == person
    assert found.reasons[0] == "NHS number matches"
    assert found.score >= 0.98


def _with_address(world, person, postcode, *, secret):
    actions.record_address(
        by=world.caseworker,
        person=person,
        kind=AddressKind.HOME,
        line_1="1 High Street",
        postcode=postcode,
        location_secret=secret,
    )


def test_it_uses_the_postcode_of_an_address_that_is_not_secret(world):
    person = make(world, "Paul", "Mercer", dt.date(1970, 1, 1))
    _with_address(world, person, "NE1 4XY", secret=False)
    found = best(world.caseworker, name="Paul Mercer", postcode="ne14xy")
    assert "Postcode matches a known address" in found.reasons
    found = best(world.caseworker, name="Paul Mercer", postcode="NE1")
    assert "Postcode district matches a known address" in found.reasons


def test_it_never_uses_a_secret_address(world):
    person = make(world, "Paula", "Mercer", dt.date(1970, 1, 1), involvement=Involvement.VICTIM)
    _with_address(world, person, "NE1 4XY", secret=True)
    found = best(world.caseworker, name="Paula Mercer", postcode="NE1 4XY")
    assert not any("Postcode" in reason for reason in found.reasons)


def test_it_uses_no_postcode_for_someone_who_may_not_see_addresses(world):
    person = make(world, "Paul", "Mercer", dt.date(1970, 1, 1))
    _with_address(world, person, "NE1 4XY", secret=False)
    found = best(world.representative, name="Paul Mercer", postcode="NE1 4XY")
    assert not any("Postcode" in reason for reason in found.reasons)


def test_another_agency_never_sees_a_person_unless_shared(world):
    person = make(world, "Nadia", "Hussain", dt.date(1987, 9, 9))
    _with_address(world, person, "NE1 4XY", secret=False)
    assert find_candidates(world.other_caseworker, name="Nadia Hussain") == []
    ShareFactory(person=person, to_agency=world.other_agency, scope=ShareScope.SUMMARY)
    found = best(world.other_caseworker, name="Nadia Hussain", postcode="NE1 4XY")
    assert found.person == person
    assert not any("Postcode" in reason for reason in found.reasons)


def test_a_perpetrator_service_never_gets_a_postcode_match(world):
    service = AgencyFactory(name="Change Programme", kind=AgencyKind.PERPETRATOR_SERVICE)
    worker = UserFactory(username="change_worker", agency=service, role=RoleName.CASEWORKER)
    person = make(world, "Nadia", "Hussain", dt.date(1987, 9, 9))
    _with_address(world, person, "NE1 4XY", secret=False)
    ShareFactory(
        person=person,
        to_agency=service,
        scope=ShareScope.FULL,
        includes_location=True,
        granted_by=world.caseworker,
    )
    found = best(worker, name="Nadia Hussain", postcode="NE1 4XY")
    assert not any("Postcode" in reason for reason in found.reasons)


def test_it_leaves_out_merged_records(world):
    from onestory.people.merging import merge_persons

    kept = make(world, "Lena", "Fischer", dt.date(1991, 12, 1))
    duplicate = make(world, "Lena", "Fisher", dt.date(1991, 12, 1))
    merge_persons(by=world.manager, keep=kept, merge=duplicate)
    found = find_candidates(
        world.caseworker, name="Lena Fisher", date_of_birth=dt.date(1991, 12, 1)
    )
    assert [candidate.person for candidate in found] == [kept]


def test_it_audits_the_search_without_its_values(world):
    find_candidates(world.caseworker, name="Someone Unknown", date_of_birth=dt.date(1990, 1, 1))
    event = AuditEvent.objects.filter(action=AuditAction.SEARCH).first()
    assert event.actor_id == world.caseworker.pk
    assert event.fields == ["date_of_birth", "name"]
    assert "Unknown" not in event.reason


def test_it_ranks_the_best_match_first_and_keeps_to_the_limit(world):
    for day in range(1, 15):
        make(world, "John", "Smith", dt.date(1960, 1, day))
    exact = make(world, "John", "Smith", dt.date(1960, 2, 20))
    found = find_candidates(
        world.caseworker, name="John Smith", date_of_birth=dt.date(1960, 2, 20), limit=5
    )
    assert len(found) == 5
    assert found[0].person == exact
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram search is PostgreSQL's")
def test_on_postgresql_trigrams_catch_a_slip_the_sound_keys_miss(world):
    person = make(world, "Jonathan", "Pemberton", dt.date(1979, 5, 30))
    found = best(world.caseworker, name="Jonathan Lemberton")
    assert found.person == person
    assert "Family name is spelt almost the same (a typing slip?)" in found.reasons


def test_the_trigram_indexes_exist_only_on_postgresql(world):
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "people_person")
    trigram = {name for name in indexes if name.endswith("_trgm")}
    if connection.vendor == "postgresql":
        assert trigram == {
            "person_given_trgm",
            "person_family_trgm",
            "person_given_keys_trgm",
            "person_family_keys_trgm",
        }
    else:
        assert trigram == set()
