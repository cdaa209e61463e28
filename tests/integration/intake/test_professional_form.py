"""The public form for professionals: their organisation and contact, then the person."""

import re

import pytest
from django.urls import reverse

from onestory.intake.choices import Channel, Source, Urgency
from onestory.intake.forms.public import FormState
from onestory.intake.models import Referral
from tests.integration.intake.conftest import assert_neutral_title, title_of

pytestmark = pytest.mark.django_db

FORM = reverse("intake:professional-form")

ANSWERS = {
    "referrer_name": "Dr Priya Shah",
    "referrer_role": "GP",
    "referrer_agency": "Riverside Surgery",
    "referrer_agency_kind": "health",
    "referrer_phone": "0191 000 0000",
    "referrer_email": "p.shah@example.nhs.uk",
    "given_name": "Maria",
    "family_name": "Nowak",
    "approximate_age": "34",
    "story": "Disclosed at an appointment that her husband hits her.",
    "urgency": "high",
    "contact_only_through_professional": "on",
    "professional_contact": "Dr Shah at Riverside Surgery, 0191 000 0000",
    "consent": ["idva", "health"],
}


def _state() -> str:
    return FormState.start(Source.PROFESSIONAL).signed


def test_it_shows_the_form_for_professionals(client, world):
    response = client.get(FORM)
    html = response.content.decode()
    assert response.status_code == 200
    assert title_of(response) == "Refer someone – OneStory"
    assert "Your organisation" in html
    assert "Kind of organisation" in html
    assert 'data-module="govuk-exit-this-page"' in html
    assert set(response.cookies) <= {"csrftoken"}


def test_it_takes_a_professional_referral(client, world):
    response = client.post(FORM, {"form_state": _state(), **ANSWERS})
    referral = Referral.objects.get()
    assert (referral.channel, referral.source) == (Channel.PROFESSIONAL_FORM, Source.PROFESSIONAL)
    assert referral.referrer_agency == "Riverside Surgery"
    assert referral.referrer_agency_kind == "health"
    assert referral.urgency == Urgency.HIGH
    assert referral.contact_only_through_professional is True
    html = response.content.decode()
    assert referral.reference in html
    assert "Nowak" not in html
    assert "hits" not in html
    assert "Riverside" not in html
    assert_neutral_title(response)
    assert set(response.cookies) <= {"csrftoken"}


def test_a_double_submit_makes_one_referral(client, world):
    state = _state()
    client.post(FORM, {"form_state": state, **ANSWERS})
    client.post(FORM, {"form_state": state, **ANSWERS})
    assert Referral.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"referrer_agency": ""}, "referrer_agency", "Enter the name of your organisation"),
        ({"referrer_agency_kind": ""}, "referrer_agency_kind", "Select the kind of organisation"),
        (
            {"referrer_agency_kind": "spaceship"},
            "referrer_agency_kind",
            "Select the kind of organisation from the list",
        ),
        ({"referrer_name": ""}, "referrer_name", "Enter your name"),
        (
            {"referrer_phone": "", "referrer_email": ""},
            "referrer_phone",
            "Enter a phone number or email address for the professional",
        ),
        ({"story": ""}, "story", "Tell us why you are referring them"),
        ({"urgency": ""}, "urgency", "Select how urgent this is"),
        ({"professional_contact": ""}, "professional_contact", "Enter the professional"),
    ],
)
def test_it_refuses_an_incomplete_referral_and_saves_nothing(
    client, world, changes, field, message
):
    response = client.post(FORM, {"form_state": _state(), **ANSWERS, **changes})
    html = response.content.decode()
    assert title_of(response) == "Error: Refer someone – OneStory"
    error = re.search(
        rf'<p id="id_{field}-error" class="govuk-error-message">(.*?)</p>', html, re.S
    )
    assert error is not None
    assert message in error.group(1)
    assert not Referral.objects.exists()


def test_it_starts_again_with_a_changed_state(client, world):
    response = client.post(FORM, {"form_state": "nonsense", **ANSWERS})
    assert "nothing was sent" in response.content.decode()
    assert not Referral.objects.exists()
