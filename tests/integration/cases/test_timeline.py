"""The person's timeline: the story told once, across agencies, as far as the user may see."""

import datetime as dt

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from onestory.access.models import ShareScope
from onestory.audit.models import AuditAction, AuditEvent
from onestory.cases import actions
from onestory.cases.choices import ClosureReason, NoteKind, Sensitivity
from onestory.cases.models import CaseNote
from onestory.core import registry
from onestory.core import timeline as core_timeline
from onestory.core.registry import FieldClass, classification
from onestory.risk.actions import assess_dash, record_incident
from tests.factories import ReferralFactory, ShareFactory

pytestmark = pytest.mark.django_db


def timeline_url(person):
    return reverse("timeline:person", args=[person.pk])


@pytest.fixture
def story(world, case):
    """A front-door referral, an assessment, an incident, key and ordinary notes, a closure."""
    by = world.caseworker
    referral = ReferralFactory(owning_agency=world.central, person=case.person)
    referral.received_at = timezone.now() - dt.timedelta(days=10)
    referral.save(update_fields=["received_at"])
    assess_dash(person=case.person, answers={str(n): "yes" for n in range(1, 15)}, by=by)
    record_incident(
        person=case.person,
        occurred_on=timezone.localdate() - dt.timedelta(days=12),
        kind="police",
        summary="Police called by a neighbour after shouting",
        by=by,
    )
    actions.add_note(
        case=case, kind=NoteKind.COURT, text="Non-molestation order granted", is_key=True, by=by
    )
    actions.add_note(case=case, kind=NoteKind.MEETING, text="Ordinary meeting note", by=by)
    actions.add_note(
        case=case,
        kind=NoteKind.MANAGEMENT_OVERSIGHT,
        text="Restricted key note",
        is_key=True,
        sensitivity=Sensitivity.RESTRICTED,
        named_readers=[world.manager],
        by=by,
    )
    actions.add_note(
        case=case,
        kind=NoteKind.MULTI_AGENCY,
        text="Agency-only key note",
        is_key=True,
        sensitivity=Sensitivity.AGENCY,
        by=by,
    )
    actions.close_case(case=case, reason=ClosureReason.SUPPORT_COMPLETED, by=by)
    return referral


def test_it_tells_the_whole_story_most_recent_first(world, as_user, case, story):
    response = as_user(world.caseworker).get(timeline_url(case.person))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="moj-timeline"' in html
    order = [
        "Case closed: Northshire Outreach",
        "Key note: court",
        "Risk assessment: high risk",
        "Case opened: Northshire Outreach",
        "Referral to the front door",
        "Incident: police call-out or notification",
    ]
    positions = [html.index(title) for title in order]
    assert positions == sorted(positions)
    assert "Non-molestation order granted" in html
    assert "Restricted key note" in html  # its writer
    assert "Agency-only key note" in html
    assert "Ordinary meeting note" not in html  # only key notes reach the timeline
    assert "Police called by a neighbour" in html
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, person_id=case.person_id).exists()


def test_a_restricted_note_shows_only_to_the_named(world, as_user, case, story):
    html = as_user(world.manager).get(timeline_url(case.person)).content.decode()
    assert "Restricted key note" in html
    html = as_user(world.representative).get(timeline_url(case.person)).content.decode()
    assert "Restricted key note" not in html
    assert "Non-molestation order granted" in html
    # Without case work, the entries do not link to case pages.
    assert reverse("cases:case", args=[case.pk]) not in html


def test_front_door_details_are_linked_only_for_those_who_may_open_them(
    world, as_user, case, story
):
    html = as_user(world.caseworker).get(timeline_url(case.person)).content.decode()
    assert reverse("intake:referral", args=[story.pk]) not in html
    assert "Online form, from victim or survivor" in html


def test_a_full_share_shows_cases_and_standard_key_notes_of_other_agencies(
    world, as_user, case, story
):
    ShareFactory(
        person=case.person,
        to_agency=world.other_agency,
        scope=ShareScope.FULL,
        granted_by=world.caseworker,
    )
    html = as_user(world.other_caseworker).get(timeline_url(case.person)).content.decode()
    assert "Case opened: Northshire Outreach" in html
    assert "Non-molestation order granted" in html
    assert "Restricted key note" not in html
    assert "Agency-only key note" not in html
    assert "Police called by a neighbour" in html


def test_a_summary_share_shows_what_happened_and_when_but_not_the_details(
    world, as_user, case, story
):
    ShareFactory(
        person=case.person,
        to_agency=world.other_agency,
        scope=ShareScope.SUMMARY,
        granted_by=world.caseworker,
    )
    html = as_user(world.other_caseworker).get(timeline_url(case.person)).content.decode()
    assert "only what happened and when is shown" in html
    assert "Risk assessment: high risk" in html
    assert "Incident: police call-out or notification" in html
    assert "Police called by a neighbour" not in html
    assert "Case opened" not in html
    assert "Non-molestation order granted" not in html


def test_another_agency_without_a_share_gets_not_found(world, as_user, case):
    assert as_user(world.other_caseworker).get(timeline_url(case.person)).status_code == 404


def test_roles_that_may_not_see_people_are_refused(world, as_user, client, case):
    assert as_user(world.commissioner).get(timeline_url(case.person)).status_code == 403
    assert as_user(world.admin).get(timeline_url(case.person)).status_code == 403
    assert client.get(timeline_url(case.person))["Location"].startswith(reverse("accounts:sign-in"))


def test_every_app_that_tells_part_of_the_story_has_signed_up():
    # Registered from each app's ready(), so that neither onward referrals (above the cases
    # app) nor MARAC (beside it) is looked up by name.
    assert [name for name, _source in core_timeline.sources()] == [
        "front door",
        "risk",
        "cases",
        "onward referrals",
        "marac",
    ]


def test_the_field_classes_decide_what_another_agency_is_shown(
    world, as_user, case, story, monkeypatch
):
    ShareFactory(
        person=case.person,
        to_agency=world.other_agency,
        scope=ShareScope.FULL,
        granted_by=world.caseworker,
    )
    classes = dict(classification(CaseNote))
    classes["text"] = FieldClass.LOCATION_SECRET
    monkeypatch.setitem(registry._REGISTRY, CaseNote, classes)
    html = as_user(world.other_caseworker).get(timeline_url(case.person)).content.decode()
    assert "Key note: court" in html
    assert "Non-molestation order granted" not in html  # its share carries no location
    # The case's own agency sees all of its own work, whatever the class.
    html = as_user(world.caseworker).get(timeline_url(case.person)).content.decode()
    assert "Non-molestation order granted" in html


@pytest.mark.skipif(
    not apps.is_installed("onestory.marac"), reason="the MARAC app is not installed"
)
def test_it_includes_marac_referrals(world, as_user, case):
    from tests.factories import MaracReferralFactory

    MaracReferralFactory(victim=case.person, referred_by=world.caseworker)
    html = as_user(world.caseworker).get(timeline_url(case.person)).content.decode()
    assert "Referred to MARAC" in html


def test_it_shows_the_page_in_few_queries(
    world, as_user, case, story, django_assert_max_num_queries
):
    by = world.caseworker
    for number in range(10):
        actions.add_note(case=case, kind=NoteKind.MEETING, text=f"Key {number}", is_key=True, by=by)
        assess_dash(person=case.person, answers={"1": "yes"}, by=by)
    client = as_user(by)
    with django_assert_max_num_queries(15):
        response = client.get(timeline_url(case.person))
    assert response.status_code == 200
