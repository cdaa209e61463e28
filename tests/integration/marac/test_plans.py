"""Each agency's MARAC actions, overdue ones highlighted, updates, and reminders."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from onestory.marac import actions
from onestory.marac.models import ActionReminder, MaracAction

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world, mw, listed):
    """Three actions: the police's due in 3 days, the police's overdue, the outreach's in 20."""
    today = timezone.localdate()

    def add(agency, days, text):
        return actions.add_action(
            referral=listed.referral,
            item=listed,
            owning_agency=agency,
            description=text,
            due_on=today + timedelta(days=max(days, 0)),
            by=world.marac_coordinator,
        )

    soon = add(mw.police, 3, "Flag the address for an urgent response.")
    late = add(mw.police, 1, "Serve the protection order.")
    MaracAction.objects.filter(pk=late.pk).update(due_on=today - timedelta(days=2))
    later = add(world.agency, 20, "Offer her a place in the recovery group.")
    return soon, late, later


def test_each_agency_sees_its_open_actions_with_overdue_ones_highlighted(mw, plan, as_user):
    page = as_user(mw.police_rep).get(reverse("marac:actions")).content.decode()
    assert "Flag the address" in page
    assert "Serve the protection order." in page
    assert "recovery group" not in page
    assert page.count(">Overdue</strong>") == 1


def test_the_coordinator_sees_all_actions_and_can_pick_an_agency(world, mw, plan, as_user):
    client = as_user(world.marac_coordinator)
    page = client.get(reverse("marac:actions")).content.decode()
    assert "Flag the address" in page
    assert "recovery group" in page
    police_only = client.get(reverse("marac:actions"), {"agency": mw.police.pk}).content.decode()
    assert "recovery group" not in police_only


def test_the_actions_list_has_a_bounded_number_of_queries(
    world, plan, as_user, django_assert_max_num_queries
):
    client = as_user(world.marac_coordinator)
    with django_assert_max_num_queries(15):
        client.get(reverse("marac:actions"))


def test_the_owning_agency_updates_its_action(mw, plan, as_user):
    soon = plan[0]
    client = as_user(mw.police_rep)
    response = client.post(
        reverse("marac:action", args=[soon.pk]), {"status": "done", "note": "Flagged today."}
    )
    assert response.status_code == 302
    soon.refresh_from_db()
    assert (soon.status, soon.completed_on) == ("done", timezone.localdate())
    finished = client.get(reverse("marac:actions"), {"show": "done"}).content.decode()
    assert "Flag the address" in finished


def test_another_member_reads_but_cannot_update_an_action(mw, plan, as_user):
    soon = plan[0]
    client = as_user(mw.outreach_rep)
    page = client.get(reverse("marac:action", args=[soon.pk]))
    assert "Only Northshire Police or the MARAC coordinator" in page.content.decode()
    response = client.post(reverse("marac:action", args=[soon.pk]), {"status": "done"})
    assert response.status_code == 403
    soon.refresh_from_db()
    assert soon.status == "not_started"


def test_only_the_coordinator_moves_a_due_date(world, mw, plan):
    from django.core.exceptions import ValidationError

    soon = plan[0]
    new_date = soon.due_on + timedelta(days=7)
    with pytest.raises(ValidationError, match="Only the MARAC coordinator"):
        actions.update_action(action=soon, status="in_progress", due_on=new_date, by=mw.police_rep)
    actions.update_action(
        action=soon, status="in_progress", due_on=new_date, by=world.marac_coordinator
    )
    soon.refresh_from_db()
    assert soon.due_on == new_date


def test_reminders_are_emailed_once_before_the_due_date(mw, plan):
    out = StringIO()
    call_command("marac-reminders", stdout=out)
    assert "Sent 1 reminder." in out.getvalue()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["police.rep@example.org"]
    assert "Northshire Police" in message.body
    # Email is not a safe place for a case: no one is named.
    assert "Ashby" not in message.body + message.subject
    reminder = ActionReminder.objects.get()
    assert reminder.action == plan[0]
    assert list(reminder.recipients.all()) == [mw.police_rep]
    call_command("marac-reminders", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_a_later_run_reminds_about_a_later_action(mw, plan):
    later = plan[2]
    call_command(
        "marac-reminders", "--on", (later.due_on - timedelta(days=5)).isoformat(), stdout=StringIO()
    )
    assert [m.to for m in mail.outbox] == [["outreach.rep@example.org"]]


def test_reminders_go_to_the_coordinators_when_the_agency_has_no_one_to_tell(world, mw, plan):
    mw.police_rep.email = ""
    mw.police_rep.save(update_fields=["email"])
    world.marac_coordinator.email = "coordinator@example.org"
    world.marac_coordinator.save(update_fields=["email"])
    call_command("marac-reminders", stdout=StringIO())
    assert [m.to for m in mail.outbox] == [["coordinator@example.org"]]


def test_a_bad_date_stops_the_command_with_a_message():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="--on must be a date"):
        call_command("marac-reminders", "--on", "soon")


def test_the_dashboard_shows_reminders(world, mw, plan, as_user):
    call_command("marac-reminders", stdout=StringIO())
    page = as_user(mw.police_rep).get(reverse("marac:dashboard")).content.decode()
    assert "2 open actions" in page
    assert "1 overdue" in page
    assert f"Emailed {timezone.localdate():%-d %b %Y}" in page
    assert "Past its due date" in page
    coordinator = as_user(world.marac_coordinator).get(reverse("marac:dashboard"))
    assert "3 open actions" in coordinator.content.decode()


def test_the_dashboard_has_a_bounded_number_of_queries(
    world, plan, as_user, django_assert_max_num_queries
):
    client = as_user(world.marac_coordinator)
    with django_assert_max_num_queries(15):
        client.get(reverse("marac:dashboard"))
