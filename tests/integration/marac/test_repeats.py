"""Repeat MARAC cases: a new incident, whichever agency records it, flags the file."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from onestory.marac.models import MaracReferral, ReferralStatus, RepeatFlag
from onestory.risk.actions import assess_dash, record_incident
from onestory.risk.history import marac_referrals_of
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

LONG_AGO = 400  # days: the referral is old enough for incidents up to 366 days after it


@pytest.fixture
def old_referral(mw, high_risk, refer):
    return refer(referred_on=timezone.localdate() - timedelta(days=LONG_AGO))


@pytest.mark.parametrize(
    ("days_after", "who", "recorder", "expected"),
    [
        (30, "same", "home", "repeat"),
        (364, "same", "home", "repeat"),
        (366, "same", "home", None),
        (30, "different", "home", None),
        (30, "same", "other agency", "repeat"),
        (364, "same", "other agency", "repeat"),
        (366, "same", "other agency", None),
        (30, "different", "other agency", None),
        (30, "nobody named", "other agency", "possible"),
        (0, "same", "home", None),
    ],
)
def test_it_flags_a_repeat(world, mw, old_referral, days_after, who, recorder, expected):
    perpetrators = {
        "same": [mw.perpetrator],
        "different": [PersonFactory(owning_agency=world.agency)],
        "nobody named": [],
    }[who]
    by = world.caseworker if recorder == "home" else world.other_caseworker
    incident = record_incident(
        person=mw.victim,
        occurred_on=old_referral.referred_on + timedelta(days=days_after),
        kind="police",
        perpetrators=perpetrators,
        by=by,
    )
    flag = RepeatFlag.objects.filter(incident=incident).first()
    if expected is None:
        assert flag is None
    else:
        assert flag.referral == old_referral
        assert flag.perpetrator_recorded is (expected == "repeat")


def test_naming_the_person_using_harm_later_settles_a_possible_repeat(world, mw, old_referral):
    incident = record_incident(
        person=mw.victim,
        occurred_on=old_referral.referred_on + timedelta(days=40),
        kind="disclosure",
        by=world.other_caseworker,
    )
    assert RepeatFlag.objects.get(incident=incident).perpetrator_recorded is False
    incident.perpetrators.add(mw.perpetrator)
    assert RepeatFlag.objects.get(incident=incident).perpetrator_recorded is True


def test_naming_someone_else_removes_a_possible_repeat(world, mw, old_referral):
    incident = record_incident(
        person=mw.victim,
        occurred_on=old_referral.referred_on + timedelta(days=40),
        kind="disclosure",
        by=world.other_caseworker,
    )
    incident.perpetrators.add(PersonFactory(owning_agency=world.other_agency))
    assert not RepeatFlag.objects.filter(incident=incident).exists()


def test_a_declined_referral_is_not_repeated(world, mw, old_referral):
    MaracReferral.objects.filter(pk=old_referral.pk).update(status=ReferralStatus.DECLINED)
    incident = record_incident(
        person=mw.victim,
        occurred_on=old_referral.referred_on + timedelta(days=40),
        kind="police",
        perpetrators=[mw.perpetrator],
        by=world.caseworker,
    )
    assert not RepeatFlag.objects.filter(incident=incident).exists()


@pytest.mark.parametrize(("days_after", "repeat"), [(200, True), (364, True), (366, False)])
def test_a_new_referral_within_12_months_is_a_repeat_case(
    mw, old_referral, refer, days_after, repeat
):
    MaracReferral.objects.filter(pk=old_referral.pk).update(status=ReferralStatus.CLOSED)
    new = refer(referred_on=old_referral.referred_on + timedelta(days=days_after))
    assert new.repeat is repeat
    assert new.repeat_of_id == (old_referral.pk if repeat else None)


def test_a_new_referral_about_someone_else_is_not_a_repeat(world, mw, old_referral, refer):
    MaracReferral.objects.filter(pk=old_referral.pk).update(status=ReferralStatus.CLOSED)
    new = refer(
        referred_on=old_referral.referred_on + timedelta(days=100),
        perpetrators=[PersonFactory(owning_agency=world.agency)],
    )
    assert new.repeat is False


# --- The risk assessment's repeat criterion -----------------------------------------------------


def test_marac_referrals_of_leaves_out_declined_referrals_and_other_roles(
    world, mw, old_referral, refer
):
    MaracReferral.objects.filter(pk=old_referral.pk).update(status=ReferralStatus.CLOSED)
    later = refer(referred_on=old_referral.referred_on + timedelta(days=100))
    MaracReferral.objects.filter(pk=later.pk).update(status=ReferralStatus.DECLINED)
    found = marac_referrals_of(mw.victim)
    assert [(p.id, p.referred_on, p.perpetrator_ids) for p in found] == [
        (old_referral.pk, old_referral.referred_on, frozenset({mw.perpetrator.pk}))
    ]
    assert marac_referrals_of(mw.perpetrator) == []


@pytest.mark.parametrize(("days_after", "repeat"), [(300, True), (366, False)])
def test_a_new_assessment_meets_the_repeat_criterion(world, mw, old_referral, days_after, repeat):
    assessment = assess_dash(
        person=mw.victim,
        answers={"1": "yes"},
        incident_on=old_referral.referred_on + timedelta(days=days_after),
        perpetrators=[mw.perpetrator],
        by=world.caseworker,
    )
    assert assessment.repeat is repeat
    assert ("repeat" in assessment.criteria) is repeat


@pytest.mark.parametrize(
    ("who", "repeat"), [("same", True), ("different", False), ("nobody named", False)]
)
def test_the_assessment_asks_about_the_people_on_the_incident(world, mw, old_referral, who, repeat):
    day = old_referral.referred_on + timedelta(days=50)
    perpetrators = {
        "same": [mw.perpetrator],
        "different": [PersonFactory(owning_agency=world.agency)],
        "nobody named": [],
    }[who]
    record_incident(
        person=mw.victim,
        occurred_on=day,
        kind="police",
        perpetrators=perpetrators,
        by=world.caseworker,
    )
    assessment = assess_dash(
        person=mw.victim, answers={"1": "yes"}, incident_on=day, by=world.caseworker
    )
    assert assessment.repeat is repeat


def test_an_assessment_on_the_day_of_the_referral_is_not_a_repeat(world, mw, old_referral):
    assessment = assess_dash(
        person=mw.victim,
        answers={"1": "yes"},
        incident_on=old_referral.referred_on,
        perpetrators=[mw.perpetrator],
        by=world.caseworker,
    )
    assert assessment.repeat is False


def test_a_repeat_referral_ignores_an_assessment_s_own_repeat_answer(
    world, mw, old_referral, refer
):
    """A referral about someone else is a new case, even if the latest DASH met repeat."""
    MaracReferral.objects.filter(pk=old_referral.pk).update(status=ReferralStatus.CLOSED)
    assess_dash(
        person=mw.victim,
        answers={str(n): "yes" for n in range(1, 16)},
        incident_on=old_referral.referred_on + timedelta(days=20),
        perpetrators=[mw.perpetrator],
        by=world.caseworker,
    )
    new = refer(
        referred_on=old_referral.referred_on + timedelta(days=30),
        perpetrators=[PersonFactory(owning_agency=world.agency)],
    )
    assert (new.repeat, new.repeat_of_id) == (False, None)
    assert new.visible_high_risk is True


# --- Where the flag shows ----------------------------------------------------------------------


@pytest.fixture
def flagged(world, mw, old_referral):
    record_incident(
        person=mw.victim,
        occurred_on=old_referral.referred_on + timedelta(days=60),
        kind="police",
        perpetrators=[mw.perpetrator],
        by=world.other_caseworker,
    )
    return RepeatFlag.objects.get()


def test_the_coordinator_is_told_on_the_dashboard(world, as_user, flagged):
    page = as_user(world.marac_coordinator).get(reverse("marac:dashboard")).content.decode()
    assert "Repeats to deal with" in page
    assert "A further incident on" in page
    assert "Dawn Ashby" in page


def test_the_flag_shows_on_the_referral_and_the_persons_marac_page(world, mw, as_user, flagged):
    coordinator = as_user(world.marac_coordinator)
    referral_page = coordinator.get(reverse("marac:referral", args=[flagged.referral_id]))
    assert "Deal with this repeat" in referral_page.content.decode()
    person_page = as_user(world.caseworker).get(reverse("marac:person", args=[mw.victim.pk]))
    html = person_page.content.decode()
    assert person_page.status_code == 200
    assert "Repeat" in html
    assert "recorded by Southvale IDVA Service" in html


def test_the_coordinator_deals_with_a_repeat(world, as_user, flagged):
    client = as_user(world.marac_coordinator)
    url = reverse("marac:repeat-flag", args=[flagged.pk])
    assert "Say what you have done" in client.post(url, {"note": ""}).content.decode()
    response = client.post(url, {"note": "Listed again for March."})
    assert response.status_code == 302
    flagged.refresh_from_db()
    assert flagged.dealt_with_by == world.marac_coordinator
    page = client.get(reverse("marac:dashboard")).content.decode()
    assert "No new repeats" in page


def test_another_agency_without_a_share_cannot_see_the_marac_page(world, mw, as_user, flagged):
    response = as_user(world.other_caseworker).get(reverse("marac:person", args=[mw.victim.pk]))
    assert response.status_code == 404
