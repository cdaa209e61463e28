"""Emergency access: opening another agency's record for a reason, its expiry, and its review."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from onestory.access.models import EmergencyAccess
from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditAction
from tests.factories import EmergencyAccessFactory, PersonFactory, ShareFactory, UserFactory
from tests.integration.access.helpers import events_since, last_event_id

pytestmark = pytest.mark.django_db

EMERGENCY = reverse("access:emergency")
REVIEWS = reverse("access:emergency-reviews")
REASON = "Police brought her to A&E at 2am; I need to know the risk to her children."


@pytest.fixture
def person(world):
    return PersonFactory(owning_agency=world.agency)


def person_url(person) -> str:
    return reverse("people:person", args=[person.pk])


def review_url(access) -> str:
    return reverse("access:emergency-review", args=[access.pk])


# Asking for emergency access


def test_it_shows_the_emergency_access_page(world, as_user):
    response = as_user(world.other_caseworker).get(EMERGENCY)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Emergency access to a record – OneStory</title>" in html
    assert "What a good reason says" in html
    assert "Access lasts 60 minutes" in html


def test_it_refuses_the_emergency_access_page_to_a_role_without_it(world, as_user):
    assert as_user(world.marac_coordinator).get(EMERGENCY).status_code == 403
    assert as_user(world.commissioner).get(EMERGENCY).status_code == 403


def test_it_sends_anonymous_visitors_from_emergency_access_to_sign_in(client):
    response = client.get(EMERGENCY)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_it_opens_another_agencys_record_for_an_hour_flagged(world, as_user, person):
    client = as_user(world.other_caseworker)
    assert client.get(person_url(person)).status_code == 404
    marker = last_event_id()

    response = client.post(EMERGENCY, {"reference": str(person.pk), "reason": REASON})
    assert response.status_code == 302
    assert response["Location"] == person_url(person)

    access = EmergencyAccess.objects.get(person=person)
    assert access.user == world.other_caseworker
    assert access.owning_agency == world.agency
    assert access.reason == REASON
    assert access.expires_at - access.granted_at == timedelta(minutes=60)
    event = events_since(marker).get(action=AuditAction.EMERGENCY_ACCESS)
    assert event.flagged
    assert event.reason == REASON
    assert event.person_id == person.pk

    page = client.get(person_url(person))
    assert page.status_code == 200
    assert "You are seeing this record under emergency access" in page.content.decode()
    view = events_since(marker).get(action=AuditAction.VIEW)
    assert view.flagged


def test_it_grants_for_as_long_as_the_setting_says(world, as_user, person, settings):
    settings.EMERGENCY_ACCESS_MINUTES = 15
    as_user(world.other_caseworker).post(EMERGENCY, {"reference": str(person.pk), "reason": REASON})
    access = EmergencyAccess.objects.get(person=person)
    assert access.expires_at - access.granted_at == timedelta(minutes=15)


def test_it_closes_the_record_when_the_time_runs_out(world, as_user, person):
    client = as_user(world.other_caseworker)
    client.post(EMERGENCY, {"reference": str(person.pk), "reason": REASON})
    assert client.get(person_url(person)).status_code == 200
    EmergencyAccess.objects.filter(person=person).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert client.get(person_url(person)).status_code == 404
    assert client.get(reverse("api:person", args=[person.pk])).status_code == 404


def test_it_refuses_a_reason_that_says_too_little(world, as_user, person):
    response = as_user(world.other_caseworker).post(
        EMERGENCY, {"reference": str(person.pk), "reason": "urgent"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Emergency access to a record – OneStory</title>" in html
    assert "at least 20 characters" in html
    assert not EmergencyAccess.objects.exists()


def test_it_needs_a_reference_made_of_digits(world, as_user):
    response = as_user(world.other_caseworker).post(
        EMERGENCY, {"reference": "Ada Lovelace", "reason": REASON}
    )
    assert "Enter a reference number using digits only" in response.content.decode()


def test_it_says_when_no_record_has_that_reference_and_audits_it(world, as_user):
    marker = last_event_id()
    response = as_user(world.other_caseworker).post(
        EMERGENCY, {"reference": "987654321", "reason": REASON}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "No record found with that reference" in html
    assert not EmergencyAccess.objects.exists()
    event = events_since(marker).get()
    assert event.action == AuditAction.REFUSED
    assert event.flagged
    assert "987654321" in event.reason
    assert REASON in event.reason


def test_it_goes_straight_to_a_record_the_agency_holds(world, as_user, person):
    response = as_user(world.caseworker).post(
        EMERGENCY, {"reference": str(person.pk), "reason": REASON}
    )
    assert response["Location"] == person_url(person)
    assert not EmergencyAccess.objects.exists()


def test_it_goes_straight_to_a_record_already_shared(world, as_user, person):
    ShareFactory(person=person, to_agency=world.other_agency)
    response = as_user(world.other_caseworker).post(
        EMERGENCY, {"reference": str(person.pk), "reason": REASON}
    )
    assert response["Location"] == person_url(person)
    assert not EmergencyAccess.objects.exists()


def test_it_lists_the_records_a_worker_has_open(world, as_user, person):
    EmergencyAccessFactory(person=person, user=world.other_caseworker)
    html = as_user(world.other_caseworker).get(EMERGENCY).content.decode()
    assert "Records you have open now" in html
    assert person_url(person) in html


# Reviewing emergency access


def test_it_lists_emergency_access_to_the_managers_records_unreviewed_first(world, as_user):
    now = timezone.now()
    reviewed = EmergencyAccessFactory(
        person=PersonFactory(owning_agency=world.agency),
        user=world.other_caseworker,
        granted_at=now - timedelta(minutes=1),
        reviewed_by=world.manager,
        reviewed_at=now,
        review_note="Checked with their manager.",
    )
    older = EmergencyAccessFactory(
        person=PersonFactory(owning_agency=world.agency),
        user=world.other_caseworker,
        granted_at=now - timedelta(days=2),
    )
    elsewhere = EmergencyAccessFactory(
        person=PersonFactory(owning_agency=world.other_agency), user=world.caseworker
    )
    response = as_user(world.manager).get(REVIEWS)
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 waiting for review" in html
    assert review_url(older) in html
    assert review_url(reviewed) not in html
    assert html.index(f"Person {older.person_id}") < html.index(f"Person {reviewed.person_id}")
    assert f"Person {elsewhere.person_id}<" not in html


def test_it_refuses_the_review_list_to_a_role_without_it(world, as_user):
    assert as_user(world.caseworker).get(REVIEWS).status_code == 403
    assert as_user(world.admin).get(REVIEWS).status_code == 403


def test_it_shows_a_manager_elsewhere_only_their_own_agencys_records(world, as_user):
    access = EmergencyAccessFactory(
        person=PersonFactory(owning_agency=world.agency), user=world.other_caseworker
    )
    other_manager = UserFactory(agency=world.other_agency, role=RoleName.TEAM_MANAGER)
    html = as_user(other_manager).get(REVIEWS).content.decode()
    assert review_url(access) not in html
    assert as_user(other_manager).get(review_url(access)).status_code == 404


def test_it_sends_anonymous_visitors_from_reviews_to_sign_in(client):
    assert client.get(REVIEWS)["Location"].startswith(reverse("accounts:sign-in"))


def test_it_lists_emergency_access_in_few_queries(world, as_user, django_assert_max_num_queries):
    for _ in range(10):
        EmergencyAccessFactory(
            person=PersonFactory(owning_agency=world.agency),
            user=UserFactory(agency=world.other_agency),
        )
    client = as_user(world.manager)
    with django_assert_max_num_queries(10):
        assert client.get(REVIEWS).status_code == 200


def test_it_marks_emergency_access_reviewed_with_a_note(world, as_user, person):
    access = EmergencyAccessFactory(person=person, user=world.other_caseworker)
    client = as_user(world.manager)
    page = client.get(review_url(access))
    assert page.status_code == 200
    assert "I need the risk to her children now." in page.content.decode()
    marker = last_event_id()

    response = client.post(review_url(access), {"note": "Spoke to their manager: justified."})
    assert response.status_code == 302
    assert response["Location"] == REVIEWS
    access.refresh_from_db()
    assert access.reviewed_by == world.manager
    assert access.review_note == "Spoke to their manager: justified."
    event = events_since(marker).get()
    assert event.action == AuditAction.UPDATE
    assert event.object_type == "access.emergencyaccess"
    assert event.person_id == person.pk
    assert event.fields == ["review_note", "reviewed_at", "reviewed_by"]
    assert "Spoke to" not in event.reason  # the note is a value, and stays out of the log


def test_it_needs_a_note_to_mark_reviewed(world, as_user, person):
    access = EmergencyAccessFactory(person=person, user=world.other_caseworker)
    response = as_user(world.manager).post(review_url(access), {"note": "  "})
    assert response.status_code == 200
    assert "Enter what you found" in response.content.decode()
    access.refresh_from_db()
    assert access.reviewed_at is None


def test_it_does_not_review_twice(world, as_user, person):
    access = EmergencyAccessFactory(
        person=person,
        user=world.other_caseworker,
        reviewed_by=world.manager,
        reviewed_at=timezone.now(),
        review_note="First look.",
    )
    client = as_user(world.manager)
    assert "Mark as reviewed" not in client.get(review_url(access)).content.decode()
    response = client.post(review_url(access), {"note": "Second look."})
    assert "already reviewed" in response.content.decode()
    access.refresh_from_db()
    assert access.review_note == "First look."


def test_it_refuses_the_review_page_to_a_role_without_it(world, as_user, person):
    access = EmergencyAccessFactory(person=person, user=world.other_caseworker)
    assert as_user(world.caseworker).get(review_url(access)).status_code == 403


def test_it_answers_404_for_an_emergency_access_that_does_not_exist(world, as_user):
    url = reverse("access:emergency-review", args=[999999999])
    assert as_user(world.manager).get(url).status_code == 404
