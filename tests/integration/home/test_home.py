"""The home page shows each role what it can do, and what needs attention."""

import pytest
from django.urls import reverse

from onestory.access.models import EmergencyAccess
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _titles(client) -> str:
    return client.get(reverse("home:home")).content.decode()


def test_a_commissioner_sees_figures_but_nothing_about_people(world, as_user):
    html = _titles(as_user(world.commissioner))
    assert "Front-door figures" in html
    assert "Outcome figures" in html
    assert "Find a person" not in html
    assert "Staff accounts" not in html


def test_a_manager_sees_reviews_waiting(world, as_user):
    from django.utils import timezone

    person = PersonFactory(owning_agency=world.agency)
    EmergencyAccess.objects.create(
        user=world.other_caseworker,
        person=person,
        owning_agency=world.agency,
        reason="Called by A&E about an injured patient",
        expires_at=timezone.now(),
    )
    html = _titles(as_user(world.manager))
    assert "Emergency reviews" in html
    assert "1 waiting for review" in html
    assert "Staff accounts" in html


def test_an_administrator_sees_accounts_and_settings_not_people(world, as_user):
    html = _titles(as_user(world.admin))
    assert "Staff accounts" in html
    assert "Risk settings" in html
    assert html.count('href="/risk/settings/"') == 1
    assert "Find a person" not in html


def test_the_home_page_keeps_to_few_queries(world, as_user, django_assert_max_num_queries):
    client = as_user(world.manager)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("home:home")).status_code == 200
