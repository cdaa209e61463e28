"""The access policy: who sees a person, through which route, and which classes of field."""

from datetime import timedelta

import pytest
from django.utils import timezone

from onestory.access.models import ShareScope
from onestory.access.policy import Route, grant_for, visible_persons
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.core.registry import FieldClass, classification, person_level_models
from tests.factories import (
    AgencyFactory,
    EmergencyAccessFactory,
    PersonFactory,
    ShareFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ORD, PER, SPE, LOC = (
    FieldClass.ORDINARY,
    FieldClass.PERSONAL,
    FieldClass.SPECIAL_CATEGORY,
    FieldClass.LOCATION_SECRET,
)


def seen_classes(grant) -> set[FieldClass]:
    return {cls for cls in FieldClass if grant.may_see(cls)}


def assert_fields_follow_classes(grant, classes: set[FieldClass]) -> None:
    """On every person-level model, the visible fields are exactly those of the classes."""
    for model in person_level_models():
        expected = {name for name, cls in classification(model).items() if cls in classes}
        assert grant.visible_fields(model) == expected, model._meta.label


@pytest.fixture
def person(world):
    return PersonFactory(owning_agency=world.agency)


def test_it_shows_the_owner_everything_with_location_when_the_role_allows(world, person):
    grant = grant_for(world.caseworker, person)
    assert grant.route == Route.OWNER
    assert seen_classes(grant) == {ORD, PER, SPE, LOC}
    assert_fields_follow_classes(grant, {ORD, PER, SPE, LOC})


def test_it_hides_location_from_an_owner_whose_role_does_not_allow_it(world, person):
    representative = UserFactory(agency=world.agency, role=RoleName.MARAC_REPRESENTATIVE)
    grant = grant_for(representative, person)
    assert grant.route == Route.OWNER
    assert seen_classes(grant) == {ORD, PER, SPE}
    assert_fields_follow_classes(grant, {ORD, PER, SPE})


def test_it_shows_a_summary_share_only_ordinary_and_personal_fields(world, person):
    ShareFactory(person=person, to_agency=world.other_agency, scope=ShareScope.SUMMARY)
    grant = grant_for(world.other_caseworker, person)
    assert grant.route == Route.SHARE
    assert seen_classes(grant) == {ORD, PER}
    assert_fields_follow_classes(grant, {ORD, PER})


def test_it_adds_special_category_fields_for_a_full_share(world, person):
    ShareFactory(person=person, to_agency=world.other_agency, scope=ShareScope.FULL)
    grant = grant_for(world.other_caseworker, person)
    assert seen_classes(grant) == {ORD, PER, SPE}
    assert_fields_follow_classes(grant, {ORD, PER, SPE})


def test_it_carries_location_only_on_a_share_that_says_so(world, person):
    ShareFactory(
        person=person, to_agency=world.other_agency, scope=ShareScope.FULL, includes_location=True
    )
    assert seen_classes(grant_for(world.other_caseworker, person)) == {ORD, PER, SPE, LOC}


def test_it_keeps_special_category_out_of_a_summary_share_with_location(world, person):
    ShareFactory(
        person=person,
        to_agency=world.other_agency,
        scope=ShareScope.SUMMARY,
        includes_location=True,
    )
    assert seen_classes(grant_for(world.other_caseworker, person)) == {ORD, PER, LOC}


def test_it_never_shows_location_to_a_perpetrator_service(world, person):
    service = AgencyFactory(name="Change Programme", kind=AgencyKind.PERPETRATOR_SERVICE)
    worker = UserFactory(agency=service, role=RoleName.CASEWORKER)
    # Made directly: the share rules would refuse it, but the policy must hold on its own.
    ShareFactory(person=person, to_agency=service, scope=ShareScope.FULL, includes_location=True)
    grant = grant_for(worker, person)
    assert grant.route == Route.SHARE
    assert LOC not in seen_classes(grant)


def test_it_never_shows_location_to_a_perpetrator_service_even_on_its_own_records(world):
    service = AgencyFactory(name="Change Programme", kind=AgencyKind.PERPETRATOR_SERVICE)
    worker = UserFactory(agency=service, role=RoleName.CASEWORKER)
    grant = grant_for(worker, PersonFactory(owning_agency=service))
    assert grant.route == Route.OWNER
    assert LOC not in seen_classes(grant)


def test_it_shows_everything_but_location_under_emergency_access(world, person):
    EmergencyAccessFactory(person=person, user=world.other_caseworker)
    grant = grant_for(world.other_caseworker, person)
    assert grant.route == Route.EMERGENCY
    assert seen_classes(grant) == {ORD, PER, SPE}


def test_it_shows_nothing_without_a_share(world, person):
    assert grant_for(world.other_caseworker, person) is None
    assert not visible_persons(world.other_caseworker).filter(pk=person.pk).exists()


@pytest.mark.parametrize("ended", ["revoked_at", "expires_at"], ids=["revoked", "expired"])
def test_it_shows_nothing_through_a_share_that_has_ended(world, person, ended):
    ShareFactory(
        person=person,
        to_agency=world.other_agency,
        **{ended: timezone.now() - timedelta(minutes=1)},
    )
    assert grant_for(world.other_caseworker, person) is None
    assert not visible_persons(world.other_caseworker).filter(pk=person.pk).exists()


def test_it_shows_nothing_through_emergency_access_that_has_run_out(world, person):
    EmergencyAccessFactory(
        person=person,
        user=world.other_caseworker,
        expires_at=timezone.now() - timedelta(seconds=1),
    )
    assert grant_for(world.other_caseworker, person) is None


def test_it_gives_emergency_access_to_the_worker_alone(world, person):
    EmergencyAccessFactory(person=person, user=world.other_caseworker)
    colleague = UserFactory(agency=world.other_agency, role=RoleName.CASEWORKER)
    assert grant_for(colleague, person) is None


def test_it_shows_nothing_to_a_role_that_may_not_view_persons(world, person):
    assert grant_for(world.commissioner, person) is None
    assert grant_for(world.admin, person) is None
