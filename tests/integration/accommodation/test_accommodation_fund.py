"""The Safe Start Fund: a worker applies, a team manager approves within the budget left for
the year, and the payment is recorded; a grant over the budget left, or paid without
approval, is refused and nothing is saved."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from onestory.accommodation.actions import fund
from onestory.accommodation.models import FundBudget, FundGrant
from onestory.audit.models import AuditEvent
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

YEAR = date(2026, 4, 1)


@pytest.fixture
def budget(world):
    return fund.set_budget(starts_on=date(2026, 9, 1), amount=Decimal(1000), by=world.admin)


@pytest.fixture
def person(world):
    return PersonFactory(owning_agency=world.agency, given_name="Dawn", family_name="Ashby")


def _apply(world, person, amount):
    return fund.apply_for_grant(
        person=person, amount=Decimal(amount), purpose="deposit", by=world.caseworker
    )


def test_the_budget_runs_from_april(world, budget):
    assert budget.starts_on == YEAR
    assert fund.budget_left(YEAR) == Decimal(1000)


def test_apply_approve_and_pay_on_the_pages(world, as_user, budget, person):
    response = as_user(world.caseworker).post(
        f"/accommodation/people/{person.pk}/fund/new/", {"amount": "400", "purpose": "deposit"}
    )
    grant = FundGrant.objects.get()
    assert response["Location"] == f"/accommodation/fund/grants/{grant.pk}/"
    manager = as_user(world.manager)
    page = manager.get(f"/accommodation/fund/grants/{grant.pk}/").content.decode()
    assert "£1000.00 is left" in page
    manager.post(f"/accommodation/fund/grants/{grant.pk}/", {"decision": "approve"})
    grant.refresh_from_db()
    assert (grant.status, grant.decided_by) == ("approved", world.manager)
    assert fund.budget_left(YEAR) == Decimal(600)
    as_user(world.caseworker).post(
        f"/accommodation/fund/grants/{grant.pk}/", {"paid_on": "2026-06-10"}
    )
    grant.refresh_from_db()
    assert (grant.status, grant.paid_on) == ("paid", date(2026, 6, 10))
    assert "£600.00 left" in manager.get("/accommodation/fund/").content.decode()
    assert AuditEvent.objects.filter(reason="grant approved").exists()


def test_a_grant_over_the_budget_left_is_refused(world, budget, person):
    fund.decide_grant(grant=_apply(world, person, 800), approve=True, by=world.manager)
    second = _apply(world, person, 300)
    with pytest.raises(ValidationError) as refused:
        fund.decide_grant(grant=second, approve=True, by=world.manager)
    assert "more than the £200.00 left" in str(refused.value)
    second.refresh_from_db()
    assert second.status == "applied"


def test_nothing_is_approved_without_a_budget(world, person):
    grant = _apply(world, person, 50)
    with pytest.raises(ValidationError) as refused:
        fund.decide_grant(grant=grant, approve=True, by=world.manager)
    assert "No budget is set" in str(refused.value)


def test_a_grant_is_paid_only_once_approved(world, as_user, budget, person):
    grant = _apply(world, person, 50)
    with pytest.raises(ValidationError) as refused:
        fund.record_payment(grant=grant, paid_on=date(2026, 6, 10), by=world.caseworker)
    assert "only once it is approved" in str(refused.value)
    grant.refresh_from_db()
    assert grant.paid_on is None


def test_only_a_team_manager_of_the_agency_decides(world, as_user, budget, person):
    grant = _apply(world, person, 50)
    with pytest.raises(PermissionDenied):
        fund.decide_grant(grant=grant, approve=True, by=world.caseworker)
    with pytest.raises(PermissionDenied):
        fund.decide_grant(grant=grant, approve=True, by=world.other_caseworker)
    # The caseworker's page offers no decision.
    page = as_user(world.caseworker).get(f"/accommodation/fund/grants/{grant.pk}/")
    assert "Record the decision" not in page.content.decode()
    assert (
        as_user(world.other_caseworker).get(f"/accommodation/fund/grants/{grant.pk}/").status_code
        == 404
    )
    assert as_user(world.caseworker).get("/accommodation/fund/").status_code == 403


def test_a_refusal_needs_a_reason(world, budget, person):
    grant = _apply(world, person, 50)
    with pytest.raises(ValidationError):
        fund.decide_grant(grant=grant, approve=False, by=world.manager)
    fund.decide_grant(
        grant=grant, approve=False, refusal_reason="Paid by housing", by=world.manager
    )
    grant.refresh_from_db()
    assert grant.status == "refused"
    assert fund.budget_left(YEAR) == Decimal(1000)


def test_only_a_system_administrator_sets_the_budget(world):
    with pytest.raises(PermissionDenied):
        fund.set_budget(starts_on=YEAR, amount=Decimal(5), by=world.manager)
    assert not FundBudget.objects.exists()
