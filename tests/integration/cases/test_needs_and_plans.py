"""Needs, goals agreed with the person, and actions with owners and dates."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from onestory.cases import actions
from onestory.cases.choices import GoalStatus
from onestory.cases.models import Goal, NeedsAssessment, PlanAction

pytestmark = pytest.mark.django_db

TODAY = dt.date.today


def test_it_records_needs_with_a_level_each(world, case):
    needs = actions.record_needs(
        case=case,
        levels={"mental_health": "high", "immigration": "medium", "isolation": "none"},
        by=world.caseworker,
    )
    assert needs.mental_health == "high"
    assert needs.housing == ""


@pytest.mark.parametrize(
    "levels",
    [{"mental_health": "enormous"}, {"astrology": "high"}, {"housing": ""}, {}],
)
def test_it_refuses_needs_that_are_not_on_the_list(world, case, levels):
    with pytest.raises(ValidationError):
        actions.record_needs(case=case, levels=levels, by=world.caseworker)
    assert not NeedsAssessment.objects.exists()


def test_the_needs_page_records_them_and_starts_from_the_last(world, as_user, case):
    client = as_user(world.caseworker)
    url = reverse("cases:needs", args=[case.pk])
    client.post(url, {"mental_health": "high", "children": "medium", "notes": "GP is aware"})
    assert NeedsAssessment.objects.get().children == "medium"
    page = client.get(url).content.decode()
    assert '<option value="high" selected>' in page
    html = client.post(url, {}).content.decode()
    assert "Give a level for at least one area of need" in html


def test_it_adds_goals_and_actions_with_owners(world, case):
    goal = actions.add_goal(
        case=case,
        description="Keep the children at their school",
        agreed_on=timezone.localdate(),
        by=world.caseworker,
    )
    mine = actions.add_plan_action(
        goal=goal,
        description="Write to the school",
        owner_worker=world.caseworker,
        due_on=timezone.localdate(),
        by=world.caseworker,
    )
    theirs = actions.add_plan_action(
        goal=goal,
        description="Call the school's safeguarding lead",
        owner_other="Amira",
        due_on=timezone.localdate(),
        by=world.caseworker,
    )
    assert mine.owner_name == str(world.caseworker)
    assert theirs.owner_name == "Amira"


def test_it_refuses_a_plan_action_with_no_owner(world, case):
    goal = actions.add_goal(
        case=case, description="Safe at home", agreed_on=timezone.localdate(), by=world.caseworker
    )
    with pytest.raises(ValidationError) as refused:
        actions.add_plan_action(
            goal=goal, description="Fit new locks", due_on=timezone.localdate(), by=world.caseworker
        )
    assert "owner_worker" in refused.value.message_dict
    assert not PlanAction.objects.exists()


def test_it_refuses_an_owner_from_another_agency(world, case):
    goal = actions.add_goal(
        case=case, description="Safe at home", agreed_on=timezone.localdate(), by=world.caseworker
    )
    with pytest.raises(ValidationError):
        actions.add_plan_action(
            goal=goal,
            description="Fit new locks",
            owner_worker=world.other_caseworker,
            due_on=timezone.localdate(),
            by=world.caseworker,
        )


def test_a_goal_needs_words_and_the_date_it_was_agreed(world, case):
    with pytest.raises(ValidationError) as refused:
        actions.add_goal(case=case, description=" ", agreed_on=None, by=world.caseworker)
    assert set(refused.value.message_dict) == {"description", "agreed_on"}
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError):
        actions.add_goal(case=case, description="Later", agreed_on=tomorrow, by=world.caseworker)


def test_the_action_page_refuses_an_action_with_no_owner_clearly(world, as_user, case):
    goal = actions.add_goal(
        case=case, description="Safe at home", agreed_on=timezone.localdate(), by=world.caseworker
    )
    client = as_user(world.caseworker)
    url = reverse("cases:add-action", args=[goal.pk])
    due = timezone.localdate().strftime("%d/%m/%Y")
    html = client.post(url, {"description": "Fit locks", "due_on": due}).content.decode()
    assert "<title>Error: Add an action – OneStory</title>" in html
    assert "Say who will do this" in html
    assert not PlanAction.objects.exists()
    response = client.post(
        url, {"description": "Fit locks", "owner_worker": world.manager.pk, "due_on": due}
    )
    assert response.status_code == 302
    assert PlanAction.objects.get().owner_worker == world.manager


def test_the_goal_page_adds_a_goal(world, as_user, case):
    client = as_user(world.caseworker)
    response = client.post(
        reverse("cases:add-goal", args=[case.pk]),
        {
            "description": "Get a non-molestation order",
            "agreed_on": timezone.localdate().strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 302
    goal = Goal.objects.get()
    client.post(reverse("cases:goal-status", args=[goal.pk]), {"status": "achieved"})
    goal.refresh_from_db()
    assert goal.status == GoalStatus.ACHIEVED


def test_an_action_is_marked_done_with_a_post(world, as_user, case):
    goal = actions.add_goal(
        case=case, description="Safe at home", agreed_on=timezone.localdate(), by=world.caseworker
    )
    plan_action = actions.add_plan_action(
        goal=goal,
        description="Fit locks",
        owner_other="Council",
        due_on=timezone.localdate() - dt.timedelta(days=3),
        by=world.caseworker,
    )
    assert plan_action.is_overdue()
    client = as_user(world.caseworker)
    url = reverse("cases:action-done", args=[plan_action.pk])
    assert "Mark as done" in client.get(url).content.decode()
    plan_action.refresh_from_db()
    assert plan_action.done_at is None
    client.post(url)
    plan_action.refresh_from_db()
    assert plan_action.done_at is not None
    assert plan_action.done_by == world.caseworker
    assert not plan_action.is_overdue()


def test_another_agency_cannot_touch_the_plan(world, as_user, case):
    goal = actions.add_goal(
        case=case, description="Safe at home", agreed_on=timezone.localdate(), by=world.caseworker
    )
    client = as_user(world.other_caseworker)
    assert client.get(reverse("cases:add-action", args=[goal.pk])).status_code == 404
    assert client.get(reverse("cases:goal-status", args=[goal.pk])).status_code == 404


def test_needs_cannot_be_assessed_on_a_day_still_to_come(world, as_user, case):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        actions.record_needs(
            case=case, levels={"housing": "high"}, assessed_on=tomorrow, by=world.caseworker
        )
    assert "assessed_on" in refused.value.message_dict
    client = as_user(world.caseworker)
    url = reverse("cases:needs", args=[case.pk])
    page = client.get(url).content.decode()
    assert 'class="govuk-date-input"' in page
    assert 'name="assessed_on_day"' in page
    html = client.post(
        url,
        {
            "housing": "high",
            "assessed_on_day": str(tomorrow.day),
            "assessed_on_month": str(tomorrow.month),
            "assessed_on_year": str(tomorrow.year),
        },
    ).content.decode()
    assert "Date of the assessment must be today or in the past" in html
    assert not NeedsAssessment.objects.exists()
    client.post(
        url,
        {
            "housing": "high",
            "assessed_on_day": str(timezone.localdate().day),
            "assessed_on_month": str(timezone.localdate().month),
            "assessed_on_year": str(timezone.localdate().year),
        },
    )
    assert NeedsAssessment.objects.get().assessed_on == timezone.localdate()


def test_a_goal_agreed_tomorrow_is_refused_on_the_page(world, as_user, case):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    html = (
        as_user(world.caseworker)
        .post(
            reverse("cases:add-goal", args=[case.pk]),
            {
                "description": "Feel safe at home",
                "agreed_on_day": str(tomorrow.day),
                "agreed_on_month": str(tomorrow.month),
                "agreed_on_year": str(tomorrow.year),
            },
        )
        .content.decode()
    )
    assert "Date agreed with the person must be today or in the past" in html
    assert not Goal.objects.exists()
