"""The page for finding a person."""

import datetime as dt

import pytest
from django.urls import reverse

from onestory.access.models import ShareScope
from onestory.audit.models import AuditAction, AuditEvent
from onestory.people import actions
from onestory.people.models import AddressKind, NameKind
from tests.factories import ShareFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("people:search")


@pytest.fixture
def william(world):
    person = actions.create_person(
        by=world.caseworker,
        owning_agency=world.agency,
        given_name="William",
        family_name="Ashworth-Kerr",
        date_of_birth=dt.date(1978, 2, 11),
    )
    actions.add_name(by=world.caseworker, person=person, kind=NameKind.PREVIOUS, family_name="Pole")
    actions.record_address(
        by=world.caseworker,
        person=person,
        kind=AddressKind.HOME,
        line_1="5 Quiet Close",
        postcode="NE4 6AB",
        location_secret=False,
    )
    return person


def search(client, **asked):
    response = client.get(SEARCH, asked)
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_an_empty_search_form(world, as_user):
    html = search(as_user(world.call_handler))
    assert "<title>Find a person – OneStory</title>" in html
    assert "matches" not in html.lower()


@pytest.mark.parametrize(
    ("asked", "reason"),
    [
        ({"name": "Bill Kerr"}, "Bill is a short form of William"),
        ({"name": "William Ashworth"}, "Matches one part of a double-barrelled family name"),
        ({"name": "William Pole"}, "Family name matches (a previous name)"),
        (
            {"name": "William Ashworth-Kerr", "date_of_birth": "2/11/1978"},
            "Date of birth matches with day and month swapped",
        ),
        (
            {"name": "William Ashworth-Kerr", "date_of_birth": "2/1978"},
            "Month and year of birth match",
        ),
        (
            {"name": "William Ashworth-Kerr", "postcode": "ne4 6ab"},
            "Postcode matches a known address",
        ),
    ],
)
def test_it_finds_the_person_and_says_why(world, as_user, william, asked, reason):
    html = search(as_user(world.caseworker), **asked)
    assert reverse("people:person", args=[william.pk]) in html
    assert "William Ashworth-Kerr" in html
    assert reason in html


def test_it_shows_a_score_as_a_percentage(world, as_user, william):
    html = search(
        as_user(world.caseworker), name="William Ashworth-Kerr", date_of_birth="11/2/1978"
    )
    assert "100%" in html


def test_it_never_shows_the_address_it_matched(world, as_user, william):
    html = search(as_user(world.caseworker), name="William Ashworth-Kerr", postcode="NE4 6AB")
    assert "5 Quiet Close" not in html
    assert html.count("NE4 6AB") == 1  # only in the search box


def test_another_agency_finds_nobody_unless_shared(world, as_user, william):
    client = as_user(world.other_caseworker)
    html = search(client, name="William Ashworth-Kerr", postcode="NE4 6AB")
    assert "No matches" in html
    assert reverse("people:person", args=[william.pk]) not in html
    ShareFactory(person=william, to_agency=world.other_agency, scope=ShareScope.SUMMARY)
    html = search(client, name="William Ashworth-Kerr", postcode="NE4 6AB")
    assert reverse("people:person", args=[william.pk]) in html
    assert "Postcode" not in html.split('id="results"')[1]


@pytest.mark.parametrize(
    ("asked", "message"),
    [
        ({"name": ""}, "Enter a name to search for"),
        ({"name": "Bill", "date_of_birth": "31/2/1980"}, "The date of birth must be a real date"),
        ({"name": "Bill", "date_of_birth": "1/1/2999"}, "The date of birth must be in the past"),
        ({"name": "Bill", "date_of_birth": "yesterday"}, "Enter a date of birth like 27/3/1985"),
        ({"name": "Bill", "postcode": "XYZ"}, "Enter a UK postcode, like NE1 4XY"),
        ({"name": "Bill", "nhs_number": "9434765918"}, "This is not a valid NHS number."),
    ],
)
def test_it_explains_bad_search_details(world, as_user, asked, message):
    html = search(as_user(world.caseworker), **asked)
    assert message in html
    assert "<title>Error: Find a person" in html


def test_it_audits_which_details_were_given(world, as_user, william):
    search(as_user(world.caseworker), name="Bill Kerr", postcode="NE4")
    event = AuditEvent.objects.filter(action=AuditAction.SEARCH).first()
    assert event.fields == ["name", "postcode"]
    assert event.channel == "page"


def test_it_refuses_a_role_that_may_not_search(world, as_user):
    assert as_user(world.commissioner).get(SEARCH).status_code == 403


def test_it_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(SEARCH, {"name": "Bill"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_it_lists_results_in_few_queries(world, as_user, django_assert_max_num_queries):
    for day in range(1, 21):
        actions.create_person(
            by=world.caseworker,
            owning_agency=world.agency,
            given_name="John",
            family_name="Smith",
            date_of_birth=dt.date(1970, 1, day),
        )
    client = as_user(world.caseworker)
    with django_assert_max_num_queries(15):
        html = search(client, name="Jon Smyth", date_of_birth="1/1/1970", postcode="NE1")
    assert html.count("John Smith") == 20


def test_it_names_every_person_it_showed_in_one_audit_event(world, as_user, william):
    namesake = actions.create_person(
        by=world.caseworker,
        owning_agency=world.agency,
        given_name="Bill",
        family_name="Ashworth-Kerr",
    )
    hidden = actions.create_person(
        by=world.other_caseworker,
        owning_agency=world.other_agency,
        given_name="William",
        family_name="Ashworth-Kerr",
    )
    before = AuditEvent.objects.filter(action=AuditAction.SEARCH).count()
    html = search(as_user(world.caseworker), name="William Ashworth-Kerr")
    events = AuditEvent.objects.filter(action=AuditAction.SEARCH)
    assert events.count() == before + 1
    event = events.first()
    assert sorted(event.shown_person_ids) == sorted([william.pk, namesake.pk])
    assert hidden.pk not in event.shown_person_ids
    assert f"/people/{william.pk}/" in html
    assert f"/people/{namesake.pk}/" in html
    assert event.actor_id == world.caseworker.pk


def test_a_search_that_shows_nobody_names_nobody(world, as_user, william):
    search(as_user(world.caseworker), name="Zebedee Quartermaine")
    event = AuditEvent.objects.filter(action=AuditAction.SEARCH).first()
    assert event.shown_person_ids == []
