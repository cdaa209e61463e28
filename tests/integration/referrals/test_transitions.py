"""Each change of status, who may make it, the waiting time, and the share it ends."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from onestory.access.actions import revoke_share
from onestory.audit.models import AuditAction, AuditEvent
from onestory.referrals import transitions
from onestory.referrals.models import OnwardReferral
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def accept(referral, by, **extra):
    return transitions.accept_onward_referral(onward_referral=referral, by=by, **extra)


def decline(referral, by, reason="no_space", note=""):
    return transitions.decline_onward_referral(
        onward_referral=referral, reason=reason, note=note, by=by
    )


def withdraw(referral, by, note="She has moved out of the county."):
    return transitions.withdraw_onward_referral(onward_referral=referral, note=note, by=by)


def complete(referral, by):
    return transitions.complete_onward_referral(onward_referral=referral, by=by)


def test_accepting_records_who_when_and_the_waiting_time(world, send):
    referral = send()
    OnwardReferral.objects.filter(pk=referral.pk).update(
        sent_at=timezone.now() - timedelta(hours=5)
    )
    accept(referral, world.caseworker, note="Aisha will call her tomorrow.")
    referral.refresh_from_db()
    assert referral.status == "accepted"
    assert timedelta(hours=5) <= referral.waiting_time < timedelta(hours=6)
    assert referral.accepted_at is not None
    event = referral.events.last()
    assert (event.event, event.from_status, event.to_status) == ("accept", "sent", "accepted")
    assert (event.by, event.by_agency, event.note) == (
        world.caseworker,
        world.agency,
        "Aisha will call her tomorrow.",
    )
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="referrals.onwardreferral"
    ).exists()


def test_accepting_opens_a_case_at_the_receiving_agency(world, send):
    if not apps.is_installed("onestory.cases"):
        pytest.skip("case work is not part of OneStory yet")
    referral = send()
    accept(referral, world.caseworker, lead_worker=world.caseworker)
    case = apps.get_model("cases", "Case").objects.get(onward_referral=referral)
    assert (case.agency, case.person, case.lead_worker) == (
        world.agency,
        referral.person,
        world.caseworker,
    )


def test_a_lead_worker_from_another_agency_is_refused(world, send):
    referral = send()
    with pytest.raises(ValidationError):
        accept(referral, world.caseworker, lead_worker=world.other_caseworker)
    referral.refresh_from_db()
    assert referral.status == "sent"


def test_declining_needs_a_reason_and_ends_the_share(world, send):
    referral = send()
    with pytest.raises(ValidationError):
        decline(referral, world.caseworker, reason="other")
    decline(referral, world.caseworker, reason="no_space")
    referral.refresh_from_db()
    assert (referral.status, referral.decline_reason) == ("declined", "no_space")
    assert referral.closed_at is not None
    assert not referral.share.is_active()
    assert referral.share.revoked_by == world.caseworker
    assert AuditEvent.objects.filter(action=AuditAction.SHARE_REVOKED).exists()


def test_withdrawing_needs_a_reason_and_ends_the_share(partnership, send):
    referral = send()
    with pytest.raises(ValidationError):
        withdraw(referral, partnership.desk, note=" ")
    withdraw(referral, partnership.desk)
    referral.refresh_from_db()
    assert referral.status == "withdrawn"
    assert not referral.share.is_active()


def test_an_accepted_referral_can_be_withdrawn_and_completed_keeps_the_share(
    world, partnership, send
):
    first = send()
    accept(first, world.caseworker)
    complete(first, world.caseworker)
    first.refresh_from_db()
    assert first.status == "completed"
    assert first.share.is_active()  # the agency goes on working with her

    second = send(service=partnership.refuge)
    accept(second, partnership.refuge_worker)
    withdraw(second, partnership.desk)
    second.refresh_from_db()
    assert second.status == "withdrawn"


# Who may make each change: the sending agency (the front door's desk and its manager), the
# receiving agency (the outreach caseworker and manager), and anyone else.
WHO = {
    "sender": lambda world, p: p.desk,
    "sender's manager": lambda world, p: p.desk_manager,
    "receiver": lambda world, p: world.caseworker,
    "receiver's manager": lambda world, p: world.manager,
    "another agency": lambda world, p: world.other_caseworker,
    "a role without the permission": lambda world, p: world.representative,
}

MAY = {
    # (change, from status): who may make it
    ("accept", "sent"): {"receiver", "receiver's manager"},
    ("decline", "sent"): {"receiver", "receiver's manager"},
    ("withdraw", "sent"): {"sender", "sender's manager"},
    ("withdraw", "accepted"): {"sender", "sender's manager"},
    ("complete", "accepted"): {"receiver", "receiver's manager"},
}

CHANGES = {"accept": accept, "decline": decline, "withdraw": withdraw, "complete": complete}


@pytest.mark.parametrize(("change", "status"), list(MAY))
@pytest.mark.parametrize("who", list(WHO))
def test_who_may_make_each_change(world, partnership, send, change, status, who):
    referral = send()
    if status == "accepted":
        accept(referral, world.caseworker)
    user = WHO[who](world, partnership)
    if who in MAY[(change, status)]:
        CHANGES[change](referral, user)
        referral.refresh_from_db()
        assert referral.events.last().by == user
    else:
        with pytest.raises(PermissionDenied):
            CHANGES[change](referral, user)
        referral.refresh_from_db()
        assert referral.status == status


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ("accept", "accepted"),
        ("decline", "accepted"),
        ("complete", "sent"),
        ("accept", "declined"),
        ("withdraw", "declined"),
        ("complete", "completed"),
    ],
)
def test_a_change_that_does_not_follow_is_refused(world, partnership, send, change, status):
    referral = send()
    if status in ("accepted", "completed"):
        accept(referral, world.caseworker)
    if status == "completed":
        complete(referral, world.caseworker)
    if status == "declined":
        decline(referral, world.caseworker)
    user = partnership.desk if change == "withdraw" else world.caseworker
    with pytest.raises(ValidationError):
        CHANGES[change](referral, user)


def test_it_cannot_be_accepted_once_the_share_is_revoked(world, partnership, send):
    referral = send()
    revoke_share(
        share=referral.share, reason="She withdrew her consent.", by=partnership.desk_manager
    )
    with pytest.raises(ValidationError) as refusal:
        accept(referral, world.caseworker)
    assert "no longer shares the record" in refusal.value.messages[0]


def test_declining_keeps_a_share_another_open_referral_needs(world, partnership, send):
    from tests.factories import ServiceFactory

    other = ServiceFactory(name="Outreach Drop-in", kind="outreach", agency=world.agency)
    first = send()
    second = send(service=other)
    assert second.share is None  # the agency could already see her whole record
    decline(first, world.caseworker)
    first.refresh_from_db()
    assert first.share.is_active()


def test_a_call_handler_at_the_receiving_agency_may_accept(world, send):
    handler = UserFactory(agency=world.agency, role="call_handler")
    accept(send(), handler)
