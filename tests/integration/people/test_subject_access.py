"""A subject access request: the holding agency's team manager downloads everything held
about one person as one PDF; the request and the download are audited; anyone else is
refused (another agency with 404)."""

import pytest
from django.conf import settings
from django.urls import reverse

from onestory.access.policy import grant_for
from onestory.audit.models import AuditAction, AuditEvent
from onestory.records import subject_access
from onestory.risk import actions as risk_actions
from tests.factories import (
    CaseFactory,
    CaseNoteFactory,
    MaracReferralFactory,
    OnwardReferralFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

NOTE = "Met at the library; she wants to talk about a non-molestation order."
ONWARD = "She asked for help with housing away from the town centre."
MARAC = "He said he would find her wherever she went."
DECLINED = "She did not want to go through the questions today."


@pytest.fixture
def held(world, full_record):
    """The person with a case note, an onward referral, a MARAC referral and an assessment,
    and a MARAC referral about someone else that names them as a child."""
    case = CaseFactory(person=full_record, opened_by=world.caseworker)
    CaseNoteFactory(case=case, text=NOTE)
    CaseNoteFactory(case=case, text="Now staying at 4 Quiet Row.", location_secret=True)
    OnwardReferralFactory(person=full_record, reason=ONWARD, sent_by=world.caseworker)
    MaracReferralFactory(victim=full_record, reason=MARAC, referred_by=world.caseworker)
    risk_actions.record_declined_dash(person=full_record, note=DECLINED, by=world.caseworker)
    sister = PersonFactory(owning_agency=world.agency, given_name="Leila")
    MaracReferralFactory(
        victim=sister,
        children=[full_record],
        reason="About Leila only.",
        referred_by=world.caseworker,
    )
    return full_record


def url(person):
    return reverse("people:subject-access", args=[person.pk])


def test_the_document_holds_the_whole_story_with_secrets_marked(world, held):
    document = subject_access.gather(held, grant_for(world.manager, held))
    html = subject_access.html(document, produced_by=world.manager, reference="SAR-2026-014")
    for words in ("Amira Haddad", NOTE, ONWARD, MARAC, DECLINED, "12 Hidden Lane", "Lavender"):
        assert words in html, words
    assert "SAR-2026-014" in html
    # The secret address, the safe word and the note saved as location-secret are marked.
    for secret in ("12 Hidden Lane", "Lavender", "4 Quiet Row"):
        before = html[: html.index(secret)]
        row = before[before.rindex("<tr") :]
        assert 'class="secret"' in row, secret
    # A referral about someone else that names her is listed for review, not copied.
    assert "About Leila only." not in html
    assert "Named on other people's records" in html
    counts = document.counts
    assert counts["Case notes"] == 2


def test_people_connected_to_her_are_third_parties_and_their_names_are_replaced(world, held):
    from onestory.people.actions import record_relationship

    before = subject_access.gather(held, grant_for(world.manager, held)).third_parties
    partner = PersonFactory(owning_agency=world.agency, given_name="Karl", family_name="Brandt")
    record_relationship(
        by=world.caseworker,
        person=held,
        other_person=partner,
        kind="former_intimate_partner",
        notes="",
    )
    CaseNoteFactory(
        case=held.cases.get(),
        text="Karl Brandt waited outside; later karl rang twice. Mrs Haddad was calm.",
    )
    document = subject_access.gather(held, grant_for(world.manager, held))
    html = subject_access.html(document, produced_by=world.manager, reference="SAR-9")
    assert "Karl" not in html
    assert "Brandt" not in html
    assert "[third party] waited outside; later [third party] rang twice." in html
    assert "Mrs Haddad was calm." in html  # her own name stays
    assert "Amira Haddad" in html
    assert document.third_parties == before + 1
    assert document.redacted >= 2
    assert f"{before + 1} other people are recorded as connected" in html


def test_the_document_takes_a_bounded_number_of_queries(world, held, django_assert_max_num_queries):
    grant = grant_for(world.manager, held)
    for _ in range(3):
        CaseNoteFactory(case=held.cases.get(), text="Another note.")
    # One query per kind of record (and one per many-to-many field), not one per row: work
    # with people who use harm added nine kinds and one many-to-many field.
    with django_assert_max_num_queries(72):
        document = subject_access.gather(held, grant)
    assert document.counts["Case notes"] == 5


def test_without_location_the_secret_parts_are_marked_and_withheld(world, held):
    grant = grant_for(world.representative, held)
    assert grant is not None
    assert not grant.location
    html = subject_access.html(
        subject_access.gather(held, grant), produced_by=world.manager, reference="SAR-1"
    )
    for secret in ("12 Hidden Lane", "Lavender", "4 Quiet Row"):
        assert secret not in html, secret
    assert "Withheld: your role may not see where this person is" in html
    assert NOTE in html


def test_the_manager_downloads_a_pdf_and_both_steps_are_audited(world, as_user, held):
    client = as_user(world.manager)
    page = client.get(url(held))
    assert page.status_code == 200
    assert "Answer a subject access request" in page.content.decode()
    person_page = client.get(reverse("people:person", args=[held.pk])).content.decode()
    assert url(held) in person_page

    response = client.post(url(held), {"reference": " SAR-2026-014 "})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f"subject-access-person-{held.pk}.pdf" in response["Content-Disposition"]
    events = AuditEvent.objects.filter(actor_id=world.manager.pk, person_id=held.pk)
    request_event = events.get(action=AuditAction.CREATE)
    export = events.get(action=AuditAction.EXPORT)
    assert request_event.reason == "subject access request SAR-2026-014"
    assert export.reason.startswith("subject access request SAR-2026-014: ")
    assert "Case notes" in export.fields


def test_a_request_needs_its_reference_and_saves_nothing_without_it(world, as_user, held):
    response = as_user(world.manager).post(url(held), {"reference": "  "})
    assert response.status_code == 200
    assert "Enter the request&#x27;s reference" in response.content.decode()
    assert not AuditEvent.objects.filter(
        actor_id=world.manager.pk, action__in=[AuditAction.CREATE, AuditAction.EXPORT]
    ).exists()


def test_a_caseworker_may_not_and_is_not_shown_the_link(world, as_user, held):
    client = as_user(world.caseworker)
    assert client.get(url(held)).status_code == 403
    assert client.post(url(held), {"reference": "SAR-1"}).status_code == 403
    assert url(held) not in client.get(reverse("people:person", args=[held.pk])).content.decode()
    refusals = AuditEvent.objects.filter(actor_id=world.caseworker.pk, action=AuditAction.REFUSED)
    assert refusals.exists()


def test_a_manager_at_another_agency_gets_not_found(world, as_user, held):
    from tests.factories import UserFactory

    outsider = UserFactory(agency=world.other_agency, role="team_manager")
    client = as_user(outsider)
    assert client.get(url(held)).status_code == 404
    assert client.post(url(held), {"reference": "SAR-1"}).status_code == 404
    assert AuditEvent.objects.filter(
        actor_id=outsider.pk, action=AuditAction.REFUSED, person_id=held.pk
    ).exists()
    assert not AuditEvent.objects.filter(actor_id=outsider.pk, action=AuditAction.EXPORT).exists()


def test_a_full_share_does_not_make_another_agency_the_one_that_answers(world, as_user, held):
    from onestory.access.models import ShareScope
    from tests.factories import ShareFactory, UserFactory

    ShareFactory(person=held, to_agency=world.other_agency, scope=ShareScope.FULL)
    outsider = UserFactory(agency=world.other_agency, role="team_manager")
    assert as_user(outsider).get(url(held)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, held):
    response = client.get(url(held))
    assert response.status_code == 302
    assert reverse(settings.LOGIN_URL) in response["Location"]
