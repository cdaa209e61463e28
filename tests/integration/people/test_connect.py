"""Any agency that works with a person adds a connection (the person using harm), found by
name and date of birth, and then refers to MARAC.

The victim is held by the outreach service (the test world's home agency) and shared in
full with the IDVA service, whose caseworker adds the person using harm.
"""

from datetime import date

import pytest
from django.urls import reverse

from onestory.access.models import ShareScope
from onestory.audit.models import AuditEvent
from onestory.marac.models import MaracReferral
from onestory.people.models import Person, Relationship
from tests.factories import MaracFactory, PersonFactory, ShareFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def victim(world) -> Person:
    victim = PersonFactory(owning_agency=world.agency, given_name="Dawn", family_name="Ashby")
    ShareFactory(person=victim, to_agency=world.other_agency, scope=ShareScope.FULL)
    return victim


def _url(person: Person) -> str:
    return reverse("people:connect", args=[person.pk])


def _details(**changes) -> dict:
    data = {
        "kind": "former_intimate_partner",
        "given_name": "Karl",
        "family_name": "Ashby",
        "date_of_birth_day": "2",
        "date_of_birth_month": "6",
        "date_of_birth_year": "1984",
        "notes": "",
    }
    data.update(changes)
    return data


def test_a_shared_agency_adds_the_person_using_harm_as_someone_new(world, victim, as_user):
    client = as_user(world.other_caseworker)
    person_page = client.get(reverse("people:person", args=[victim.pk])).content.decode()
    assert f'href="{_url(victim)}"' in person_page

    page = client.get(_url(victim)).content.decode()
    assert "reference number" not in page.lower()
    found = client.post(_url(victim), {**_details(), "find": ""}).content.decode()
    assert "No record found at your agency" in found

    response = client.post(_url(victim), {**_details(), "match": "new", "connect": ""})
    assert response.status_code == 302
    karl = Person.objects.get(given_name="Karl")
    assert karl.owning_agency == world.other_agency
    assert karl.date_of_birth == date(1984, 6, 2)
    assert Relationship.objects.filter(
        person=victim, other_person=karl, kind="former_intimate_partner"
    ).exists()
    assert AuditEvent.objects.filter(
        action="create", object_type="people.relationship", person_id=victim.pk
    ).exists()

    # The connection is visible to the agency that added it, with a link to the record.
    after = client.get(reverse("people:person", args=[victim.pk])).content.decode()
    assert f'href="{reverse("people:person", args=[karl.pk])}"' in after


def test_a_connection_never_names_someone_the_viewer_may_not_open(world, victim, as_user):
    """The holding agency sees that she has a former partner, not who he is: his record is
    held by the agency that added him, and a connection never opens a record."""
    karl = PersonFactory(
        owning_agency=world.other_agency, given_name="Karlsson", family_name="Brightwell"
    )
    Relationship.objects.create(person=victim, other_person=karl, kind="former_intimate_partner")
    theirs = as_user(world.other_caseworker).get(reverse("people:person", args=[victim.pk]))
    assert "Karlsson Brightwell" in theirs.content.decode()
    ours = as_user(world.caseworker).get(reverse("people:person", args=[victim.pk]))
    page = ours.content.decode()
    assert "Former partner" in page
    assert "Someone whose record another agency holds" in page
    assert "Karlsson" not in page
    assert "Brightwell" not in page
    assert reverse("people:person", args=[karl.pk]) not in page


def test_it_finds_a_record_the_agency_already_holds_by_name_and_date_of_birth(
    world, victim, as_user
):
    karl = PersonFactory(
        owning_agency=world.other_agency,
        given_name="Karl",
        family_name="Ashby",
        date_of_birth=date(1984, 6, 2),
    )
    # Someone of the same name held elsewhere is never offered.
    PersonFactory(
        owning_agency=world.agency,
        given_name="Karl",
        family_name="Ashby",
        date_of_birth=date(1984, 6, 2),
    )
    client = as_user(world.other_caseworker)
    found = client.post(_url(victim), {**_details(), "find": ""}).content.decode()
    assert f'value="{karl.pk}"' in found
    assert found.count('name="match"') == 2  # Karl, and "someone new"

    response = client.post(_url(victim), {**_details(), "match": str(karl.pk), "connect": ""})
    assert response.status_code == 302
    assert Relationship.objects.filter(person=victim, other_person=karl).exists()
    assert Person.objects.filter(given_name="Karl").count() == 2


def test_it_refuses_a_person_it_did_not_offer(world, victim, as_user):
    elsewhere = PersonFactory(owning_agency=world.agency, given_name="Karl", family_name="Ashby")
    client = as_user(world.other_caseworker)
    page = client.post(_url(victim), {**_details(), "match": str(elsewhere.pk), "connect": ""})
    assert page.status_code == 200
    assert "Choose one of the people listed" in page.content.decode()
    assert not Relationship.objects.exists()


def test_it_asks_for_the_name_and_how_they_are_connected(world, victim, as_user):
    client = as_user(world.other_caseworker)
    page = client.post(_url(victim), {"find": ""}).content.decode()
    assert "Choose how they are connected" in page
    assert "Enter their given name" in page
    assert not Relationship.objects.exists()


def test_the_connection_lets_the_shared_agency_refer_to_marac(world, victim, as_user):
    marac = MaracFactory(coordinating_agency=world.central, members=[world.other_agency])
    client = as_user(world.other_caseworker)
    client.post(_url(victim), {**_details(), "match": "new", "connect": ""})
    karl = Person.objects.get(given_name="Karl")
    form = client.get(reverse("marac:refer", args=[victim.pk])).content.decode()
    assert "Karl Ashby" in form
    response = client.post(
        reverse("marac:refer", args=[victim.pk]),
        {
            "marac": marac.pk,
            "perpetrators": [karl.pk],
            "reason": "Threats to kill after she left; he has found her new workplace.",
            "judgement": "on",
            "judgement_reason": "Escalating threats and stalking since the separation.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    referral = MaracReferral.objects.get()
    assert referral.referring_agency == world.other_agency
    assert list(referral.perpetrators.all()) == [karl]


def test_an_agency_with_only_a_summary_or_no_share_gets_404(world, as_user):
    summary = PersonFactory(owning_agency=world.agency)
    ShareFactory(person=summary, to_agency=world.other_agency, scope=ShareScope.SUMMARY)
    unshared = PersonFactory(owning_agency=world.agency)
    client = as_user(world.other_caseworker)
    assert client.get(_url(summary)).status_code == 404
    assert client.get(_url(unshared)).status_code == 404


def test_a_role_that_cannot_is_told_who_can(world, victim, as_user):
    page = as_user(world.representative).get(_url(victim))
    assert page.status_code == 403
    text = page.content.decode()
    assert "You cannot do this" in text
    assert "Caseworker" in text
    assert "Go to your home page" in text


def test_anonymous_visitors_are_sent_to_sign_in(victim, client):
    response = client.get(_url(victim))
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")


def test_the_holding_agency_adds_connections_the_same_way(world, victim, as_user):
    client = as_user(world.caseworker)
    response = client.post(_url(victim), {**_details(), "match": "new", "connect": ""})
    assert response.status_code == 302
    assert Person.objects.get(given_name="Karl").owning_agency == world.agency
