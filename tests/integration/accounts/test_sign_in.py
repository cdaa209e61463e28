"""Signing in with a password, signing out, sign-in audit events, and the lockout."""

from datetime import datetime, timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from onestory.accounts.views.sign_in import clock_time
from onestory.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "a long test password"  # what UserFactory sets
SIGN_IN = reverse("accounts:sign-in")


@pytest.fixture
def staff(world):
    return world.caseworker


def _sign_in(client, username="caseworker", password=PASSWORD, **extra):
    return client.post(SIGN_IN, {"username": username, "password": password, **extra})


def _events(action, **filters):
    return AuditEvent.objects.filter(action=action, **filters)


def test_it_shows_the_sign_in_page(client):
    response = client.get(SIGN_IN)
    assert response.status_code == 200
    assert '<label class="govuk-label govuk-label--s" for="id_username">Username</label>' in (
        response.content.decode()
    )


def test_it_sends_a_correct_password_on_to_two_step_verification(client, staff):
    response = _sign_in(client)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:mfa')}?next=%2Fhome%2F"


def test_it_keeps_where_the_user_was_going(client, staff):
    response = _sign_in(client, next="/account/roles/")
    assert response["Location"] == f"{reverse('accounts:mfa')}?next=%2Faccount%2Froles%2F"


def test_it_ignores_a_next_address_on_another_site(client, staff):
    response = _sign_in(client, next="https://elsewhere.example/")
    assert response["Location"] == f"{reverse('accounts:mfa')}?next=%2Fhome%2F"


def test_it_explains_a_wrong_password_next_to_the_form(client, staff):
    response = _sign_in(client, password="nope")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Sign in – OneStory</title>" in html
    assert "govuk-error-summary" in html
    assert "Enter a correct username and password" in html


def test_it_refuses_a_switched_off_account(client, staff):
    staff.is_active = False
    staff.save()
    response = _sign_in(client)
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()


def test_it_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("home:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN)


def test_signed_in_pages_are_never_stored(as_user, world):
    response = as_user(world.caseworker).get(reverse("home:home"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_it_signs_out_only_by_post(as_user, world):
    client = as_user(world.caseworker)
    assert client.get(reverse("accounts:sign-out")).status_code == 405
    response = client.post(reverse("accounts:sign-out"))
    assert response["Location"] == reverse("accounts:signed-out")
    assert client.get(reverse("home:home")).status_code == 302


def test_it_lets_a_user_sign_out_before_two_step_verification(client, staff):
    _sign_in(client)
    response = client.post(reverse("accounts:sign-out"))
    assert response["Location"] == reverse("accounts:signed-out")


def test_it_sends_anonymous_sign_outs_to_sign_in(client):
    response = client.post(reverse("accounts:sign-out"))
    assert response["Location"].startswith(SIGN_IN)


def test_it_shows_the_signed_out_page_to_anyone(client):
    response = client.get(reverse("accounts:signed-out"))
    assert response.status_code == 200
    assert "You have signed out" in response.content.decode()


# Audit events.


def test_it_records_a_sign_in(client, staff):
    _sign_in(client)
    event = _events(AuditAction.SIGN_IN, actor_id=staff.pk).get()
    assert event.actor_username == "caseworker"
    assert event.agency_id == staff.agency_id
    assert event.ip_address == "127.0.0.1"


def test_it_records_a_failed_sign_in_with_the_username_tried(client, staff):
    _sign_in(client, username="no-such-person", password="guess")
    event = _events(AuditAction.SIGN_IN_FAILED, actor_username="no-such-person").get()
    assert event.actor_id is None
    assert event.ip_address == "127.0.0.1"
    assert "guess" not in str(event.__dict__)


def test_it_records_a_sign_out(as_user, world):
    as_user(world.caseworker).post(reverse("accounts:sign-out"))
    assert _events(AuditAction.SIGN_OUT, actor_id=world.caseworker.pk).count() == 1


# Too many wrong passwords.


def test_it_pauses_sign_in_after_five_wrong_passwords(client, staff):
    for _ in range(4):
        assert _sign_in(client, password="wrong").status_code == 200
    response = _sign_in(client, password="wrong")
    html = response.content.decode()
    assert response.status_code == 429
    assert "<title>You cannot sign in for 15 minutes – OneStory</title>" in html
    assert "You can try again after" in html
    assert "wait another 15 minutes" in html
    # Even the right password is refused while paused.
    assert _sign_in(client).status_code == 429
    assert not _events(AuditAction.SIGN_IN, actor_id=staff.pk).exists()
    refused = _events(AuditAction.SIGN_IN_FAILED, actor_username="caseworker")
    assert refused.filter(reason__contains="paused").exists()


def test_it_pauses_only_that_username_from_that_address(client, staff, world):
    for _ in range(5):
        _sign_in(client, password="wrong")
    assert _sign_in(client, username="manager").status_code == 302
    other_address = client.post(
        SIGN_IN, {"username": "caseworker", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert other_address.status_code == 302


def test_it_lets_the_user_try_again_after_the_pause(client, staff):
    for _ in range(5):
        _sign_in(client, password="wrong")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _sign_in(client).status_code == 302


def test_a_correct_password_clears_the_count_of_wrong_ones(client, staff):
    for _ in range(4):
        _sign_in(client, password="wrong")
    assert _sign_in(client).status_code == 302
    client.post(reverse("accounts:sign-out"))
    for _ in range(4):
        assert _sign_in(client, password="wrong").status_code == 200


def test_it_tells_the_time_as_people_say_it():
    london = timezone.get_default_timezone()
    cases = [
        ((9, 0), "9am"),
        ((15, 45), "3:45pm"),
        ((12, 0), "midday"),
        ((0, 0), "midnight"),
        ((0, 5), "12:05am"),
        ((12, 30), "12:30pm"),
    ]
    for (hour, minute), said in cases:
        moment = datetime(2026, 1, 15, hour, minute, tzinfo=london)
        assert clock_time(moment) == said
