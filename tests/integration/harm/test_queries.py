"""The pages' queries do not grow with the number of sessions, events or alerts."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from onestory.harm import actions
from onestory.harm.choices import EventKind, SessionStatus
from tests.conftest import sign_in
from tests.integration.harm.conftest import started

pytestmark = pytest.mark.django_db


def _busy(harm, n: int):
    intervention = started(harm)
    for day in range(n):
        actions.record_session(
            by=harm.worker,
            intervention=intervention,
            session_on=timezone.localdate() + timedelta(days=day),
            status=SessionStatus.OFFERED,
        )
        actions.record_risk_event(
            by=harm.worker,
            intervention=intervention,
            kind=EventKind.DISCLOSURE,
            occurred_on=timezone.localdate(),
        )
    return intervention


def _count(client, path, django_assert_max_num_queries, most):
    with django_assert_max_num_queries(most):
        assert client.get(path).status_code == 200


@pytest.mark.parametrize("n", [1, 8])
def test_bounded_queries(harm, n, django_assert_max_num_queries):
    interventions = [_busy(harm, n) for _ in range(n)]
    worker = sign_in(Client(), harm.worker)
    _count(worker, "/harm/", django_assert_max_num_queries, 25)
    _count(worker, f"/harm/interventions/{interventions[0].pk}/", django_assert_max_num_queries, 30)
    _count(sign_in(Client(), harm.idva), "/harm/alerts/", django_assert_max_num_queries, 25)
