"""The lived-experience panel (safe contact, taking part, leaving) and the board's log."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from onestory.audit.models import AuditAction, AuditEvent
from onestory.core.registry import LOCATION_SECRET, classification
from onestory.voice.actions import panel
from onestory.voice.models import LogEntry, PanelContribution, PanelMember
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

SAFE = {"name": "Rosa", "phone": "07700 900456", "safe_to_call": True, "voicemail_allowed": False}


def test_joining_needs_one_safe_way_to_reach_them(world):
    with pytest.raises(ValidationError) as refused:
        panel.add_member(agency=world.agency, by=world.manager, name="Rosa")
    assert "at least one safe way" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        panel.add_member(agency=world.agency, by=world.manager, name="Rosa", phone="07700 900456")
    assert "Say whether it is safe to call this number" in str(refused.value)
    assert not PanelMember.objects.exists()
    member = panel.add_member(agency=world.agency, by=world.manager, **SAFE)
    assert member.joined_on == dt.date(2026, 6, 10)


def test_contact_details_are_location_secret():
    classes = classification(PanelMember)
    for field in ("phone", "email", "safe_word", "safe_times", "professional_contact"):
        assert classes[field] == LOCATION_SECRET


def test_leaving_deletes_their_details_and_keeps_what_they_did(world, client):
    member = panel.add_member(agency=world.agency, by=world.manager, **SAFE)
    for day, hours, pence in (
        (dt.date(2026, 5, 4), Decimal("2"), 2000),
        (dt.date(2026, 6, 1), Decimal("1.5"), 1500),
    ):
        panel.record_contribution(
            member=member,
            activity="Reading the new leaflet",
            took_part_on=day,
            hours=hours,
            voucher_pence=pence,
            by=world.manager,
        )
    manager = sign_in(client, world.manager)
    page = manager.get(f"/lived-experience-panel/{member.pk}/withdraw/")
    assert page.status_code == 200
    manager.post(f"/lived-experience-panel/{member.pk}/withdraw/")

    assert not PanelMember.objects.exists()
    kept = PanelContribution.objects.all()
    assert kept.count() == 2
    assert all(c.member_id is None for c in kept)
    listing = manager.get("/lived-experience-panel/").content.decode()
    assert "Rosa" not in listing
    assert "3.50" in listing
    assert "£35.00" in listing
    assert AuditEvent.objects.filter(reason__contains="withdrew").exists()
    assert not any("07700" in str(e.__dict__) for e in AuditEvent.objects.all())


def test_taking_part_is_recorded_with_hours_and_vouchers(world, client):
    member = panel.add_member(agency=world.agency, by=world.manager, **SAFE)
    manager = sign_in(client, world.manager)
    page = manager.post(
        f"/lived-experience-panel/{member.pk}/",
        {
            "activity": "Interview panel for IDVAs",
            "took_part_on_day": "3",
            "took_part_on_month": "6",
            "took_part_on_year": "2026",
            "hours": "3",
            "vouchers": "30",
        },
    )
    assert page.status_code == 302
    (done,) = member.contributions.all()
    assert (done.hours, done.voucher_pence) == (Decimal("3.00"), 3000)
    refused = manager.post(
        f"/lived-experience-panel/{member.pk}/",
        {
            "activity": "Later",
            "took_part_on_day": "3",
            "took_part_on_month": "6",
            "took_part_on_year": "2027",
            "hours": "30",
        },
    )
    assert refused.status_code == 200
    assert member.contributions.count() == 1


def test_contact_details_show_only_to_roles_that_may_see_them(world, client):
    member = panel.add_member(agency=world.agency, by=world.manager, **SAFE)
    page = sign_in(client, world.manager).get(f"/lived-experience-panel/{member.pk}/")
    assert "07700 900456" in page.content.decode()


def test_another_agency_cannot_see_a_panel_member(world, client):
    member = panel.add_member(agency=world.agency, by=world.manager, **SAFE)
    from tests.factories import UserFactory

    elsewhere = UserFactory(
        username="other_manager", agency=world.other_agency, role="team_manager"
    )
    page = sign_in(client, elsewhere).get(f"/lived-experience-panel/{member.pk}/")
    assert page.status_code == 404
    assert AuditEvent.objects.filter(actor_id=elsewhere.pk, action=AuditAction.REFUSED).exists()


def test_the_log_is_published_only_once_something_changed(world, client):
    board = sign_in(client, world.commissioner)
    made = board.post(
        "/you-said-we-did/log/",
        {
            "raised_through": "feedback",
            "you_said": "I had to tell my story three times.",
            "response": "Services will read the front door's record first.",
            "owner": "Front door manager",
            "plan_action": "2.1",
            "raised_on_day": "1",
            "raised_on_month": "5",
            "raised_on_year": "2026",
        },
    )
    assert made.status_code == 302
    entry = LogEntry.objects.get()
    assert entry.agency == world.council
    assert "three times" not in client.get("/you-said-we-did/").content.decode()

    refused = board.post(f"/you-said-we-did/log/{entry.pk}/")
    assert "Say what changed before publishing" in refused.content.decode()
    entry.what_changed = "The handover now carries the whole story."
    entry.save()
    board.post(f"/you-said-we-did/log/{entry.pk}/")
    public = client.__class__().get("/you-said-we-did/").content.decode()
    assert "I had to tell my story three times." in public
    assert "The handover now carries the whole story." in public
    assert "Front door manager" not in public  # the owner is for the board, not the public
