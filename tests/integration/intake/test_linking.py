"""Linking a referral to the person it is about: never merged, always the worker's choice."""

from datetime import date

import pytest
from django.urls import reverse

from onestory.intake.models import Referral
from onestory.people.models import Person
from tests.factories import PersonFactory, ReferralFactory
from tests.integration.intake.conftest import title_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(world):
    return ReferralFactory(
        owning_agency=world.central,
        given_name="Bill",
        family_name="Turner",
        date_of_birth=date(1970, 11, 3),
    )


@pytest.fixture
def known(world):
    return PersonFactory(
        owning_agency=world.central,
        given_name="William",
        family_name="Turner",
        date_of_birth=date(1970, 3, 11),
    )


def _url(referral) -> str:
    return reverse("intake:link-person", args=[referral.pk])


def test_it_lists_likely_people_with_reasons(as_user, desk, referral, known):
    response = as_user(desk.call_handler).get(_url(referral))
    html = response.content.decode()
    assert response.status_code == 200
    assert title_of(response) == "Which person is this referral about? – OneStory"
    assert "William Turner" in html
    assert "Create a new person from these details" in html
    assert "Do not link a person yet" not in html


def test_it_links_the_chosen_person(as_user, desk, referral, known):
    client = as_user(desk.call_handler)
    response = client.post(_url(referral), {"link": str(known.pk)})
    compare = reverse("intake:link-compare", args=[referral.pk, known.pk])
    assert response["Location"] == compare
    assert Referral.objects.get().person is None  # not until the worker has compared
    response = client.post(compare, {})
    assert response["Location"] == reverse("intake:referral", args=[referral.pk])
    referral.refresh_from_db()
    assert referral.person == known
    assert referral.linked_by == desk.call_handler
    page = as_user(desk.call_handler).get(response["Location"]).content.decode()
    assert "William Turner" in page


def test_it_makes_a_new_person_when_asked(as_user, desk, referral, known):
    as_user(desk.call_handler).post(_url(referral), {"link": "new"})
    referral.refresh_from_db()
    assert referral.person != known
    assert referral.person.display_name == "Bill Turner"
    assert Person.objects.count() == 2


def test_it_asks_again_when_nothing_usable_was_chosen(as_user, desk, referral, world):
    hidden = PersonFactory(owning_agency=world.other_agency)
    for choice in ("", "abc", str(hidden.pk)):
        response = as_user(desk.call_handler).post(_url(referral), {"link": choice})
        assert (
            "Choose one of the people listed, or create a new person" in response.content.decode()
        )
        assert title_of(response).startswith("Error: ")
    assert Referral.objects.get().person is None


def test_a_person_the_viewer_cannot_see_stays_hidden(as_user, desk, world):
    elsewhere = PersonFactory(
        owning_agency=world.other_agency, given_name="Hidden", family_name="Person"
    )
    referral = ReferralFactory(owning_agency=world.central, person=elsewhere)
    html = (
        as_user(desk.call_handler)
        .get(reverse("intake:referral", args=[referral.pk]))
        .content.decode()
    )
    assert "Hidden Person" not in html
    assert "Linked to a person record your agency cannot see" in html


def test_another_agency_gets_404(as_user, world, referral):
    assert as_user(world.call_handler).get(_url(referral)).status_code == 404
    assert as_user(world.call_handler).post(_url(referral), {"link": "new"}).status_code == 404
    assert not Person.objects.exists()
