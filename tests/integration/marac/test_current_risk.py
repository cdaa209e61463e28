"""A MARAC referral relies on current risk: the walk from a stale assessment to a referral."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from onestory.marac.models import MaracReferral
from onestory.risk.actions import assess_dash

pytestmark = pytest.mark.django_db

ASSESSED = datetime(2026, 2, 2, 10, 0, tzinfo=UTC)
HIGH = {str(n): ("yes" if n <= 15 else "no") for n in range(1, 25)}


def _form(mw, **changes):
    data = {
        "marac": mw.marac.pk,
        "perpetrators": [mw.perpetrator.pk],
        "children": [mw.child.pk],
        "reason": "He broke down the door on Saturday night.",
    }
    data.update(changes)
    return data


@pytest.fixture
def assessed(world, mw):
    with time_machine.travel(ASSESSED, tick=False):
        return assess_dash(person=mw.victim, answers=HIGH, by=world.caseworker)


def _refer(as_user, world, mw, days_later, **changes):
    with time_machine.travel(ASSESSED + timedelta(days=days_later), tick=False):
        client = as_user(world.caseworker)
        page = client.get(reverse("marac:refer", args=[mw.victim.pk])).content.decode()
        response = client.post(reverse("marac:refer", args=[mw.victim.pk]), _form(mw, **changes))
        return page, response


@pytest.mark.parametrize("days_later", [0, 27, 28])
def test_an_assessment_up_to_28_days_old_is_relied_on(world, mw, assessed, as_user, days_later):
    page, response = _refer(as_user, world, mw, days_later)
    assert "more than 28 days old" not in page
    assert response.status_code == 302
    referral = MaracReferral.objects.get()
    assert referral.criteria == ["visible_high_risk"]
    assert (referral.risk_assessment, referral.assessment_current) == (assessed, True)


def test_a_stale_assessment_needs_a_new_dash_or_judgement(world, mw, assessed, as_user):
    page, response = _refer(as_user, world, mw, 29)
    assert "This assessment is more than 28 days old" in page
    assert "Complete a new DASH risk assessment" in page
    html = response.content.decode()
    assert response.status_code == 200
    assert "The latest risk assessment, on 2 February 2026, is more than 28 days old" in html
    assert not MaracReferral.objects.exists()

    # Professional judgement, with its reason, is enough; the stale criteria do not count.
    _, response = _refer(
        as_user,
        world,
        mw,
        29,
        judgement="on",
        judgement_reason="He was released from prison yesterday and has her new address.",
    )
    assert response.status_code == 302
    referral = MaracReferral.objects.get()
    assert referral.criteria == ["professional_judgement"]
    assert (referral.risk_assessment, referral.assessment_current) == (assessed, False)
    with time_machine.travel(ASSESSED + timedelta(days=29), tick=False):
        detail = as_user(world.marac_coordinator).get(reverse("marac:referral", args=[referral.pk]))
    html = detail.content.decode()
    assert "Risk assessment relied on" in html
    assert "15 of 24 answered yes on 2 February 2026" in html
    assert "Too old to rely on alone" in html


def test_judgement_without_a_reason_does_not_rescue_a_stale_assessment(
    world, mw, assessed, as_user
):
    _, response = _refer(as_user, world, mw, 40, judgement="on")
    assert "Give the reason for referring to MARAC" in response.content.decode()
    assert not MaracReferral.objects.exists()


def test_a_new_dash_makes_the_risk_current_again(world, mw, assessed, as_user):
    with time_machine.travel(ASSESSED + timedelta(days=60), tick=False):
        fresh = assess_dash(person=mw.victim, answers=HIGH, by=world.caseworker)
    _, response = _refer(as_user, world, mw, 61)
    assert response.status_code == 302
    referral = MaracReferral.objects.get()
    assert (referral.risk_assessment, referral.criteria) == (fresh, ["visible_high_risk"])


def test_the_age_is_a_setting(world, mw, assessed, as_user, settings):
    settings.MARAC_ASSESSMENT_MAX_AGE_DAYS = 7
    _, response = _refer(as_user, world, mw, 8)
    assert "is more than 7 days old" in response.content.decode()
    assert not MaracReferral.objects.exists()


def test_the_api_says_which_assessment_the_referral_relies_on(world, mw, assessed, as_user):
    with time_machine.travel(ASSESSED + timedelta(days=3), tick=False):
        response = as_user(world.caseworker).post(
            "/api/v1/marac/referrals/",
            {
                "marac": mw.marac.pk,
                "victim": mw.victim.pk,
                "perpetrators": [mw.perpetrator.pk],
                "reason": "He broke down the door.",
            },
            content_type="application/json",
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["risk_assessed_on"], body["assessment_current"]) == ("2026-02-02", True)
