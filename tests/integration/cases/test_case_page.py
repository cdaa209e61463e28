"""The case page: everything about one case, for those who may see it, in few queries."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from onestory.access.models import ShareScope
from onestory.audit.models import AuditAction, AuditEvent
from onestory.cases import actions
from onestory.cases.choices import NoteKind, OutcomeStage
from onestory.risk.actions import assess_dash
from tests.factories import EmergencyAccessFactory, ShareFactory

pytestmark = pytest.mark.django_db


def case_url(case):
    return reverse("cases:case", args=[case.pk])


def test_it_shows_the_case_to_its_agency(world, as_user, case):
    response = as_user(world.caseworker).get(case_url(case))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Case" in html
    assert "Amira Haddad" in html
    assert "Wants to stay in her home with the children." in html
    assert "Not yet tried" in html
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="cases.case", object_id=str(case.pk)
    ).exists()


def test_a_colleague_at_the_same_agency_sees_it_too(world, as_user, case):
    assert as_user(world.manager).get(case_url(case)).status_code == 200


def test_another_agency_gets_not_found(world, as_user, case):
    response = as_user(world.other_caseworker).get(case_url(case))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.REFUSED, person_id=case.person_id).exists()


def test_a_summary_share_does_not_reach_the_case(world, as_user, case):
    ShareFactory(
        person=case.person,
        to_agency=world.other_agency,
        scope=ShareScope.SUMMARY,
        granted_by=world.caseworker,
    )
    assert as_user(world.other_caseworker).get(case_url(case)).status_code == 404


def test_a_full_share_shows_the_case_but_not_how_to_change_it(world, as_user, case):
    ShareFactory(
        person=case.person,
        to_agency=world.other_agency,
        scope=ShareScope.FULL,
        granted_by=world.caseworker,
    )
    response = as_user(world.other_caseworker).get(case_url(case))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("cases:add-note", args=[case.pk]) not in html
    assert reverse("cases:safety-plan", args=[case.pk]) not in html
    add_note = as_user(world.other_caseworker).get(reverse("cases:add-note", args=[case.pk]))
    assert add_note.status_code == 403


def test_emergency_access_shows_the_case_flagged(world, as_user, case):
    EmergencyAccessFactory(person=case.person, user=world.other_caseworker)
    response = as_user(world.other_caseworker).get(case_url(case))
    assert response.status_code == 200
    assert "emergency access" in response.content.decode()
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="cases.case", flagged=True
    ).exists()


def test_a_role_that_does_not_work_cases_is_refused(world, as_user, case):
    assert as_user(world.call_handler).get(case_url(case)).status_code == 403
    assert as_user(world.representative).get(case_url(case)).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, case):
    response = client.get(case_url(case))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_it_shows_risk_first_contact_plan_notes_and_outcomes(world, as_user, case):
    by = world.caseworker
    assess_dash(person=case.person, answers={str(n): "yes" for n in range(1, 15)}, by=by)
    opened = timezone.now() - dt.timedelta(days=3)
    case.opened_at = opened
    case.save(update_fields=["opened_at"])
    actions.add_note(
        case=case,
        kind=NoteKind.ATTEMPTED_CONTACT,
        channel="phone",
        text="No answer; no voicemail left.",
        occurred_at=opened + dt.timedelta(hours=1),
        by=by,
    )
    actions.add_note(
        case=case,
        kind=NoteKind.CONTACT,
        channel="phone",
        text="Spoke at the safe time. She wants help with the locks.",
        occurred_at=opened + dt.timedelta(hours=26),
        by=by,
    )
    goal = actions.add_goal(
        case=case, description="Feel safe at home", agreed_on=timezone.localdate(), by=by
    )
    actions.add_plan_action(
        goal=goal,
        description="Ask the council for new locks",
        owner_worker=by,
        due_on=timezone.localdate() - dt.timedelta(days=1),
        by=by,
    )
    actions.record_needs(case=case, levels={"mental_health": "high", "housing": "low"}, by=by)
    actions.record_outcomes(
        case=case, stage=OutcomeStage.INTAKE, scores={"safety": 1, "wellbeing": 2}, by=by
    )
    actions.record_outcomes(
        case=case, stage=OutcomeStage.REVIEW, scores={"safety": 3, "wellbeing": 2}, by=by
    )
    html = as_user(by).get(case_url(case)).content.decode()
    assert "High risk" in html
    assert "1 day 2 hours after the case opened, after 1 attempt" in html
    assert "Feel safe at home" in html
    assert "Ask the council for new locks" in html
    assert "Overdue" in html
    assert "Mental health" in html
    assert "Spoke at the safe time" in html
    assert "Better by 2" in html
    assert "No change" in html
    assert "so far" in html


def test_it_shows_the_page_in_few_queries(world, as_user, case, django_assert_max_num_queries):
    by = world.caseworker
    assess_dash(person=case.person, answers={"1": "yes"}, by=by)
    for number in range(15):
        actions.add_note(case=case, kind=NoteKind.MEETING, text=f"Meeting {number}", by=by)
    for number in range(5):
        goal = actions.add_goal(
            case=case, description=f"Goal {number}", agreed_on=timezone.localdate(), by=by
        )
        for step in range(3):
            actions.add_plan_action(
                goal=goal,
                description=f"Step {step}",
                owner_other="The person",
                due_on=timezone.localdate(),
                by=by,
            )
    actions.record_needs(case=case, levels={"housing": "medium"}, by=by)
    actions.record_outcomes(case=case, stage=OutcomeStage.INTAKE, scores={"safety": 2}, by=by)
    actions.record_outcomes(case=case, stage=OutcomeStage.EXIT, scores={"safety": 4}, by=by)
    case.workers.set([world.manager])
    client = as_user(by)
    with django_assert_max_num_queries(15):
        response = client.get(case_url(case))
    assert response.status_code == 200
