"""Recording a police notification (Operation Encompass): the pages and the action.

Beside the test world: a police force with a safeguarding-hub worker (a call handler's
role: they triage the force's notifications), a second force, and the front door's own
call handler. The victim, the person using harm and two children (one at school, one a
baby) are held by the police.
"""

import html
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from onestory.accounts.models import Agency, AgencyKind, User
from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditEvent
from onestory.directory.models import Service
from onestory.encompass import actions
from onestory.encompass.models import EncompassNotice, EncompassNotification
from onestory.people.models import Person, Relationship
from onestory.risk.models import Incident
from tests.factories import (
    AgencyFactory,
    AreaFactory,
    PersonFactory,
    ReferralFactory,
    SchoolFactory,
    ServiceFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("before_school")]


@dataclass
class EncompassWorld:
    police: Agency
    officer: User
    other_force_officer: User
    front_door: User
    victim: Person
    perpetrator: Person
    child: Person
    baby: Person
    school: Service
    other_school: Service


def make_encompass_world(world) -> EncompassWorld:
    police = AgencyFactory(name="Northshire Police", kind=AgencyKind.POLICE)
    other_force = AgencyFactory(name="Southvale Police", kind=AgencyKind.POLICE)
    today = timezone.localdate()
    victim = PersonFactory(owning_agency=police, given_name="Dawn", family_name="Ashby")
    perpetrator = PersonFactory(
        owning_agency=police,
        given_name="Karl",
        family_name="Ashby",
        date_of_birth=date(1984, 6, 2),  # an adult, or he would be offered as a child
    )
    child = PersonFactory(
        owning_agency=police,
        given_name="Lily",
        family_name="Ashby",
        date_of_birth=today - timedelta(days=8 * 365),
    )
    baby = PersonFactory(
        owning_agency=police,
        given_name="Noah",
        family_name="Ashby",
        date_of_birth=today - timedelta(days=200),
    )
    Relationship.objects.create(person=victim, other_person=perpetrator, kind="former_spouse")
    Relationship.objects.create(person=victim, other_person=child, kind="parent_of")
    Relationship.objects.create(person=victim, other_person=baby, kind="parent_of")
    return EncompassWorld(
        police=police,
        officer=UserFactory(username="hub_officer", agency=police, role=RoleName.CALL_HANDLER),
        other_force_officer=UserFactory(
            username="southvale_officer", agency=other_force, role=RoleName.CALL_HANDLER
        ),
        front_door=UserFactory(
            username="front_door", agency=world.central, role=RoleName.CALL_HANDLER
        ),
        victim=victim,
        perpetrator=perpetrator,
        child=child,
        baby=baby,
        school=SchoolFactory(name="Millbrook Academy"),
        other_school=SchoolFactory(name="Fenside Primary School", lead=False),
    )


@pytest.fixture
def ew(world) -> EncompassWorld:
    return make_encompass_world(world)


def last_night() -> datetime:
    return timezone.make_aware(
        datetime.combine(timezone.localdate() - timedelta(days=1), time(23, 15))
    )


def form_data(ew: EncompassWorld, **changes) -> dict:
    data = {
        "police_reference": "NP/004512/26",
        "occurred_on": last_night().date().isoformat(),
        "occurred_time": "23:15",
        "circumstances": "Police were called to a domestic incident at home. Lily was there.",
        "perpetrators": [ew.perpetrator.pk],
        f"child_{ew.child.pk}": "on",
        f"school_{ew.child.pk}": str(ew.school.pk),
        f"child_{ew.baby.pk}": "on",
        f"school_{ew.baby.pk}": "none",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def record_url(person: Person) -> str:
    return reverse("encompass:record", args=[person.pk])


# --- Recording through the page ---------------------------------------------------------------


def test_it_records_a_notification_and_prepares_a_notice_for_each_child_at_school(ew, as_user):
    client = as_user(ew.officer)
    response = client.post(record_url(ew.victim), form_data(ew))
    notification = EncompassNotification.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("encompass:notification", args=[notification.pk])
    assert notification.agency == ew.police
    assert notification.police_reference == "NP/004512/26"
    assert notification.occurred_at == last_night()
    assert set(notification.children.all()) == {ew.child, ew.baby}
    assert notification.notices_due_at > notification.notified_at
    # One notice: the baby goes to no school.
    notice = EncompassNotice.objects.get()
    assert (notice.child, notice.school, notice.is_sent) == (ew.child, ew.school, False)
    # The incident is on the victim's record, for the repeat check and the escalation count.
    incident = notification.incident
    assert (incident.person, incident.kind, incident.agency) == (ew.victim, "police", ew.police)
    assert list(incident.perpetrators.all()) == [ew.perpetrator]
    page = client.get(response["Location"]).content.decode()
    assert "Millbrook Academy" in page
    assert "Not at a school listed" in page
    created = AuditEvent.objects.filter(
        action="create", object_type__startswith="encompass.encompass"
    )
    assert {(e.object_type, e.person_id) for e in created} == {
        ("encompass.encompassnotification", ew.victim.pk),
        ("encompass.encompassnotice", ew.child.pk),
    }
    # Field names only, never what was said.
    assert all("Lily was there" not in str(e.fields) + e.reason for e in created)


def test_it_offers_only_schools_and_remembers_a_childs_school(ew, as_user):
    client = as_user(ew.officer)
    ServiceFactory(name="Kestrel Outreach")
    page = client.get(record_url(ew.victim)).content.decode()
    assert "Millbrook Academy" in page
    assert "Kestrel Outreach" not in page
    assert f'<option value="{ew.school.pk}" selected>' not in page
    client.post(record_url(ew.victim), form_data(ew))
    again = client.get(record_url(ew.victim)).content.decode()
    assert f'<option value="{ew.school.pk}" selected>Millbrook Academy</option>' in again


def _options(page: str, name: str) -> list[str]:
    """The words of each option of the select named ``name``, in order."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    return [html.unescape(text) for text in re.findall(r"<option[^>]*>(.*?)</option>", select[1])]


def test_the_school_picker_lists_schools_by_name_saying_where_each_is(ew, as_user):
    # Two schools of one name, told apart by the town of their site or the area they serve.
    harrowmere = SchoolFactory(name="St Mary's Primary School")
    harrowmere.locations.create(name="Main site", address="Castle Road", town="Harrowmere")
    fenside = SchoolFactory(name="St Mary's Primary School")
    fenside.areas.add(AreaFactory(name="Fenside Marsh"))
    SchoolFactory(name="abbey Wood School")  # a lower-case name sorts with the rest
    SchoolFactory(name="Closed School", status="inactive")
    page = as_user(ew.officer).get(record_url(ew.victim)).content.decode()
    assert _options(page, f"school_{ew.child.pk}") == [
        "Select the school",
        "Not at a school listed here: no notice",
        "abbey Wood School",
        "Fenside Primary School",
        "Millbrook Academy",
        "St Mary's Primary School, Harrowmere",
        "St Mary's Primary School, Fenside Marsh",
    ]
    # Marked for the browser to make it a box that finds a school as you type.
    select = re.search(rf'<select name="school_{ew.child.pk}"[^>]*>', page)[0]
    assert 'data-autocomplete="school"' in select
    assert "onestory/autocomplete.js" in page
    # The address of a school's site is never shown.
    assert "Castle Road" not in page


def test_the_school_picker_keeps_a_town_out_of_a_secret_location(ew, as_user):
    hidden = SchoolFactory(name="Hillside School", location_secret=True)
    hidden.locations.create(name="Site", town="Secretville")
    page = as_user(ew.officer).get(record_url(ew.victim)).content.decode()
    assert "Hillside School" in _options(page, f"school_{ew.child.pk}")
    assert "Secretville" not in page


def test_the_record_page_has_a_bounded_number_of_queries(
    ew, as_user, django_assert_max_num_queries
):
    for n in range(5):
        SchoolFactory(name=f"School {n}").locations.create(town=f"Town {n}")
    client = as_user(ew.officer)
    with django_assert_max_num_queries(20):
        client.get(record_url(ew.victim))


def test_it_refuses_a_child_without_a_school_and_saves_nothing(ew, as_user):
    response = as_user(ew.officer).post(
        record_url(ew.victim), form_data(ew, **{f"school_{ew.child.pk}": ""})
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "Select Lily Ashby&#x27;s school" in page
    assert not EncompassNotification.objects.exists()
    assert not Incident.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"police_reference": ""}, "Enter the police reference"),
        ({"circumstances": ""}, "Enter the brief circumstances"),
        (
            {"circumstances": "Police went to 14 Oak Road after a 999 call."},
            "a notice to a school never gives an address",
        ),
        ({"circumstances": "Ring mum on 07700 900123."}, "never gives contact details"),
        ({"occurred_time": ""}, "Enter the time of the incident"),
        ({"occurred_on": "2026-02-30"}, "Date of the incident must be a real date"),
    ],
)
def test_it_refuses_bad_answers_clearly(ew, as_user, changes, message):
    response = as_user(ew.officer).post(record_url(ew.victim), form_data(ew, **changes))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page.replace("&#x27;", "'")
    assert not EncompassNotification.objects.exists()


def test_it_refuses_an_incident_in_the_future_with_every_other_problem_at_once(ew, as_user):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    data = form_data(ew, occurred_on=tomorrow, **{f"school_{ew.child.pk}": ""})
    page = as_user(ew.officer).post(record_url(ew.victim), data).content.decode()
    assert "The incident&#x27;s date and time cannot be in the future" in page
    assert 'href="#id_occurred_on_0"' in page  # the day box of the date input
    assert f'href="#id_school_{ew.child.pk}"' in page
    assert not EncompassNotification.objects.exists()


def test_it_records_a_notification_with_no_children(ew, as_user):
    data = form_data(ew, **{f"child_{ew.child.pk}": None, f"child_{ew.baby.pk}": None})
    response = as_user(ew.officer).post(record_url(ew.victim), data)
    assert response.status_code == 302
    assert EncompassNotification.objects.get().children.count() == 0
    assert not EncompassNotice.objects.exists()


def test_the_front_door_records_a_notification_from_a_police_referral(world, ew, as_user):
    victim = PersonFactory(owning_agency=world.central, given_name="Erin", family_name="Moss")
    child = PersonFactory(
        owning_agency=world.central,
        given_name="Sam",
        family_name="Moss",
        date_of_birth=timezone.localdate() - timedelta(days=10 * 365),
    )
    Relationship.objects.create(person=victim, other_person=child, kind="parent_of")
    referral = ReferralFactory(
        owning_agency=world.central,
        person=victim,
        source="professional",
        referrer_agency_kind="police",
        referrer_agency="Northshire Police",
        channel="partner_system",
        reference="PPN1-2345",
    )
    ReferralFactory(owning_agency=world.central, person=victim, reference="SELF-0001")
    client = as_user(ew.front_door)
    page = client.get(record_url(victim)).content.decode()
    assert "PPN1-2345" in page
    assert "SELF-0001" not in page
    data = {
        "police_reference": "NP/000777/26",
        "occurred_on": last_night().date().isoformat(),
        "occurred_time": "23:15",
        "circumstances": "Police attended a domestic incident at home. Sam was in the house.",
        "referral": referral.pk,
        f"child_{child.pk}": "on",
        f"school_{child.pk}": str(ew.other_school.pk),
    }
    response = client.post(record_url(victim), data)
    assert response.status_code == 302
    notification = EncompassNotification.objects.get()
    assert (notification.agency, notification.referral) == (world.central, referral)
    assert notification.notices.get().school == ew.other_school


# --- Who may use the recording pages ----------------------------------------------------------


def test_a_role_that_does_not_triage_gets_403(world, ew, as_user):
    for user in (world.caseworker, world.marac_coordinator, world.commissioner, world.admin):
        assert as_user(user).get(record_url(ew.victim)).status_code == 403
        assert as_user(user).get(reverse("encompass:find")).status_code == 403


def test_another_force_gets_404_for_a_victim_it_cannot_see(ew, as_user):
    client = as_user(ew.other_force_officer)
    assert client.get(record_url(ew.victim)).status_code == 404
    assert client.post(record_url(ew.victim), form_data(ew)).status_code == 404
    assert not EncompassNotification.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(ew, client):
    for url in (record_url(ew.victim), reverse("encompass:find")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/account/sign-in/")


def test_an_agency_that_is_not_the_police_or_front_door_is_told_who_records(world, as_user):
    victim = PersonFactory(owning_agency=world.agency)
    client = as_user(world.call_handler)  # triages, but at an outreach service
    page = client.get(record_url(victim)).content.decode()
    assert "recorded by the police or by the front door" in page
    assert "<form" not in page.split('id="main-content"')[-1]
    assert client.post(record_url(victim), {"police_reference": "X"}).status_code == 403
    assert not EncompassNotification.objects.exists()


def test_it_finds_the_victim_to_record_a_notification_for(ew, as_user):
    client = as_user(ew.officer)
    page = client.get(reverse("encompass:find"), {"name": "Dawn Ashby"}).content.decode()
    assert record_url(ew.victim) in page
    # Another force finds nothing of ours.
    theirs = as_user(ew.other_force_officer).get(reverse("encompass:find"), {"name": "Dawn Ashby"})
    assert record_url(ew.victim) not in theirs.content.decode()


def test_the_find_page_asks_for_a_name(ew, as_user):
    page = as_user(ew.officer).get(reverse("encompass:find"), {"name": ""}).content.decode()
    assert "Enter the victim&#x27;s name" in page


# --- The actions, called directly -------------------------------------------------------------


def _record(ew, **changes):
    values = {
        "victim": ew.victim,
        "police_reference": "NP/1/26",
        "occurred_at": last_night(),
        "circumstances": "Police attended a domestic incident at home.",
        "children": {ew.child: ew.school},
        "by": ew.officer,
    }
    values.update(changes)
    return actions.record_notification(**values)


def test_the_action_refuses_anyone_but_the_police_or_front_door(world, ew):
    with pytest.raises(PermissionDenied):
        _record(ew, by=world.manager)  # triages, but at an outreach service
    with pytest.raises(PermissionDenied):
        _record(ew, by=ew.other_force_officer)  # cannot see the victim
    assert not EncompassNotification.objects.exists()


def test_the_action_refuses_a_school_that_is_not_a_school(ew):
    with pytest.raises(ValidationError, match="Select a school from the directory"):
        _record(ew, children={ew.child: ServiceFactory()})


def test_the_action_refuses_a_notice_without_a_school(ew):
    notification = _record(ew, children={ew.child: ew.school, ew.baby: None})
    with pytest.raises(ValidationError) as refused:
        actions.prepare_notice(notification=notification, child=ew.baby, school=None, by=ew.officer)
    assert "Select the child's school" in refused.value.message_dict["school"][0]
    with pytest.raises(ValidationError, match="already has a notice"):
        actions.prepare_notice(
            notification=notification, child=ew.child, school=ew.school, by=ew.officer
        )


def test_the_action_refuses_a_sending_without_a_method(ew):
    notice = _record(ew).notices.get()
    with pytest.raises(ValidationError) as refused:
        actions.record_sending(
            notice=notice, method="", dsl_name="Ms Shah", sent_at=timezone.now(), by=ew.officer
        )
    assert list(refused.value.message_dict) == ["method"]
    notice.refresh_from_db()
    assert notice.sent_at is None


def test_a_notification_after_a_marac_referral_flags_a_repeat(world, ew):
    from onestory.marac.models import RepeatFlag
    from tests.factories import MaracReferralFactory

    referral = MaracReferralFactory(
        victim=ew.victim,
        perpetrators=[ew.perpetrator],
        referring_agency=ew.police,
        referred_by=ew.officer,
        referred_on=timezone.localdate() - timedelta(days=60),
    )
    notification = _record(ew, perpetrators=[ew.perpetrator])
    assert RepeatFlag.objects.get().referral == referral
    assert RepeatFlag.objects.get().incident == notification.incident
