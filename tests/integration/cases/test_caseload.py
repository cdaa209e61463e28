"""Caseloads: a worker's open cases and a team's, with risk, last contact and overdue actions."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone

from onestory.accounts.roles import RoleName
from onestory.cases import actions
from onestory.cases.choices import ClosureReason, NoteKind
from onestory.risk.actions import assess_dash
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

MINE = reverse("cases:my-caseload")
TEAM = reverse("cases:team-caseload")


@pytest.fixture
def busy(world, case):
    """The caseworker's case with high risk, a contact and an overdue action; a colleague's
    case; a closed case; and another agency's case."""
    by = world.caseworker
    assess_dash(person=case.person, answers={str(n): "yes" for n in range(1, 15)}, by=by)
    actions.add_note(
        case=case,
        kind=NoteKind.CONTACT,
        channel="phone",
        text="Spoke",
        occurred_at=timezone.now() - dt.timedelta(days=3),
        by=by,
    )
    goal = actions.add_goal(case=case, description="Safe", agreed_on=timezone.localdate(), by=by)
    for days in (3, 1):
        actions.add_plan_action(
            goal=goal,
            description=f"Late by {days}",
            owner_worker=by,
            due_on=timezone.localdate() - dt.timedelta(days=days),
            by=by,
        )
    actions.add_plan_action(
        goal=goal, description="Not yet due", owner_worker=by, due_on=timezone.localdate(), by=by
    )
    colleague = UserFactory(username="colleague", agency=world.agency, role=RoleName.CASEWORKER)
    theirs = actions.open_case(
        person=PersonFactory(owning_agency=world.agency, given_name="Bethany"),
        agency=world.agency,
        lead_worker=colleague,
        by=colleague,
    )
    closed = actions.open_case(
        person=PersonFactory(owning_agency=world.agency, given_name="Clara"),
        agency=world.agency,
        lead_worker=by,
        by=by,
    )
    actions.close_case(case=closed, reason=ClosureReason.DISENGAGED, by=by)
    actions.open_case(
        person=PersonFactory(owning_agency=world.other_agency, given_name="Delia"),
        agency=world.other_agency,
        lead_worker=world.other_caseworker,
        by=world.other_caseworker,
    )
    return {"colleague": colleague, "theirs": theirs}


def test_my_caseload_shows_my_open_cases_with_risk_contact_and_overdue(world, as_user, case, busy):
    response = as_user(world.caseworker).get(MINE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>My caseload – OneStory</title>" in html
    assert "Amira Haddad" in html
    assert "High risk" in html
    contacted = timezone.localdate() - dt.timedelta(days=3)
    assert dateformat.format(contacted, "j M Y") in html
    assert '<strong class="govuk-tag govuk-tag--red">2</strong>' in html
    assert "Bethany" not in html
    assert "Clara" not in html
    assert "Delia" not in html


def test_a_case_i_work_on_but_do_not_lead_is_in_my_caseload(world, as_user, busy):
    actions.change_workers(
        case=busy["theirs"],
        lead_worker=busy["colleague"],
        workers=[world.caseworker],
        by=world.manager,
    )
    assert "Bethany" in as_user(world.caseworker).get(MINE).content.decode()


def test_a_manager_sees_the_whole_team_and_can_pick_a_worker(world, as_user, case, busy):
    client = as_user(world.manager)
    html = client.get(TEAM).content.decode()
    assert "Amira Haddad" in html
    assert "Bethany" in html
    assert "Clara" not in html
    assert "Delia" not in html
    html = client.get(TEAM, {"worker": busy["colleague"].pk}).content.decode()
    assert "Bethany" in html
    assert "Amira Haddad" not in html


def test_only_managers_see_the_team_caseload(world, as_user, client):
    assert as_user(world.caseworker).get(TEAM).status_code == 403
    assert as_user(world.call_handler).get(MINE).status_code == 403
    assert client.get(MINE)["Location"].startswith(reverse("accounts:sign-in"))


def test_another_agency_sees_only_its_own_cases(world, as_user, busy):
    html = as_user(world.other_caseworker).get(MINE).content.decode()
    assert "Delia" in html
    assert "Amira" not in html


def test_a_team_caseload_takes_few_queries(world, as_user, busy, django_assert_max_num_queries):
    for _ in range(20):
        actions.open_case(
            person=PersonFactory(owning_agency=world.agency),
            agency=world.agency,
            lead_worker=world.caseworker,
            by=world.caseworker,
        )
    client = as_user(world.manager)
    with django_assert_max_num_queries(10):
        response = client.get(TEAM)
    assert response.status_code == 200
