"""The call handler's phone intake screen: the referral, and the person already known."""

from datetime import date

import pytest
from django.urls import reverse

from onestory.audit.models import AuditAction, AuditEvent
from onestory.intake import tokens
from onestory.intake.choices import Channel, Source
from onestory.intake.models import Referral
from onestory.people.models import Person
from tests.factories import PersonFactory
from tests.integration.intake.conftest import title_of

pytestmark = pytest.mark.django_db

PAGE = reverse("intake:take-referral")
CANDIDATES = reverse("intake:candidates")

CALL = {
    "source": "self",
    "given_name": "Peggy",
    "family_name": "Hughes",
    "date_of_birth_day": "12",
    "date_of_birth_month": "4",
    "date_of_birth_year": "1979",
    "story": "Her ex-partner keeps turning up at her work.",
    "urgency": "high",
    "phone": "07700 900456",
    "safe_to_call": "yes",
    "voicemail_allowed": "no",
    "consent": ["outreach"],
}


@pytest.fixture
def known(world):
    return PersonFactory(
        owning_agency=world.central,
        given_name="Margaret",
        family_name="Hughes",
        date_of_birth=date(1979, 4, 12),
    )


def _save(client, answers, **extra):
    return client.post(
        PAGE, {"submission": tokens.issue("phone"), "action": "save", **answers, **extra}
    )


def test_it_shows_the_intake_screen(as_user, desk):
    response = as_user(desk.call_handler).get(PAGE)
    html = response.content.decode()
    assert response.status_code == 200
    assert title_of(response) == "Take a referral – OneStory"
    assert "Check for people already known" in html
    assert 'src="/static/intake/phone-intake.js"' in html


def test_it_lists_people_already_known_with_reasons(as_user, desk, known):
    client = as_user(desk.call_handler)
    response = client.post(PAGE, {**CALL, "action": "search"})
    html = response.content.decode()
    assert "Margaret Hughes" in html
    assert f'value="{known.pk}"' in html
    assert "Match " in html
    # A search shows no errors for answers not given yet.
    assert (
        "govuk-error-summary"
        not in client.post(PAGE, {"given_name": "Peggy", "action": "search"}).content.decode()
    )
    assert not Referral.objects.exists()


def test_the_candidates_list_refreshes_on_its_own(as_user, desk, known):
    client = as_user(desk.call_handler)
    html = client.post(
        CANDIDATES, {"given_name": "Peggy", "family_name": "Hughes"}
    ).content.decode()
    assert "Margaret Hughes" in html
    assert "<html" not in html
    assert "Do not link a person yet" in html
    html = client.post(CANDIDATES, {"given_name": "P"}).content.decode()
    assert "Enter a name" in html


def test_it_shows_only_people_the_call_handler_may_see(as_user, desk, world):
    PersonFactory(owning_agency=world.other_agency, given_name="Margaret", family_name="Hughes")
    html = (
        as_user(desk.call_handler)
        .post(CANDIDATES, {"given_name": "Margaret", "family_name": "Hughes"})
        .content.decode()
    )
    assert "Margaret Hughes" not in html
    assert "No one already known matches" in html


def test_it_takes_a_referral_and_links_the_known_person(as_user, desk, known):
    response = _save(as_user(desk.call_handler), CALL, link=str(known.pk))
    referral = Referral.objects.get()
    assert response.status_code == 302
    # The worker is shown what the call adds to the record, to take what is new.
    assert response["Location"] == reverse("intake:link-compare", args=[referral.pk, known.pk])
    assert (referral.channel, referral.source) == (Channel.PHONE, Source.SELF)
    assert referral.person == known
    assert referral.linked_by == desk.call_handler
    assert referral.submitted_by == desk.call_handler
    assert referral.owning_agency == desk.call_handler.agency
    assert Person.objects.count() == 1, "nothing is merged or made"


def test_it_creates_a_new_person_only_when_asked(as_user, desk):
    client = as_user(desk.call_handler)
    _save(client, CALL)
    assert Referral.objects.get().person is None
    assert not Person.objects.exists()

    _save(client, CALL, link="new")
    referral = Referral.objects.latest("id")
    person = referral.person
    assert (person.given_name, person.family_name) == ("Peggy", "Hughes")
    assert person.owning_agency == referral.owning_agency
    assert person.date_of_birth == date(1979, 4, 12)
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, person_id=person.pk).exists()


def test_it_refuses_to_link_someone_the_call_handler_cannot_see(as_user, desk, world):
    hidden = PersonFactory(owning_agency=world.other_agency)
    response = _save(as_user(desk.call_handler), CALL, link=str(hidden.pk))
    assert "Choose one of the people listed" in response.content.decode()
    assert not Referral.objects.exists()


def test_a_double_submit_makes_one_referral(as_user, desk):
    client = as_user(desk.call_handler)
    token = tokens.issue("phone")
    for _ in range(2):
        client.post(PAGE, {"submission": token, "action": "save", **CALL})
    assert Referral.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"source": ""}, "Select who is calling"),
        ({"date_of_birth_day": "32"}, "Date of birth must be a real date"),
        ({"postcode": "XYZ"}, "Enter a real postcode"),
        ({"source": "professional"}, "Enter the professional&#x27;s organisation"),
        ({"urgency": "whenever"}, "Select a valid choice"),
    ],
)
def test_it_explains_bad_answers_and_saves_nothing(as_user, desk, changes, message):
    response = _save(as_user(desk.call_handler), {**CALL, **changes})
    assert response.status_code == 200
    assert title_of(response) == "Error: Take a referral – OneStory"
    assert message in response.content.decode()
    assert not Referral.objects.exists()


def test_a_worker_outside_the_front_door_sends_it_to_the_front_door(as_user, world):
    response = _save(as_user(world.caseworker), CALL)
    referral = Referral.objects.get()
    assert referral.owning_agency == world.central
    assert response["Location"] == PAGE
    followed = as_user(world.caseworker).get(PAGE)
    assert followed.status_code == 200
    assert "Check for people already known" not in followed.content.decode()


def test_only_the_front_door_links_a_person_as_it_takes_a_call(as_user, world, known):
    client = as_user(world.caseworker)
    PersonFactory(owning_agency=world.agency, given_name="Margaret", family_name="Hughes")
    html = client.post(
        CANDIDATES, {"given_name": "Peggy", "family_name": "Hughes"}
    ).content.decode()
    assert "Margaret Hughes" not in html
    response = _save(client, CALL, link="new")
    assert "Leave the person for the front door" in response.content.decode()
    assert not Referral.objects.exists()


def test_a_role_that_cannot_take_referrals_gets_403(as_user, world):
    assert as_user(world.commissioner).get(PAGE).status_code == 403
    assert as_user(world.commissioner).post(CANDIDATES, {"given_name": "Peggy"}).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    assert client.get(PAGE)["Location"].startswith(reverse("accounts:sign-in"))
    assert client.post(CANDIDATES, {})["Location"].startswith(reverse("accounts:sign-in"))


def test_whether_a_text_is_safe_is_asked_and_goes_onto_a_new_record(as_user, desk):
    client = as_user(desk.call_handler)
    assert "Is it safe to send a text message? (optional)" in client.get(PAGE).content.decode()
    _save(client, {**CALL, "safe_to_text": "yes"}, link="new")
    referral = Referral.objects.get()
    assert referral.safe_to_text is True
    phone = referral.person.contact_methods.get()
    assert (phone.value, phone.safe_to_use, phone.voicemail_allowed, phone.text_allowed) == (
        "07700 900456",
        True,
        False,
        True,
    )


def test_a_text_needs_a_number(as_user, desk):
    answers = {key: value for key, value in CALL.items() if key != "phone"}
    answers |= {"safe_to_call": "no", "safe_to_text": "yes", "email": "peggy@example.org"}
    answers["safe_to_email"] = "yes"
    response = _save(as_user(desk.call_handler), answers)
    assert "Enter a phone number, or say a text is not safe" in response.content.decode()
    assert not Referral.objects.exists()
