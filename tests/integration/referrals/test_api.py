"""Onward referrals through the API: send, accept, decline, withdraw, complete."""

import pytest

from onestory.referrals.models import OnwardReferral
from tests.integration.referrals.conftest import assess

pytestmark = pytest.mark.django_db

URL = "/api/v1/onward-referrals/"


def body(partnership, **changes):
    answers = {
        "person": partnership.victim.pk,
        "service": partnership.outreach.uid,
        "reason": "She wants support to stay safe.",
        "needs": ["outreach"],
        "basis": "consent",
        "front_door_referral": partnership.front_door_referral.pk,
    }
    answers.update(changes)
    return answers


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_it_sends_a_referral(partnership, api):
    response = post(api(partnership.desk), URL, body(partnership))
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "sent"
    assert data["service"] == partnership.outreach.uid
    assert data["to_agency"] == partnership.outreach.agency.name
    assert data["waiting_seconds"] is None
    assert OnwardReferral.objects.get().share is not None


def test_the_same_token_makes_one_referral(partnership, api):
    client = api(partnership.desk)
    first = post(client, URL, body(partnership, submission_token="partner-0001"))
    second = post(client, URL, body(partnership, submission_token="partner-0001"))
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert OnwardReferral.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"reason": ""}, "reason"),
        ({"basis": "because"}, "basis"),
        ({"needs": ["a pony"]}, "needs"),
        ({"service": "no-such-service"}, "service"),
        ({"front_door_referral": 999_999}, "front_door_referral"),
        ({"consent": "refused"}, "basis"),
        ({"basis": "high_risk"}, "basis"),
        ({"basis": "safeguarding"}, "basis_reason"),
    ],
)
def test_bad_input_is_a_400_with_a_message_for_the_field(partnership, api, changes, field):
    response = post(api(partnership.desk), URL, body(partnership, **changes))
    assert response.status_code == 400
    assert field in response.json()
    assert not OnwardReferral.objects.exists()


def test_a_service_that_does_not_take_them_is_refused_with_the_reason(partnership, api):
    assess(partnership.victim, "medium", partnership.desk)
    response = post(api(partnership.desk), URL, body(partnership, service=partnership.idva.uid))
    assert response.status_code == 400
    assert "Takes people at high risk only" in " ".join(response.json()["service"])


def test_a_person_the_sender_cannot_see_is_404(world, partnership, api):
    response = post(api(world.other_caseworker), URL, body(partnership, front_door_referral=None))
    assert response.status_code == 404


def test_a_person_seen_through_a_share_cannot_be_referred_on(world, partnership, api, send):
    send()  # the outreach agency now sees her, but does not hold her record
    response = post(
        api(world.caseworker),
        URL,
        body(partnership, service=partnership.refuge.uid, front_door_referral=None),
    )
    assert response.status_code == 403


def test_the_receiver_accepts_and_completes(world, send, api):
    referral = send()
    client = api(world.caseworker)
    response = post(client, f"{URL}{referral.pk}/accept", {"lead_worker": world.caseworker.pk})
    assert response.status_code == 200
    assert response.json()["status"] == "accepted"
    assert response.json()["waiting_seconds"] >= 0
    assert post(client, f"{URL}{referral.pk}/accept").status_code == 400  # already accepted
    response = post(client, f"{URL}{referral.pk}/complete", {"note": "Support finished."})
    assert response.json()["status"] == "completed"


def test_the_receiver_declines_with_a_reason_from_the_list(world, send, api):
    referral = send()
    client = api(world.caseworker)
    assert post(client, f"{URL}{referral.pk}/decline").status_code == 400
    response = post(client, f"{URL}{referral.pk}/decline", {"reason": "no_space"})
    assert response.json()["decline_reason"] == "no_space"
    # Declining ended the share: the referral is gone from the receiver's view.
    assert post(client, f"{URL}{referral.pk}/complete").status_code == 404


def test_only_the_sender_withdraws(world, partnership, send, api):
    referral = send()
    refused = post(api(world.caseworker), f"{URL}{referral.pk}/withdraw", {"note": "No"})
    assert refused.status_code == 403
    client = api(partnership.desk)
    assert post(client, f"{URL}{referral.pk}/withdraw").status_code == 400  # needs a note
    response = post(client, f"{URL}{referral.pk}/withdraw", {"note": "She moved away."})
    assert response.json()["status"] == "withdrawn"


def test_only_the_receiver_accepts(partnership, send, api):
    referral = send()
    assert post(api(partnership.desk), f"{URL}{referral.pk}/accept").status_code == 403


def test_another_agency_gets_404_and_nobody_gets_401(world, send, api, client):
    referral = send()
    for change in ("accept", "decline", "withdraw", "complete"):
        assert post(api(world.other_caseworker), f"{URL}{referral.pk}/{change}").status_code == 404
        assert post(client, f"{URL}{referral.pk}/{change}").status_code == 401
    assert post(client, URL, {}).status_code == 401


def test_a_role_without_the_permission_gets_403(world, send, api):
    referral = send()
    assert post(api(world.representative), f"{URL}{referral.pk}/accept").status_code == 403
