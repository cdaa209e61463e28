"""The actions that change a person's record refuse impossible details and audit every change."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from onestory.audit.models import AuditAction, AuditEvent
from onestory.people import actions
from onestory.people.models import Address, AddressKind, Involvement, Person, Relationship
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def create(world, **details):
    details.setdefault("given_name", "Ruth")
    return actions.create_person(by=world.caseworker, owning_agency=world.agency, **details)


def test_create_person_records_who_and_audits_field_names(world):
    person = create(world, family_name="Okoro", date_of_birth=dt.date(1980, 1, 1), sex="female")
    assert person.created_by == world.caseworker
    assert (person.search_family_name, person.family_name_keys, person.birth_year) == (
        "okoro",
        " AKR ",
        1980,
    )
    event = AuditEvent.objects.get(action=AuditAction.CREATE, person_id=person.pk)
    assert set(event.fields) == {"given_name", "family_name", "date_of_birth", "sex"}


@pytest.mark.parametrize(
    ("details", "field"),
    [
        ({"date_of_birth": dt.date(2999, 1, 1)}, "date_of_birth"),
        ({"date_of_birth": dt.date(1800, 1, 1)}, "date_of_birth"),
        ({"nhs_number": "9434765918"}, "nhs_number"),
        ({"given_name": ""}, "given_name"),
        ({"ethnicity": "martian"}, "ethnicity"),
        ({"disability": "yes", "disability_kinds": ["telepathy"]}, "disability_kinds"),
    ],
)
def test_create_person_refuses_impossible_details_and_saves_nothing(world, details, field):
    with pytest.raises(ValidationError) as refused:
        create(world, **details)
    assert field in refused.value.message_dict
    assert not Person.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.CREATE).exists()


def test_create_person_refuses_an_unknown_detail(world):
    with pytest.raises(TypeError, match="shoe_size"):
        create(world, shoe_size=9)


def test_an_estimated_year_of_birth_is_a_search_key(world):
    assert create(world, birth_year_estimate=1975).birth_year == 1975


def test_update_person_changes_only_what_changed(world):
    person = create(world, family_name="Okoro")
    actions.update_person(by=world.caseworker, person=person, family_name="Okoro-Bello")
    person.refresh_from_db()
    assert person.family_name_keys == " AKR PL "
    actions.update_person(by=world.caseworker, person=person, family_name="Okoro-Bello")
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, person_id=person.pk).count() == 1


@pytest.mark.parametrize(
    ("involvement", "kind", "secret"),
    [
        (Involvement.VICTIM, AddressKind.HOME, True),
        (Involvement.CHILD_VICTIM, AddressKind.HOME, True),
        (Involvement.NOT_KNOWN, AddressKind.HOME, True),
        (Involvement.PERSON_USING_HARM, AddressKind.HOME, False),
        (Involvement.PERSON_USING_HARM, AddressKind.REFUGE, True),
        (Involvement.PERSON_USING_HARM, AddressKind.SAFE_ACCOMMODATION, True),
    ],
)
def test_record_address_sets_the_secret_flag_by_default(world, involvement, kind, secret):
    person = create(world, involvement=involvement)
    address = actions.record_address(by=world.caseworker, person=person, kind=kind, line_1="1 A St")
    assert address.location_secret is secret


def test_a_refuge_address_cannot_be_made_public(world):
    person = create(world)
    address = actions.record_address(
        by=world.caseworker,
        person=person,
        kind=AddressKind.REFUGE,
        line_1="1 A St",
        location_secret=False,
    )
    assert address.location_secret is True
    with pytest.raises(IntegrityError):
        Address.objects.filter(pk=address.pk).update(location_secret=False)


def test_relationships_stay_within_one_agency(world):
    person = create(world)
    theirs = PersonFactory(owning_agency=world.other_agency)
    with pytest.raises(ValidationError) as refused:
        actions.record_relationship(
            by=world.caseworker, person=person, other_person=theirs, kind="relative"
        )
    assert "other_person" in refused.value.message_dict


def test_a_connection_is_recorded_once_whichever_side_it_is_read_from(world):
    parent = create(world, date_of_birth=dt.date(1980, 1, 1))
    child = create(world, given_name="Sam", date_of_birth=dt.date(2015, 1, 1))
    actions.record_relationship(
        by=world.caseworker, person=parent, other_person=child, kind="parent_of"
    )
    for person, other, kind in ((parent, child, "parent_of"), (child, parent, "child_of")):
        with pytest.raises(ValidationError, match="already recorded"):
            actions.record_relationship(
                by=world.caseworker, person=person, other_person=other, kind=kind
            )
    assert Relationship.objects.count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="people.relationship")
    assert {
        event.person_id for event in AuditEvent.objects.filter(object_type="people.relationship")
    } == {parent.pk, child.pk}


def test_a_child_cannot_be_recorded_as_an_adults_partner(world):
    adult = create(world, date_of_birth=dt.date(1980, 1, 1))
    child = create(world, given_name="Kim", birth_year_estimate=dt.date.today().year - 14)
    with pytest.raises(ValidationError, match="A child under 16 cannot be recorded"):
        actions.record_relationship(
            by=world.caseworker, person=child, other_person=adult, kind="intimate_partner"
        )
