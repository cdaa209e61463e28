"""Granting and revoking shares: who may, what is refused, and what the audit log keeps."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from onestory.access.actions import grant_share, revoke_share
from onestory.access.models import LawfulBasis, Share, ShareScope
from onestory.access.policy import grant_for
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditAction
from tests.factories import AgencyFactory, PersonFactory, ShareFactory, UserFactory
from tests.integration.access.helpers import events_since, last_event_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(world):
    return PersonFactory(owning_agency=world.agency)


def share(world, person, **changes) -> Share:
    arguments = {
        "person": person,
        "to_agency": world.other_agency,
        "scope": ShareScope.FULL,
        "lawful_basis": LawfulBasis.SAFEGUARDING,
        "reason": "High risk after the DASH; the IDVA service is taking the case.",
        "by": world.caseworker,
    }
    return grant_share(**{**arguments, **changes})


def test_it_grants_a_share_that_the_other_agency_sees_at_once(world, person):
    marker = last_event_id()
    made = share(world, person)
    assert made.from_agency == world.agency
    assert made.granted_by == world.caseworker
    assert grant_for(world.other_caseworker, person).share == made
    (event,) = events_since(marker)
    assert event.action == AuditAction.SHARE_GRANTED
    assert event.person_id == person.pk
    assert event.object_type == "access.share"
    assert event.object_id == str(made.pk)
    assert event.actor_id == world.caseworker.pk
    assert event.reason.startswith("High risk")
    assert "to_agency" in event.fields


def test_it_shares_on_consent_without_a_reason(world, person):
    made = share(world, person, lawful_basis=LawfulBasis.CONSENT, reason="")
    assert made.reason == ""


def test_it_refuses_to_share_without_a_reason_on_another_basis(world, person):
    with pytest.raises(ValidationError) as refused:
        share(world, person, lawful_basis=LawfulBasis.MARAC, reason="  ")
    assert set(refused.value.message_dict) == {"reason"}
    assert not Share.objects.filter(person=person).exists()


def test_it_refuses_location_details_for_a_perpetrator_service(world, person):
    service = AgencyFactory(name="Change Programme", kind=AgencyKind.PERPETRATOR_SERVICE)
    marker = last_event_id()
    with pytest.raises(ValidationError) as refused:
        share(world, person, to_agency=service, includes_location=True)
    assert "perpetrator service" in refused.value.message_dict["includes_location"][0]
    assert not Share.objects.filter(person=person).exists()
    assert not events_since(marker).exists()


def test_it_shares_with_a_perpetrator_service_without_location(world, person):
    service = AgencyFactory(name="Change Programme", kind=AgencyKind.PERPETRATOR_SERVICE)
    assert share(world, person, to_agency=service).includes_location is False


def test_it_refuses_to_share_with_the_holding_agency(world, person):
    with pytest.raises(ValidationError) as refused:
        share(world, person, to_agency=world.agency)
    assert set(refused.value.message_dict) == {"to_agency"}


def test_it_refuses_an_expiry_in_the_past(world, person):
    with pytest.raises(ValidationError) as refused:
        share(world, person, expires_at=timezone.now() - timedelta(hours=1))
    assert set(refused.value.message_dict) == {"expires_at"}


def test_it_refuses_a_second_active_share_with_the_same_agency(world, person):
    share(world, person)
    with pytest.raises(ValidationError) as refused:
        share(world, person, scope=ShareScope.SUMMARY)
    assert "already has an active share" in refused.value.message_dict["to_agency"][0]


def test_it_refuses_location_from_a_worker_who_cannot_see_it(world, person):
    # A MARAC coordinator may share records but may not see location-secret details.
    coordinator = UserFactory(agency=world.agency, role=RoleName.MARAC_COORDINATOR)
    with pytest.raises(ValidationError) as refused:
        share(world, person, includes_location=True, by=coordinator)
    assert set(refused.value.message_dict) == {"includes_location"}


@pytest.mark.parametrize("sharer", ["other_caseworker", "marac_coordinator", "commissioner"])
def test_it_lets_only_the_holding_agency_share(world, person, sharer):
    with pytest.raises(PermissionDenied):
        share(world, person, to_agency=world.central, by=getattr(world, sharer))
    assert not Share.objects.filter(person=person).exists()


def test_it_refuses_a_share_from_a_role_without_the_permission(world, person):
    representative = UserFactory(agency=world.agency, role=RoleName.MARAC_REPRESENTATIVE)
    with pytest.raises(PermissionDenied):
        share(world, person, by=representative)


def test_it_lets_a_receiving_agency_that_already_sees_the_record_share_nothing(world, person):
    share(world, person)
    with pytest.raises(PermissionDenied):
        share(world, person, to_agency=world.central, by=world.other_caseworker)


def test_it_revokes_a_share_at_once_and_audits_it(world, person):
    made = share(world, person)
    marker = last_event_id()
    revoke_share(share=made, reason="Consent withdrawn on the phone today.", by=world.manager)
    made.refresh_from_db()
    assert made.revoked_by == world.manager
    assert made.revoke_reason == "Consent withdrawn on the phone today."
    assert grant_for(world.other_caseworker, person) is None
    (event,) = events_since(marker)
    assert event.action == AuditAction.SHARE_REVOKED
    assert event.person_id == person.pk
    assert event.object_id == str(made.pk)
    assert event.reason == "Consent withdrawn on the phone today."


def test_it_refuses_to_revoke_without_a_reason(world, person):
    made = share(world, person)
    with pytest.raises(ValidationError) as refused:
        revoke_share(share=made, reason=" ", by=world.manager)
    assert set(refused.value.message_dict) == {"reason"}
    made.refresh_from_db()
    assert made.revoked_at is None


def test_it_refuses_to_revoke_twice(world, person):
    made = share(world, person)
    revoke_share(share=made, reason="Work finished.", by=world.manager)
    with pytest.raises(ValidationError, match="already been revoked"):
        revoke_share(share=made, reason="Again.", by=world.manager)


def test_it_refuses_to_revoke_a_share_that_has_expired(world, person):
    made = ShareFactory(
        person=person,
        to_agency=world.other_agency,
        expires_at=timezone.now() - timedelta(minutes=5),
    )
    with pytest.raises(ValidationError, match="already ended"):
        revoke_share(share=made, reason="Tidying up.", by=world.manager)


def test_it_lets_only_a_manager_at_the_holding_agency_revoke(world, person):
    made = share(world, person)
    receiving_manager = UserFactory(agency=world.other_agency, role=RoleName.TEAM_MANAGER)
    for user in (world.caseworker, world.other_caseworker, receiving_manager, world.admin):
        with pytest.raises(PermissionDenied):
            revoke_share(share=made, reason="Not mine to revoke.", by=user)
    made.refresh_from_db()
    assert made.revoked_at is None
