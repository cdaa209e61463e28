"""The list of family cases: each worker sees the families she sees a member of, each
member only as far as her agency may, with counts and filters; the perpetrator service
never sees the adult experiencing abuse there either."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from onestory.access.models import ShareScope
from onestory.audit.models import AuditAction, AuditEvent
from onestory.harm import actions
from onestory.harm.choices import MemberRole
from tests.conftest import sign_in
from tests.factories import PersonFactory, ShareFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("harm:families")


@pytest.fixture
def families(harm):
    """Two families led by the IDVA (one with a child, shared in full with the perpetrator
    service), and a third led by her colleague, without children."""
    victim_name = harm.victim.display_name
    child = PersonFactory(owning_agency=harm.idva_agency, given_name="Mirabel")
    ShareFactory(person=child, to_agency=harm.service, scope=ShareScope.FULL)
    first = actions.open_family(by=harm.idva, person=harm.victim, role=MemberRole.ADULT_VICTIM)
    kid = actions.add_member(by=harm.idva, family=first, person=child, role=MemberRole.CHILD)
    actions.add_goal(by=harm.idva, family=first, member=kid, description="A trusted adult")
    second_adult = PersonFactory(owning_agency=harm.idva_agency, given_name="Rosalind")
    actions.open_family(by=harm.idva, person=second_adult, role=MemberRole.ADULT_VICTIM)
    colleague = UserFactory(agency=harm.idva_agency, role="caseworker", first_name="Colm")
    third = PersonFactory(owning_agency=harm.idva_agency, given_name="Philippa")
    actions.open_family(by=colleague, person=third, role=MemberRole.OTHER_ADULT)
    return victim_name, first


def _page(user, query=""):
    return sign_in(Client(), user).get(URL + query).content.decode()


def test_the_lead_practitioner_sees_her_families_with_counts_and_filters(harm, families):
    victim_name, first = families
    page = _page(harm.idva)
    assert "<strong>3</strong> family cases" in page
    assert "<strong>2</strong> led by you" in page
    assert "<strong>1</strong> with children" in page
    assert victim_name in page
    assert "Mirabel" in page
    assert reverse("harm:family", args=[first.pk]) in page
    mine = _page(harm.idva, "?led=me")
    assert "Philippa" not in mine
    assert "Rosalind" in mine
    with_children = _page(harm.idva, "?led=agency&children=yes")
    assert "<strong>1</strong> family case matching" in with_children
    assert "Rosalind" not in with_children
    without = _page(harm.idva, "?children=no")
    assert "Mirabel" not in without
    assert "Philippa" in without
    # A filter it does not know is ignored, not an error.
    assert "<strong>3</strong> family cases" in _page(harm.idva, "?led=everyone")
    assert AuditEvent.objects.filter(
        actor_id=harm.idva.pk, action=AuditAction.VIEW, reason="family cases: 3"
    ).exists()


def test_the_perpetrator_service_sees_the_child_and_never_the_adult(harm, families):
    victim_name, _first = families
    page = _page(harm.worker)
    assert "<strong>1</strong> family case" in page
    assert "Mirabel" in page
    assert victim_name not in page
    assert "Rosalind" not in page
    assert "Philippa" not in page


def test_an_agency_with_no_member_sees_no_family(harm, families):
    page = _page(harm.other_worker)
    assert "<strong>0</strong> family cases" in page
    assert "No family cases yet" in page


def test_the_list_reads_in_a_bounded_number_of_queries(harm, families):
    client = sign_in(Client(), harm.idva)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for n in range(3):
        person = PersonFactory(owning_agency=harm.idva_agency, given_name=f"Extra{n}")
        actions.open_family(by=harm.idva, person=person, role=MemberRole.ADULT_VICTIM)
    with CaptureQueriesContext(connection) as more:
        client.get(URL)
    assert len(more) == len(few)
