"""Closing a case: a reason from the list ("other" with words), and a follow-up date."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from onestory.cases import actions
from onestory.cases.choices import CaseStatus, ClosureReason
from onestory.cases.models import Case

pytestmark = pytest.mark.django_db


def test_it_closes_with_a_reason_and_a_follow_up_date(world, case):
    follow_up = timezone.localdate() + dt.timedelta(days=28)
    closed = actions.close_case(
        case=case, reason=ClosureReason.SUPPORT_COMPLETED, follow_up_on=follow_up, by=world.manager
    )
    assert closed.status == CaseStatus.CLOSED
    assert closed.closed_by == world.manager
    assert closed.follow_up_on == follow_up


def test_it_refuses_to_close_without_a_reason(world, case):
    with pytest.raises(ValidationError) as refused:
        actions.close_case(case=case, reason="", by=world.caseworker)
    assert refused.value.message_dict == {"reason": ["Select why the case is closing"]}
    assert Case.objects.get().status == CaseStatus.OPEN


def test_another_reason_needs_words(world, case):
    with pytest.raises(ValidationError) as refused:
        actions.close_case(case=case, reason=ClosureReason.OTHER, by=world.caseworker)
    assert "other_reason" in refused.value.message_dict
    closed = actions.close_case(
        case=case,
        reason=ClosureReason.OTHER,
        other_reason="Went to family abroad",
        by=world.caseworker,
    )
    assert closed.closure_reason_other == "Went to family abroad"


def test_it_refuses_to_close_twice(world, case):
    actions.close_case(case=case, reason=ClosureReason.DISENGAGED, by=world.caseworker)
    with pytest.raises(ValidationError):
        actions.close_case(case=case, reason=ClosureReason.DISENGAGED, by=world.caseworker)


def test_a_closed_case_frees_the_agency_to_open_a_new_one(world, case):
    actions.close_case(case=case, reason=ClosureReason.MOVED_AWAY, by=world.caseworker)
    again = actions.open_case(person=case.person, agency=world.agency, by=world.caseworker)
    assert again.pk != case.pk


def test_the_close_page_closes_the_case(world, as_user, case):
    client = as_user(world.caseworker)
    url = reverse("cases:close", args=[case.pk])
    page = client.get(url).content.decode()
    assert "Their ratings at exit have not been recorded yet" in page
    response = client.post(url, {"reason": "declined", "follow_up_on": ""})
    assert response.status_code == 302
    assert Case.objects.get().closure_reason == ClosureReason.DECLINED


def test_the_close_page_explains_what_is_missing(world, as_user, case):
    client = as_user(world.caseworker)
    url = reverse("cases:close", args=[case.pk])
    html = client.post(url, {"reason": ""}).content.decode()
    assert "<title>Error: Close the case – OneStory</title>" in html
    assert "Select why the case is closing" in html
    html = client.post(url, {"reason": "other", "other_reason": ""}).content.decode()
    assert "Say why the case is closing" in html
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).strftime("%d/%m/%Y")
    html = client.post(url, {"reason": "disengaged", "follow_up_on": yesterday}).content.decode()
    assert "The follow-up date must be today or later" in html
    assert Case.objects.get().status == CaseStatus.OPEN


def test_a_closed_case_refuses_plan_changes_but_takes_notes(world, as_user, case):
    actions.close_case(case=case, reason=ClosureReason.SUPPORT_COMPLETED, by=world.caseworker)
    client = as_user(world.caseworker)
    assert client.get(reverse("cases:add-goal", args=[case.pk])).status_code == 403
    assert client.get(reverse("cases:close", args=[case.pk])).status_code == 403
    assert client.get(reverse("cases:add-note", args=[case.pk])).status_code == 200
    assert client.get(reverse("cases:outcomes", args=[case.pk])).status_code == 200
    with pytest.raises(ValidationError):
        actions.add_goal(
            case=case, description="Too late", agreed_on=timezone.localdate(), by=world.caseworker
        )


def test_another_agency_cannot_close_a_case(world, as_user, case):
    response = as_user(world.other_caseworker).post(
        reverse("cases:close", args=[case.pk]), {"reason": "declined"}
    )
    assert response.status_code == 404
    assert Case.objects.get().status == CaseStatus.OPEN
