"""Referring to MARAC, the coordinator's check and listing, declining and closing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from onestory.access.models import LawfulBasis, Share, ShareScope
from onestory.audit.models import AuditEvent
from onestory.marac import actions
from onestory.marac.models import MaracReferral, ReferralStatus
from tests.integration.marac.conftest import discuss

pytestmark = pytest.mark.django_db


def _form(mw, **changes):
    data = {
        "marac": mw.marac.pk,
        "perpetrators": [mw.perpetrator.pk],
        "children": [mw.child.pk],
        "reason": "He broke down the door on Saturday night.",
    }
    data.update(changes)
    return data


def test_it_shows_the_referral_form_with_the_connected_people(world, mw, high_risk, as_user):
    response = as_user(world.caseworker).get(reverse("marac:refer", args=[mw.victim.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Visible high risk" in html
    assert "Karl Ashby" in html
    assert "Lily Ashby" in html


def test_it_refers_with_the_assessments_criteria(world, mw, high_risk, as_user):
    client = as_user(world.caseworker)
    response = client.post(reverse("marac:refer", args=[mw.victim.pk]), _form(mw))
    assert response["Location"] == reverse("marac:person", args=[mw.victim.pk])
    referral = MaracReferral.objects.get()
    assert referral.criteria == ["visible_high_risk"]
    assert referral.risk_assessment == high_risk
    assert referral.referring_agency == world.agency
    assert list(referral.perpetrators.all()) == [mw.perpetrator]
    assert list(referral.children.all()) == [mw.child]
    assert referral.status == ReferralStatus.SUBMITTED
    assert AuditEvent.objects.filter(
        action="create", object_type="marac.maracreferral", person_id=mw.victim.pk
    ).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Waiting for the coordinator" in page


def test_the_agencys_marac_representative_may_refer_too(world, mw, high_risk, as_user):
    # The representative refers the agency's highest-risk cases without doing risk
    # assessments themselves: the criteria come from the caseworker's assessment.
    response = as_user(world.representative).post(
        reverse("marac:refer", args=[mw.victim.pk]), _form(mw)
    )
    assert response.status_code == 302
    referral = MaracReferral.objects.get()
    assert referral.referred_by == world.representative
    assert referral.criteria == ["visible_high_risk"]


def test_a_role_without_the_permission_cannot_refer(world, mw, high_risk, as_user):
    response = as_user(world.commissioner).post(
        reverse("marac:refer", args=[mw.victim.pk]), _form(mw)
    )
    assert response.status_code in (403, 404)
    assert not MaracReferral.objects.exists()


def test_a_referral_without_criteria_is_refused_and_nothing_is_saved(world, mw, as_user):
    response = as_user(world.caseworker).post(
        reverse("marac:refer", args=[mw.victim.pk]), _form(mw)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This referral meets no MARAC criterion" in html
    assert "<title>Error: " in html
    assert not MaracReferral.objects.exists()
    assert not Share.objects.exists()


def test_professional_judgement_with_a_reason_is_a_criterion(world, mw, as_user):
    response = as_user(world.caseworker).post(
        reverse("marac:refer", args=[mw.victim.pk]),
        _form(mw, judgement="on", judgement_reason="He has just been released from prison."),
    )
    assert response.status_code == 302
    assert MaracReferral.objects.get().criteria == ["professional_judgement"]


def test_professional_judgement_without_a_reason_is_refused(world, mw, as_user):
    response = as_user(world.caseworker).post(
        reverse("marac:refer", args=[mw.victim.pk]), _form(mw, judgement="on")
    )
    assert "Give the reason for referring to MARAC" in response.content.decode()
    assert not MaracReferral.objects.exists()


def test_a_referral_needs_the_person_using_harm(world, mw, high_risk, as_user):
    response = as_user(world.caseworker).post(
        reverse("marac:refer", args=[mw.victim.pk]), _form(mw, perpetrators=[])
    )
    assert "Select the person or people using harm" in response.content.decode()
    assert not MaracReferral.objects.exists()


def test_a_second_open_referral_is_refused(world, mw, high_risk, refer):
    refer()
    with pytest.raises(ValidationError) as refused:
        refer()
    assert "already has an open referral" in str(refused.value)
    assert MaracReferral.objects.count() == 1


def test_the_coordinating_agency_is_given_a_marac_share(world, mw, high_risk, refer):
    referral = refer()
    shares = Share.objects.filter(to_agency=world.central)
    assert {s.person_id for s in shares} == {mw.victim.pk, mw.perpetrator.pk, mw.child.pk}
    assert {s.lawful_basis for s in shares} == {LawfulBasis.MARAC}
    assert not any(s.includes_location for s in shares)
    assert set(referral.shares.all()) == set(shares)


def test_another_agency_cannot_refer_a_person_it_cannot_see(world, mw, as_user):
    response = as_user(world.other_caseworker).get(reverse("marac:refer", args=[mw.victim.pk]))
    assert response.status_code == 404


def test_the_coordinator_lists_a_case_and_the_members_are_given_shares(
    world, mw, high_risk, refer, as_user
):
    referral = refer()
    client = as_user(world.marac_coordinator)
    page = client.get(reverse("marac:referral", args=[referral.pk]))
    assert "Check and list" in page.content.decode()
    response = client.post(
        reverse("marac:list-case", args=[referral.pk]), {"meeting": mw.meeting.pk}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.LISTED
    assert referral.checked_by == world.marac_coordinator
    police = Share.objects.active().filter(to_agency=mw.police, lawful_basis=LawfulBasis.MARAC)
    scopes = {s.person_id: s.scope for s in police}
    assert scopes == {
        mw.victim.pk: ShareScope.FULL,
        mw.perpetrator.pk: ShareScope.SUMMARY,
        mw.child.pk: ShareScope.SUMMARY,
    }
    # The home agency holds the records already: it needs no share.
    assert not Share.objects.filter(to_agency=world.agency).exists()
    assert not Share.objects.filter(to_agency=mw.housing).exists()


def test_listing_needs_a_meeting(world, mw, high_risk, refer, as_user):
    referral = refer()
    response = as_user(world.marac_coordinator).post(
        reverse("marac:list-case", args=[referral.pk]), {}
    )
    assert "Select the meeting to list this case for" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SUBMITTED


def test_a_case_waiting_for_discussion_cannot_be_listed_twice(world, mw, listed):
    from tests.factories import MeetingFactory

    later = MeetingFactory(marac=mw.marac, meets_on=mw.meeting.meets_on + timedelta(days=28))
    with pytest.raises(ValidationError) as refused:
        actions.list_case(referral=listed.referral, meeting=later, by=world.marac_coordinator)
    assert "already on the agenda" in str(refused.value)


def test_the_coordinator_declines_a_referral_and_its_shares_end(
    world, mw, high_risk, refer, as_user
):
    referral = refer()
    client = as_user(world.marac_coordinator)
    url = reverse("marac:decline", args=[referral.pk])
    assert "Say why" in client.post(url, {"reason": ""}).content.decode()
    response = client.post(url, {"reason": "Already open at the neighbouring MARAC."})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED
    assert not Share.objects.active().exists()


def test_closing_needs_a_discussion_and_no_open_actions(world, mw, listed, as_user):
    client = as_user(world.marac_coordinator)
    url = reverse("marac:close", args=[listed.referral_id])
    assert "has not been discussed" in client.post(url, {}).content.decode()
    discuss(listed, world.marac_coordinator)
    action = actions.add_action(
        referral=listed.referral,
        item=listed,
        owning_agency=mw.police,
        description="Flag the address for an urgent response.",
        due_on=mw.meeting.meets_on,
        by=world.marac_coordinator,
    )
    assert "1 action is still open" in client.post(url, {}).content.decode()
    actions.update_action(action=action, status="done", by=world.marac_coordinator)
    response = client.post(url, {"note": "All actions done."})
    assert response.status_code == 302
    listed.referral.refresh_from_db()
    assert listed.referral.status == ReferralStatus.CLOSED
    assert not Share.objects.active().filter(lawful_basis=LawfulBasis.MARAC).exists()


def test_closing_leaves_other_shares_alone(world, mw, listed):
    from tests.factories import ShareFactory

    consent = ShareFactory(person=mw.victim, to_agency=mw.police, granted_by=world.caseworker)
    discuss(listed, world.marac_coordinator)
    actions.close_case(referral=listed.referral, by=world.marac_coordinator)
    consent.refresh_from_db()
    assert consent.revoked_at is None


def test_the_coordinators_referral_list(
    world, mw, high_risk, refer, as_user, django_assert_max_num_queries
):
    refer()
    client = as_user(world.marac_coordinator)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("marac:referrals"))
    assert "Dawn Ashby" in response.content.decode()


def test_the_persons_marac_page_has_a_bounded_number_of_queries(
    world, mw, listed, as_user, django_assert_max_num_queries
):
    client = as_user(world.caseworker)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("marac:person", args=[mw.victim.pk]))
    assert "Listed for MARAC" in response.content.decode()
