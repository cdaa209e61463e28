"""The public online form: for a survivor, a friend or relative, or someone worried about
their own behaviour."""

import re

import pytest
from django.urls import reverse

from onestory.accounts.models import Agency
from onestory.audit.models import AuditAction, AuditEvent
from onestory.intake.choices import Channel, Source
from onestory.intake.forms.public import FormState
from onestory.intake.models import Referral
from tests.factories import AreaFactory
from tests.integration.intake.conftest import assert_neutral_title, title_of

pytestmark = pytest.mark.django_db

FORM = reverse("intake:contact-form")

SELF_ANSWERS = {
    "given_name": "Jo",
    "family_name": "Bloggs",
    "date_of_birth_day": "27",
    "date_of_birth_month": "3",
    "date_of_birth_year": "1985",
    "postcode": "ne1 4ab",
    "children_in_household": "yes",
    "children_count": "2",
    "story": "My partner reads my messages and takes my wages.",
    "phone": "07700 900123",
    "safe_to_call": "yes",
    "voicemail_allowed": "no",
    "safe_times": "Weekdays 10am to 2pm",
    "safe_word": "bluebell",
    "consent": ["outreach", "idva"],
    "interpreter_needed": "yes",
    "interpreter_language": "Polish",
}


def _state(source: str) -> str:
    return FormState.start(source).signed


def _send(client, answers, source="self", state=None):
    return client.post(FORM, {"form_state": state or _state(source), **answers})


def test_it_shows_the_page_before_the_form(client, world):
    response = client.get(reverse("intake:before-you-start"))
    html = response.content.decode()
    assert response.status_code == 200
    assert title_of(response) == "Before you start – OneStory"
    assert 'data-module="govuk-exit-this-page"' in html
    assert "press the Shift key 3 times" in html
    assert "does not remove this site from your browsing history" in html
    assert reverse("home:staying-safe-online") in html
    assert f'href="{FORM}"' in html


def test_the_start_page_links_to_the_form(client, world):
    html = client.get(reverse("home:start")).content.decode()
    assert reverse("intake:before-you-start") in html


def test_it_asks_who_the_contact_is_about(client, world):
    response = client.get(FORM)
    assert response.status_code == 200
    assert title_of(response) == "Get in touch – OneStory"
    html = response.content.decode()
    assert "I am worried about how I behave" in html
    assert 'data-module="govuk-exit-this-page"' in html


def test_it_words_the_questions_for_who_is_getting_in_touch(client, world):
    html = client.post(FORM, {"source": "family_or_friend"}).content.decode()
    assert "Their first name, or the name they use" in html
    assert "Your name" in html
    assert 'name="form_state"' in html

    html = client.post(FORM, {"source": "self"}).content.decode()
    assert "Your first name, or a name you would like us to use" in html
    assert "Is it safe for us to call this number?" in html
    assert "Which services can we share what you have told us with?" in html
    assert "Would you like an interpreter?" in html


def test_it_requires_an_answer_to_who(client, world):
    response = client.post(FORM, {})
    assert title_of(response) == "Error: Get in touch – OneStory"
    assert "Select who you are getting in touch about" in response.content.decode()


def test_it_takes_a_self_referral_and_shows_only_the_reference(client, world):
    response = _send(client, SELF_ANSWERS)
    assert response.status_code == 200
    referral = Referral.objects.get()
    assert referral.owning_agency == world.central
    assert referral.channel == Channel.ONLINE_FORM
    assert referral.source == Source.SELF
    assert referral.postcode == "NE1 4AB"
    assert referral.date_of_birth.isoformat() == "1985-03-27"
    assert referral.safe_to_call is True
    assert referral.voicemail_allowed is False
    assert referral.consented_services() == ["outreach", "idva"]
    assert referral.interpreter_language == "Polish"
    assert referral.children_count == 2
    assert referral.submitted_by is None

    html = response.content.decode()
    assert title_of(response) == "Sent – OneStory"
    assert referral.reference in html
    for said in ("Jo", "Bloggs", "wages", "07700", "bluebell", "NE1", "Polish", "1985"):
        assert said not in html, f"the confirmation repeats {said!r}"


def test_it_audits_the_referral_without_values(client, world):
    _send(client, SELF_ANSWERS)
    referral = Referral.objects.get()
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="intake.referral")
    assert event.object_id == str(referral.pk)
    assert event.actor_id is None
    assert "story" in event.fields
    assert "safe_word" in event.fields
    assert "bluebell" not in str(event.fields) + event.reason


def test_a_double_submit_makes_one_referral(client, world):
    state = _state("self")
    first = _send(client, SELF_ANSWERS, state=state)
    second = _send(client, SELF_ANSWERS, state=state)
    assert Referral.objects.count() == 1
    reference = Referral.objects.get().reference
    assert reference in first.content.decode()
    assert reference in second.content.decode()


def test_two_forms_make_two_referrals(client, world):
    _send(client, SELF_ANSWERS)
    _send(client, SELF_ANSWERS)
    assert Referral.objects.count() == 2


def test_it_sets_no_cookie_but_csrf_and_keeps_no_session(client, world):
    responses = [
        client.get(reverse("intake:before-you-start")),
        client.get(FORM),
        client.post(FORM, {"source": "self"}),
        _send(client, {**SELF_ANSWERS, "postcode": "nonsense"}),
        _send(client, SELF_ANSWERS),
    ]
    for response in responses:
        assert set(response.cookies) <= {"csrftoken"}, response.cookies
    assert "sessionid" not in client.cookies
    assert all("no-store" in r.get("Cache-Control", "") for r in responses[1:])


def test_every_page_has_a_neutral_title_and_exit_this_page(client, world):
    responses = [
        client.get(reverse("intake:before-you-start")),
        client.get(FORM),
        client.post(FORM, {}),
        client.post(FORM, {"source": "own_behaviour"}),
        _send(client, {"given_name": ""}),
        _send(client, SELF_ANSWERS),
        client.get(reverse("intake:professional-form")),
    ]
    for response in responses:
        assert_neutral_title(response)
        assert 'data-module="govuk-exit-this-page"' in response.content.decode()


def test_a_friend_or_relative_gives_their_own_name(client, world):
    response = _send(
        client,
        {"given_name": "Sam", "referrer_phone": "0191 000 0000", "safe_to_call": ""},
        source="family_or_friend",
    )
    assert "Enter your name" in response.content.decode()
    assert not Referral.objects.exists()

    _send(
        client,
        {
            "given_name": "Sam",
            "referrer_name": "Ann",
            "referrer_relationship": "Sister",
            "referrer_phone": "0191 000 0000",
        },
        source="family_or_friend",
    )
    referral = Referral.objects.get()
    assert (referral.source, referral.referrer_name) == (Source.FAMILY_OR_FRIEND, "Ann")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"given_name": ""}, "given_name", "Enter your first name, or a name we can use"),
        (
            {"date_of_birth_day": "31", "date_of_birth_month": "2"},
            "date_of_birth",
            "Date of birth must be a real date",
        ),
        ({"date_of_birth_year": "2099"}, "date_of_birth", "Date of birth must be in the past"),
        ({"date_of_birth_month": ""}, "date_of_birth", "Date of birth must include a month"),
        ({"postcode": "NE1"}, "postcode", "Enter a real postcode, like NE1 4AB"),
        ({"safe_to_call": ""}, "safe_to_call", "Say whether it is safe to call this number"),
        ({"interpreter_language": ""}, "interpreter_language", "Enter the language"),
        ({"email": "not-an-email"}, "email", "Enter an email address in the right format"),
        ({"approximate_age": "200"}, "approximate_age", "The age must be 120 or less"),
        ({"children_in_household": "no"}, "children_count", "Leave the number of children empty"),
        ({"consent": ["outreach", "spaceship"]}, "consent", "Select a valid choice"),
    ],
)
def test_it_explains_bad_answers_next_to_the_field_and_saves_nothing(
    client, world, changes, field, message
):
    response = _send(client, {**SELF_ANSWERS, **changes})
    html = response.content.decode()
    assert response.status_code == 200
    assert title_of(response) == "Error: Your details – OneStory"
    assert not Referral.objects.exists()
    error = re.search(
        rf'<p id="id_{field}-error" class="govuk-error-message">(.*?)</p>', html, re.S
    )
    assert error is not None, f"no error next to {field}"
    assert message in error.group(1)
    assert 'class="govuk-error-summary"' in html
    # What was typed is kept, so nothing has to be typed again.
    assert "My partner reads my messages" in html


def test_it_needs_a_safe_way_to_get_in_touch(client, world):
    answers = {**SELF_ANSWERS, "phone": "", "safe_to_call": "", "voicemail_allowed": ""}
    html = _send(client, answers).content.decode()
    assert "Give at least one safe way to get in touch" in html
    assert not Referral.objects.exists()


def test_it_offers_areas_and_refuses_an_unknown_one(client, world):
    area = AreaFactory(code="E07000001", name="Northshire Dales", level="district")
    html = client.post(FORM, {"source": "self"}).content.decode()
    assert "Northshire Dales" in html
    response = _send(client, {**SELF_ANSWERS, "area": "999999"})
    assert "Select an area from the list" in response.content.decode()
    _send(client, {**SELF_ANSWERS, "area": str(area.pk)})
    assert Referral.objects.get().area == area
    # The public read place names, never official area codes.
    assert "E07000001" not in html


def test_it_starts_again_when_the_form_state_was_changed(client, world):
    signed = _state("self")
    response = client.post(FORM, {**SELF_ANSWERS, "form_state": signed[:-3] + "abc"})
    assert "nothing was sent" in response.content.decode()
    assert not Referral.objects.exists()


def test_it_refuses_a_professional_state_on_the_public_form(client, world):
    response = _send(client, SELF_ANSWERS, state=_state("professional"))
    assert "nothing was sent" in response.content.decode()
    assert not Referral.objects.exists()


def test_it_says_plainly_when_there_is_no_front_door(client, world):
    Agency.objects.filter(pk=world.central.pk).update(is_active=False)
    response = client.get(FORM)
    assert response.status_code == 503
    assert "this form is not available" in response.content.decode()
    assert _send(client, SELF_ANSWERS).status_code == 503
    assert not Referral.objects.exists()


def test_it_refuses_to_guess_between_two_front_doors(client, world):
    from tests.factories import AgencyFactory

    AgencyFactory(name="Second Front Door", kind="cpoc")
    assert _send(client, SELF_ANSWERS).status_code == 503
    assert not Referral.objects.exists()
