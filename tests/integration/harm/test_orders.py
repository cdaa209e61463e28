"""Court orders and police notices, and breaches: the victim's escalation count and her
workers."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from onestory.harm import actions
from onestory.harm.choices import EventKind, OrderKind
from onestory.harm.models import Breach, Order, PartnerAlert
from onestory.risk import criteria
from tests.factories import CaseFactory, PersonFactory
from tests.integration.harm.conftest import started

pytestmark = pytest.mark.django_db


def _order(harm, him, **overrides):
    values = {
        "by": harm.idva,
        "person": him,
        "kind": OrderKind.NON_MOLESTATION,
        "starts_on": timezone.localdate() - timedelta(days=60),
        "ends_on": timezone.localdate() + timedelta(days=300),
        "conditions": "Not to contact her or come within 100 metres of her home.",
        "protected": [harm.victim],
        "electronic_monitoring": True,
    }
    values.update(overrides)
    return actions.record_order(**values)


def test_an_order_ending_before_it_starts_is_refused_and_nothing_saved(harm):
    him = PersonFactory(owning_agency=harm.idva_agency)
    with pytest.raises(ValidationError) as caught:
        _order(harm, him, ends_on=timezone.localdate() - timedelta(days=61))
    assert "ends_on" in caught.value.message_dict
    assert not Order.objects.exists()


def test_a_breach_counts_towards_her_marac_escalation_and_tells_her_workers(harm):
    him = PersonFactory(owning_agency=harm.idva_agency)
    CaseFactory(person=harm.victim, lead_worker=harm.idva, opened_by=harm.idva)
    order = _order(harm, him)
    today = timezone.localdate()
    for days_ago in (20, 10, 1):
        actions.record_breach(
            by=harm.idva, order=order, occurred_on=today - timedelta(days=days_ago)
        )
    assert Breach.objects.filter(order=order).count() == 3
    incidents = harm.victim.incidents.all()
    assert incidents.count() == 3
    assert all(list(i.perpetrators.all()) == [him] for i in incidents)
    recorded = criteria.incidents_in_window(incidents.values_list("occurred_on", flat=True), today)
    assert criteria.potential_escalation(recorded, 0)
    assert PartnerAlert.objects.filter(recipient=harm.idva, kind=EventKind.BREACH).count() == 3


def test_a_breach_outside_the_order_is_refused(harm):
    him = PersonFactory(owning_agency=harm.idva_agency)
    order = _order(harm, him)
    with pytest.raises(ValidationError):
        actions.record_breach(
            by=harm.idva, order=order, occurred_on=order.starts_on - timedelta(days=1)
        )
    assert not harm.victim.incidents.exists()


def test_a_breach_reported_by_the_service_alerts_the_linked_worker(harm):
    intervention = started(harm)
    order = actions.record_order(
        by=harm.worker,
        person=intervention.person,
        kind=OrderKind.RESTRAINING,
        starts_on=timezone.localdate() - timedelta(days=10),
        duty_to_notify=True,
    )
    actions.record_breach(by=harm.worker, order=order, occurred_on=timezone.localdate())
    assert intervention.risk_events.filter(kind=EventKind.BREACH).exists()
    assert PartnerAlert.objects.filter(recipient=harm.idva, kind=EventKind.BREACH).exists()


def test_a_perpetrator_service_never_names_who_an_order_protects(harm):
    intervention = started(harm)
    with pytest.raises(ValidationError) as caught:
        actions.record_order(
            by=harm.worker,
            person=intervention.person,
            kind=OrderKind.DAPO,
            starts_on=timezone.localdate(),
            protected=[PersonFactory(owning_agency=harm.service)],
        )
    assert "protected" in caught.value.message_dict


def test_orders_about_someone_you_cannot_see_are_refused(harm):
    him = PersonFactory(owning_agency=harm.idva_agency)
    with pytest.raises(PermissionDenied):
        _order(harm, him, by=harm.csc_worker, protected=[])
