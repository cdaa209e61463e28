"""The home page shows each role what it can do, and what needs attention."""

import pytest
from django.urls import reverse

from onestory.access.models import EmergencyAccess
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _titles(client) -> str:
    return client.get(reverse("home:home")).content.decode()


def test_a_commissioner_sees_figures_but_nothing_about_people(world, as_user):
    html = _titles(as_user(world.commissioner))
    assert "Front-door figures" in html
    assert "Outcome figures" in html
    assert "Find a person" not in html
    assert "Staff accounts" not in html


def test_a_manager_sees_reviews_waiting(world, as_user):
    from django.utils import timezone

    person = PersonFactory(owning_agency=world.agency)
    EmergencyAccess.objects.create(
        user=world.other_caseworker,
        person=person,
        owning_agency=world.agency,
        reason="Called by A&E about an injured patient",
        expires_at=timezone.now(),
    )
    html = _titles(as_user(world.manager))
    assert "Emergency reviews" in html
    assert "1 waiting for review" in html
    assert "Staff accounts" in html


def test_an_administrator_sees_accounts_and_settings_not_people(world, as_user):
    html = _titles(as_user(world.admin))
    assert "Staff accounts" in html
    assert "Risk settings" in html
    assert html.count('href="/risk/settings/"') == 1
    assert "Find a person" not in html


def test_the_home_page_keeps_to_few_queries(world, as_user, django_assert_max_num_queries):
    client = as_user(world.manager)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("home:home")).status_code == 200


# --- Work waiting, by role ------------------------------------------------------------------


def _queue(html: str, title: str) -> str:
    """The text of one queue's row in "Your work waiting"."""
    waiting = html.split('id="work-waiting"')[1].split("</dl>")[0]
    row = waiting.split(f">{title}</dt>")[1].split("</div>")[0]
    return " ".join(row.split())


def test_a_receiving_service_sees_onward_referrals_waiting(world, as_user):
    from tests.factories import OnwardReferralFactory

    OnwardReferralFactory(
        person=PersonFactory(owning_agency=world.agency),
        from_agency=world.agency,
        to_agency=world.other_agency,
    )
    html = _titles(as_user(world.other_caseworker))
    row = _queue(html, "Onward referrals received")
    assert "1 waiting for you to accept or decline" in row
    assert 'href="/onward-referrals/?show=received"' in row
    # The sender has nothing waiting to receive.
    assert "0 waiting" in _queue(_titles(as_user(world.caseworker)), "Onward referrals received")


def test_a_coordinator_sees_marac_referrals_to_check(world, as_user):
    from tests.factories import MaracFactory, MaracReferralFactory

    marac = MaracFactory(coordinating_agency=world.central)
    MaracReferralFactory(marac=marac)
    MaracReferralFactory(marac=marac)
    html = _titles(as_user(world.marac_coordinator))
    assert "2 to check" in _queue(html, "MARAC referrals")


def test_a_representative_sees_actions_due_and_overdue(world, as_user):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import AgendaItemFactory, MaracActionFactory, MaracFactory, MeetingFactory

    today = timezone.localdate()
    marac = MaracFactory(coordinating_agency=world.central, members=[world.agency])
    item = AgendaItemFactory(meeting=MeetingFactory(marac=marac))
    for due_on in (today - timedelta(days=1), today, today + timedelta(days=60)):
        MaracActionFactory(item=item, owning_agency=world.agency, due_on=due_on)
    row = _queue(_titles(as_user(world.representative)), "MARAC actions")
    assert "1 overdue, 1 due in the next 7 days" in row


def test_a_school_sees_notices_waiting(world, as_user):
    from onestory.accounts.models import AgencyKind
    from tests.factories import AgencyFactory, EncompassNoticeFactory, SchoolFactory

    school_agency = AgencyFactory(name="Millbrook Academy", kind=AgencyKind.EDUCATION)
    school = SchoolFactory(name="Millbrook Academy", agency=school_agency)
    EncompassNoticeFactory(school=school)
    from onestory.accounts.roles import RoleName
    from tests.factories import UserFactory

    lead = UserFactory(username="dsl", agency=school_agency, role=RoleName.SCHOOL_SAFEGUARDING_LEAD)
    row = _queue(_titles(as_user(lead)), "School notices")
    assert "1 new for your school" in row


def test_a_manager_sees_emergency_access_to_review_in_the_queue(world, as_user):
    from django.utils import timezone

    EmergencyAccess.objects.create(
        user=world.other_caseworker,
        person=PersonFactory(owning_agency=world.agency),
        owning_agency=world.agency,
        reason="Called by A&E about an injured patient",
        expires_at=timezone.now(),
    )
    assert "1 waiting for review" in _queue(_titles(as_user(world.manager)), "Emergency access")


def test_roles_are_named_as_gov_uk_writes_them(world, as_user):
    assert ", MARAC coordinator." in _titles(as_user(world.marac_coordinator))
    assert ", caseworker." in _titles(as_user(world.caseworker))


@pytest.mark.parametrize(
    "who", ["manager", "call_handler", "marac_coordinator", "representative", "school_lead"]
)
def test_every_home_page_keeps_to_few_queries(world, as_user, who, django_assert_max_num_queries):
    client = as_user(getattr(world, who))
    # 9 with the placement requests waiting, counted in one query.
    with django_assert_max_num_queries(9):
        assert client.get(reverse("home:home")).status_code == 200


def test_placement_work_waiting_is_counted_for_both_sides(world, as_user):
    from onestory.accommodation.actions import placements
    from tests.factories import AgencyFactory, SchemeFactory, UnitFactory, UserFactory

    refuge = AgencyFactory(name="Oak Lodge Trust", kind="safe_accommodation")
    worker = UserFactory(username="oak", agency=refuge, role="caseworker")
    oak = SchemeFactory(agency=refuge, name="Oak Lodge", created_by=worker)
    room = UnitFactory(scheme=oak, name="Room 1")
    elm = SchemeFactory(agency=refuge, name="Elm Court", created_by=worker)
    placement = placements.request_placement(
        person=PersonFactory(owning_agency=world.agency),
        schemes=[oak, elm],
        adult_sex="woman",
        adults=1,
        from_area="Northtown",
        by=world.caseworker,
    )
    oak_ask = placement.asks.get(scheme=oak)
    placements.answer_ask(ask=oak_ask, answer="offered", unit=room, by=worker)
    theirs = _queue(_titles(as_user(worker)), "Placement requests")
    assert "1 waiting for an answer from your schemes" in theirs
    assert "0 accepted, not yet arrived" in theirs
    mine = _queue(_titles(as_user(world.caseworker)), "Placement requests")
    assert "1 offered, waiting for the survivor to decide" in mine
    assert "from your schemes" not in mine
    placements.answer_offer(ask=oak_ask, answer="taken", by=world.caseworker)
    theirs = _queue(_titles(as_user(worker)), "Placement requests")
    assert "0 waiting for an answer from your schemes" in theirs  # Elm Court's ask is withdrawn
    assert "1 accepted, not yet arrived" in theirs
