"""A flood of public forms from one address cannot bury real referrals in the front-door queue.

The public forms' POSTs are limited per client address (``THROTTLE_PUBLIC_FORMS``, 20 an hour
by default); past the limit the sender gets a plain "try again later" page (429, Retry-After)
and nothing is saved, while everyone else's forms go through.
"""

import pytest
from django.test import Client
from django.urls import reverse

from onestory.config import Rate
from onestory.core import throttles
from onestory.intake.choices import Source
from onestory.intake.forms.public import FormState
from onestory.intake.models import Referral
from onestory.intake.views.triage import QUEUE_PAGE_SIZE
from tests.integration.intake.test_professional_form import ANSWERS as PROFESSIONAL
from tests.integration.intake.test_public_form import SELF_ANSWERS

pytestmark = pytest.mark.django_db

# Half-way through an hour, and through a minute.
MID_WINDOW = 1_800_001_830.0


@pytest.fixture(autouse=True)
def _mid_window(monkeypatch):
    """The limits count in fixed windows; the test must not straddle the end of one."""
    monkeypatch.setattr(throttles, "clock", lambda: MID_WINDOW)


CONTACT_FORM = reverse("intake:contact-form")
PROFESSIONAL_FORM = reverse("intake:professional-form")
FLOODER = "203.0.113.66"


def send_self_referral(client: Client, number: int):
    state = FormState.start(Source.SELF).signed
    answers = {**SELF_ANSWERS, "given_name": f"Flood{number}"}
    return client.post(CONTACT_FORM, {"form_state": state, **answers})


def test_a_flood_from_one_address_cannot_bury_a_real_referral(world, desk, as_user, settings):
    limit = settings.THROTTLE_PUBLIC_FORMS.count
    assert Rate(20, 3600) == settings.THROTTLE_PUBLIC_FORMS  # the default in settings.py
    flooder = Client(REMOTE_ADDR=FLOODER)
    answers = [send_self_referral(flooder, n).status_code for n in range(QUEUE_PAGE_SIZE + 10)]
    assert answers[:limit] == [200] * limit
    assert set(answers[limit:]) == {429}
    assert Referral.objects.count() == limit

    refused = send_self_referral(flooder, 999)
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(3600 - 1830)
    html = refused.content.decode()
    assert "Please try again later" in html
    assert "Nothing you typed has been kept" in html
    assert not Referral.objects.filter(given_name="Flood999").exists()

    gp = Client(REMOTE_ADDR="198.51.100.7")
    state = FormState.start(Source.PROFESSIONAL).signed
    assert gp.post(PROFESSIONAL_FORM, {"form_state": state, **PROFESSIONAL}).status_code == 200
    real = Referral.objects.get(family_name="Nowak")
    queue = as_user(desk.call_handler).get(reverse("intake:queue")).content.decode()
    assert real.reference in queue
    assert Referral.objects.count() == limit + 1 <= QUEUE_PAGE_SIZE


def test_it_counts_only_the_forms_sent_not_the_pages_read(world, settings):
    settings.THROTTLE_PUBLIC_FORMS = Rate(2, 3600)
    reader = Client(REMOTE_ADDR=FLOODER)
    for _ in range(5):
        assert reader.get(CONTACT_FORM).status_code == 200
    assert send_self_referral(reader, 1).status_code == 200
    assert send_self_referral(reader, 2).status_code == 200
    assert send_self_referral(reader, 3).status_code == 429
    assert reader.get(CONTACT_FORM).status_code == 200


def test_the_address_behind_trusted_proxies_is_the_one_limited(world, settings):
    settings.THROTTLE_PUBLIC_FORMS = Rate(1, 3600)
    settings.PROXY_COUNT = 1
    proxy = "10.0.0.2"
    first = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="192.0.2.10")
    second = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="192.0.2.11")
    spoofing = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="192.0.2.99, 192.0.2.10")
    assert send_self_referral(first, 1).status_code == 200
    assert send_self_referral(second, 2).status_code == 200
    assert send_self_referral(first, 3).status_code == 429
    # A client cannot escape by sending its own X-Forwarded-For: the proxy's entry counts.
    assert send_self_referral(spoofing, 4).status_code == 429


def test_the_password_reset_form_is_limited_too(world, settings):
    settings.THROTTLE_PUBLIC_FORMS = Rate(1, 3600)
    client = Client(REMOTE_ADDR=FLOODER)
    url = reverse("accounts:password-reset")
    assert client.post(url, {"email": "nobody@example.org"}).status_code == 302
    assert client.post(url, {"email": "nobody@example.org"}).status_code == 429
