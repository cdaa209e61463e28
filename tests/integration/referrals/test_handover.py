"""The story told once: what each kind of receiving agency sees, and never sees."""

import pytest
from django.urls import reverse

from onestory.access.actions import grant_share, revoke_share
from onestory.access.models import LawfulBasis, ShareScope
from onestory.audit.models import AuditAction, AuditEvent
from onestory.intake.choices import Source
from tests.integration.referrals.conftest import (
    CURRENT_HOME,
    OLD_REFUGE,
    PHONE,
    SAFE_WORD,
    STORY,
    assess,
)

pytestmark = pytest.mark.django_db


def page_of(client, referral) -> str:
    response = client.get(reverse("referrals:detail", args=[referral.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_outreach_worker_sees_the_whole_story_without_asking_again(
    world, partnership, send, as_user
):
    assess(partnership.victim, "high", partnership.desk)
    referral = send(work_done="Safety advice given; police informed.")
    html = page_of(as_user(world.caseworker), referral)
    for shown in (
        "Dawn Ashby",
        STORY.replace("'", "&#x27;"),
        "In their own words",
        "High risk",
        "14 of 24",
        "Housing",  # a need
        "Sonny Ashby",  # her child
        "Children in the household: Yes (1)",
        PHONE,
        SAFE_WORD,
        CURRENT_HOME,
        "Safety advice given; police informed.",
        "Former partner: Gary Stone",
        "Triage outcome" if partnership.front_door_referral.outcome else "Front-door referral",
    ):
        assert shown in html, shown
    # An old safe address is not part of the handover, even where location details travel.
    assert OLD_REFUGE not in html


def test_a_refuge_gets_the_current_risk_but_no_address_or_contact_details(
    partnership, send, as_user
):
    assess(partnership.victim, "high", partnership.desk)
    referral = send(service=partnership.refuge)
    html = page_of(as_user(partnership.refuge_worker), referral)
    assert "High risk" in html
    assert STORY.split(".")[0] in html
    for never in (PHONE, SAFE_WORD, CURRENT_HOME, OLD_REFUGE):
        assert never not in html, never
    assert "Their safe contact details and address stay with" in html


def test_a_perpetrator_service_never_gets_the_victims_contact_or_location(
    partnership, send, as_user
):
    # The victim's front-door referral is about her; his referral says nothing of his own.
    referral = send(
        person=partnership.perpetrator,
        service=partnership.programme,
        from_referral=None,
        basis="safeguarding",
        basis_reason="Police attended twice this month; he has agreed to think about change.",
        needs=["perpetrator"],
    )
    assert not referral.share.includes_location
    html = page_of(as_user(partnership.perpetrator_worker), referral)
    assert "Gary Stone" in html
    for never in (PHONE, SAFE_WORD, CURRENT_HOME, OLD_REFUGE, "Dawn", "Sonny", STORY[:20]):
        assert never not in html, never
    assert "Former partner" in html  # who else is involved, without a name
    assert "A child, aged 9" in html


def test_a_perpetrator_service_hears_his_own_words_only(world, partnership, send, as_user):
    from tests.factories import ReferralFactory

    own = ReferralFactory(
        owning_agency=world.central,
        person=partnership.perpetrator,
        source=Source.OWN_BEHAVIOUR,
        story="I shouted at her in front of our son and I want to stop.",
        referrer_name="Dawn Ashby",
        phone="07700 900999",
    )
    referral = send(
        person=partnership.perpetrator,
        service=partnership.programme,
        from_referral=own,
        consent="given",
        consent_note="He asked for this on the phone.",
    )
    html = page_of(as_user(partnership.perpetrator_worker), referral)
    assert "I shouted at her in front of our son" in html
    assert "07700 900999" not in html

    other = ReferralFactory(
        owning_agency=world.central,
        person=partnership.perpetrator,
        source=Source.FAMILY_OR_FRIEND,
        story="My sister is terrified of him.",
        referrer_name="Jo",
    )
    referral.from_referral = other
    referral.save()
    html = page_of(as_user(partnership.perpetrator_worker), referral)
    assert "terrified" not in html
    assert "What others told the front door is not shared" in html


def test_the_sender_sees_what_travelled(partnership, send, as_user):
    referral = send(service=partnership.refuge)
    html = page_of(as_user(partnership.desk), referral)
    assert "What Willow Refuge sees with this referral" in html
    assert PHONE not in html  # it did not travel to the refuge


def test_a_summary_share_shows_who_they_are_and_no_more(world, partnership, send, as_user):
    # The referral's full share is revoked and a summary share put in its place: what the
    # handover shows follows the fields' classes and the share's scope, for both sides.
    assess(partnership.victim, "high", partnership.desk)
    referral = send(work_done="Safety advice given; police informed.")
    revoke_share(
        share=referral.share, reason="She asked us to share less.", by=partnership.desk_manager
    )
    grant_share(
        person=referral.person,
        to_agency=referral.to_agency,
        scope=ShareScope.SUMMARY,
        lawful_basis=LawfulBasis.CONSENT,
        reason="She agreed to a summary only.",
        by=partnership.desk_manager,
    )
    for reader in (world.caseworker, partnership.desk):
        html = page_of(as_user(reader), referral)
        assert "Dawn Ashby" in html  # personal: a summary share carries it
        assert "Sonny Ashby" in html
        assert "High risk" in html  # the level is personal; the narrative is not
        for withheld in (STORY.split(".")[0], PHONE, SAFE_WORD, CURRENT_HOME):
            assert withheld not in html, withheld
        assert "Disabled or has a long-term condition" not in html  # special category
        assert "Immigration status" not in html
        assert "The story as the front door heard it is not part of this share" in html
    event = AuditEvent.objects.filter(action=AuditAction.VIEW, actor_id=world.caseworker.pk).last()
    assert "given_name" in event.fields
    assert "disability" not in event.fields
    assert "referral.story" not in event.fields


def test_consent_refused_is_shown_prominently(world, partnership, send, as_user):
    assess(partnership.victim, "high", partnership.desk)
    referral = send(
        service=partnership.idva,
        consent="refused",
        basis="high_risk",
        basis_reason="Threats to kill; she is too frightened to agree.",
    )
    html = page_of(as_user(world.other_caseworker), referral)
    assert "govuk-notification-banner" in html
    assert "They did not agree to this referral." in html
    assert "Threats to kill; she is too frightened to agree." in html


def test_revoking_the_share_hides_the_referral_on_the_next_request(
    world, partnership, send, as_user
):
    referral = send()
    client = as_user(world.caseworker)
    assert STORY.split(".")[0] in page_of(client, referral)
    revoke_share(share=referral.share, reason="She asked us to stop.", by=partnership.desk_manager)
    response = client.get(reverse("referrals:detail", args=[referral.pk]))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(
        action=AuditAction.REFUSED, reason__contains=f"onward referral {referral.pk}"
    ).exists()
    listing = client.get(reverse("referrals:list")).content.decode()
    assert "Record no longer shared with your agency" in listing
    assert "Dawn" not in listing


def test_declining_ends_what_the_receiver_sees(world, send, as_user):
    referral = send()
    client = as_user(world.caseworker)
    response = client.post(
        reverse("referrals:decline", args=[referral.pk]), {"decline-reason": "no_space"}
    )
    assert response.status_code == 302
    assert client.get(reverse("referrals:detail", args=[referral.pk])).status_code == 404


def test_every_view_through_a_share_is_audited(world, send, as_user):
    referral = send()
    page_of(as_user(world.caseworker), referral)
    event = AuditEvent.objects.filter(action=AuditAction.VIEW, actor_id=world.caseworker.pk).get()
    assert event.person_id == referral.person_id
    assert f"through share {referral.share.pk}" in event.reason
    assert "referral.story" in event.fields
    assert STORY not in str(event.fields)  # names of fields, never their values


def test_the_handover_keeps_to_a_bounded_number_of_queries(
    world, partnership, send, as_user, django_assert_max_num_queries
):
    assess(partnership.victim, "high", partnership.desk)
    assess(partnership.victim, "medium", partnership.desk)
    referral = send()
    send(service=partnership.refuge)
    client = as_user(world.caseworker)
    with django_assert_max_num_queries(15):
        page_of(client, referral)


RECEIVERS = {
    # kind of service: (who receives it, whether her safe contact details and address reach them)
    "outreach": (lambda world, p: world.caseworker, True),
    "idva": (lambda world, p: world.other_caseworker, True),
    "safe_accommodation": (lambda world, p: p.refuge_worker, False),
    "children": (lambda world, p: p.children_worker, False),
}


@pytest.mark.parametrize("kind", list(RECEIVERS))
def test_what_each_kind_of_receiving_agency_sees(world, partnership, send, as_user, kind):
    assess(partnership.victim, "high", partnership.desk)
    worker, contact = RECEIVERS[kind]
    if kind == "children":
        referral = send(
            person=partnership.child,
            service=partnership.children,
            from_referral=None,
            basis="safeguarding",
            basis_reason="He saw his mother strangled.",
        )
        html = page_of(as_user(worker(world, partnership)), referral)
        assert "Sonny Ashby" in html
        for never in (PHONE, SAFE_WORD, CURRENT_HOME, OLD_REFUGE):
            assert never not in html
        return
    html = page_of(as_user(worker(world, partnership)), send(service=partnership.service_for(kind)))
    assert "High risk" in html
    assert STORY.split(".")[0] in html
    assert (PHONE in html) is contact
    assert (SAFE_WORD in html) is contact
    assert (CURRENT_HOME in html) is contact
    assert OLD_REFUGE not in html
