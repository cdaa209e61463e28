"""The perpetrator service's own partner-support worker: linked when the victim has no IDVA
or outreach worker, told at once of risk events, and shown where each linked intervention
stands, never a record of anyone."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditAction, AuditEvent
from onestory.harm import actions
from onestory.harm.choices import EventKind, InterventionType, Readiness, RiskLevel
from onestory.harm.models import PartnerAlert
from tests.conftest import sign_in
from tests.factories import UserFactory
from tests.integration.harm.conftest import referred, started

pytestmark = pytest.mark.django_db


def _support(harm, username="partner_support", agency=None):
    return UserFactory(
        username=username, agency=agency or harm.service, role=RoleName.PARTNER_SUPPORT
    )


def _assess(harm, intervention, **overrides):
    values = {
        "by": harm.worker,
        "intervention": intervention,
        "suitable": True,
        "readiness": Readiness.READY,
        "assessed_on": timezone.localdate(),
        "risk_level": RiskLevel.HIGH,
        "intervention_type": InterventionType.INTENSIVE,
    }
    values.update(overrides)
    return actions.assess(**values)


def test_she_is_linked_when_nobody_on_the_victims_side_is(harm):
    busy = _support(harm, "busy")
    free = _support(harm, "free")
    _assess(harm, referred(harm), partner_worker=busy)
    intervention = _assess(harm, referred(harm))
    assert intervention.partner_worker == free  # the one with fewer in progress
    with_idva = _assess(harm, referred(harm), partner_worker=harm.idva)
    assert with_idva.partner_worker == harm.idva
    assert busy in actions.partner_workers(harm.service)
    assert busy not in actions.partner_workers(harm.other_service)


def test_another_services_partner_support_worker_cannot_be_linked(harm):
    theirs = _support(harm, "theirs", agency=harm.other_service)
    with pytest.raises(ValidationError) as caught:
        _assess(harm, referred(harm), partner_worker=theirs)
    assert "partner_worker" in caught.value.message_dict


def test_nobody_is_linked_when_the_service_has_no_partner_support_worker(harm):
    assert _assess(harm, referred(harm)).partner_worker is None


def test_she_hears_of_a_threat_at_once_and_sees_only_where_it_stands(harm):
    support = _support(harm)
    intervention = started(harm, partner=False)
    assert intervention.partner_worker == support
    actions.record_risk_event(
        by=harm.worker,
        intervention=intervention,
        kind=EventKind.THREAT,
        occurred_on=timezone.localdate(),
        notes="Said he would go round to the house: WORKERNOTE",
    )
    assert PartnerAlert.objects.filter(recipient=support, kind=EventKind.THREAT).count() == 1

    client = sign_in(Client(), support)
    home = client.get(reverse("home:home")).content.decode()
    assert reverse("harm:alerts") in home
    page = client.get(reverse("harm:alerts"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Darren Kell" in text
    assert "WORKERNOTE" not in text
    # No record of anyone opens to her: not his, not the victim's, not the intervention.
    for url in (
        reverse("harm:intervention", args=[intervention.pk]),
        reverse("people:person", args=[intervention.person_id]),
        reverse("people:person", args=[harm.victim.pk]),
        reverse("harm:list"),
    ):
        assert client.get(url).status_code in (403, 404), url
    assert AuditEvent.objects.filter(actor_id=support.pk, action=AuditAction.REFUSED).exists()

    client.post(reverse("harm:alerts"))
    assert not PartnerAlert.objects.filter(recipient=support, seen_at__isnull=True).exists()
