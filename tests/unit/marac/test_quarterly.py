"""MARAC quarterly figures as pure functions: quarters, characteristics, counts, hiding."""

from datetime import date

import pytest

from onestory.marac import quarterly
from onestory.marac.quarterly import CaseFacts, Quarter


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2025Q1", date(2025, 1, 1), date(2025, 3, 31)),
        ("2024q1", date(2024, 1, 1), date(2024, 3, 31)),
        ("2025-Q2", date(2025, 4, 1), date(2025, 6, 30)),
        (" 2025Q3 ", date(2025, 7, 1), date(2025, 9, 30)),
        ("2025Q4", date(2025, 10, 1), date(2025, 12, 31)),
    ],
)
def test_a_quarter_is_read_from_its_code(text, start, end):
    quarter = quarterly.parse_quarter(text)
    assert (quarter.start, quarter.end) == (start, end)


@pytest.mark.parametrize("text", ["", "2025", "2025Q5", "Q1 2025", "1899Q1", "next"])
def test_a_bad_quarter_is_refused_plainly(text):
    with pytest.raises(ValueError, match=r"Enter a"):
        quarterly.parse_quarter(text)


def test_recent_quarters_go_back_across_years():
    codes = [q.code for q in quarterly.recent_quarters(date(2026, 2, 1), 3)]
    assert codes == ["2026Q1", "2025Q4", "2025Q3"]
    assert Quarter(2025, 1).title == "January to March 2025"


@pytest.mark.parametrize(
    ("ethnicity", "expected"),
    [
        ("white_british", False),
        ("white_irish", False),
        ("white_other", False),
        ("white_gypsy_traveller", True),
        ("white_roma", True),
        ("black_caribbean", True),
        ("asian_pakistani", True),
        ("mixed_other", True),
        ("other_arab", True),
        ("", False),
        ("prefer_not_to_say", False),
    ],
)
def test_racially_minoritised(ethnicity, expected):
    assert quarterly.racially_minoritised(ethnicity) is expected


@pytest.mark.parametrize(
    ("orientation", "gender", "same", "expected"),
    [
        ("straight", "woman", "yes", False),
        ("gay_or_lesbian", "woman", "yes", True),
        ("bisexual", "", "", True),
        ("straight", "woman", "no", True),
        ("", "non_binary", "", True),
        ("prefer_not_to_say", "", "prefer_not_to_say", False),
    ],
)
def test_lgbt_plus(orientation, gender, same, expected):
    assert (
        quarterly.lgbt_plus(
            sexual_orientation=orientation, gender_identity=gender, same_as_at_birth=same
        )
        is expected
    )


@pytest.mark.parametrize(
    ("sex", "gender", "expected"),
    [("male", "", True), ("male", "woman", False), ("female", "man", True), ("female", "", False)],
)
def test_male_goes_by_gender_first(sex, gender, expected):
    assert quarterly.male(sex=sex, gender_identity=gender) is expected


@pytest.mark.parametrize(("age", "expected"), [(15, False), (16, True), (17, True), (18, False)])
def test_aged_16_or_17(age, expected):
    assert quarterly.aged_16_or_17(age) is expected


@pytest.mark.parametrize(("age", "expected"), [(None, False), (17, True), (18, False)])
def test_under_18(age, expected):
    assert quarterly.under_18(age) is expected


CASES = [
    CaseFacts("Police", "police", repeat=True, children=2, racially_minoritised=True, male=True),
    CaseFacts("Police", "police", children=1, lgbt_plus=True, perpetrator_under_18=True),
    CaseFacts("IDVA service", "idva", repeat=True, disabled=True, aged_16_or_17=True),
    CaseFacts("Housing", "housing", children=3, disabled=True, perpetrator_under_18=True),
]


def test_the_figures_count_each_case_once():
    result = quarterly.figures(CASES, meetings_held=3, adult_women=20_000)
    assert result.counts() == {
        "meetings_held": 3,
        "cases_discussed": 4,
        "repeats": 2,
        "children": 6,
        "victims_racially_minoritised": 1,
        "victims_lgbt_plus": 1,
        "victims_disabled": 2,
        "victims_male": 1,
        "victims_aged_16_or_17": 1,
        "perpetrators_under_18": 2,
    }
    assert result.referrals_by_agency == {"Housing": 1, "IDVA service": 1, "Police": 2}
    assert result.referrals_by_group == {
        "police": 2,
        "idva": 1,
        "childrens_social_care": 0,
        "health": 0,
        "housing": 1,
        "probation": 0,
        "other": 0,
    }
    assert result.police_share == 50.0
    assert result.repeat_rate == 50.0
    assert result.per_10000_this_quarter == 2.0
    assert result.per_10000_a_year == 8.0


def test_rates_are_unknown_without_cases_or_a_population():
    result = quarterly.figures([], meetings_held=0, adult_women=None)
    assert result.repeat_rate is None
    assert result.per_10000_a_year is None


def test_coordinators_see_every_count():
    result = quarterly.figures(CASES, meetings_held=3, adult_women=20_000)
    published = quarterly.publish(result, suppressed=False)
    assert published.counts["repeats"] == 2
    assert published.repeat_rate == 50.0


def test_small_counts_are_hidden_from_everyone_else():
    result = quarterly.figures(CASES, meetings_held=3, adult_women=20_000)
    published = quarterly.publish(result, suppressed=True)
    assert published.counts["meetings_held"] == 3  # meetings point to no one
    assert published.counts["cases_discussed"] is None
    assert published.counts["repeats"] is None
    assert published.repeat_rate is None
    assert published.per_10000_a_year is None
    assert set(published.referrals_by_agency.values()) == {None}


def test_one_hidden_agency_beside_a_total_hides_the_next_smallest():
    cases = (
        [CaseFacts("Police", "police")] * 8
        + [CaseFacts("Housing", "housing")] * 6
        + [CaseFacts("Health", "health")] * 2
    )
    published = quarterly.publish(
        quarterly.figures(cases, meetings_held=1, adult_women=None), suppressed=True
    )
    assert published.counts["cases_discussed"] == 16
    assert published.referrals_by_agency == {"Health": None, "Housing": None, "Police": 8}
    assert published.referrals_by_group["police"] == 8
    assert published.referrals_by_group["health"] is None
    assert published.referrals_by_group["housing"] is None  # or health could be worked out
    assert published.referrals_by_group["probation"] == 0


def test_a_count_of_none_is_shown():
    result = quarterly.figures([CaseFacts("Police")] * 6, meetings_held=1, adult_women=None)
    published = quarterly.publish(result, suppressed=True)
    assert published.counts["repeats"] == 0
    assert published.counts["cases_discussed"] == 6


@pytest.mark.parametrize(
    ("kind", "group"),
    [
        ("police", "police"),
        ("idva", "idva"),
        ("csc", "childrens_social_care"),
        ("health", "health"),
        ("housing", "housing"),
        ("probation", "probation"),
        ("outreach", "other"),
        ("cpoc", "other"),
        ("asc", "other"),
        ("education", "other"),
        ("refuge", "other"),
    ],
)
def test_referring_agencies_fall_into_the_templates_groups(kind, group):
    assert quarterly.referrer_group(kind) == group


@pytest.mark.parametrize(
    ("recorded", "linked", "expected"),
    [(None, 0, 0), (None, 2, 2), (3, 1, 3), (0, 0, 0), (4, 0, 4), (1, 2, 2)],
)
def test_children_in_the_household_come_from_what_the_referral_records(recorded, linked, expected):
    assert quarterly.household_children(recorded, linked) == expected


@pytest.mark.parametrize(
    ("quarters", "filled", "year"),
    [
        ([10, 12, 8, 9], [10, 12, 8, 9], 39),
        ([10, None, 8, 9], [10, 10, 8, 9], 37),  # a missing quarter takes the one before
        ([10, None, None, 9], [10, 10, 10, 9], 39),
        ([7, 10, 12, 8, None], [7, 10, 12, 8, 8], 38),  # the quarter reported itself missing
        ([None, 12, 8, 9], [None, 12, 8, 9], None),  # nothing before it to fill it
        ([5, None, 12, 8, 9], [5, 5, 12, 8, 9], 34),
        ([12, 8, 9], [12, 8, 9], None),  # not yet a year
        ([0, 0, 0, 0], [0, 0, 0, 0], 0),
    ],
)
def test_the_rolling_year_fills_a_missing_quarter_with_the_previous_one(quarters, filled, year):
    assert quarterly.fill_missing(quarters) == filled
    assert quarterly.rolling_year(quarters) == year


def test_the_rolling_rate_is_per_10000_adult_women():
    result = quarterly.figures(CASES, meetings_held=3, adult_women=20_000, cases_rolling_year=39)
    assert result.per_10000_rolling_year == 19.5
    assert (
        quarterly.figures(CASES, meetings_held=3, adult_women=None).per_10000_rolling_year is None
    )


def test_cases_without_a_meeting_held_cannot_be_counted():
    with pytest.raises(ValueError, match="a meeting was held"):
        quarterly.figures(CASES, meetings_held=0, adult_women=None)


@pytest.mark.parametrize(("count", "cases", "share"), [(1, 3, 33.3), (0, 5, 0.0), (2, 0, None)])
def test_shares_of_cases(count, cases, share):
    assert quarterly.share(count, cases) == share


def test_the_template_row_is_in_the_templates_column_order():
    from onestory.marac import quarterly_template as template

    result = quarterly.figures(CASES, meetings_held=3, adult_women=20_000, cases_rolling_year=39)
    row = template.row(
        "North MARAC", Quarter(2025, 1), result, quarterly.publish(result, suppressed=False)
    )
    values = dict(zip(template.HEADINGS, row, strict=True))
    assert template.HEADINGS[:13] == (
        "MARAC",
        "Quarter",
        "Quarter start",
        "Quarter end",
        "MARAC meetings held",
        "Cases discussed",
        "Referrals from police",
        "Referrals from IDVA services",
        "Referrals from children's social care",
        "Referrals from health",
        "Referrals from housing",
        "Referrals from probation",
        "Referrals from other agencies",
    )
    assert values["Police referrals (% of cases)"] == 50.0
    assert values["Victims who are disabled"] == 2
    assert values["Victims who are disabled (% of cases)"] == 50.0
    assert values["Cases with a person using harm under 18 (% of cases)"] == 50.0
    assert values["Cases per 10,000 women aged 16 and over, last 12 months"] == 19.5
    hidden = template.row(
        "North MARAC", Quarter(2025, 1), result, quarterly.publish(result, suppressed=True)
    )
    hidden_values = dict(zip(template.HEADINGS, hidden, strict=True))
    assert hidden_values["Cases discussed"] == "<5"
    assert hidden_values["Victims who are disabled (% of cases)"] == "<5"
    assert hidden_values["MARAC meetings held"] == 3
