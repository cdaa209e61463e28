"""The training record: a session with attendance by agency and role, and the year's reach
for the board's report."""

from datetime import date

import pytest

from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.training.models import Attendance, Session
from tests.conftest import sign_in
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


def _date(prefix: str, day: date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def test_it_records_a_session_and_counts_its_reach(client, world):
    keeper = world.review_coordinator
    sign_in(client, keeper)
    assert (
        client.post(
            "/training/courses/", {"name": "Coercive control", "topic": "coercive_control"}
        ).status_code
        == 302
    )
    duplicate = client.post("/training/courses/", {"name": "coercive CONTROL", "topic": "other"})
    assert "already listed" in duplicate.content.decode()
    from onestory.training.models import Course

    course = Course.objects.get()
    response = client.post(
        "/training/sessions/new/",
        {"course": course.pk, **_date("held_on", date(2026, 5, 12)), "trainer": "Sam Reid"},
    )
    assert response.status_code == 302
    session = Session.objects.get()
    for agency, role, people in (
        (world.agency, "frontline", 12),
        (world.other_agency, "manager", 3),
        (world.agency, "frontline", 14),  # corrected: replaces the first entry
    ):
        assert (
            client.post(
                f"/training/sessions/{session.pk}/",
                {"which": "attendance", "agency": agency.pk, "role": role, "people": people},
            ).status_code
            == 302
        )
    assert Attendance.objects.filter(session=session).count() == 2
    bad = client.post(
        f"/training/sessions/{session.pk}/",
        {"which": "feedback", "feedback_count": 10, "feedback_mean": "6"},
    )
    assert "from 1 to 5" in bad.content.decode()
    assert (
        client.post(
            f"/training/sessions/{session.pk}/",
            {"which": "feedback", "feedback_count": 10, "feedback_mean": "4.4"},
        ).status_code
        == 302
    )

    manager = sign_in(client.__class__(), world.manager)
    assert manager.post("/training/workforce/", {"year": 2026, "staff": 56}).status_code == 302

    page = sign_in(client.__class__(), world.commissioner).get("/training/reach/?year=2026")
    text = page.content.decode()
    assert 'People trained</dt><dd class="govuk-summary-list__value">17' in text
    assert "25.0%" in text  # 14 of the 56 the outreach service stated
    assert "4.40 out of 5" in text
    # A session before April 2026 belongs to the year before.
    assert (
        "No training recorded"
        in sign_in(client.__class__(), world.commissioner)
        .get("/training/reach/?year=2025")
        .content.decode()
    )


def test_a_session_is_kept_by_its_organising_agency(client, world):
    from onestory.training.models import Course

    course = Course.objects.create(name="DASH", topic="dash_marac")
    session = Session.objects.create(
        course=course,
        organised_by=world.agency,
        held_on=date(2026, 5, 1),
        trainer="T",
        created_by=world.review_coordinator,
    )
    elsewhere = UserFactory(
        agency=AgencyFactory(kind=AgencyKind.COMMISSIONER), role=RoleName.REVIEW_COORDINATOR
    )
    response = sign_in(client, elsewhere).post(
        f"/training/sessions/{session.pk}/",
        {"which": "attendance", "agency": world.agency.pk, "role": "frontline", "people": 3},
    )
    assert response.status_code == 404
    assert not Attendance.objects.exists()
    assert sign_in(client.__class__(), world.caseworker).get("/training/reach/").status_code == 403
