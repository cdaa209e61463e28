"""Quarterly data on a constructed quarter with known answers: page, CSV and API."""

import csv
import io
from datetime import date, datetime

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from onestory.marac import quarterly_template as template
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


def _case(
    marac, agency, *, victim=None, perpetrators=None, children=(), repeat=False, household=None
):
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
        children_in_household=household,
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

    # 1: police; racially minoritised; two children with records and a third without (the
    # referral says three live there); discussed twice, counted once.
    first = _case(
        marac,
        police,
        victim=PersonFactory(
            owning_agency=police, date_of_birth=ADULT, ethnicity="black_caribbean"
        ),
        children=kids(2),
        household=3,
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
    # The year before, for the rolling 12 months: two cases in spring 2024, no meeting in the
    # summer (the template fills it with the spring's two), one case in the autumn.
    may = MeetingFactory(marac=marac, meets_on=date(2024, 5, 8), status="held")
    _discuss(may, _case(marac, police))
    _discuss(may, _case(marac, outreach))
    _discuss(MeetingFactory(marac=marac, meets_on=date(2024, 11, 6), status="held"),
             _case(marac, police))  # fmt: skip
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
        "children": 4,
        "victims_racially_minoritised": 1,
        "victims_lgbt_plus": 1,
        "victims_disabled": 1,
        "victims_male": 1,
        "victims_aged_16_or_17": 1,
        "perpetrators_under_18": 1,
    }
    assert result.referrals_by_agency == {"Northshire Outreach": 1, "Northshire Police": 2}
    assert result.repeat_rate == 66.7
    assert result.referrals_by_group == {
        "police": 2,
        "idva": 0,
        "childrens_social_care": 0,
        "health": 0,
        "housing": 0,
        "probation": 0,
        "other": 1,  # an outreach service
    }
    assert result.police_share == 66.7
    assert result.per_10000_this_quarter == 1.5
    assert result.per_10000_a_year == 6.0
    # 2 (spring) + 2 (summer, filled from spring) + 1 (autumn) + 3 (this quarter).
    assert result.cases_rolling_year == 8
    assert result.per_10000_rolling_year == 4.0


def test_a_case_discussed_at_a_meeting_not_marked_held_counts_the_meeting_too(
    world, mw, quarter_data
):
    before = quarterly_figures(quarter_data, Quarter(2025, 1))
    unmarked = MeetingFactory(marac=quarter_data, meets_on=date(2025, 3, 26), status="scheduled")
    _discuss(unmarked, _case(quarter_data, mw.police))
    after = quarterly_figures(quarter_data, Quarter(2025, 1))
    assert (after.meetings_held, after.cases_discussed) == (
        before.meetings_held + 1,
        before.cases_discussed + 1,
    )


def test_an_empty_quarter_has_no_cases(quarter_data):
    result = quarterly_figures(quarter_data, Quarter(2024, 3))
    assert (result.meetings_held, result.cases_discussed, result.repeat_rate) == (0, 0, None)


def _query(marac, quarter="2025Q1"):
    return {"marac": marac.pk, "quarter": quarter}


def test_the_coordinator_sees_every_figure_on_the_page(world, quarter_data, as_user):
    page = as_user(world.marac_coordinator).get(reverse("marac:quarterly"), _query(quarter_data))
    html = page.content.decode()
    assert page.status_code == 200
    assert "January to March 2025" in html
    assert "66.7%" in html
    assert "Referrals from police" in html
    assert "2 (66.7%)" in html  # police referrals and their share
    assert "Children in the households" in html
    assert "(expected 40)" in html
    assert "4.0" in html  # per 10,000 adult women over the rolling 12 months
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
    assert rows[0] == list(template.HEADINGS)
    assert len(rows) == 2
    values = dict(zip(rows[0], rows[1], strict=True))
    assert values["Quarter"] == "2025Q1"
    assert values["Cases discussed"] == "3"
    assert values["Repeat cases"] == "2"
    assert values["Referrals from police"] == "2"
    assert values["Police referrals (% of cases)"] == "66.7"
    assert values["Children in the households"] == "4"
    assert values["Victims aged 16 or 17 (% of cases)"] == "33.3"
    assert values["Cases per 10,000 women aged 16 and over, last 12 months"] == "4.0"


def _same(value):
    """A cell from either file in one form: numbers as numbers, dates as ISO text."""
    if value is None or value == "":
        return None
    if hasattr(value, "date"):
        return value.date().isoformat()
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


def test_the_xlsx_has_the_same_row_in_the_same_columns(world, quarter_data, as_user):
    client = as_user(world.marac_coordinator)
    csv_rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("marac:quarterly-csv"), _query(quarter_data)).content.decode()
            )
        )
    )
    response = client.get(reverse("marac:quarterly-xlsx"), _query(quarter_data))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="marac-' in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, row = ([cell.value for cell in line] for line in sheet.iter_rows(max_row=2))
    assert header == csv_rows[0]
    assert [_same(cell) for cell in row] == [_same(text) for text in csv_rows[1]]
    values = dict(zip(header, row, strict=True))
    assert values["Cases discussed"] == 3  # a number, not text


def test_a_commissioner_gets_small_counts_hidden_in_the_files(world, quarter_data, as_user):
    response = as_user(world.commissioner).get(reverse("marac:quarterly-csv"), _query(quarter_data))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    values = dict(zip(rows[0], rows[1], strict=True))
    assert values["Cases discussed"] == "<5"
    assert values["Victims who are male (% of cases)"] == "<5"
    assert values["MARAC meetings held"] == "2"


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
        "rolling_12_months": 4.0,
        "expected_over_a_year": 40,
    }
    assert data["referrals_by_kind"]["police"] == 2
    assert data["police_share_percent"] == 66.7
    assert data["shares_percent"]["victims_male"] == 33.3
    assert {"agency": "Northshire Police", "cases": 2} in data["referrals_by_agency"]
    # Nothing in the answer names a person.
    text = response.content.decode()
    # (Whole names: a surname alone, such as North, may be an ordinary word in the answer.)
    names = [f"{p.given_name} {p.family_name}" for p in Person.objects.all()]
    assert [name for name in names if name in text] == []


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
