"""MARACs, meetings, agendas, discussions, action plans and minutes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from onestory.audit.models import AuditEvent
from onestory.marac import actions, minutes, queries
from onestory.marac.models import AgendaItem, Marac, MaracAction, Meeting, MeetingStatus
from tests.factories import AreaFactory, MaracReferralFactory, PersonFactory
from tests.integration.marac.conftest import discuss

pytestmark = pytest.mark.django_db


def test_the_coordinator_sets_up_a_marac(world, mw, as_user):
    area = AreaFactory(code="E07000999", name="Southvale", level="district")
    client = as_user(world.marac_coordinator)
    refused = client.post(reverse("marac:marac-new"), {"name": "", "area": area.pk})
    assert "Enter the MARAC" in refused.content.decode()
    response = client.post(
        reverse("marac:marac-new"),
        {"name": "Southvale MARAC", "area": area.pk, "members": [mw.police.pk]},
    )
    marac = Marac.objects.get(name="Southvale MARAC")
    assert response["Location"] == reverse("marac:marac", args=[marac.pk])
    assert marac.coordinating_agency == world.central
    assert list(marac.members.all()) == [mw.police]
    assert "Southvale MARAC" in client.get(reverse("marac:maracs")).content.decode()


def test_commissioners_are_never_members(world, mw):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Commissioners see figures only"):
        actions.set_members(marac=mw.marac, members=[world.council], by=world.marac_coordinator)


def test_the_coordinator_schedules_meetings(world, mw, as_user):
    client = as_user(world.marac_coordinator)
    url = reverse("marac:meeting-new", args=[mw.marac.pk])
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    refused = client.post(url, {"meets_on": past, "starts_at": "10:00"})
    assert "The meeting date must be today or in the future" in refused.content.decode()
    day = (timezone.localdate() + timedelta(days=28)).isoformat()
    response = client.post(url, {"meets_on": day, "starts_at": "09:30", "venue": "Room 4"})
    assert response.status_code == 302
    assert Meeting.objects.filter(marac=mw.marac, venue="Room 4").exists()
    again = client.post(url, {"meets_on": day, "starts_at": "09:30"})
    assert "already meets at that date and time" in again.content.decode()
    schedule = client.get(reverse("marac:marac", args=[mw.marac.pk])).content.decode()
    assert "Room 4" in schedule


def test_only_its_coordinators_run_a_marac(mw, as_user):
    response = as_user(mw.police_rep).get(reverse("marac:marac", args=[mw.marac.pk]))
    assert response.status_code == 403


def test_the_agenda_is_built_from_listed_cases(world, mw, listed, as_user):
    page = as_user(world.marac_coordinator).get(reverse("marac:meeting", args=[mw.meeting.pk]))
    html = page.content.decode()
    assert "Dawn Ashby" in html
    assert "Record discussion" in html
    assert "0 of 2 agencies" in html
    rep = as_user(mw.police_rep).get(reverse("marac:meeting", args=[mw.meeting.pk]))
    assert "Add research" in rep.content.decode()


def test_the_agenda_page_has_a_bounded_number_of_queries(
    world, mw, listed, as_user, django_assert_max_num_queries
):
    for _ in range(6):
        referral = MaracReferralFactory(
            marac=mw.marac,
            victim=PersonFactory(owning_agency=world.agency),
            status="listed",
            children=[PersonFactory(owning_agency=world.agency)],
        )
        item = AgendaItem.objects.create(
            meeting=mw.meeting, referral=referral, position=9, listed_by=world.marac_coordinator
        )
        actions.add_research(item=item, known="Known to us.", by=mw.police_rep)
    client = as_user(world.marac_coordinator)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("marac:meeting", args=[mw.meeting.pk]))
    assert response.content.decode().count("Record discussion") == 7
    with django_assert_max_num_queries(15):
        client.get(reverse("marac:referral", args=[listed.referral_id]))
    with django_assert_max_num_queries(15):
        client.get(reverse("marac:discussion", args=[listed.pk]))


def test_discussion_waits_until_the_meeting_is_held_and_offers_to_mark_it(
    world, mw, listed, as_user
):
    client = as_user(world.marac_coordinator)
    url = reverse("marac:discussion", args=[listed.pk])
    page = client.get(url).content.decode()
    assert f"The meeting is on {mw.meeting.meets_on.day} " in page
    assert 'name="discussion"' not in page
    refused = client.post(url, {"discussion": "Police to seek a protection order."})
    assert "Mark the meeting as held before recording what it discussed" in (
        refused.content.decode()
    )
    listed.refresh_from_db()
    assert listed.discussed_at is None
    # On the day, the page offers to mark the meeting as held, and comes back to record it.
    Meeting.objects.filter(pk=mw.meeting.pk).update(meets_on=timezone.localdate())
    page = client.get(url).content.decode()
    assert "Mark the meeting as held" in page
    held = client.post(
        reverse("marac:meeting-held", args=[mw.meeting.pk]), {"agenda_item": listed.pk}
    )
    assert held["Location"] == url
    mw.meeting.refresh_from_db()
    assert mw.meeting.status == MeetingStatus.HELD
    assert 'name="discussion"' in client.get(url).content.decode()


def test_the_coordinator_records_the_discussion_and_the_action_plan(world, mw, listed, as_user):
    client = as_user(world.marac_coordinator)
    url = reverse("marac:discussion", args=[listed.pk])
    Meeting.objects.filter(pk=mw.meeting.pk).update(meets_on=timezone.localdate())
    actions.mark_held(meeting=Meeting.objects.get(pk=mw.meeting.pk), by=world.marac_coordinator)
    refused = client.post(url, {"discussion": " "})
    assert "Record what the meeting discussed" in refused.content.decode()
    client.post(url, {"discussion": "Police to seek a protection order."})
    listed.refresh_from_db()
    assert listed.discussion == "Police to seek a protection order."
    assert listed.discussed_at is not None

    add = reverse("marac:add-action", args=[listed.pk])
    due = (timezone.localdate() + timedelta(days=10)).isoformat()
    no_agency = client.post(add, {"description": "Apply for the order.", "due_on": due})
    assert "Select the agency that owns this action" in no_agency.content.decode()
    no_date = client.post(add, {"owning_agency": mw.police.pk, "description": "Apply."})
    assert "Enter the date the action is due by" in no_date.content.decode()
    assert not MaracAction.objects.exists()
    outsider = client.post(
        add, {"owning_agency": mw.housing.pk, "description": "Apply.", "due_on": due}
    )
    assert "Select a valid choice" in outsider.content.decode()
    assert not MaracAction.objects.exists()
    response = client.post(
        add, {"owning_agency": mw.police.pk, "description": "Apply for the order.", "due_on": due}
    )
    assert response.status_code == 302
    action = MaracAction.objects.get()
    assert (action.owning_agency, action.item, action.status) == (mw.police, listed, "not_started")


def test_an_action_for_a_non_member_agency_is_refused_by_the_action(world, mw, listed):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="not a member of the MARAC"):
        actions.add_action(
            referral=listed.referral,
            owning_agency=mw.housing,
            description="Rehouse her.",
            due_on=timezone.localdate(),
            by=world.marac_coordinator,
        )


def test_a_meeting_is_marked_as_held_on_or_after_its_day(world, mw, listed, as_user):
    client = as_user(world.marac_coordinator)
    url = reverse("marac:meeting-held", args=[mw.meeting.pk])
    page = client.post(url, follow=True).content.decode()
    assert "cannot be marked as held before its date" in page
    Meeting.objects.filter(pk=mw.meeting.pk).update(meets_on=timezone.localdate())
    client.post(url)
    mw.meeting.refresh_from_db()
    assert mw.meeting.status == MeetingStatus.HELD


def test_the_minutes_are_a_pdf_for_the_coordinator(world, mw, listed, as_user):
    actions.add_research(item=listed, known="Three call-outs since June.", by=mw.police_rep)
    discuss(listed, world.marac_coordinator, "Police to seek a protection order.")
    actions.add_action(
        referral=listed.referral,
        item=listed,
        owning_agency=mw.police,
        description="Apply for a domestic abuse protection order.",
        due_on=mw.meeting.meets_on,
        by=world.marac_coordinator,
    )
    html = minutes.html(mw.meeting, queries.agenda(mw.meeting), produced_by=world.marac_coordinator)
    for words in (
        "OFFICIAL-SENSITIVE",
        "Case 1: Dawn Ashby",
        "Karl Ashby",
        "Three call-outs since June.",
        "Police to seek a protection order.",
        "Apply for a domestic abuse protection order.",
        "Northshire Police",
    ):
        assert words in html, words
    response = as_user(world.marac_coordinator).get(
        reverse("marac:meeting-minutes", args=[mw.meeting.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF-")
    assert AuditEvent.objects.filter(action="export", person_id=mw.victim.pk).exists()


def test_representatives_do_not_download_minutes(mw, listed, as_user):
    response = as_user(mw.police_rep).get(reverse("marac:meeting-minutes", args=[mw.meeting.pk]))
    assert response.status_code == 403
