"""Whole-family working: one case for the adults and children, a plan whose goals belong
to members, and each agency seeing each member only as its grant allows."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from onestory.access.models import ShareScope
from onestory.harm import actions
from onestory.harm.access import family_view
from onestory.harm.choices import MemberRole
from onestory.harm.models import FamilyGoal, FamilyMember
from onestory.people.models import Relationship
from tests.conftest import sign_in
from tests.factories import PersonFactory, ShareFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(harm):
    """The IDVA's client, her child (held by the IDVA), and him (held by the service, shared
    in full with the IDVA); children's social care holds a summary share of the child."""
    child = PersonFactory(owning_agency=harm.idva_agency, given_name="Mia")
    him = PersonFactory(owning_agency=harm.service, given_name="Darren")
    Relationship.objects.create(person=harm.victim, other_person=child, kind="parent_of")
    Relationship.objects.create(person=harm.victim, other_person=him, kind="former_spouse")
    ShareFactory(person=him, to_agency=harm.idva_agency, scope=ShareScope.FULL)
    ShareFactory(person=child, to_agency=harm.csc, scope=ShareScope.SUMMARY)
    ShareFactory(person=child, to_agency=harm.service, scope=ShareScope.FULL)
    case = actions.open_family(by=harm.idva, person=harm.victim, role=MemberRole.ADULT_VICTIM)
    kid = actions.add_member(
        by=harm.idva,
        family=case,
        person=child,
        role=MemberRole.CHILD,
        needs="Help to sleep",
        voice="I want Dad to stop shouting",
    )
    return case, kid, him


def test_the_person_using_harm_joins_only_with_the_reason_it_is_safe(harm, family):
    case, _kid, him = family
    with pytest.raises(ValidationError) as caught:
        actions.add_member(by=harm.idva, family=case, person=him, role=MemberRole.USING_HARM)
    assert "safety_reason" in caught.value.message_dict
    actions.add_member(
        by=harm.idva,
        family=case,
        person=him,
        role=MemberRole.USING_HARM,
        safety_reason="In a behaviour-change programme; she agrees; contact is supervised.",
    )
    assert case.members.count() == 3


def test_a_goal_for_someone_outside_the_family_is_refused(harm, family):
    case, kid, _him = family
    other = actions.open_family(
        by=harm.idva, person=PersonFactory(owning_agency=harm.idva_agency), role="adult_victim"
    )
    outsider = other.members.get()
    with pytest.raises(ValidationError) as caught:
        actions.add_goal(by=harm.idva, family=case, member=outsider, description="Move house")
    assert "member" in caught.value.message_dict
    assert not FamilyGoal.objects.exists()
    actions.add_goal(by=harm.idva, family=case, member=kid, description="Sleep through")
    assert kid.goals.count() == 1


def test_each_agency_sees_each_member_as_its_grant_allows(harm, family):
    case, _kid, him = family
    actions.add_member(
        by=harm.idva,
        family=case,
        person=him,
        role=MemberRole.USING_HARM,
        safety_reason="Supervised contact agreed by the court.",
    )
    seen = {view.member.role: view.details for view in family_view(harm.idva, case)}
    assert seen == {"adult_victim": True, "child": True, "using_harm": True}
    # Children's social care: the child only, in summary.
    assert [(v.member.role, v.details) for v in family_view(harm.csc_worker, case)] == [
        ("child", False)
    ]
    # The perpetrator service: him and the child, never her.
    assert {v.member.role for v in family_view(harm.worker, case)} == {"child", "using_harm"}
    assert family_view(harm.other_worker, case) == []


def test_the_family_page_for_each_agency(harm, family):
    case, _kid, _him = family
    path = f"/harm/families/{case.pk}/"
    idva = sign_in(Client(), harm.idva).get(path).content.decode()
    assert harm.victim.display_name in idva
    assert "I want Dad to stop shouting" in idva
    csc = sign_in(Client(), harm.csc_worker).get(path).content.decode()
    assert "Mia" in csc
    assert "I want Dad to stop shouting" not in csc
    assert harm.victim.display_name not in csc
    service = sign_in(Client(), harm.worker).get(path).content.decode()
    assert harm.victim.display_name not in service
    assert sign_in(Client(), harm.other_worker).get(path).status_code == 404


def test_adding_a_member_through_the_page(harm, family):
    case, _kid, him = family
    client = sign_in(Client(), harm.idva)
    response = client.post(
        f"/harm/families/{case.pk}/members/new/",
        {"person": him.pk, "role": "using_harm", "safety_reason": ""},
    )
    assert "Say why it is safe to include the person using harm" in response.content.decode()
    assert not FamilyMember.objects.filter(person=him).exists()


def test_the_person_page_offers_a_family_case_and_an_order(harm):
    page = sign_in(Client(), harm.idva).get(f"/people/{harm.victim.pk}/").content.decode()
    assert f"/harm/people/{harm.victim.pk}/family/new/" in page
    assert f"/harm/people/{harm.victim.pk}/orders/new/" in page
