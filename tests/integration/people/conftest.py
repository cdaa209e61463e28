"""A person held by the home agency, with everything a record can hold."""

import datetime as dt

import pytest

from onestory.people import actions
from onestory.people.models import AddressKind, ContactKind, Involvement, NameKind, RelationshipKind


@pytest.fixture
def person(world):
    return actions.create_person(
        by=world.caseworker,
        owning_agency=world.agency,
        given_name="Amira",
        family_name="Haddad",
        date_of_birth=dt.date(1990, 5, 17),
        involvement=Involvement.VICTIM,
        ethnicity="other_arab",
        religion="muslim",
        nhs_number="9434765919",
        first_language="Arabic",
        interpreter_needed=True,
    )


@pytest.fixture
def full_record(world, person):
    """The person with another name, safe contact details, a secret address and a child."""
    by = world.caseworker
    actions.add_name(by=by, person=person, kind=NameKind.PREVIOUS, family_name="Khalil")
    actions.record_contact_method(
        by=by,
        person=person,
        kind=ContactKind.PHONE,
        value="07700 900982",
        safe_to_use=True,
        safe_times="Weekdays 10am to 2pm",
    )
    actions.set_safe_contact_plan(
        by=by,
        person=person,
        safe_word="Lavender",
        only_through_professional=True,
        professional_name="Dana Reyes",
        professional_agency="Northshire Outreach",
    )
    actions.record_address(
        by=by, person=person, kind=AddressKind.REFUGE, line_1="12 Hidden Lane", postcode="NE2 7QT"
    )
    actions.connect_new_person(
        by=by,
        person=person,
        kind=RelationshipKind.PARENT_OF,
        given_name="Yusuf",
        family_name="Haddad",
        date_of_birth=dt.date(2017, 9, 1),
    )
    return person
