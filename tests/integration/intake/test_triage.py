"""Triage: the front-door queue, a referral's page, assignment, first contact and outcome."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from onestory.audit.models import AuditAction, AuditEvent
from onestory.intake.choices import Status
from onestory.intake.models import Referral
from tests.factories import PersonFactory, ReferralFactory, UserFactory
from tests.integration.intake.conftest import title_of

pytestmark = pytest.mark.django_db

QUEUE = reverse("intake:queue")


def _referral(world, **fields) -> Referral:
    return ReferralFactory(owning_agency=world.central, **fields)


def _url(name: str, referral: Referral) -> str:
    return reverse(f"intake:{name}", args=[referral.pk])


# --- The queue -------------------------------------------------------------------------------


def test_it_lists_the_most_urgent_then_the_newest(as_user, world, desk):
    now = timezone.now()
    old_standard = _referral(world, urgency="standard", received_at=now - timedelta(hours=2))
    new_standard = _referral(world, urgency="standard", received_at=now - timedelta(hours=1))
    urgent = _referral(world, urgency="urgent", received_at=now - timedelta(hours=3))
    high = _referral(world, urgency="high", received_at=now - timedelta(hours=5))
    html = as_user(desk.call_handler).get(QUEUE).content.decode()
    positions = [html.index(r.reference) for r in (urgent, high, new_standard, old_standard)]
    assert positions == sorted(positions)


def test_it_shows_overdue_referrals_with_a_red_tag(as_user, world, desk):
    now = timezone.now()
    _referral(world, urgency="urgent", received_at=now - timedelta(hours=5))
    _referral(world, urgency="standard", received_at=now - timedelta(hours=1))
    html = as_user(desk.call_handler).get(QUEUE).content.decode()
    assert html.count('<strong class="govuk-tag govuk-tag--red">Overdue</strong>') == 1
    assert "Due in" in html


def test_the_targets_come_from_settings(as_user, world, desk, settings):
    settings.FIRST_CONTACT_TARGETS = {"urgent": 1, "high": 2, "standard": 3}
    _referral(world, urgency="standard", received_at=timezone.now() - timedelta(hours=4))
    html = as_user(desk.call_handler).get(QUEUE).content.decode()
    assert "Overdue" in html


def test_it_tags_repeated_contacts_about_one_person(as_user, world, desk):
    person = PersonFactory(owning_agency=world.central)
    now = timezone.now()
    for days in (1, 100, 300):
        _referral(world, person=person, received_at=now - timedelta(days=days))
    # Over 12 months ago, so not counted; closed, so not in the open queue either.
    _referral(
        world,
        person=person,
        received_at=now - timedelta(days=400),
        status=Status.CLOSED,
        outcome="advice",
        outcome_reason="Given",
    )
    lone = _referral(world)
    html = as_user(desk.call_handler).get(QUEUE).content.decode()
    assert html.count("3 referrals in 12 months") == 3
    assert lone.reference in html


def test_it_lists_with_a_bounded_number_of_queries(
    as_user, world, desk, django_assert_max_num_queries
):
    person = PersonFactory(owning_agency=world.central)
    for _ in range(12):
        _referral(world, person=person, assigned_to=desk.colleague, status=Status.ASSIGNED)
    client = as_user(desk.call_handler)
    with django_assert_max_num_queries(12):
        response = client.get(QUEUE)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("show", "listed"),
    [
        ("open", {"new", "mine", "closed_no"}),
        ("mine", {"mine"}),
        ("unassigned", {"new"}),
        ("closed", {"closed"}),
        ("all", {"new", "mine", "closed"}),
        ("nonsense", {"new", "mine", "closed_no"}),
    ],
)
def test_it_filters_the_queue(as_user, world, desk, show, listed):
    made = {
        "new": _referral(world, given_name="Newly"),
        "mine": _referral(
            world, given_name="Minely", assigned_to=desk.call_handler, status=Status.ASSIGNED
        ),
        "closed": _referral(
            world,
            given_name="Closedly",
            status=Status.CLOSED,
            outcome="advice",
            outcome_reason="Advice given",
        ),
    }
    html = as_user(desk.call_handler).get(QUEUE, {"show": show}).content.decode()
    for key, referral in made.items():
        assert (referral.reference in html) == (key in listed), key


def test_another_agency_sees_none_of_the_front_doors_referrals(as_user, world):
    referral = _referral(world)
    html = as_user(world.call_handler).get(QUEUE).content.decode()
    assert referral.reference not in html
    assert "There are no referrals to show here." in html


def test_the_queue_needs_triage(as_user, client, world):
    assert as_user(world.caseworker).get(QUEUE).status_code == 403
    assert client.get(QUEUE)["Location"].startswith(reverse("accounts:sign-in"))


def test_the_queue_read_is_audited(as_user, desk, world):
    _referral(world)
    as_user(desk.call_handler).get(QUEUE)
    event = AuditEvent.objects.filter(
        action=AuditAction.VIEW, actor_id=desk.call_handler.pk
    ).first()
    assert "front-door queue" in event.reason


# --- A referral's page -----------------------------------------------------------------------


def test_it_shows_everything_about_a_referral(as_user, world, desk, django_assert_max_num_queries):
    referral = _referral(world, safe_word="bluebell")
    client = as_user(desk.manager)
    with django_assert_max_num_queries(15):
        response = client.get(_url("referral", referral))
    html = response.content.decode()
    assert response.status_code == 200
    assert title_of(response) == f"Referral {referral.reference} – OneStory"
    assert referral.story in html
    assert "bluebell" in html
    assert "NE1 4AB" in html
    assert "Record outcome and close" in html
    event = AuditEvent.objects.filter(action=AuditAction.VIEW, object_id=str(referral.pk)).get()
    assert "safe_word" in event.fields
    assert "story" in event.fields


def test_a_call_handler_sees_the_safe_contact_details_to_call_back_safely(as_user, world, desk):
    referral = _referral(world, safe_word="bluebell")
    html = as_user(desk.call_handler).get(_url("referral", referral)).content.decode()
    assert "bluebell" in html
    assert "your role cannot see safe-contact details" not in html
    assert referral.story in html


def test_another_agency_never_sees_a_referral(as_user, world):
    referral = _referral(world)
    for user in (world.call_handler, world.manager):
        assert as_user(user).get(_url("referral", referral)).status_code == 404
        for name in ("assign", "first-contact", "outcome", "urgency", "link-person"):
            assert as_user(user).post(_url(name, referral), {}).status_code == 404, name
    refusals = AuditEvent.objects.filter(action=AuditAction.REFUSED, actor_id=world.manager.pk)
    assert refusals.exists()
    assert Referral.objects.get().status == Status.NEW


def test_a_referral_page_needs_triage(as_user, client, world, desk):
    referral = _referral(world)
    colleague = UserFactory(agency=world.central, role="caseworker")
    assert as_user(colleague).get(_url("referral", referral)).status_code == 403
    assert client.get(_url("referral", referral))["Location"].startswith(
        reverse("accounts:sign-in")
    )


def test_changes_answer_a_get_by_going_back_to_the_referral(as_user, world, desk):
    referral = _referral(world)
    response = as_user(desk.call_handler).get(_url("outcome", referral))
    assert response["Location"] == _url("referral", referral)


# --- Assignment ------------------------------------------------------------------------------


def test_a_worker_takes_a_referral(as_user, world, desk):
    referral = _referral(world)
    client = as_user(desk.call_handler)
    response = client.post(_url("assign", referral), {"assigned_to": desk.call_handler.pk})
    assert response["Location"] == _url("referral", referral)
    referral.refresh_from_db()
    assert (referral.assigned_to, referral.status) == (desk.call_handler, Status.ASSIGNED)
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(referral.pk)).exists()


def test_only_a_role_that_assigns_work_assigns_others(as_user, world, desk):
    referral = _referral(world)
    response = as_user(desk.call_handler).post(
        _url("assign", referral), {"assigned_to": desk.colleague.pk}
    )
    assert response.status_code == 403
    assert Referral.objects.get().assigned_to is None
    as_user(desk.manager).post(_url("assign", referral), {"assigned_to": desk.colleague.pk})
    assert Referral.objects.get().assigned_to == desk.colleague


def test_work_goes_only_to_the_agencys_front_door(as_user, world, desk):
    referral = _referral(world)
    response = as_user(desk.manager).post(
        _url("assign", referral), {"assigned_to": world.call_handler.pk}
    )
    assert "Choose a worker from this agency" in response.content.decode()
    assert Referral.objects.get().assigned_to is None


# --- First contact, urgency and outcome ------------------------------------------------------


def test_it_records_first_contact(as_user, world, desk):
    referral = _referral(world, received_at=timezone.now() - timedelta(hours=1))
    as_user(desk.call_handler).post(_url("first-contact", referral), {"method": "phone"})
    referral.refresh_from_db()
    assert referral.status == Status.IN_TRIAGE
    assert referral.first_contact_by == desk.call_handler
    assert referral.assigned_to == desk.call_handler
    assert referral.first_contact_method == "phone"


def test_it_records_first_contact_made_earlier(as_user, world, desk):
    received = timezone.localtime() - timedelta(days=2)
    referral = _referral(world, received_at=received)
    when = received + timedelta(days=1)
    as_user(desk.call_handler).post(
        _url("first-contact", referral),
        {
            "method": "email",
            "when_date_day": when.day,
            "when_date_month": when.month,
            "when_date_year": when.year,
            "when_time": f"{when:%H:%M}",
        },
    )
    referral.refresh_from_db()
    assert referral.first_contact_at == when.replace(second=0, microsecond=0)


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({}, "Select how contact was made"),
        ({"method": "phone", "when_time": "14:30"}, "Enter the date of first contact"),
        (
            {
                "method": "phone",
                "when_date_day": "1",
                "when_date_month": "1",
                "when_date_year": "2020",
                "when_time": "25:00",
            },
            "Enter the time on the 24-hour clock",
        ),
        (
            {
                "method": "phone",
                "when_date_day": "1",
                "when_date_month": "1",
                "when_date_year": "2020",
                "when_time": "10:00",
            },
            "cannot be before the referral was received",
        ),
        (
            {
                "method": "phone",
                "when_date_day": "30",
                "when_date_month": "2",
                "when_date_year": "2026",
                "when_time": "10:00",
            },
            "Date of first contact must be a real date",
        ),
    ],
)
def test_it_explains_a_bad_first_contact(as_user, world, desk, answers, message):
    referral = _referral(world)
    response = as_user(desk.call_handler).post(_url("first-contact", referral), answers)
    assert response.status_code == 200
    assert title_of(response).startswith("Error: ")
    assert message in response.content.decode()
    assert Referral.objects.get().first_contact_at is None


def test_first_contact_is_recorded_once(as_user, world, desk):
    referral = _referral(world, first_contact_at=timezone.now(), status=Status.IN_TRIAGE)
    response = as_user(desk.call_handler).post(_url("first-contact", referral), {"method": "phone"})
    assert "First contact has already been recorded" in response.content.decode()


def test_it_changes_the_urgency(as_user, world, desk):
    referral = _referral(world)
    as_user(desk.call_handler).post(_url("urgency", referral), {"urgency": "urgent"})
    assert Referral.objects.get().urgency == "urgent"


def test_an_outcome_needs_a_reason(as_user, world, desk):
    referral = _referral(world)
    response = as_user(desk.call_handler).post(_url("outcome", referral), {"outcome": "marac"})
    assert "Enter the reason for this outcome" in response.content.decode()
    assert Referral.objects.get().status == Status.NEW


def test_signposting_says_where(as_user, world, desk):
    referral = _referral(world)
    response = as_user(desk.call_handler).post(
        _url("outcome", referral), {"outcome": "signposted", "reason": "Wanted legal advice only"}
    )
    assert "Enter where the person was signposted to" in response.content.decode()
    as_user(desk.call_handler).post(
        _url("outcome", referral),
        {
            "outcome": "signposted",
            "reason": "Wanted legal advice only",
            "signposted_to": "Law centre",
        },
    )
    referral.refresh_from_db()
    assert (referral.status, referral.outcome, referral.signposted_to) == (
        Status.CLOSED,
        "signposted",
        "Law centre",
    )


def test_a_closed_referral_cannot_be_changed(as_user, world, desk):
    referral = _referral(world, status=Status.CLOSED, outcome="advice", outcome_reason="Given")
    client = as_user(desk.manager)
    html = client.get(_url("referral", referral)).content.decode()
    assert "Record outcome and close" not in html
    response = client.post(_url("outcome", referral), {"outcome": "marac", "reason": "Again"})
    assert "This referral is closed" in response.content.decode()
    response = client.post(_url("assign", referral), {"assigned_to": desk.colleague.pk})
    assert "This referral is closed" in response.content.decode()
    assert Referral.objects.get().outcome == "advice"
