"""Quarterly data on a constructed quarter with known answers: page, CSV and API."""

import csv
import io
from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from onestory.marac.quarterly import Quarter
from onestory.marac.queries import quarterly_figures
from onestory.people.models import Person
from tests.factories import (
    AgencyFactory,
    MaracFactory,
    MaracReferralFactory,
    MeetingFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

REFERRED = date(2025, 1, 5)
ADULT = date(1988, 5, 1)


def _discuss(meeting, referral, *, discussed=True):
    moment = timezone.make_aware(datetime(meeting.meets_on.year, meeting.meets_on.month, 1))
    return meeting.items.create(
        referral=referral,
        position=meeting.items.count() + 1,
        listed_by=referral.referred_by,
        discussed_at=moment if discussed else None,
    )


def _case(marac, agency, *, victim=None, perpetrators=None, children=(), repeat=False):
    victim = victim or PersonFactory(owning_agency=agency, date_of_birth=ADULT)
    perpetrators = perpetrators or [PersonFactory(owning_agency=agency, date_of_birth=ADULT)]
    earlier = None
    if repeat:  # a repeat names the referral it repeats: one in the autumn, not discussed
        earlier = MaracReferralFactory(
            marac=marac,
            victim=victim,
            referring_agency=agency,
            referred_on=date(2024, 10, 1),
            perpetrators=perpetrators,
            status="closed",
        )
    return MaracReferralFactory(
        marac=marac,
        victim=victim,
        referring_agency=agency,
        referred_on=REFERRED,
        perpetrators=perpetrators,
        children=list(children),
        repeat=repeat,
        repeat_of=earlier,
        status="closed",
    )


@pytest.fixture
def quarter_data(world, mw):
    """2025Q1 for the MARAC: two meetings held (and one cancelled), three cases discussed."""
    marac, police, outreach = mw.marac, mw.police, world.agency
    marac.area.adult_women = 20_000
    marac.area.save()
    january = MeetingFactory(marac=marac, meets_on=date(2025, 1, 15), status="held")
    february = MeetingFactory(marac=marac, meets_on=date(2025, 2, 12), status="held")
    MeetingFactory(marac=marac, meets_on=date(2025, 3, 12), status="cancelled")
    april = MeetingFactory(marac=marac, meets_on=date(2025, 4, 9), status="held")

    def kids(n):
        return [
            PersonFactory(owning_agency=outreach, date_of_birth=date(2018, 1, 1)) for _ in range(n)
        ]

    # 1: police; racially minoritised; two children; discussed twice, counted once.
    first = _case(
        marac,
        police,
        victim=PersonFactory(
            owning_agency=police, date_of_birth=ADULT, ethnicity="black_caribbean"
        ),
        children=kids(2),
    )
    _discuss(january, first)
    _discuss(february, first)
    # 2: outreach; a repeat; a disabled man; the person using harm is 17.
    second = _case(
        marac,
        outreach,
        victim=PersonFactory(
            owning_agency=outreach, date_of_birth=ADULT, sex="male", disability="yes"
        ),
        perpetrators=[PersonFactory(owning_agency=outreach, date_of_birth=date(2007, 9, 1))],
        repeat=True,
    )
    _discuss(february, second)
    # 3: police; a repeat; a bisexual young woman of 16; one child.
    third = _case(
        marac,
        police,
        victim=PersonFactory(
            owning_agency=police, date_of_birth=date(2008, 6, 1), sexual_orientation="bisexual"
        ),
        children=kids(1),
        repeat=True,
    )
    _discuss(january, third)
    # Not counted: listed but not discussed; discussed in April; another MARAC's case.
    _discuss(february, _case(marac, police, children=kids(3)), discussed=False)
    _discuss(april, _case(marac, police, children=kids(4)))
    elsewhere = MaracFactory(coordinating_agency=world.central)
    _discuss(
        MeetingFactory(marac=elsewhere, meets_on=date(2025, 2, 1), status="held"),
        _case(elsewhere, AgencyFactory(name="Elsewhere Police")),
    )
    return marac


def test_the_figures_are_known_answers(quarter_data):
    result = quarterly_figures(quarter_data, Quarter(2025, 1))
    assert result.counts() == {
        "meetings_held": 2,
        "cases_discussed": 3,
        "repeats": 2,
        "children": 3,
        "victims_racially_minoritised": 1,
        "victims_lgbt_plus": 1,
        "victims_disabled": 1,
        "victims_male": 1,
        "victims_aged_16_or_17": 1,
        "perpetrators_under_18": 1,
    }
    assert result.referrals_by_agency == {"Northshire Outreach": 1, "Northshire Police": 2}
    assert result.repeat_rate == 66.7
    assert result.per_10000_this_quarter == 1.5
    assert result.per_10000_a_year == 6.0


def test_an_empty_quarter_has_no_cases(quarter_data):
    result = quarterly_figures(quarter_data, Quarter(2024, 4))
    assert (result.meetings_held, result.cases_discussed, result.repeat_rate) == (0, 0, None)


def _query(marac, quarter="2025Q1"):
    return {"marac": marac.pk, "quarter": quarter}


def test_the_coordinator_sees_every_figure_on_the_page(world, quarter_data, as_user):
    page = as_user(world.marac_coordinator).get(reverse("marac:quarterly"), _query(quarter_data))
    html = page.content.decode()
    assert page.status_code == 200
    assert "January to March 2025" in html
    assert "66.7%" in html
    assert "6.0" in html
    assert "(expected 40)" in html
    assert "fewer than 5" not in html


def test_a_commissioner_sees_small_counts_hidden(world, quarter_data, as_user):
    page = as_user(world.commissioner).get(reverse("marac:quarterly"), _query(quarter_data))
    html = page.content.decode()
    assert "fewer than 5" in html
    assert "66.7%" not in html


def test_the_csv_holds_the_same_figures(world, quarter_data, as_user):
    response = as_user(world.marac_coordinator).get(
        reverse("marac:quarterly-csv"), _query(quarter_data)
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["MARAC", "quarter", "measure", "value"]
    values = {row[2]: row[3] for row in rows[1:]}
    assert values["Cases discussed"] == "3"
    assert values["Repeat cases"] == "2"
    assert values["Cases referred by Northshire Police"] == "2"


def test_the_csv_needs_a_marac_and_a_quarter(world, quarter_data, as_user):
    response = as_user(world.manager).get(reverse("marac:quarterly-csv"), {"quarter": "2025Q9"})
    assert response.status_code == 400
    assert "Choose a MARAC and a quarter" in response.content.decode()


def test_the_api_gives_counts_only(world, quarter_data, as_user):
    response = as_user(world.marac_coordinator).get("/api/v1/marac/quarterly", _query(quarter_data))
    assert response.status_code == 200
    data = response.json()
    assert data["quarter"] == "2025Q1"
    assert data["suppressed_below"] is None
    assert data["counts"]["cases_discussed"] == 3
    assert data["counts"]["victims_aged_16_or_17"] == 1
    assert data["repeat_rate_percent"] == 66.7
    assert data["cases_per_10000_adult_women"] == {
        "this_quarter": 1.5,
        "over_a_year": 6.0,
        "expected_over_a_year": 40,
    }
    assert {"agency": "Northshire Police", "cases": 2} in data["referrals_by_agency"]
    # Nothing in the answer names a person.
    text = response.content.decode()
    assert not any(person.family_name in text for person in Person.objects.all())


def test_the_api_hides_small_counts_from_a_commissioner(world, quarter_data, as_user):
    data = as_user(world.commissioner).get("/api/v1/marac/quarterly", _query(quarter_data)).json()
    assert data["suppressed_below"] == 5
    assert data["counts"]["meetings_held"] == 2
    assert data["counts"]["cases_discussed"] is None
    assert data["repeat_rate_percent"] is None


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"quarter": "2025Q1"}, "marac"),
        ({"marac": "x", "quarter": "2025Q1"}, "marac"),
        ({}, "quarter"),
    ],
)
def test_the_api_refuses_bad_input_plainly(world, quarter_data, as_user, params, field):
    response = as_user(world.commissioner).get("/api/v1/marac/quarterly", params)
    assert response.status_code == 400
    assert field in response.json()


def test_people_without_aggregate_access_are_refused(world, quarter_data, as_user):
    assert as_user(world.caseworker).get("/api/v1/marac/quarterly").status_code == 403
    assert as_user(world.caseworker).get(reverse("marac:quarterly")).status_code == 403


def test_the_page_has_a_bounded_number_of_queries(
    world, quarter_data, as_user, django_assert_max_num_queries
):
    client = as_user(world.marac_coordinator)
    with django_assert_max_num_queries(15):
        client.get(reverse("marac:quarterly"), _query(quarter_data))
