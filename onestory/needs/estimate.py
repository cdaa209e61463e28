"""The prevalence estimate, as pure functions: a survey's rate for each sex and age band times
the population in it, summed, with the age range the rates cover said beside the result.

Rates are percentages (7.3 means 7.3%). The population may be in single years of age or in
bands; each rate band is filled from the population rows that lie inside it, and a
population row that straddles a rate band's edge is refused rather than split, so that no
figure is made up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from onestory.needs.bands import (
    SEXES,
    Band,
    band_label,
    covered_range,
    overlaps,
    within,
)


class EstimateRefused(Exception):
    """The estimate cannot honestly be made from these inputs; the message says why."""


@dataclass(frozen=True)
class Rate:
    series: str
    survey_year: int
    sex: str
    band: Band
    percent: Decimal


@dataclass(frozen=True)
class Line:
    sex: str
    band: Band
    population: int
    percent: Decimal
    estimate: Decimal

    @property
    def label(self) -> str:
        return band_label(self.band)

    @property
    def percent_text(self) -> str:
        """The rate as published: 2.5%, not 2.500%."""
        return f"{self.percent.normalize():f}%"


@dataclass
class Estimate:
    series: str
    survey_year: int
    age_range: Band
    lines: list[Line] = field(default_factory=list)

    def total(self, sex: str | None = None) -> Decimal:
        return sum((x.estimate for x in self.lines if sex in (None, x.sex)), Decimal(0))

    def population(self, sex: str | None = None) -> int:
        return sum(x.population for x in self.lines if sex in (None, x.sex))

    def for_band(self, sex: str, band: Band) -> Decimal:
        return sum((x.estimate for x in self.lines if x.sex == sex and x.band == band), Decimal(0))

    @property
    def women(self) -> Decimal:
        return self.total("female")

    @property
    def men(self) -> Decimal:
        return self.total("male")

    @property
    def age_range_label(self) -> str:
        low, high = self.age_range
        return f"aged {low} and over" if high is None else f"aged {low} to {high}"

    @property
    def bands(self) -> list[Band]:
        return sorted({x.band for x in self.lines})


def whole(value: Decimal) -> int:
    """A figure rounded to a whole person, halves up."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def rounded_to(value: Decimal, step: int) -> int:
    """Rounded to the nearest ``step`` (100 as published estimates are), halves up."""
    return int((value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * step


def one_series(rates: Iterable[Rate]) -> tuple[str, int]:
    """The one (series, survey year) the rates come from; refused when they mix."""
    found = sorted({(r.series, r.survey_year) for r in rates})
    if not found:
        raise EstimateRefused("No survey rates are loaded for that series and year.")
    if len(found) > 1:
        named = "; ".join(f"{series} (year ending March {year})" for series, year in found)
        raise EstimateRefused(
            "The rates come from more than one survey series or year, which measure "
            f"different things and cannot be added together: {named}. Choose one."
        )
    return found[0]


def estimate(
    rates: Iterable[Rate], population: Mapping[tuple[str, Band], int], *, area: str = "the area"
) -> Estimate:
    """Rate × population for each sex and band of the rates, summed.

    ``population`` maps (sex, band) to a count, in single years or bands. Refuses rates from
    more than one series or year, rates whose bands leave a gap, an area with no population,
    and a population that does not fill a rate band or straddles its edge.
    """
    rates = list(rates)
    series, year = one_series(rates)
    if not population:
        raise EstimateRefused(
            f"No population is loaded for {area}; load the ONS mid-year estimates with "
            "`onestory load-population` first."
        )
    result: Estimate | None = None
    by_sex: dict[str, list[Rate]] = {}
    for rate in rates:
        by_sex.setdefault(rate.sex, []).append(rate)
    ranges = {sex: covered_range([r.band for r in group]) for sex, group in by_sex.items()}
    for sex, covered in ranges.items():
        if covered is None:
            raise EstimateRefused(
                f"The {sex} rates of {series} (year ending March {year}) leave a gap or "
                "overlap between their age bands."
            )
    if len(set(ranges.values())) > 1:
        raise EstimateRefused(
            f"The rates of {series} (year ending March {year}) cover different ages for "
            "women and men."
        )
    age_range = next(iter(ranges.values()))
    result = Estimate(series=series, survey_year=year, age_range=age_range)
    for sex in SEXES:
        for rate in sorted(by_sex.get(sex, []), key=lambda r: r.band):
            people = _population_in(population, sex, rate.band, area)
            result.lines.append(
                Line(sex, rate.band, people, rate.percent, rate.percent * people / 100)
            )
    return result


def _population_in(
    population: Mapping[tuple[str, Band], int], sex: str, band: Band, area: str
) -> int:
    inside = 0
    ages: list[Band] = []
    for (row_sex, row_band), count in population.items():
        if row_sex != sex or not overlaps(row_band, band):
            continue
        if not within(row_band, band):
            raise EstimateRefused(
                f"The population of {area} is loaded in the band {band_label(row_band)}, "
                f"which straddles the survey's band {band_label(band)}; load single years "
                "of age or bands that fit inside the survey's."
            )
        inside += count
        ages.append(row_band)
    if covered_range(ages) != band:
        raise EstimateRefused(
            f"The population of {area} does not cover every age in the band "
            f"{band_label(band)} for {sex}s."
        )
    return inside
