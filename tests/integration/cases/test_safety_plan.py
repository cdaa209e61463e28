"""The safety plan is location-secret: the case's team, and a share that carries location."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from onestory.access.models import ShareScope
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.cases import actions
from onestory.cases.models import SafetyPlan, TargetHardening
from tests.factories import AgencyFactory, PersonFactory, ShareFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRETS = ["Her sister Layla", "Leave by the back door", "Bluebell"]


@pytest.fixture
def plan(world, case):
    return actions.save_safety_plan(
        case=case,
        safe_contacts="Her sister Layla, 07700 900456",
        escape_plan="Leave by the back door to the neighbour's",
        code_word="Bluebell",
        by=world.caseworker,
    )


def plan_url(case):
    return reverse("cases:safety-plan", args=[case.pk])


def test_the_team_sees_the_plan_and_the_home_safety_work(world, as_user, case, plan):
    item = actions.request_hardening(case=case, measure="letterbox", by=world.caseworker)
    html = as_user(world.manager).get(plan_url(case)).content.decode()
    for text in SECRETS:
        assert text in html
    assert "Fireproof letterbox" in html
    assert "Waiting" in html
    actions.record_hardening_fitted(item=item, by=world.caseworker)
    assert TargetHardening.objects.get().fitted_on == timezone.localdate()


def test_the_case_page_never_shows_the_plan_itself(world, as_user, case, plan):
    html = as_user(world.caseworker).get(reverse("cases:case", args=[case.pk])).content.decode()
    assert plan_url(case) in html
    for text in SECRETS:
        assert text not in html


def test_a_full_share_without_location_does_not_reach_the_plan(world, as_user, case, plan):
    ShareFactory(
        person=case.person,
        to_agency=world.other_agency,
        scope=ShareScope.FULL,
        granted_by=world.caseworker,
    )
    client = as_user(world.other_caseworker)
    assert client.get(reverse("cases:case", args=[case.pk])).status_code == 200
    assert client.get(plan_url(case)).status_code == 403


def test_a_share_that_carries_location_shows_the_plan_read_only(world, as_user, case, plan):
    ShareFactory(
        person=case.person,
        to_agency=world.other_agency,
        scope=ShareScope.FULL,
        includes_location=True,
        granted_by=world.caseworker,
    )
    client = as_user(world.other_caseworker)
    html = client.get(plan_url(case)).content.decode()
    assert "Bluebell" in html
    assert reverse("cases:change-safety-plan", args=[case.pk]) not in html
    assert client.get(reverse("cases:change-safety-plan", args=[case.pk])).status_code == 403


def test_a_perpetrator_service_never_sees_a_safety_plan(world, as_user):
    service = AgencyFactory(name="Change Programme", kind=AgencyKind.PERPETRATOR_SERVICE)
    worker = UserFactory(username="change_worker", agency=service, role=RoleName.CASEWORKER)
    person = PersonFactory(owning_agency=service)
    case = actions.open_case(person=person, agency=service, by=worker)
    client = as_user(worker)
    assert client.get(plan_url(case)).status_code == 403
    assert client.get(reverse("cases:change-safety-plan", args=[case.pk])).status_code == 403
    html = client.get(reverse("cases:case", args=[case.pk])).content.decode()
    assert plan_url(case) not in html


def test_another_agency_without_a_share_gets_not_found(world, as_user, case, plan):
    assert as_user(world.other_caseworker).get(plan_url(case)).status_code == 404


def test_the_plan_page_writes_and_changes_the_plan(world, as_user, case):
    client = as_user(world.caseworker)
    url = reverse("cases:change-safety-plan", args=[case.pk])
    html = client.post(url, {}).content.decode()
    assert "Fill in at least one part of the safety plan." in html
    client.post(url, {"code_word": "Sunflower", "escape_plan": "Car keys by the door"})
    assert SafetyPlan.objects.get().code_word == "Sunflower"
    client.post(url, {"code_word": "Daisy", "escape_plan": "Car keys by the door"})
    assert SafetyPlan.objects.get().code_word == "Daisy"


def test_home_safety_is_asked_for_then_fitted_never_before(world, as_user, case):
    client = as_user(world.caseworker)
    client.post(reverse("cases:add-hardening", args=[case.pk]), {"measure": "alarm"})
    item = TargetHardening.objects.get()
    with pytest.raises(ValidationError):
        actions.record_hardening_fitted(
            item=item,
            fitted_on=timezone.localdate() - timezone.timedelta(days=3),
            by=world.caseworker,
        )
    client.post(reverse("cases:hardening-fitted", args=[item.pk]), {"fitted_on": ""})
    item.refresh_from_db()
    assert item.fitted_on == timezone.localdate()
