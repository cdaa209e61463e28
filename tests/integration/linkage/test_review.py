"""The review queue: a person decides on every pair, through the access policy, audited."""

import pytest
from django.urls import reverse

from onestory.audit.models import AuditAction, AuditEvent
from onestory.linkage.models import CandidateLink, LinkStatus, SourceRecord
from tests.conftest import sign_in
from tests.factories import PersonFactory, ShareFactory
from tests.integration.linkage.helpers import make_link, untrained_model

pytestmark = pytest.mark.django_db


def test_the_queue_lists_pairs_with_what_agrees_and_is_audited(
    client, world, django_assert_max_num_queries
):
    for right in ("H1", "H2", "H3"):
        make_link(world.agency, right=right)
    make_link(world.other_agency)  # another agency's queue
    sign_in(client, world.manager)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("linkage:queue"))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("Review<span") == 3
    assert "Date of birth" in html
    assert "97%" in html
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW,
        actor_id=world.manager.pk,
        reason__startswith="linkage review queue: 3",
    ).exists()


def test_a_caseworker_may_not_review(client, world):
    link = make_link(world.agency)
    sign_in(client, world.caseworker)
    assert client.get(reverse("linkage:queue")).status_code == 403
    assert (
        client.post(reverse("linkage:link", args=[link.pk]), {"decision": "confirm"}).status_code
        == 403
    )
    assert CandidateLink.objects.get().status == LinkStatus.SUGGESTED


def test_confirming_a_record_with_a_person_takes_it_onto_their_record(client, world):
    person = PersonFactory(owning_agency=world.agency, given_name="Sarah", family_name="Jones")
    link = make_link(world.agency, person=person)
    sign_in(client, world.manager)
    page = client.get(reverse("linkage:link", args=[link.pk]))
    assert page.status_code == 200
    assert "Are these the same person?" in page.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, person_id=person.pk).exists()
    answer = client.post(
        reverse("linkage:link", args=[link.pk]),
        {"decision": "confirm", "reason": "Same NHS number"},
    )
    assert answer.status_code == 302
    link.refresh_from_db()
    assert (link.status, link.decided_by, link.reason) == (
        LinkStatus.CONFIRMED,
        world.manager,
        "Same NHS number",
    )
    record = SourceRecord.objects.get(pk=(link.left_record_id or link.right_record_id))
    assert record.person == person
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, person_id=person.pk, reason__startswith="link confirmed"
    ).exists()
    # Decided once: a second decision is refused and changes nothing.
    again = client.post(reverse("linkage:link", args=[link.pk]), {"decision": "reject"})
    assert again.status_code == 200
    assert "already confirmed" in again.content.decode()
    link.refresh_from_db()
    assert link.status == LinkStatus.CONFIRMED


def test_rejecting_is_remembered(client, world):
    link = make_link(world.agency)
    sign_in(client, world.manager)
    client.post(reverse("linkage:link", args=[link.pk]), {"decision": "reject"})
    link.refresh_from_db()
    assert link.status == LinkStatus.REJECTED
    assert client.get(reverse("linkage:queue")).content.decode().count("Review<span") == 0


def test_no_decision_is_a_clear_error(client, world):
    link = make_link(world.agency)
    sign_in(client, world.manager)
    page = client.post(reverse("linkage:link", args=[link.pk]), {})
    assert "Select whether these records are the same person" in page.content.decode()
    link.refresh_from_db()
    assert link.status == LinkStatus.SUGGESTED


def test_confirming_may_not_join_a_victim_to_the_person_harming_her(client, world):
    # Sarah (police, victim) is confirmed as health's H2; H2 is then suggested with P2, the
    # person harming Sarah in the same incident: confirming it would make them one person.
    first = make_link(world.agency, left="P1", right="H2")
    second = make_link(world.agency, left="P2", right="H2")
    sign_in(client, world.manager)
    client.post(reverse("linkage:link", args=[first.pk]), {"decision": "confirm"})
    page = client.post(reverse("linkage:link", args=[second.pk]), {"decision": "confirm"})
    assert "cannot be one person" in page.content.decode()
    second.refresh_from_db()
    assert second.status == LinkStatus.SUGGESTED


def test_outsiders_and_persons_out_of_sight_get_404_and_the_refusal_is_audited(client, world):
    from onestory.accounts.roles import RoleName
    from tests.factories import UserFactory

    link = make_link(world.agency)
    other_manager = UserFactory(agency=world.other_agency, role=RoleName.TEAM_MANAGER)
    sign_in(client, other_manager)
    assert client.get(reverse("linkage:link", args=[link.pk])).status_code == 404
    assert (
        client.post(reverse("linkage:link", args=[link.pk]), {"decision": "confirm"}).status_code
        == 404
    )
    refusals = AuditEvent.objects.filter(action=AuditAction.REFUSED, actor_id=other_manager.pk)
    assert refusals.count() == 2

    # A pair with a person the manager may not see in full is neither listed nor shown.
    elsewhere = PersonFactory(owning_agency=world.other_agency)
    hidden = make_link(world.agency, person=elsewhere, left="P3")
    sign_in(client, world.manager)
    assert (
        f"/linkage/pairs/{hidden.pk}/" not in client.get(reverse("linkage:queue")).content.decode()
    )
    assert client.get(reverse("linkage:link", args=[hidden.pk])).status_code == 404
    # A summary share is not enough to join records; a full one is.
    ShareFactory(
        person=elsewhere, to_agency=world.agency, granted_by=world.other_caseworker, scope="summary"
    )
    assert client.get(reverse("linkage:link", args=[hidden.pk])).status_code == 404


def test_location_secrets_are_shown_only_to_those_who_may_hold_them(client, world):
    link = make_link(world.agency)
    sign_in(client, world.manager)
    html = client.get(reverse("linkage:link", args=[link.pk])).content.decode()
    assert "NS1 4AB" in html


def test_the_model_page_shows_its_weights(client, world):
    sign_in(client, world.manager)
    assert "No model has been trained" in client.get(reverse("linkage:model")).content.decode()
    untrained_model(world.agency)
    html = client.get(reverse("linkage:model")).content.decode()
    assert "A short form of the other" in html
    assert "Day and month swapped" in html


def test_confirmed_links_show_a_repeat_across_agencies(client, world):
    from onestory.linkage import actions
    from tests.integration.linkage.helpers import TODAY, csv_bytes

    make_link(world.agency)  # imports the labelled set
    housing = [
        {
            "record_id": "X1",
            "given_name": "Sarah",
            "family_name": "Cole",
            "event_id": "HA1",
            "event_date": "2026-02-01",
            "event_kind": "homelessness application",
            "event_role": "victim",
        },
        {
            "record_id": "X2",
            "given_name": "Sam",
            "family_name": "Jones",
            "event_id": "HA1",
            "event_date": "2026-02-01",
            "event_kind": "homelessness application",
            "event_role": "using_harm",
        },
    ]
    actions.import_extract(
        content=csv_bytes(housing),
        file_name="housing.csv",
        agency=world.agency,
        source="housing",
        supplier="Housing Options",
        by_name="t",
        today=TODAY,
    )
    sign_in(client, world.manager)
    page = client.get(reverse("linkage:findings"))
    assert page.content.decode().count("None found yet.") == 2
    for left, right in (("P1", "X1"), ("P2", "X2")):
        link = make_link(world.agency, left=left, right=right)
        actions.confirm_link(link=link, by=world.manager)
    html = client.get(reverse("linkage:findings")).content.decode()
    assert "Sarah Cole (housing) / Sarah Jones (police)" in html
    assert "Sam Jones (housing) / Sam Jones (police)" in html
    assert "housing, police" in html
    assert AuditEvent.objects.filter(reason="linkage findings: 1 repeats, 0 serial").exists()


def test_a_record_already_linked_to_one_person_is_not_linked_to_another(world):
    from django.core.exceptions import ValidationError

    from onestory.linkage import actions

    first = PersonFactory(owning_agency=world.agency)
    second = PersonFactory(owning_agency=world.agency)
    actions.confirm_link(link=make_link(world.agency, person=first), by=world.manager)
    later = make_link(world.agency, person=second)
    with pytest.raises(ValidationError, match="already linked to another OneStory person"):
        actions.confirm_link(link=later, by=world.manager)
    later.refresh_from_db()
    assert later.status == LinkStatus.SUGGESTED
    assert SourceRecord.objects.get(record_id="P1").person == first
