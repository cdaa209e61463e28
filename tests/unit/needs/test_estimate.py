"""The estimate: rate × population per sex and age band, summed, by hand."""

from decimal import Decimal

import pytest

from onestory.needs.bands import FEMALE, MALE
from onestory.needs.estimate import (
    EstimateRefused,
    Rate,
    estimate,
    one_series,
    rounded_to,
    whole,
)

D = Decimal
S = "CSEW 16-74, questions before 2024"


def rates(series=S, year=2020, table=None):
    table = table or {
        (FEMALE, (16, 24)): "10.0",
        (FEMALE, (25, 74)): "5.0",
        (MALE, (16, 24)): "4.0",
        (MALE, (25, 74)): "2.5",
    }
    return [Rate(series, year, sex, band, D(p)) for (sex, band), p in table.items()]


def singles(sex, low, high, each):
    return {(sex, (age, age)): each for age in range(low, high + 1)}


def test_rate_times_population_summed_by_hand():
    # Women 16-24: 9 years x 100 = 900 at 10% = 90; 25-74: 50 years x 200 = 10,000 at 5% = 500.
    # Men 16-24: 9 x 100 = 900 at 4% = 36; 25-74: 50 x 180 = 9,000 at 2.5% = 225.
    population = {
        **singles(FEMALE, 16, 24, 100),
        **singles(FEMALE, 25, 74, 200),
        **singles(MALE, 16, 24, 100),
        **singles(MALE, 25, 74, 180),
        # Ages outside the survey's range are loaded but not counted.
        **singles(FEMALE, 0, 15, 999),
        (FEMALE, (90, None)): 50,
    }
    result = estimate(rates(), population)
    table = [(x.sex, x.band, x.population, x.estimate) for x in result.lines]
    assert table == [
        (FEMALE, (16, 24), 900, D("90")),
        (FEMALE, (25, 74), 10_000, D("500")),
        (MALE, (16, 24), 900, D("36")),
        (MALE, (25, 74), 9_000, D("225")),
    ]
    assert result.total(FEMALE) == D("590")
    assert result.total(MALE) == D("261")
    assert result.total() == D("851")
    assert result.population() == 20_800
    assert result.age_range == (16, 74)
    assert result.age_range_label == "aged 16 to 74"
    assert [x.percent_text for x in result.lines] == ["10%", "5%", "4%", "2.5%"]


def test_population_in_bands_that_fit_inside_the_rates_bands():
    population = {
        (FEMALE, (16, 19)): 400,
        (FEMALE, (20, 24)): 500,
        (FEMALE, (25, 74)): 10_000,
        (MALE, (16, 24)): 900,
        (MALE, (25, 74)): 9_000,
    }
    result = estimate(rates(), population)
    assert result.for_band(FEMALE, (16, 24)) == D("90")
    assert result.total() == D("851")


def test_an_open_top_band_takes_onss_90_and_over():
    table = {(FEMALE, (16, 59)): "8.0", (FEMALE, (60, None)): "2.0"}
    population = {**singles(FEMALE, 16, 89, 10), (FEMALE, (90, None)): 30}
    result = estimate(rates(table=table), population)
    # 16-59: 44 x 10 = 440 at 8% = 35.2; 60+: 30 x 10 + 30 = 330 at 2% = 6.6.
    assert [x.estimate for x in result.lines] == [D("35.2"), D("6.6")]
    assert result.age_range_label == "aged 16 and over"
    assert whole(result.total()) == 42


def test_refuses_to_mix_series():
    mixed = rates() + rates(series="CSEW 16+, questions from 2024", year=2024)[:1]
    with pytest.raises(EstimateRefused, match="more than one survey series"):
        estimate(mixed, singles(FEMALE, 16, 74, 1))


def test_refuses_to_mix_survey_years_of_one_series():
    with pytest.raises(EstimateRefused, match=r"March 2019\); .*March 2020"):
        one_series(rates(year=2019) + rates(year=2020))


def test_refuses_an_area_with_no_population():
    with pytest.raises(EstimateRefused, match="No population is loaded for Harrowmere"):
        estimate(rates(), {}, area="Harrowmere")


def test_refuses_no_rates():
    with pytest.raises(EstimateRefused, match="No survey rates"):
        estimate([], singles(FEMALE, 16, 74, 1))


def test_refuses_a_population_band_across_a_rate_band_edge():
    population = {(FEMALE, (16, 29)): 1000, (FEMALE, (30, 74)): 1000}
    population |= singles(MALE, 16, 74, 1)
    with pytest.raises(EstimateRefused, match="straddles the survey's band 16–24"):
        estimate(rates(), population)


def test_refuses_a_population_with_missing_ages():
    population = {**singles(FEMALE, 16, 74, 1), **singles(MALE, 16, 70, 1)}
    with pytest.raises(EstimateRefused, match="does not cover every age in the band 25–74"):
        estimate(rates(), population)


def test_refuses_rates_covering_different_ages_for_women_and_men():
    table = {(FEMALE, (16, 74)): "7.3", (MALE, (16, 59)): "3.6"}
    with pytest.raises(EstimateRefused, match="different ages"):
        estimate(rates(table=table), singles(FEMALE, 16, 74, 1) | singles(MALE, 16, 74, 1))


@pytest.mark.parametrize(
    ("value", "step", "expected"),
    [("4891.0", 100, 4900), ("4850", 100, 4900), ("4849.99", 100, 4800), ("7689.5", 10, 7690)],
)
def test_rounded_as_published(value, step, expected):
    assert rounded_to(D(value), step) == expected
