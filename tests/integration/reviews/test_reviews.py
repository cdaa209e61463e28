"""A death review from notification to its recommendations on the board's view."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditAction, AuditEvent
from onestory.reviews.models import Recommendation, Review
from tests.conftest import sign_in
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


def _date(prefix: str, day: date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def _ahead(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def council(world):
    return world.council


@pytest.fixture
def coordinator(council):
    return UserFactory(username="dhr_lead", agency=council, role=RoleName.REVIEW_COORDINATOR)


def test_it_takes_a_review_from_notification_to_the_board(client, coordinator, world):
    sign_in(client, coordinator)
    ok = client.post(
        "/reviews/new/",
        {
            "pseudonym": "Adult A",
            "death_kind": "homicide",
            **_date("died_on", date(2026, 1, 30)),
            **_date("notified_on", date(2026, 1, 31)),
            "notified_by": "Northshire Police",
        },
    )
    assert ok.status_code == 302
    review = Review.objects.get()
    page = client.get(f"/reviews/{review.pk}/").content.decode()
    assert "Due by 28 February 2026" in page  # a month after 31 January

    base = f"/reviews/{review.pk}"
    assert (
        client.post(
            f"{base}/decision/",
            {
                "decision": "commission",
                "decision_reasons": "She was killed by her former partner.",
                **_date("decision_on", date(2026, 2, 20)),
            },
        ).status_code
        == 302
    )
    review.refresh_from_db()
    assert review.due_on == date(2026, 8, 20)
    refused = client.post(f"{base}/panel/", {"chair_name": "Dr Ivy Stone", "panel": "Police"})
    assert "must be independent" in refused.content.decode()
    assert (
        client.post(
            f"{base}/panel/",
            {"chair_name": "Dr Ivy Stone", "chair_independent": "on", "panel": "Police, DI"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            f"{base}/chronologies/",
            {"agencies": [world.agency.pk], **_date("due_on", _ahead(21))},
        ).status_code
        == 302
    )
    chronology = review.chronologies.get()
    assert client.post(f"/reviews/chronologies/{chronology.pk}/received/").status_code == 302
    assert (
        client.post(
            f"{base}/recommendations/new/",
            {
                "text": "Ask every woman seen alone about abuse.",
                "owner_agency": world.agency.pk,
                "actions": "Routine enquiry training.",
                **_date("due_on", _ahead(180)),
            },
        ).status_code
        == 302
    )
    recommendation = Recommendation.objects.get()

    # The owner agency's manager works it to complete, with evidence.
    owner = sign_in(client.__class__(), world.manager)
    assert "Ask every woman" in owner.get("/reviews/recommendations/").content.decode()
    refused = owner.post(
        f"/reviews/recommendations/{recommendation.pk}/", {"status": "complete", "evidence": ""}
    )
    assert "Give the evidence" in refused.content.decode()
    done = owner.post(
        f"/reviews/recommendations/{recommendation.pk}/",
        {"status": "complete", "evidence": "Audit of 40 files: asked in 38."},
    )
    assert done.status_code == 302
    closed = client.post(
        f"/reviews/recommendations/{recommendation.pk}/", {"status": "closed", "evidence": ""}
    )
    assert closed.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.status == "closed"
    assert recommendation.evidence == "Audit of 40 files: asked in 38."

    board = sign_in(client.__class__(), world.commissioner).get("/reviews/board/")
    text = board.content.decode()
    assert "Ask every woman seen alone about abuse." in text
    assert "Adult A" in text
    assert "Closed" in text
    assert world.agency.name in text


def test_the_board_shows_each_status_and_the_overdue(client, coordinator, world):
    from onestory.reviews import actions

    review = actions.notify_death(
        pseudonym="Adult B",
        death_kind="suicide",
        died_on=date(2026, 1, 2),
        notified_on=date(2026, 1, 5),
        notified_by="Coroner",
        by=coordinator,
    )
    actions.decide(
        review=review,
        decision="commission",
        decision_reasons="Abuse suspected.",
        decision_on=date(2026, 1, 20),
        by=coordinator,
    )
    due = actions.add_recommendation(
        review=review,
        text="Share risk at discharge.",
        owner_agency=world.other_agency,
        actions="",
        due_on=_ahead(20),
        by=coordinator,
    )
    Recommendation.objects.filter(pk=due.pk).update(due_on=_ahead(-1))
    page = sign_in(client, world.commissioner).get("/reviews/board/").content.decode()
    assert "Share risk at discharge." in page
    assert "Overdue" in page


def test_it_keeps_a_review_to_its_coordinating_agency(client, coordinator, world):
    from onestory.reviews import actions

    review = actions.notify_death(
        pseudonym="Adult C",
        death_kind="other",
        died_on=date(2026, 3, 1),
        notified_on=date(2026, 3, 2),
        notified_by="Hospital",
        by=coordinator,
    )
    elsewhere = UserFactory(
        agency=AgencyFactory(kind=AgencyKind.COMMISSIONER), role=RoleName.REVIEW_COORDINATOR
    )
    assert sign_in(client, elsewhere).get(f"/reviews/{review.pk}/").status_code == 404
    assert AuditEvent.objects.filter(actor_id=elsewhere.pk, action=AuditAction.REFUSED).exists()
    assert sign_in(client.__class__(), world.caseworker).get("/reviews/board/").status_code == 403


def test_another_agency_cannot_touch_a_recommendation(client, coordinator, world):
    from onestory.reviews import actions

    review = actions.notify_death(
        pseudonym="Adult D",
        death_kind="homicide",
        died_on=date(2026, 3, 1),
        notified_on=date(2026, 3, 2),
        notified_by="Police",
        by=coordinator,
    )
    actions.decide(
        review=review,
        decision="commission",
        decision_reasons="Criteria met.",
        decision_on=date(2026, 3, 20),
        by=coordinator,
    )
    recommendation = actions.add_recommendation(
        review=review,
        text="Flag repeat callers.",
        owner_agency=world.agency,
        actions="",
        due_on=_ahead(90),
        by=coordinator,
    )
    stranger = UserFactory(agency=world.other_agency, role=RoleName.TEAM_MANAGER)
    response = sign_in(client, stranger).post(
        f"/reviews/recommendations/{recommendation.pk}/",
        {"status": "in_progress"},
    )
    assert response.status_code == 404
    recommendation.refresh_from_db()
    assert recommendation.status == "open"
