"""Signing staff out after a spell without activity."""

import pytest
from django.urls import reverse

from onestory.accounts.middleware import LAST_ACTIVITY_KEY
from onestory.audit.models import AuditAction, AuditEvent
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

HOME = reverse("home:home")


def _idle_for(client, minutes: int) -> None:
    session = client.session
    session[LAST_ACTIVITY_KEY] -= minutes * 60
    session.save()


def test_it_stamps_each_request(as_user, world):
    client = as_user(world.caseworker)
    client.get(HOME)
    assert isinstance(client.session[LAST_ACTIVITY_KEY], int)


def test_it_keeps_an_active_user_signed_in(as_user, world, settings):
    settings.IDLE_TIMEOUT_MINUTES = 30
    client = as_user(world.caseworker)
    client.get(HOME)
    _idle_for(client, 29)
    assert client.get(HOME).status_code == 200


def test_it_signs_out_after_the_idle_time_and_says_why(as_user, world, settings):
    settings.IDLE_TIMEOUT_MINUTES = 30
    client = as_user(world.caseworker)
    client.get(HOME)
    _idle_for(client, 31)
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:sign-in')}?next=/home/"
    html = client.get(response["Location"]).content.decode()
    assert "You were signed out after 30 minutes without activity" in html
    assert client.get(HOME).status_code == 302
    event = AuditEvent.objects.get(action=AuditAction.SIGN_OUT, actor_id=world.caseworker.pk)
    assert event.reason == "no activity for 30 minutes"


def test_it_uses_the_configured_idle_time(as_user, world, settings):
    settings.IDLE_TIMEOUT_MINUTES = 5
    client = as_user(world.caseworker)
    client.get(HOME)
    _idle_for(client, 6)
    response = client.get(HOME, follow=True)
    assert "You were signed out after 5 minutes without activity" in response.content.decode()


def test_it_signs_out_an_idle_api_session_without_redirecting(as_user, world, settings):
    settings.IDLE_TIMEOUT_MINUTES = 30
    client = as_user(world.caseworker)
    client.get(HOME)
    _idle_for(client, 31)
    person = PersonFactory(owning_agency=world.agency)
    response = client.get(f"/api/v1/persons/{person.pk}/")
    assert response.status_code == 401


def test_it_leaves_anonymous_visitors_alone(client):
    response = client.get(reverse("home:start"))
    assert response.status_code == 200
    assert LAST_ACTIVITY_KEY not in client.session


def test_the_session_outlives_the_idle_time_so_the_reason_can_be_given(settings):
    assert settings.SESSION_COOKIE_AGE > settings.IDLE_TIMEOUT_MINUTES * 60
