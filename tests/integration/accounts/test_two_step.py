"""Two-step verification: the way in, setting up an authenticator app, and entering codes."""

import re
from base64 import b32decode
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from onestory.accounts.demo_secret import DEMO_TOTP_KEY_HEX
from onestory.audit.models import AuditAction, AuditEvent
from tests.factories import UserFactory, totp_code

pytestmark = pytest.mark.django_db

MFA = reverse("accounts:mfa")
ENROL = reverse("accounts:mfa-enrol")
VERIFY = reverse("accounts:mfa-verify")


def password_only(user) -> Client:
    """A client past the password but not yet the second step."""
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def newcomer(world):
    """A new member of staff with no authenticator app yet."""
    user = UserFactory(username="newcomer", agency=world.agency)
    TOTPDevice.objects.filter(user=user).delete()
    return user


def _enrolling_device(user) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user, confirmed=False)


def _is_verified(client) -> bool:
    return DEVICE_ID_SESSION_KEY in client.session


# The way in.


def test_it_sends_someone_without_an_app_to_set_one_up(newcomer):
    response = password_only(newcomer).get(MFA, {"next": "/account/roles/"})
    assert response["Location"] == f"{ENROL}?next=%2Faccount%2Froles%2F"


def test_it_sends_someone_with_an_app_to_enter_a_code(world):
    response = password_only(world.caseworker).get(MFA)
    assert response["Location"] == f"{VERIFY}?next=%2Fhome%2F"


def test_it_sends_someone_already_verified_straight_on(as_user, world):
    response = as_user(world.caseworker).get(MFA, {"next": "/account/roles/"})
    assert response["Location"] == "/account/roles/"


def test_it_sends_anonymous_visitors_to_sign_in(client):
    for url in (MFA, ENROL, VERIFY):
        assert client.get(url)["Location"].startswith(reverse("accounts:sign-in"))


def test_every_staff_page_waits_for_the_second_step(world):
    response = password_only(world.caseworker).get(reverse("home:home"))
    assert response["Location"] == f"{MFA}?next=%2Fhome%2F"


# Setting up an authenticator app.


def test_it_shows_a_qr_code_and_the_key_to_type(newcomer):
    response = password_only(newcomer).get(ENROL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Set up two-step verification – OneStory</title>" in html
    assert '<svg role="img" aria-label="QR code to scan with your authenticator app"' in html
    device = _enrolling_device(newcomer)
    shown = re.search(r'id="setup-key"><code>([A-Z2-7 ]+)</code>', html).group(1)
    assert re.fullmatch(r"([A-Z2-7]{4} )+[A-Z2-7]{4}", shown)
    assert b32decode(shown.replace(" ", "")).hex() == device.key


def test_the_set_up_page_has_no_inline_style_or_script(newcomer):
    html = password_only(newcomer).get(ENROL).content.decode()
    assert "style=" not in html
    assert "<style" not in html
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None


def test_it_keeps_the_same_key_when_the_page_is_reloaded(newcomer):
    client = password_only(newcomer)
    client.get(ENROL)
    first = _enrolling_device(newcomer).key
    client.get(ENROL)
    assert _enrolling_device(newcomer).key == first


def test_it_leaves_the_menu_out_until_the_second_step_is_done(newcomer):
    html = password_only(newcomer).get(ENROL).content.decode()
    assert 'href="/home/"' not in html.split('id="navigation"')[1].split("</ul>")[0]
    assert "Sign out" in html


def test_it_sets_up_the_app_with_a_right_code(newcomer):
    client = password_only(newcomer)
    client.get(ENROL)
    key = _enrolling_device(newcomer).key
    response = client.post(ENROL, {"code": totp_code(key), "next": "/account/roles/"})
    assert response["Location"] == "/account/roles/"
    assert TOTPDevice.objects.get(user=newcomer).confirmed
    assert _is_verified(client)
    assert client.get(reverse("home:home")).status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.MFA_ENROLLED, actor_id=newcomer.pk)
    assert event.fields == ["totp_devices"]


def test_it_accepts_a_code_typed_with_spaces(newcomer):
    client = password_only(newcomer)
    client.get(ENROL)
    code = totp_code(_enrolling_device(newcomer).key)
    response = client.post(ENROL, {"code": f"{code[:3]} {code[3:]}"})
    assert response.status_code == 302


def test_it_explains_a_wrong_code_while_setting_up(newcomer):
    client = password_only(newcomer)
    client.get(ENROL)
    response = client.post(ENROL, {"code": "000000" if totp_code() != "000000" else "111111"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Set up two-step verification – OneStory</title>" in html
    assert "That code is not right" in html
    assert not _enrolling_device(newcomer).confirmed
    assert not _is_verified(client)
    assert AuditEvent.objects.filter(action=AuditAction.MFA_FAILED, actor_id=newcomer.pk).exists()


def test_it_explains_a_code_that_is_not_six_digits(newcomer):
    client = password_only(newcomer)
    for code, message in [("", "Enter the 6-digit code"), ("12ab56", "must be 6 digits")]:
        html = client.post(ENROL, {"code": code}).content.decode()
        assert message in html


def test_it_sends_someone_with_an_app_from_set_up_to_the_code(world):
    response = password_only(world.caseworker).get(ENROL)
    assert response["Location"] == f"{VERIFY}?next=%2Fhome%2F"


# Entering a code.


def test_it_asks_for_the_code(world):
    response = password_only(world.caseworker).get(VERIFY)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Enter your two-step verification code – OneStory</title>" in html
    assert 'autocomplete="one-time-code"' in html


def test_it_verifies_a_right_code_and_goes_on(world):
    client = password_only(world.caseworker)
    old_session = client.session.session_key
    response = client.post(VERIFY, {"code": totp_code(), "next": "/account/roles/"})
    assert response["Location"] == "/account/roles/"
    assert _is_verified(client)
    assert client.session.session_key != old_session
    assert client.get("/account/roles/").status_code == 200


def test_it_does_not_follow_a_next_address_on_another_site(world):
    client = password_only(world.caseworker)
    response = client.post(VERIFY, {"code": totp_code(), "next": "https://elsewhere.example/"})
    assert response["Location"] == reverse("home:home")


def test_it_explains_a_wrong_code_and_records_it(world):
    client = password_only(world.caseworker)
    wrong = "000000" if totp_code() != "000000" else "111111"
    response = client.post(VERIFY, {"code": wrong})
    html = response.content.decode()
    assert "<title>Error: Enter your two-step verification code – OneStory</title>" in html
    assert "That code is not right" in html
    assert not _is_verified(client)
    event = AuditEvent.objects.get(action=AuditAction.MFA_FAILED, actor_id=world.caseworker.pk)
    assert event.reason == "wrong code while signing in"


def test_it_makes_the_user_wait_after_many_wrong_codes(world):
    device = TOTPDevice.objects.get(user=world.caseworker)
    device.throttling_failure_count = 5
    device.throttling_failure_timestamp = timezone.now()
    device.save()
    client = password_only(world.caseworker)
    html = client.post(VERIFY, {"code": totp_code()}).content.decode()
    assert "You have entered too many wrong codes. Wait" in html
    assert not _is_verified(client)


def test_it_lets_the_user_try_again_after_waiting(world):
    device = TOTPDevice.objects.get(user=world.caseworker)
    device.throttling_failure_count = 5
    device.throttling_failure_timestamp = timezone.now() - timedelta(minutes=5)
    device.save()
    client = password_only(world.caseworker)
    assert client.post(VERIFY, {"code": totp_code()}).status_code == 302


def test_it_does_not_accept_the_same_code_twice(world):
    code = totp_code()
    assert password_only(world.caseworker).post(VERIFY, {"code": code}).status_code == 302
    assert password_only(world.caseworker).post(VERIFY, {"code": code}).status_code == 200


def test_it_sends_someone_without_an_app_from_the_code_to_set_up(newcomer):
    response = password_only(newcomer).get(VERIFY)
    assert response["Location"] == f"{ENROL}?next=%2Fhome%2F"


# The demonstration secret, which anyone can know.


def test_it_refuses_the_demo_secret_in_production(world, settings):
    settings.PRODUCTION = True
    TOTPDevice.objects.filter(user=world.caseworker).update(key=DEMO_TOTP_KEY_HEX)
    client = password_only(world.caseworker)
    html = client.get(VERIFY).content.decode()
    assert "uses the demonstration secret" in html
    assert 'name="code"' not in html
    response = client.post(VERIFY, {"code": totp_code(DEMO_TOTP_KEY_HEX)})
    assert "uses the demonstration secret" in response.content.decode()
    assert not _is_verified(client)
    refused = AuditEvent.objects.get(action=AuditAction.MFA_FAILED, actor_id=world.caseworker.pk)
    assert refused.reason == "demonstration secret refused while signing in"


def test_it_accepts_the_demo_secret_in_the_demo(world):
    TOTPDevice.objects.filter(user=world.caseworker).update(key=DEMO_TOTP_KEY_HEX)
    client = password_only(world.caseworker)
    assert client.post(VERIFY, {"code": totp_code(DEMO_TOTP_KEY_HEX)}).status_code == 302


def test_it_never_sets_up_the_demo_secret_in_production(newcomer, settings):
    settings.PRODUCTION = True
    TOTPDevice.objects.create(user=newcomer, key=DEMO_TOTP_KEY_HEX, confirmed=False)
    password_only(newcomer).get(ENROL)
    assert _enrolling_device(newcomer).key != DEMO_TOTP_KEY_HEX


# The whole way in, from the password.


def test_it_signs_in_with_a_password_and_a_code(client, world):
    response = client.post(
        reverse("accounts:sign-in"),
        {"username": "caseworker", "password": "a long test password"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"{VERIFY}?next=%2Fhome%2F"
    response = client.post(VERIFY, {"code": totp_code(), "next": "/home/"}, follow=True)
    assert response.status_code == 200
    assert "You are signed in as" in response.content.decode()
