"""The public form for someone worried about their own behaviour: questions of its own, no
safe word, no sharing with refuges, and its own confirmation."""

import re

import pytest
from django.urls import reverse

from onestory.intake.choices import Source
from onestory.intake.forms.public import FormState
from onestory.intake.models import Referral
from tests.integration.intake.conftest import title_of

pytestmark = pytest.mark.django_db

FORM = reverse("intake:contact-form")

ANSWERS = {
    "given_name": "Lee",
    "story": "I shout at my partner and last week I broke her phone. I want to stop.",
    "children_live_with": "with_other",
    "in_touch_with_services": "yes",
    "services_in_touch": "My GP",
    "phone": "07700 900456",
    "safe_to_call": "yes",
    "voicemail_allowed": "yes",
    "safe_times": "Weekday evenings after 6pm",
    "consent": ["perpetrator"],
}


def _send(client, answers):
    state = FormState.start(Source.OWN_BEHAVIOUR).signed
    return client.post(FORM, {"form_state": state, **answers})


def test_it_asks_its_own_questions(client, world):
    html = client.post(FORM, {"source": "own_behaviour"}).content.decode()
    assert "What are you worried about in how you behave?" in html
    assert "Do any children live with you, or with the other person?" in html
    assert "Are you in touch with any service" in html
    assert "When is a good time to contact you?" in html
    # No safe word, no contact through a professional, and no refuge to share with.
    for absent in ('name="safe_word"', 'name="professional_contact"', 'value="refuge"'):
        assert absent not in html
    assert 'value="idva"' not in html
    assert 'value="perpetrator"' in html


def test_it_takes_the_referral_and_confirms_it_in_its_own_words(client, world):
    response = _send(client, ANSWERS)
    assert response.status_code == 200
    html = response.content.decode()
    referral = Referral.objects.get()
    assert referral.source == Source.OWN_BEHAVIOUR
    assert referral.children_live_with == "with_other"
    assert referral.in_touch_with_services == "yes"
    assert referral.services_in_touch == "My GP"
    assert referral.safe_times == "Weekday evenings after 6pm"
    assert referral.safe_word == ""
    assert referral.consented_services() == ["perpetrator"]
    assert title_of(response) == "Sent – OneStory"
    assert referral.reference in html
    assert "If you feel you might hurt someone" in html
    # It repeats nothing the person told us.
    assert "broke her phone" not in html
    assert "My GP" not in html


def test_it_needs_what_they_are_worried_about(client, world):
    html = _send(client, {**ANSWERS, "story": ""}).content.decode()
    error = re.search(r'<p id="id_story-error" class="govuk-error-message">(.*?)</p>', html, re.S)
    assert error is not None
    assert "Tell us what you are worried about" in error.group(1)
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"consent": ["refuge"]}, "Select a valid choice"),
        ({"phone": "", "safe_to_call": "", "voicemail_allowed": ""}, "one safe way"),
        ({"in_touch_with_services": "no"}, "Leave this empty, or say you are in touch"),
    ],
)
def test_it_refuses_what_it_does_not_ask_for(client, world, changes, message):
    html = _send(client, {**ANSWERS, **changes}).content.decode()
    assert message in html
    assert not Referral.objects.exists()


def test_the_front_door_sees_the_answers(client, world, as_user):
    from onestory.accounts.roles import RoleName
    from tests.factories import UserFactory

    _send(client, ANSWERS)
    referral = Referral.objects.get()
    handler = UserFactory(
        username="front_door_handler", agency=referral.owning_agency, role=RoleName.CALL_HANDLER
    )
    page = as_user(handler).get(reverse("intake:referral", args=[referral.pk]))
    html = page.content.decode()
    assert "Where the children live" in html
    assert "With the other person" in html
    assert "Yes: My GP" in html


def test_a_safe_word_sent_anyway_is_not_kept(client, world):
    _send(client, {**ANSWERS, "safe_word": "bluebell", "consent": ["perpetrator", "refuge"]})
    assert not Referral.objects.exists()  # refuge is not offered, so the form is refused
    _send(client, {**ANSWERS, "safe_word": "bluebell"})
    assert Referral.objects.get().safe_word == ""
