"""A referral to the programme made from an onward referral the perpetrator service
accepted: who referred him, when it arrived and why are carried, nothing typed again."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from onestory.access.models import ShareScope
from onestory.accounts.models import AgencyKind
from onestory.harm import actions
from onestory.harm.models import Intervention
from tests.conftest import sign_in
from tests.factories import (
    AgencyFactory,
    OnwardReferralFactory,
    PersonFactory,
    ServiceFactory,
    ShareFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def onward(harm):
    police = AgencyFactory(name="Northshire Police", kind=AgencyKind.POLICE)
    him = PersonFactory(owning_agency=police, given_name="Darren", family_name="Kell")
    ShareFactory(person=him, to_agency=harm.service, scope=ShareScope.FULL)
    return OnwardReferralFactory(
        person=him,
        service=ServiceFactory(agency=harm.service, kind="perpetrator"),
        reason="Third call-out this year; he agreed to be referred.",
        work_done="Bail conditions explained.",
        status="accepted",
        accepted_at=timezone.now(),
    )


def test_the_service_refers_him_to_the_programme_from_the_accepted_referral(harm, onward):
    client = sign_in(Client(), harm.worker)
    detail = client.get(reverse("referrals:detail", args=[onward.pk])).content.decode()
    url = reverse("harm:from_onward", args=[onward.pk])
    assert url in detail
    page = client.get(url).content.decode()
    assert "Police: Northshire Police" in page
    assert "Third call-out this year" in page

    response = client.post(url)
    intervention = Intervention.objects.get()
    assert response.url == reverse("harm:intervention", args=[intervention.pk])
    assert intervention.person == onward.person
    assert intervention.onward_referral == onward
    assert intervention.source == "police"
    assert intervention.referring_agency == onward.from_agency
    assert intervention.referred_on == timezone.localdate(onward.sent_at)
    assert intervention.reason == (
        "Third call-out this year; he agreed to be referred.\n\nBail conditions explained."
    )
    shown = client.get(response.url).content.decode()
    assert reverse("referrals:detail", args=[onward.pk]) in shown
    # Once made, the link leads to the intervention, and a second is refused.
    assert client.get(url).url == reverse("harm:intervention", args=[intervention.pk])
    assert "already been made" in actions.onward_refusal(harm.worker, onward)


def test_a_location_secret_reason_stays_behind(harm, onward):
    onward.location_secret = True
    onward.save()
    intervention = actions.record_referral_from_onward(by=harm.worker, onward=onward)
    assert intervention.reason == ""


@pytest.mark.parametrize(
    ("status", "who", "refusal"),
    [
        ("sent", "worker", "Accept the onward referral first"),
        ("accepted", "other_worker", "Only the perpetrator service"),
        ("accepted", "idva", "Only the perpetrator service"),
    ],
)
def test_it_is_refused_before_acceptance_and_to_anyone_else(harm, onward, status, who, refusal):
    onward.status = status
    onward.save()
    assert refusal in actions.onward_refusal(getattr(harm, who), onward)
    with pytest.raises(Exception, match=refusal):
        actions.record_referral_from_onward(by=getattr(harm, who), onward=onward)
    assert not Intervention.objects.exists()
