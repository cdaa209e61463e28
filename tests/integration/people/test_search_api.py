"""GET /api/v1/persons/search: candidates among the persons the caller may see."""

import datetime as dt

import pytest

from onestory.access.models import ShareScope
from onestory.audit.models import AuditAction, AuditEvent
from onestory.people import actions
from onestory.people.models import AddressKind
from tests.factories import ShareFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/persons/search"


@pytest.fixture
def margaret(world):
    person = actions.create_person(
        by=world.caseworker,
        owning_agency=world.agency,
        given_name="Margaret",
        family_name="Doyle",
        date_of_birth=dt.date(1962, 10, 5),
    )
    actions.record_address(
        by=world.caseworker,
        person=person,
        kind=AddressKind.HOME,
        line_1="8 Mill Lane",
        postcode="NE5 2DD",
        location_secret=False,
    )
    return person


def test_it_returns_candidates_with_scores_and_reasons(world, as_user, margaret):
    response = as_user(world.caseworker).get(
        URL, {"name": "Peggy Doyle", "date_of_birth": "1962-05-10", "postcode": "NE5 2DD"}
    )
    assert response.status_code == 200
    [found] = response.json()
    assert found == {
        "id": margaret.pk,
        "display_name": "Margaret Doyle",
        "date_of_birth": "1962-10-05",
        "score": found["score"],
        "reasons": [
            "Peggy is a short form of Margaret",
            "Family name matches",
            "Date of birth matches with day and month swapped",
            "Postcode matches a known address",
        ],
    }
    assert 0.8 < found["score"] <= 1


def test_it_never_returns_location_secret_details(world, as_user, margaret):
    body = as_user(world.caseworker).get(URL, {"name": "Margaret Doyle", "postcode": "NE5 2DD"})
    assert "Mill Lane" not in body.content.decode()
    assert "NE5" not in body.content.decode()


def test_it_accepts_part_of_a_date_of_birth(world, as_user, margaret):
    found = as_user(world.caseworker).get(URL, {"name": "M Doyle", "date_of_birth": "1962"}).json()
    assert found[0]["id"] == margaret.pk
    assert "Year of birth matches" in found[0]["reasons"]


@pytest.mark.parametrize(
    ("asked", "field", "message"),
    [
        ({"name": "Peggy", "date_of_birth": "05/10/1962"}, "date_of_birth", "YYYY-MM-DD"),
        ({"name": "Peggy", "date_of_birth": "1962-02-30"}, "date_of_birth", "a real date"),
        ({}, "name", "Give a name to search for"),
        ({"name": "Peggy", "postcode": "nowhere"}, "postcode", "Give a UK postcode"),
        ({"name": "Peggy", "nhs_number": "1234"}, "nhs_number", "not a valid NHS number"),
        ({"name": "Peggy", "limit": "500"}, "limit", "Give a limit from 1 to 50"),
    ],
)
def test_it_answers_bad_input_with_400_and_a_message(world, as_user, asked, field, message):
    response = as_user(world.caseworker).get(URL, asked)
    assert response.status_code == 400
    assert message in str(response.json()[field])


def test_another_agency_sees_nobody_unless_shared(world, as_user, margaret):
    client = as_user(world.other_caseworker)
    assert client.get(URL, {"name": "Margaret Doyle"}).json() == []
    ShareFactory(person=margaret, to_agency=world.other_agency, scope=ShareScope.SUMMARY)
    [found] = client.get(URL, {"name": "Margaret Doyle", "postcode": "NE5 2DD"}).json()
    assert found["id"] == margaret.pk
    assert not any("Postcode" in reason for reason in found["reasons"])


def test_it_refuses_a_role_that_may_not_search(world, as_user):
    assert as_user(world.commissioner).get(URL, {"name": "Peggy"}).status_code == 403


def test_it_asks_anonymous_callers_to_authenticate(client):
    assert client.get(URL, {"name": "Peggy"}).status_code == 401


def test_it_is_described_in_the_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/persons/search"]["get"]
    assert {parameter["name"] for parameter in operation["parameters"]} >= {
        "name",
        "date_of_birth",
        "postcode",
    }


def test_it_names_every_person_it_returned_in_one_audit_event(world, as_user, margaret):
    sister = actions.create_person(
        by=world.caseworker, owning_agency=world.agency, given_name="Margo", family_name="Doyle"
    )
    hidden = actions.create_person(
        by=world.other_caseworker,
        owning_agency=world.other_agency,
        given_name="Margaret",
        family_name="Doyle",
    )
    before = AuditEvent.objects.filter(action=AuditAction.SEARCH).count()
    response = as_user(world.caseworker).get(URL, {"name": "Margaret Doyle"})
    returned = [candidate["id"] for candidate in response.json()]
    events = AuditEvent.objects.filter(action=AuditAction.SEARCH)
    assert events.count() == before + 1
    event = events.first()
    assert event.channel == "api"
    assert sorted(event.shown_person_ids) == sorted(returned)
    assert set(returned) == {margaret.pk, sister.pk}
    assert hidden.pk not in event.shown_person_ids
