"""Sending an onward referral: the consent rule, who the service takes, the share it makes,
and one referral for a double submit."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from onestory.access.models import Share, ShareScope
from onestory.audit.models import AuditAction, AuditEvent
from onestory.intake.choices import Outcome
from onestory.referrals.models import OnwardReferral, OnwardReferralEvent
from tests.factories import PersonFactory, ShareFactory
from tests.integration.referrals.conftest import assess

pytestmark = pytest.mark.django_db

HIGH_RISK_REASON = "Strangled last night and threatened with a knife; she will not agree today."


def refused(send, **changes) -> dict:
    with pytest.raises(ValidationError) as refusal:
        send(**changes)
    assert not OnwardReferral.objects.exists()
    assert not Share.objects.exists()
    return refusal.value.message_dict


def test_it_sends_a_referral_and_shares_the_record(partnership, send):
    referral = send()
    assert referral.status == "sent"
    assert referral.to_agency == partnership.outreach.agency
    assert referral.from_agency == partnership.victim.owning_agency
    assert referral.consent_on_file
    share = referral.share
    assert share.to_agency == partnership.outreach.agency
    assert share.scope == ShareScope.FULL
    assert share.lawful_basis == "consent"
    assert share.includes_location  # outreach makes first contact and plans safety at home
    event = OnwardReferralEvent.objects.get()
    assert (event.event, event.to_status, event.by) == ("send", "sent", partnership.desk)
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="referrals.onwardreferral"
    ).exists()
    assert AuditEvent.objects.filter(action=AuditAction.SHARE_GRANTED).exists()


@pytest.mark.parametrize(
    ("kind", "includes_location"),
    [("outreach", True), ("idva", True), ("safe_accommodation", False), ("children", False)],
)
def test_location_details_travel_only_where_the_work_needs_them(
    partnership, send, kind, includes_location
):
    assess(partnership.victim, "high", partnership.desk)
    service = partnership.service_for(kind)
    if kind == "children":
        referral = send(
            person=partnership.child,
            service=service,
            from_referral=None,
            basis="safeguarding",
            basis_reason="Her son saw the assault.",
        )
    else:
        referral = send(service=service)
    assert referral.share.includes_location is includes_location


def test_it_closes_the_front_door_referral_as_referred_on_when_asked(partnership, send):
    send(close_front_door_referral=True)
    partnership.front_door_referral.refresh_from_db()
    assert partnership.front_door_referral.status == "closed"
    assert partnership.front_door_referral.outcome == Outcome.REFERRED_ON


# --- The consent rule ------------------------------------------------------------------------


def test_it_refuses_without_consent_to_share_with_that_kind_of_service(partnership, send):
    # The front door recorded consent for outreach, IDVA and refuge, not children's services.
    problems = refused(
        send, person=partnership.child, service=partnership.children, from_referral=None
    )
    assert "No consent to share with this kind of service" in problems["consent"][0]


def test_consent_recorded_on_the_referral_itself_is_enough(partnership, send):
    referral = send(
        person=partnership.child,
        service=partnership.children,
        from_referral=None,
        consent="given",
        consent_note="Her mother agreed on the phone today.",
    )
    assert referral.consent == "given"
    assert not referral.consent_on_file


def test_consent_refused_cannot_be_the_basis(partnership, send):
    problems = refused(send, consent="refused")
    assert "They did not agree" in problems["basis"][0]


def test_high_risk_is_a_lawful_basis_with_a_reason(partnership, send):
    assess(partnership.victim, "high", partnership.desk)
    problems = refused(send, consent="refused", basis="high_risk", basis_reason="")
    assert "basis_reason" in problems
    referral = send(
        service=partnership.idva,
        consent="refused",
        basis="high_risk",
        basis_reason=HIGH_RISK_REASON,
    )
    assert referral.consent_refused
    assert referral.share.lawful_basis == "vital_interests"
    assert HIGH_RISK_REASON in referral.share.reason


def test_high_risk_is_not_a_basis_unless_the_risk_is_high(partnership, send):
    assess(partnership.victim, "medium", partnership.desk)
    problems = refused(send, basis="high_risk", basis_reason=HIGH_RISK_REASON)
    assert "not high risk" in problems["basis"][0]


def test_safeguarding_is_a_lawful_basis_with_a_reason(partnership, send):
    problems = refused(
        send,
        person=partnership.child,
        service=partnership.children,
        from_referral=None,
        basis="safeguarding",
    )
    assert "basis_reason" in problems
    referral = send(
        person=partnership.child,
        service=partnership.children,
        from_referral=None,
        basis="safeguarding",
        basis_reason="He saw his mother strangled.",
    )
    assert referral.share.lawful_basis == "safeguarding"


# --- Who the service takes -------------------------------------------------------------------


def test_it_refuses_a_service_that_does_not_cover_where_they_live(partnership, send):
    partnership.outreach.areas.set([partnership.elsewhere])
    problems = refused(send)
    assert "Does not cover Harrowmere Castle" in " ".join(problems["service"])


def test_it_refuses_a_service_for_another_age(partnership, send):
    problems = refused(send, service=partnership.children, consent="given", consent_note="Agreed")
    assert "Takes ages 4 to 17" in " ".join(problems["service"])


def test_it_refuses_a_service_for_another_sex(partnership, send):
    problems = refused(
        send,
        person=partnership.perpetrator,
        service=partnership.refuge,
        from_referral=None,
        consent="given",
        consent_note="He asked for it.",
    )
    text = " ".join(problems["service"])
    assert "Takes women only" in text


def test_a_victim_is_never_sent_to_a_perpetrator_programme(partnership, send):
    partnership.victim.gender_identity = "man"  # even if the programme took her gender
    partnership.victim.save()
    problems = refused(
        send, service=partnership.programme, basis="safeguarding", basis_reason="Because"
    )
    assert "a victim or survivor is never referred here" in " ".join(problems["service"])


def test_the_idva_service_needs_high_risk(partnership, send):
    assess(partnership.victim, "medium", partnership.desk)
    problems = refused(send, service=partnership.idva)
    assert "Takes people at high risk only" in " ".join(problems["service"])


def test_a_signpost_only_service_is_refused(partnership, send):
    partnership.outreach.referral_route = "signpost"
    partnership.outreach.save()
    problems = refused(send)
    assert "signpost the person to it instead" in problems["service"][0]


def test_a_service_that_is_not_running_is_refused(partnership, send):
    partnership.outreach.status = "inactive"
    partnership.outreach.save()
    assert "not running" in refused(send)["service"][0]


def test_it_refuses_a_reason_left_empty_and_needs_not_on_the_list(partnership, send):
    problems = refused(send, reason="  ", needs=["school"])
    assert set(problems) >= {"reason", "needs"}


def test_a_front_door_referral_about_someone_else_is_refused(partnership, send):
    problems = refused(send, person=partnership.perpetrator, service=partnership.programme)
    assert "about someone else" in problems["from_referral"][0]


# --- Who may send ----------------------------------------------------------------------------


def test_only_the_agency_holding_the_record_refers_on(world, partnership, send):
    with pytest.raises(PermissionDenied):
        send(by=world.caseworker, from_referral=None)
    with pytest.raises(PermissionDenied):
        send(person=PersonFactory(owning_agency=world.agency), from_referral=None)


def test_a_role_that_may_not_share_may_not_refer_on(world, partnership, send):
    from tests.factories import UserFactory

    representative = UserFactory(agency=world.central, role="marac_representative")
    with pytest.raises(PermissionDenied):
        send(by=representative)


# --- Once only -------------------------------------------------------------------------------


def test_a_double_submit_makes_one_referral(partnership, send):
    first = send(submission_token="page:1:abc")
    second = send(submission_token="page:1:abc")
    assert first == second
    assert OnwardReferral.objects.count() == 1
    assert Share.objects.count() == 1


def test_a_second_open_referral_to_the_same_service_is_refused(partnership, send):
    first = send()
    with pytest.raises(ValidationError) as refusal:
        send()
    assert "already have an open referral to this service" in refusal.value.messages[0]
    assert list(OnwardReferral.objects.all()) == [first]


def test_an_agency_that_already_sees_the_whole_record_keeps_its_share(partnership, send):
    existing = ShareFactory(
        person=partnership.victim,
        to_agency=partnership.outreach.agency,
        scope=ShareScope.FULL,
        granted_by=partnership.desk,
    )
    referral = send()
    assert referral.share is None
    assert list(Share.objects.all()) == [existing]


def test_a_summary_share_must_be_revoked_first(partnership, send):
    ShareFactory(
        person=partnership.victim,
        to_agency=partnership.outreach.agency,
        granted_by=partnership.desk,
    )
    with pytest.raises(ValidationError) as refusal:
        send()
    assert "Revoke that share first" in refusal.value.messages[0]
