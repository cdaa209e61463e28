"""The audit log page: who may read which events, the filters, and the pages of results."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditAction, AuditEvent
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

AUDIT = reverse("access:audit-log")


def event(**values) -> AuditEvent:
    defaults = {"action": AuditAction.VIEW, "channel": "page", "ip_address": "192.0.2.7"}
    return AuditEvent.objects.create(**{**defaults, **values})


def by(user, **values) -> AuditEvent:
    return event(actor_id=user.pk, actor_username=user.username, agency_id=user.agency_id, **values)


@pytest.fixture
def events(world):
    """Events by each agency's staff, about each agency's persons."""
    ours = PersonFactory(owning_agency=world.agency)
    theirs = PersonFactory(owning_agency=world.other_agency)
    return {
        "ours_by_us": by(world.caseworker, person_id=ours.pk, reason="marker-ours-by-us"),
        "ours_by_them": by(world.other_caseworker, person_id=ours.pk, reason="marker-ours-them"),
        "theirs_by_us": by(world.caseworker, person_id=theirs.pk, reason="marker-theirs-us"),
        "theirs_by_them": by(
            world.other_caseworker, person_id=theirs.pk, reason="marker-theirs-them"
        ),
        "ours": ours,
        "theirs": theirs,
    }


def test_it_shows_a_manager_their_staffs_events_and_events_about_their_records(
    world, as_user, events
):
    response = as_user(world.manager).get(AUDIT)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Audit log – OneStory</title>" in html
    assert "marker-ours-by-us" in html
    assert "marker-ours-them" in html
    assert "marker-theirs-us" in html
    assert "marker-theirs-them" not in html


def test_it_shows_a_system_administrator_every_event(world, as_user, events):
    html = as_user(world.admin).get(AUDIT).content.decode()
    for reason in (
        "marker-ours-by-us",
        "marker-ours-them",
        "marker-theirs-us",
        "marker-theirs-them",
    ):
        assert reason in html


def test_it_shows_a_manager_at_another_agency_only_their_side(world, as_user, events):
    other_manager = UserFactory(agency=world.other_agency, role=RoleName.TEAM_MANAGER)
    html = as_user(other_manager).get(AUDIT).content.decode()
    assert "marker-ours-by-us" not in html
    assert "marker-ours-them" in html
    assert "marker-theirs-us" in html
    assert "marker-theirs-them" in html


def test_it_refuses_the_audit_log_to_a_role_without_it(world, as_user):
    for user in (world.caseworker, world.call_handler, world.commissioner):
        assert as_user(user).get(AUDIT).status_code == 403


def test_it_sends_anonymous_visitors_from_the_audit_log_to_sign_in(client):
    response = client.get(AUDIT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_it_shows_every_detail_of_an_event(world, as_user):
    person = PersonFactory(owning_agency=world.agency)
    by(
        world.other_caseworker,
        at=datetime(2025, 7, 1, 12, 0, 5, tzinfo=UTC),
        action=AuditAction.EMERGENCY_ACCESS,
        person_id=person.pk,
        object_type="access.emergencyaccess",
        object_id="77",
        fields=["date_of_birth", "given_name"],
        reason="Police at A&E with her tonight",
        ip_address="198.51.100.23",
        flagged=True,
    )
    html = as_user(world.manager).get(AUDIT).content.decode()
    assert "1 Jul 2025<br>13:00:05 UK time" in html  # British Summer Time
    assert "2025-07-01 12:00:05 UTC" in html
    assert world.other_caseworker.username in html
    assert world.other_caseworker.get_full_name() in html
    assert world.other_agency.name in html
    assert "Emergency access" in html
    assert "Flagged" in html
    assert f"Person {person.pk}" in html
    assert "access.emergencyaccess 77" in html
    assert "date_of_birth, given_name" in html
    assert "Police at A&amp;E with her tonight" in html
    assert "198.51.100.23" in html


def test_it_filters_by_person_reference(world, as_user, events):
    ours = events["ours"]
    html = as_user(world.manager).get(AUDIT, {"person": f"P{ours.pk}"}).content.decode()
    assert "marker-ours-by-us" in html
    assert "marker-ours-them" in html
    assert "marker-theirs-us" not in html


def test_it_filters_by_username(world, as_user, events):
    html = as_user(world.manager).get(AUDIT, {"user": "other_caseworker"}).content.decode()
    assert "marker-ours-them" in html
    assert "marker-ours-by-us" not in html


def test_it_filters_by_action(world, as_user):
    by(world.caseworker, action=AuditAction.SHARE_GRANTED, reason="marker-granted")
    by(world.caseworker, action=AuditAction.VIEW, reason="marker-viewed")
    html = as_user(world.manager).get(AUDIT, {"action": "share_granted"}).content.decode()
    assert "marker-granted" in html
    assert "marker-viewed" not in html


def test_it_filters_by_uk_dates(world, as_user):
    # 23:30 UTC on 30 June is 00:30 on 1 July in the UK.
    by(world.caseworker, at=datetime(2025, 6, 30, 23, 30, tzinfo=UTC), reason="marker-july")
    by(world.caseworker, at=datetime(2025, 6, 30, 22, 30, tzinfo=UTC), reason="marker-june")
    by(world.caseworker, at=datetime(2025, 7, 2, 12, 0, tzinfo=UTC), reason="marker-later")
    client = as_user(world.manager)
    html = client.get(AUDIT, {"date_from": "1/7/2025", "date_to": "1/7/2025"}).content.decode()
    assert "marker-july" in html
    assert "marker-june" not in html
    assert "marker-later" not in html
    html = client.get(AUDIT, {"date_from": "2025-07-01"}).content.decode()
    assert "marker-july" in html
    assert "marker-later" in html
    assert "marker-june" not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"date_from": "32/1/2025"}, "Date from must be a real date"),
        ({"date_to": "yesterday"}, "Date to must be a real date"),
        ({"date_from": "2/1/2025", "date_to": "1/1/2025"}, "must be the same as or after"),
        ({"person": "Ada"}, "Enter a reference number using digits only"),
        ({"action": "delete_everything"}, "Select a valid choice"),
    ],
)
def test_it_explains_a_filter_it_cannot_use(world, as_user, events, query, message):
    response = as_user(world.manager).get(AUDIT, query)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Audit log – OneStory</title>" in html
    assert message in html
    assert "marker-ours-by-us" not in html


def test_it_shows_fifty_events_a_page_newest_first(world, as_user):
    worker = UserFactory(username="busy_worker", agency=world.agency)
    for minute in range(51):
        by(worker, at=datetime(2025, 3, 1, 9, minute, tzinfo=UTC), reason=f"marker-{minute:02d}-")
    client = as_user(world.manager)
    first = client.get(AUDIT, {"user": "busy_worker"}).content.decode()
    assert first.count("marker-") == 50
    assert first.index("marker-50-") < first.index("marker-49-")
    assert "marker-00-" not in first
    assert "Older events" in first
    assert "page=2" in first
    second = client.get(AUDIT, {"user": "busy_worker", "page": "2"}).content.decode()
    assert second.count("marker-") == 1
    assert "marker-00-" in second
    assert "Newer events" in second
    assert "Older events" not in second


def test_it_ignores_a_page_number_that_is_not_one(world, as_user):
    assert as_user(world.manager).get(AUDIT, {"page": "-3"}).status_code == 200
    assert as_user(world.manager).get(AUDIT, {"page": "9" * 30}).status_code == 200


def test_it_shows_a_full_page_in_few_queries(world, as_user, django_assert_max_num_queries):
    for number in range(50):
        by(UserFactory(agency=world.agency), reason=f"marker-{number}")
    client = as_user(world.manager)
    with django_assert_max_num_queries(10):
        response = client.get(AUDIT)
    assert response.content.decode().count("marker-") == 50
