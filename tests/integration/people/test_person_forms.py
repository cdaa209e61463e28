"""Changing a person's record: details, names, safe contact, addresses and connections."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from onestory.access.models import ShareScope
from onestory.audit.models import AuditAction, AuditEvent
from onestory.people.models import (
    Address,
    ContactMethod,
    Involvement,
    Person,
    PersonName,
    Relationship,
    SafeContactPlan,
)
from tests.factories import ShareFactory

pytestmark = pytest.mark.django_db

FORMS = [
    "people:edit-details",
    "people:add-name",
    "people:add-contact",
    "people:safe-contact",
    "people:add-address",
    "people:add-relationship",
]
LOCATION_FORMS = {"people:add-contact", "people:safe-contact", "people:add-address"}


def url(name, person):
    return reverse(name, args=[person.pk])


def details(**changes):
    data = {
        "given_name": "Amira",
        "family_name": "Haddad",
        "date_of_birth": "17/5/1990",
        "involvement": Involvement.VICTIM,
        "first_language": "Arabic",
        "interpreter_needed": "on",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("name", FORMS)
def test_each_form_works_for_the_holding_caseworker(world, as_user, person, name):
    response = as_user(world.caseworker).get(url(name, person))
    assert response.status_code == 200
    assert '<form method="post" novalidate>' in response.content.decode()


@pytest.mark.parametrize("name", FORMS)
def test_each_form_refuses_a_role_without_permission(world, as_user, person, name):
    assert as_user(world.commissioner).get(url(name, person)).status_code == 403


@pytest.mark.parametrize("name", FORMS)
def test_each_form_is_not_found_for_another_agency(world, as_user, person, name):
    assert as_user(world.other_caseworker).get(url(name, person)).status_code == 404


@pytest.mark.parametrize("name", FORMS)
def test_each_form_is_refused_to_an_agency_with_a_share(world, as_user, person, name):
    ShareFactory(person=person, to_agency=world.other_agency, scope=ShareScope.FULL)
    assert as_user(world.other_caseworker).get(url(name, person)).status_code == 403


@pytest.mark.parametrize("name", FORMS)
def test_each_form_sends_anonymous_visitors_to_sign_in(client, person, name):
    response = client.get(url(name, person))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("name", sorted(LOCATION_FORMS))
def test_location_forms_are_refused_to_a_role_that_may_not_see_locations(
    world, as_user, person, name
):
    assert as_user(world.representative).get(url(name, person)).status_code == 403


def test_it_saves_details_and_audits_only_the_fields_changed(world, as_user, person):
    response = as_user(world.caseworker).post(
        url("people:edit-details", person),
        details(ethnicity="white_roma", nhs_number="401 023 2137", religion="muslim"),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.ethnicity == "white_roma"
    assert person.nhs_number == "4010232137"
    event = AuditEvent.objects.filter(action=AuditAction.UPDATE, person_id=person.pk).first()
    assert set(event.fields) == {"ethnicity", "nhs_number"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"nhs_number": "9434765918"}, "This is not a valid NHS number."),
        ({"nhs_number": "12345"}, "An NHS number is 10 digits"),
        ({"date_of_birth": "1/1/2999"}, "Date of birth must be today or in the past."),
        ({"date_of_birth": "1/1/1850"}, "Date of birth must be within the last 120 years."),
        ({"date_of_birth": "31/2/1990"}, "Date of birth must be a real date"),
        ({"given_name": ""}, "Enter the person&#x27;s given name"),
        ({"birth_year_estimate": "2999"}, "The estimated year of birth cannot be in the future."),
        ({"disability_kinds": ["deaf"]}, "Answer yes here before choosing kinds of disability."),
    ],
)
def test_it_refuses_impossible_details_and_saves_nothing(world, as_user, person, changes, message):
    response = as_user(world.caseworker).post(
        url("people:edit-details", person), details(ethnicity="white_roma", **changes)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "<title>Error: Change details" in html
    person.refresh_from_db()
    assert person.ethnicity == "other_arab"


def test_it_adds_a_previous_name(world, as_user, person):
    response = as_user(world.caseworker).post(
        url("people:add-name", person), {"kind": "previous", "family_name": "Khalil"}
    )
    assert response.status_code == 302
    name = PersonName.objects.get(person=person)
    assert (name.kind, name.family_name, name.family_name_keys) == ("previous", "Khalil", " KL ")


def test_it_asks_for_some_name(world, as_user, person):
    response = as_user(world.caseworker).post(url("people:add-name", person), {"kind": "alias"})
    assert "Enter a given name, a family name or both" in response.content.decode()
    assert not PersonName.objects.exists()


def test_it_adds_a_contact_number_with_when_it_is_safe(world, as_user, person):
    response = as_user(world.caseworker).post(
        url("people:add-contact", person),
        {"kind": "phone", "value": "07700 900982", "safe_to_use": "on", "safe_times": "Mornings"},
    )
    assert response.status_code == 302
    contact = ContactMethod.objects.get(person=person)
    assert (contact.safe_to_use, contact.voicemail_allowed, contact.safe_times) == (
        True,
        False,
        "Mornings",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"kind": "email", "value": "not an email"},
            "Enter an email address like name@example.com",
        ),
        ({"kind": "phone", "value": "call me"}, "Enter a phone number, like 07700 900 982"),
        ({"kind": "phone"}, "Enter the phone number or email address"),
    ],
)
def test_it_refuses_contact_details_that_cannot_work(world, as_user, person, data, message):
    response = as_user(world.caseworker).post(url("people:add-contact", person), data)
    assert message in response.content.decode()
    assert not ContactMethod.objects.exists()


def test_it_sets_a_safe_word_and_a_professional_route(world, as_user, person):
    client = as_user(world.caseworker)
    data = {
        "safe_word": "Lavender",
        "only_through_professional": "on",
        "professional_name": "Dana Reyes",
        "professional_agency": "Northshire Outreach",
    }
    assert client.post(url("people:safe-contact", person), data).status_code == 302
    data["safe_word"] = "Bluebell"
    assert client.post(url("people:safe-contact", person), data).status_code == 302
    plan = SafeContactPlan.objects.get(person=person)
    assert (plan.safe_word, plan.professional_name) == ("Bluebell", "Dana Reyes")
    html = client.get(url("people:safe-contact", person)).content.decode()
    assert 'value="Bluebell"' in html


def test_it_needs_the_professionals_name(world, as_user, person):
    response = as_user(world.caseworker).post(
        url("people:safe-contact", person), {"only_through_professional": "on"}
    )
    assert "Enter the name of the professional to contact" in response.content.decode()
    assert not SafeContactPlan.objects.exists()


def address(**changes):
    data = {"kind": "home", "line_1": "3 New Road", "town": "Northtown", "postcode": "ne3 1aa"}
    data.update(changes)
    return data


def test_a_victims_new_address_is_secret_unless_unticked(world, as_user, person):
    client = as_user(world.caseworker)
    form = client.get(url("people:add-address", person)).content.decode()
    assert re.search(r'<input type="checkbox" name="location_secret"[^>]* checked>', form)
    client.post(url("people:add-address", person), address(location_secret="on"))
    made = Address.objects.get(person=person)
    assert (made.location_secret, made.postcode, made.postcode_district) == (True, "NE3 1AA", "NE3")
    client.post(url("people:add-address", person), address(line_1="4 Other Road"))
    assert Address.objects.get(line_1="4 Other Road").location_secret is False


def test_a_refuge_address_is_always_secret(world, as_user, person):
    person.involvement = Involvement.PERSON_USING_HARM
    person.save()
    as_user(world.caseworker).post(url("people:add-address", person), address(kind="refuge"))
    assert Address.objects.get(person=person).location_secret is True


def test_an_address_for_a_person_using_harm_starts_out_not_secret(world, as_user, person):
    person.involvement = Involvement.PERSON_USING_HARM
    person.save()
    form = as_user(world.caseworker).get(url("people:add-address", person)).content.decode()
    assert re.search(r'<input type="checkbox" name="location_secret"[^>]*>', form)
    assert not re.search(r'<input type="checkbox" name="location_secret"[^>]* checked>', form)


def test_moving_house_ends_the_old_address(world, as_user, person):
    client = as_user(world.caseworker)
    client.post(url("people:add-address", person), address(from_date="1/1/2020"))
    client.post(
        url("people:add-address", person),
        address(line_1="9 Far Street", from_date="1/6/2024", ends_current="on"),
    )
    old = Address.objects.get(line_1="3 New Road")
    assert old.to_date == dt.date(2024, 5, 31)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"postcode": "nowhere"}, "Enter a full UK postcode, like NE1 4XY."),
        ({"line_1": ""}, "Enter the first line of the address"),
        (
            {"from_date": "2/2/2022", "to_date": "1/1/2020"},
            "The date they left must be after the date they moved in",
        ),
    ],
)
def test_it_refuses_a_bad_address(world, as_user, person, changes, message):
    response = as_user(world.caseworker).post(url("people:add-address", person), address(**changes))
    assert message in response.content.decode()
    assert not Address.objects.exists()


def test_it_connects_a_new_child(world, as_user, person):
    response = as_user(world.caseworker).post(
        url("people:add-relationship", person),
        {
            "kind": "parent_of",
            "given_name": "Yusuf",
            "family_name": "Haddad",
            "date_of_birth": "1/9/2017",
        },
    )
    assert response.status_code == 302
    link = Relationship.objects.get()
    assert (link.person, link.other_person.given_name, link.kind) == (person, "Yusuf", "parent_of")
    assert link.other_person.owning_agency == world.agency
    child_page = as_user(world.caseworker).get(
        reverse("people:person", args=[link.other_person.pk])
    )
    assert "Their parent" in child_page.content.decode()


def test_it_connects_someone_already_held(world, as_user, person):
    from tests.factories import PersonFactory

    partner = PersonFactory(owning_agency=world.agency, date_of_birth=dt.date(1985, 1, 1))
    response = as_user(world.caseworker).post(
        url("people:add-relationship", person),
        {"kind": "former_intimate_partner", "other_reference": str(partner.pk)},
    )
    assert response.status_code == 302
    assert Relationship.objects.filter(person=person, other_person=partner).exists()


def test_it_refuses_a_child_as_an_adults_partner_and_saves_nothing(world, as_user, person):
    people_before = Person.objects.count()
    response = as_user(world.caseworker).post(
        url("people:add-relationship", person),
        {"kind": "intimate_partner", "given_name": "Young", "date_of_birth": "1/1/2015"},
    )
    assert response.status_code == 200
    assert "A child under 16 cannot be recorded as the partner of an adult" in (
        response.content.decode()
    )
    assert Person.objects.count() == people_before
    assert not Relationship.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "relative"}, "Enter the other person&#x27;s reference number"),
        ({"kind": "relative", "other_reference": "abc"}, "Enter a reference number using digits"),
        ({"kind": "relative", "other_reference": "999999"}, "Your agency holds no record"),
        (
            {"kind": "relative", "other_reference": "1", "given_name": "Both"},
            "Give a reference number or a new person&#x27;s name, not both",
        ),
        ({"other_reference": "1"}, "Choose how they are connected"),
    ],
)
def test_it_explains_what_is_missing_from_a_connection(world, as_user, person, data, message):
    response = as_user(world.caseworker).post(url("people:add-relationship", person), data)
    assert message in response.content.decode()
    assert not Relationship.objects.exists()


def test_it_will_not_connect_a_person_with_themselves(world, as_user, person):
    response = as_user(world.caseworker).post(
        url("people:add-relationship", person), {"kind": "relative", "other_reference": person.pk}
    )
    assert "A person cannot be connected to themselves." in response.content.decode()


def test_it_records_a_new_person(world, as_user):
    response = as_user(world.call_handler).post(
        reverse("people:new"), details(given_name="Lucy", family_name="Marsh")
    )
    assert response.status_code == 302
    made = Person.objects.get(given_name="Lucy")
    assert made.owning_agency == world.agency
    assert made.created_by == world.call_handler
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, person_id=made.pk).exists()


def test_recording_a_new_person_refuses_a_future_birth(world, as_user):
    response = as_user(world.call_handler).post(
        reverse("people:new"), details(date_of_birth="1/1/2999")
    )
    assert "Date of birth must be today or in the past." in response.content.decode()
    assert not Person.objects.exists()


def test_recording_a_new_person_needs_permission(world, as_user, client):
    assert as_user(world.marac_coordinator).get(reverse("people:new")).status_code == 200
    assert as_user(world.commissioner).get(reverse("people:new")).status_code == 403
    assert client.get(reverse("people:new")).status_code == 302
