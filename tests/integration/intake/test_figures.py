"""Front-door figures: counts by source, channel and outcome, with small counts hidden."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from onestory.intake.figures import HIDDEN
from tests.factories import ReferralFactory
from tests.integration.intake.conftest import title_of

pytestmark = pytest.mark.django_db

PAGE = reverse("intake:figures")
RANGE = {
    "start_day": "1",
    "start_month": "4",
    "start_year": "2026",
    "end_day": "30",
    "end_month": "6",
    "end_year": "2026",
}


def _on(day: int, month: int, **fields):
    received = timezone.make_aware(datetime(2026, month, day, 10, 0))
    return ReferralFactory(received_at=received, given_name="Unmistakable", **fields)


@pytest.fixture
def contacts(world):
    for _ in range(7):
        _on(3, 4, owning_agency=world.central, channel="online_form", source="self")
    for _ in range(5):
        _on(
            10,
            5,
            owning_agency=world.central,
            channel="phone",
            source="self",
            first_contact_at=timezone.make_aware(datetime(2026, 5, 10, 12, 0)),
            outcome="referred_on",
            outcome_reason="To outreach",
            status="closed",
        )
    for _ in range(2):
        _on(
            20,
            6,
            owning_agency=world.central,
            channel="partner_system",
            source="professional",
            referrer_agency="Police",
            referrer_agency_kind="police",
        )
    _on(31, 3, owning_agency=world.central)  # the day before the range
    _on(1, 7, owning_agency=world.central)  # the day after


def _table_row(html: str, label: str) -> str:
    start = html.index(f'<th scope="row" class="govuk-table__header">{label}</th>')
    return html[start : html.index("</tr>", start)]


def test_a_commissioner_sees_counts_with_small_ones_hidden(as_user, world, contacts):
    response = as_user(world.commissioner).get(PAGE, RANGE)
    html = response.content.decode()
    assert response.status_code == 200
    assert title_of(response) == "Front-door figures – OneStory"
    assert '<dd class="govuk-summary-list__value">14</dd>' in html
    assert HIDDEN in _table_row(html, "Professional")
    assert "Unmistakable" not in html
    assert "fewer than 5" in html


def test_the_front_door_sees_every_count(as_user, desk, contacts):
    html = as_user(desk.manager).get(PAGE, RANGE).content.decode()
    professional = _table_row(html, "Professional")
    assert ">2</td>" in professional
    assert HIDDEN not in html
    assert '<dd class="govuk-summary-list__value">50%</dd>' in html  # 7 of 14 online
    assert "2.0 hours" in html  # the median time to first contact


def test_it_counts_only_the_range_asked_for(as_user, desk, contacts):
    html = (
        as_user(desk.manager)
        .get(PAGE, {**RANGE, "end_day": "30", "end_month": "4"})
        .content.decode()
    )
    assert '<dd class="govuk-summary-list__value">7</dd>' in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start_day": "31", "start_month": "2"}, "From must be a real date"),
        ({"end_year": ""}, "To must include a year"),
        (
            {"start_day": "", "start_month": "", "start_year": ""},
            "Enter the date the figures start from",
        ),
        ({"end_month": "3"}, "The end date must be the same as or after the start date"),
        ({"start_year": "26"}, "The year must include 4 numbers"),
    ],
)
def test_it_explains_a_bad_date_range(as_user, world, changes, message):
    response = as_user(world.commissioner).get(PAGE, {**RANGE, **changes})
    html = response.content.decode()
    assert response.status_code == 200
    assert title_of(response) == "Error: Front-door figures – OneStory"
    assert message in html
    assert "govuk-table" not in html


def test_it_shows_the_last_three_months_by_default(as_user, world):
    ReferralFactory(owning_agency=world.central, received_at=timezone.now() - timedelta(days=1))
    response = as_user(world.manager).get(PAGE)
    assert response.status_code == 200
    assert "Contacts by channel" in response.content.decode()


def test_it_answers_with_a_bounded_number_of_queries(
    as_user, world, contacts, django_assert_max_num_queries
):
    client = as_user(world.commissioner)
    with django_assert_max_num_queries(15):
        client.get(PAGE, RANGE)


def test_roles_without_figures_get_403(as_user, client, world):
    for user in (world.caseworker, world.call_handler, world.admin):
        assert as_user(user).get(PAGE).status_code == 403
    assert client.get(PAGE)["Location"].startswith(reverse("accounts:sign-in"))
