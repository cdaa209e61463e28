"""Referrals from partner systems: POST /api/v1/referrals/."""

import pytest
from django.test import Client

from onestory.accounts.models import Agency
from onestory.accounts.tokens.actions import issue_token
from onestory.intake.choices import Channel, Source
from onestory.intake.models import Referral
from tests.factories import AreaFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/referrals/"

REFERRAL = {
    "source": "professional",
    "given_name": "Maria",
    "family_name": "Nowak",
    "date_of_birth": "1990-02-14",
    "postcode": "ne1 4ab",
    "story": "Police attended a domestic incident last night.",
    "phone": "07700 900789",
    "safe_to_call": False,
    "contact_only_through_professional": True,
    "professional_contact": "PC Jones, 101 ext 4455",
    "consent": ["idva", "police"],
    "referrer_name": "PC Jones",
    "referrer_agency": "Northshire Police",
    "referrer_agency_kind": "police",
    "referrer_email": "jones@example.police.uk",
    "urgency": "urgent",
}


def _api(user) -> Client:
    _, plain = issue_token(user=user, by=user, name="Partner system")
    return Client(headers={"Authorization": f"Bearer {plain}"})


def _post(client, body):
    return client.post(URL, body, content_type="application/json")


def test_it_takes_a_referral_from_a_partner_system(world):
    response = _post(_api(world.caseworker), REFERRAL)
    assert response.status_code == 201, response.content
    referral = Referral.objects.get()
    assert response.json() == {
        "id": referral.pk,
        "reference": referral.reference,
        "received_at": response.json()["received_at"],
        "status": "new",
    }
    assert (referral.channel, referral.source) == (Channel.PARTNER_SYSTEM, Source.PROFESSIONAL)
    assert referral.owning_agency == world.central
    assert referral.submitted_by == world.caseworker
    assert referral.postcode == "NE1 4AB"
    assert referral.consented_services() == ["idva", "police"]
    assert referral.safe_to_call is False


def test_it_answers_bad_input_with_a_message_for_each_field(world):
    area = AreaFactory(code="E07000001")
    body = {
        **REFERRAL,
        "given_name": "",
        "date_of_birth": "1990-02-30",
        "postcode": "NE1",
        "area": "E99999999",
        "referrer_agency": "",
        "consent": ["spaceship"],
    }
    response = _post(_api(world.caseworker), body)
    assert response.status_code == 400
    errors = response.json()
    assert errors["given_name"] == ["Enter the person's first name, or the name they use."]
    assert errors["date_of_birth"] == ["Enter a real date as YYYY-MM-DD, like 1985-03-27."]
    assert errors["postcode"] == ["Enter a real UK postcode, like NE1 4AB."]
    assert errors["area"] == ["No area has the code E99999999."]
    assert "consent" in errors
    assert not Referral.objects.exists()
    assert _post(_api(world.caseworker), {**REFERRAL, "area": area.code}).status_code == 201


def test_it_applies_the_same_rules_as_the_forms(world):
    response = _post(_api(world.caseworker), {**REFERRAL, "referrer_agency": ""})
    assert response.status_code == 400
    assert response.json() == {"referrer_agency": ["Enter the professional's organisation."]}
    response = _post(_api(world.caseworker), {**REFERRAL, "date_of_birth": "2999-01-01"})
    assert response.json() == {"date_of_birth": ["Date of birth must be in the past."]}
    response = _post(_api(world.caseworker), {**REFERRAL, "safe_to_call": None})
    assert response.json() == {"safe_to_call": ["Say whether it is safe to call this number."]}
    assert not Referral.objects.exists()


def test_it_needs_the_required_answers(world):
    response = _post(_api(world.caseworker), {})
    assert response.status_code == 400
    assert set(response.json()) == {"source", "given_name"}


def test_it_answers_a_body_that_is_not_json_plainly(world):
    response = _api(world.caseworker).post(URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["detail"]


def test_the_same_token_twice_makes_one_referral(world):
    client = _api(world.caseworker)
    first = _post(client, {**REFERRAL, "submission_token": "case-4411-a"})
    second = _post(client, {**REFERRAL, "submission_token": "case-4411-a"})
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["reference"] == second.json()["reference"]
    assert Referral.objects.count() == 1


def test_one_senders_token_never_finds_anothers_referral(world):
    _post(_api(world.caseworker), {**REFERRAL, "submission_token": "case-4411-a"})
    other = _post(_api(world.other_caseworker), {**REFERRAL, "submission_token": "case-4411-a"})
    assert other.status_code == 201
    assert Referral.objects.count() == 2


def test_it_refuses_a_bad_token_format(world):
    response = _post(_api(world.caseworker), {**REFERRAL, "submission_token": "no spaces!"})
    assert response.status_code == 400
    assert "submission_token" in response.json()


def test_it_says_when_there_is_no_front_door(world):
    Agency.objects.filter(pk=world.central.pk).update(is_active=False)
    response = _post(_api(world.caseworker), REFERRAL)
    assert response.status_code == 503
    assert "central point of contact" in response.json()["detail"]
    assert not Referral.objects.exists()


def test_a_role_that_cannot_take_referrals_gets_403(world, as_user):
    response = _post(as_user(world.marac_coordinator), REFERRAL)
    assert response.status_code == 403
    assert not Referral.objects.exists()


def test_anonymous_callers_get_401(client, world):
    assert _post(client, REFERRAL).status_code == 401


def test_a_signed_in_session_may_send_one_too(world, as_user):
    assert _post(as_user(world.call_handler), REFERRAL).status_code == 201
