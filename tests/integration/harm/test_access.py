"""Who reaches which page: the perpetrator worker, the partner-support worker (the victim's
IDVA), children's social care and another perpetrator service."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from onestory.audit.models import AuditAction, AuditEvent
from onestory.harm import actions
from onestory.harm.choices import EventKind, OrderKind
from tests.conftest import sign_in
from tests.integration.harm.conftest import started

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(harm):
    intervention = started(harm)
    order = actions.record_order(
        by=harm.worker,
        person=intervention.person,
        kind=OrderKind.RESTRAINING,
        starts_on=timezone.localdate() - timedelta(days=10),
    )
    actions.record_risk_event(
        by=harm.worker,
        intervention=intervention,
        kind=EventKind.NEW_RELATIONSHIP,
        occurred_on=timezone.localdate(),
        notes="He has moved in with someone new: PERP-SIDE-NOTE",
    )
    pk = intervention.pk
    return intervention, [
        f"/harm/interventions/{pk}/",
        f"/harm/interventions/{pk}/assess/",
        f"/harm/interventions/{pk}/sessions/new/",
        f"/harm/interventions/{pk}/risk/new/",
        f"/harm/interventions/{pk}/events/new/",
        f"/harm/interventions/{pk}/end/",
        f"/harm/people/{intervention.person_id}/orders/new/",
        f"/harm/orders/{order.pk}/breach/",
    ]


def test_the_perpetrator_worker_opens_every_page(harm, pages):
    _intervention, paths = pages
    client = sign_in(Client(), harm.worker)
    for path in paths:
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("who", ["idva", "csc_worker", "other_worker"])
def test_everyone_else_gets_404_and_the_refusal_is_audited(harm, pages, who):
    _intervention, paths = pages
    user = getattr(harm, who)
    client = sign_in(Client(), user)
    for path in paths:
        for method in ("get", "post") if path.count("/") > 4 else ("get",):
            before = AuditEvent.objects.filter(actor_id=user.pk, action=AuditAction.REFUSED).count()
            assert getattr(client, method)(path).status_code == 404, f"{who} {method} {path}"
            after = AuditEvent.objects.filter(actor_id=user.pk, action=AuditAction.REFUSED).count()
            assert after == before + 1


def test_the_partner_worker_sees_her_alerts_without_his_workers_notes(harm, pages):
    intervention, _paths = pages
    client = sign_in(Client(), harm.idva)
    home = client.get("/home/").content.decode()
    assert "Risk alerts about people using harm" in home
    page = client.get("/harm/alerts/").content.decode()
    assert intervention.person.display_name in page
    assert "A new relationship" in page
    assert "PERP-SIDE-NOTE" not in page
    client.post("/harm/alerts/")
    assert not harm.idva.harm_alerts.filter(seen_at__isnull=True).exists()


def test_childrens_social_care_and_the_other_service_see_no_alerts_or_interventions(harm, pages):
    intervention, _paths = pages
    for user in (harm.csc_worker, harm.other_worker):
        page = sign_in(Client(), user).get("/harm/alerts/").content.decode()
        assert intervention.person.display_name not in page
        listing = sign_in(Client(), user).get("/harm/").content.decode()
        assert intervention.person.display_name not in listing


def test_only_a_perpetrator_service_is_offered_the_referral_form(harm):
    assert (
        "Record the referral"
        in sign_in(Client(), harm.worker).get("/harm/referrals/new/").content.decode()
    )
    page = sign_in(Client(), harm.csc_worker).get("/harm/referrals/new/").content.decode()
    assert "Only a perpetrator service records these referrals" in page


def test_the_intervention_page_counts_who_an_order_protects_and_names_nobody(harm, pages):
    intervention, _paths = pages
    order = intervention.person.harm_orders.get()
    order.protected.set([harm.victim])
    page = sign_in(Client(), harm.worker).get(f"/harm/interventions/{intervention.pk}/")
    text = page.content.decode()
    assert "Protects 1 person" in text
    assert harm.victim.display_name not in text
