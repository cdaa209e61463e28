"""The team's list and the board's view take a bounded number of queries, however many
applications or recommendations there are."""

from datetime import date, timedelta

import pytest

from onestory.reviews.models import Recommendation, Review
from tests.conftest import sign_in
from tests.factories import AgencyCheckFactory, ApplicationFactory

pytestmark = pytest.mark.django_db


def test_the_team_list_is_bounded(client, officer, world, django_assert_max_num_queries):
    for n in range(12):
        application = ApplicationFactory(
            agency=officer.agency,
            created_by=officer,
            first_contact_on=date(2026, 6, 1) - timedelta(days=n * 5),
        )
        AgencyCheckFactory(application=application, agency=world.agency)
    sign_in(client, officer)
    with django_assert_max_num_queries(15):
        response = client.get("/disclosure/")
    assert response.status_code == 200
    assert response.content.decode().count("/disclosure/") >= 12


def test_the_board_view_is_bounded(client, world, django_assert_max_num_queries):
    for n in range(5):
        review = Review.objects.create(
            agency=world.agency,
            reference=f"R-{n}",
            pseudonym=f"Adult {n}",
            death_kind="homicide",
            died_on=date(2026, 1, 1),
            notified_on=date(2026, 1, 2),
            notified_by="Police",
            decision="commission",
            decision_on=date(2026, 1, 20),
            created_by=world.review_coordinator,
        )
        for number in range(1, 4):
            Recommendation.objects.create(
                review=review,
                number=number,
                text=f"Recommendation {n}.{number}",
                owner_agency=world.other_agency,
                due_on=date(2026, 9, 1),
                updated_by=world.review_coordinator,
            )
    sign_in(client, world.commissioner)
    with django_assert_max_num_queries(15):
        response = client.get("/reviews/board/")
    assert "Recommendation 4.3" in response.content.decode()
