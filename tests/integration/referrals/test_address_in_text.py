"""An onward referral's free text that looks as if it holds an address is kept location-secret,
or refused until the worker says so: it then reaches only staff who may know where the
person is."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from onestory.referrals.models import OnwardReferral
from tests.integration.referrals.conftest import assess

pytestmark = pytest.mark.django_db

WITH_ADDRESS = "She is staying with her sister at 12 Hidden Lane, NE2 7QT, until Friday."
WITHHELD = "Withheld: it may say where the person is"


def test_it_refuses_text_with_an_address_until_it_is_kept_location_secret(partnership, send):
    with pytest.raises(ValidationError) as refusal:
        send(work_done=WITH_ADDRESS)
    message = refusal.value.message_dict["work_done"][0]
    assert "“12 Hidden Lane”" in message
    assert "location-secret" in message
    assert not OnwardReferral.objects.exists()
    referral = send(work_done=WITH_ADDRESS, keep_location_secret=True)
    assert referral.location_secret
    assert not send(service=partnership.idva, keep_location_secret=True).location_secret


@pytest.mark.parametrize(("kind", "reads_it"), [("outreach", True), ("safe_accommodation", False)])
def test_kept_text_reaches_only_a_receiver_with_the_right_to_location(
    partnership, send, as_user, world, kind, reads_it
):
    assess(partnership.victim, "high", partnership.desk)
    service = partnership.service_for(kind)
    referral = send(service=service, work_done=WITH_ADDRESS, keep_location_secret=True)
    receiver = world.caseworker if kind == "outreach" else partnership.refuge_worker
    url = reverse("referrals:detail", args=[referral.pk])
    html = as_user(receiver).get(url).content.decode()
    assert ("12 Hidden Lane" in html) is reads_it
    assert (WITHHELD in html) is not reads_it
    sender = as_user(partnership.desk).get(url).content.decode()
    assert "12 Hidden Lane" in sender
    assert "Location-secret" in sender


def test_the_api_refuses_an_address_until_it_is_kept_location_secret(partnership, api):
    client = api(partnership.desk)
    body = {
        "person": partnership.victim.pk,
        "service": partnership.outreach.uid,
        "reason": "Moved to Rowan House last night.",
        "basis": "consent",
        "front_door_referral": partnership.front_door_referral.pk,
    }
    refused = client.post("/api/v1/onward-referrals/", body, content_type="application/json")
    assert refused.status_code == 400
    assert "“Rowan House”" in refused.json()["reason"][0]
    kept = client.post(
        "/api/v1/onward-referrals/",
        {**body, "keep_location_secret": True},
        content_type="application/json",
    )
    assert kept.status_code == 201, kept.content
    assert kept.json()["location_secret"] is True
