"""The agency records linked to a person, on the person's page and through the API: only
what the viewer may see through the access policy, with the review queue's decisions."""

import pytest
from django.urls import reverse

from onestory.access.models import ShareScope
from onestory.audit.models import AuditAction, AuditEvent
from onestory.linkage import actions
from onestory.linkage.models import SourceRecord
from tests.factories import PersonFactory, ShareFactory
from tests.integration.linkage.helpers import make_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(world):
    """Sarah: a OneStory person; her police record confirmed as her, her health record
    confirmed as the police one (so hers through it), and a pair with another record
    rejected."""
    sarah = PersonFactory(owning_agency=world.agency, given_name="Sarah", family_name="Jones")
    to_police = make_link(world.agency, person=sarah, left="P1")
    actions.confirm_link(link=to_police, by=world.manager, reason="Same NHS number")
    police_health = make_link(world.agency, left="P1", right="H1")
    actions.confirm_link(link=police_health, by=world.manager)
    other = make_link(world.agency, left="P1", right="H2")
    actions.reject_link(link=other, by=world.manager, reason="Different mother")
    make_link(world.agency, left="P1", right="H3")  # still to review: not a decision
    return sarah


def test_the_person_page_lists_her_linked_records_and_the_decisions(
    client, world, linked, as_user, django_assert_max_num_queries
):
    browser = as_user(world.caseworker)
    person_page = browser.get(reverse("people:person", args=[linked.pk])).content.decode()
    assert reverse("linkage:person", args=[linked.pk]) in person_page
    with django_assert_max_num_queries(20):
        page = browser.get(reverse("linkage:person", args=[linked.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "2 linked records" in html
    assert "record P1" in html
    assert "record H1" in html
    assert "record H2" not in html.split("Decisions on possible links")[0]
    assert "NS1 4AB" in html  # her agency holds her record: where she lives is shown
    decisions = html.split("Decisions on possible links")[1]
    assert decisions.count("Confirmed:") == 2
    assert "Rejected:" in decisions
    assert "Different mother" in decisions
    assert "H3" not in decisions
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW,
        actor_id=world.caseworker.pk,
        person_id=linked.pk,
        reason="linked agency records: 2",
    ).exists()


def test_where_she_lives_is_hidden_from_a_role_without_location(world, linked, as_user):
    html = as_user(world.representative).get(reverse("linkage:person", args=[linked.pk]))
    text = html.content.decode()
    assert "record P1" in text
    assert "NS1 4AB" not in text
    assert "07700900123" not in text
    assert "Hidden: where this person lives is kept safe" in text


def test_an_outsider_is_refused_and_a_summary_share_is_not_enough(world, linked, as_user):
    outsider = as_user(world.other_caseworker)
    assert outsider.get(reverse("linkage:person", args=[linked.pk])).status_code == 404
    assert outsider.get(f"/api/v1/persons/{linked.pk}/linked-records").status_code == 404
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.REFUSED, actor_id=world.other_caseworker.pk
        ).count()
        == 2
    )
    ShareFactory(person=linked, to_agency=world.other_agency, scope=ShareScope.SUMMARY)
    assert outsider.get(reverse("linkage:person", args=[linked.pk])).status_code == 404


def test_a_full_share_shows_no_other_agencys_extracts(world, linked, as_user):
    """Another agency that may see her in full reads only its own extracts' records:
    the records here were imported by her holding agency."""
    ShareFactory(person=linked, to_agency=world.other_agency, scope=ShareScope.FULL)
    page = as_user(world.other_caseworker).get(reverse("linkage:person", args=[linked.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "No agency record is linked to them." in html
    assert "record P1" not in html


def test_the_api_gives_the_same_records_and_a_source_filter(world, linked, as_user):
    api = as_user(world.caseworker)
    body = api.get(f"/api/v1/persons/{linked.pk}/linked-records").json()
    assert [(r["source"], r["record_id"]) for r in body["records"]] == [
        ("health", "H1"),
        ("police", "P1"),
    ]
    police = body["records"][1]
    assert police["postcode"] == "NS1 4AB"
    assert police["location_shown"] is True
    assert police["link"]["decided_by"] == world.manager.username
    assert police["events"][0]["role"] == "victim"
    assert sorted(d["status"] for d in body["decisions"]) == ["confirmed", "confirmed", "rejected"]
    only = api.get(f"/api/v1/persons/{linked.pk}/linked-records?source=police").json()
    assert [r["record_id"] for r in only["records"]] == ["P1"]
    assert api.get(f"/api/v1/persons/{linked.pk}/linked-records?source=").status_code == 400
    assert api.get(f"/api/v1/persons/{linked.pk}/linked-records?source=bank").status_code == 400
    hidden = as_user(world.representative).get(f"/api/v1/persons/{linked.pk}/linked-records")
    assert {r["postcode"] for r in hidden.json()["records"]} == {""}


def test_the_queue_counts_by_decision(world, linked, as_user):
    make_link(world.other_agency)  # another agency's queue is not counted
    body = as_user(world.manager).get("/api/v1/linkage/queue").json()
    assert body == {"suggested": 1, "confirmed": 2, "rejected": 1, "model_version": 1}
    assert as_user(world.caseworker).get("/api/v1/linkage/queue").status_code == 403
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, actor_id=world.manager.pk, reason="linkage review queue counts"
    ).exists()


def test_a_record_not_confirmed_is_not_hers(world, as_user):
    sarah = PersonFactory(owning_agency=world.agency)
    make_link(world.agency, person=sarah)  # suggested only
    body = as_user(world.caseworker).get(f"/api/v1/persons/{sarah.pk}/linked-records").json()
    assert body["records"] == []
    assert body["decisions"] == []
    assert not SourceRecord.objects.filter(person=sarah).exists()
