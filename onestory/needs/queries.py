"""Reading the population and rates, and making the estimate for an area and year."""

from __future__ import annotations

from collections import defaultdict

from onestory.accounts.models import Area
from onestory.needs.bands import Band
from onestory.needs.estimate import Estimate, EstimateRefused, Rate, estimate
from onestory.needs.models import PopulationCount, PrevalenceRate


def series_available() -> list[tuple[str, int]]:
    """Every (series, survey year) loaded, newest first."""
    found = PrevalenceRate.objects.values_list("series", "survey_year").distinct()
    return sorted(set(found), key=lambda item: (-item[1], item[0]))


def rates_for(series: str, survey_year: int) -> list[Rate]:
    return [
        Rate(r.series, r.survey_year, r.sex, r.band, r.percent)
        for r in PrevalenceRate.objects.filter(series=series, survey_year=survey_year)
    ]


class Geography:
    """Every area, held once in memory: the partnership has thousands of wards, not millions."""

    def __init__(self) -> None:
        self.areas = {a.pk: a for a in Area.objects.all()}
        self.children: dict[int | None, list[int]] = defaultdict(list)
        for area in self.areas.values():
            self.children[area.parent_id].append(area.pk)

    def within(self, area_id: int) -> set[int]:
        """The area and every area under it."""
        found, todo = set(), [area_id]
        while todo:
            current = todo.pop()
            found.add(current)
            todo.extend(self.children.get(current, []))
        return found

    def wards_within(self, area_id: int) -> list[Area]:
        return sorted(
            (self.areas[i] for i in self.within(area_id) if self.areas[i].level == "ward"),
            key=lambda a: a.name,
        )


def population_of(
    area: Area, year: int, *, geography: Geography | None = None, loaded=None
) -> dict[tuple[str, Band], int]:
    """The area's population by sex and age: its own rows when loaded, else the sum of its
    children's when every child has rows (a district from its wards), else nothing.

    ``loaded`` (area id → rows) lets a caller that asks for many areas read the year once.
    """
    if loaded is None:
        loaded = population_rows(year)
    own = loaded.get(area.pk)
    if own:
        return dict(own)
    geography = geography or Geography()
    children = geography.children.get(area.pk, [])
    if not children:
        return {}
    total: dict[tuple[str, Band], int] = defaultdict(int)
    for child_id in children:
        part = population_of(geography.areas[child_id], year, geography=geography, loaded=loaded)
        if not part:
            return {}
        for key, count in part.items():
            total[key] += count
    return dict(total)


def population_rows(year: int) -> dict[int, dict[tuple[str, Band], int]]:
    loaded: dict[int, dict[tuple[str, Band], int]] = defaultdict(dict)
    rows = PopulationCount.objects.filter(year=year).values_list(
        "area_id", "sex", "age_from", "age_to", "count"
    )
    for area_id, sex, low, high, count in rows:
        loaded[area_id][(sex, (low, high))] = count
    return loaded


def years_loaded() -> list[int]:
    return sorted(set(PopulationCount.objects.values_list("year", flat=True)), reverse=True)


def estimate_for(area: Area, year: int, series: str, survey_year: int, **kwargs) -> Estimate:
    """The estimate for an area and mid-year, from one series' rates. ``EstimateRefused``
    says why when it cannot be made."""
    population = population_of(area, year, **kwargs)
    if not population:
        raise EstimateRefused(
            f"No population is loaded for {area.name} in {year}; load the ONS mid-year "
            "estimates with `onestory load-population`."
        )
    return estimate(rates_for(series, survey_year), population, area=area.name)


def ward_shapes(area: Area, *, geography: Geography | None = None) -> list[tuple[str, list]]:
    """The loaded boundaries of the wards in ``area`` (or of the ward itself), by name."""
    from onestory.needs.models import Boundary

    geography = geography or Geography()
    wards = {ward.pk: ward.name for ward in geography.wards_within(area.pk)}
    found = Boundary.objects.filter(area_id__in=wards).values_list("area_id", "polygons")
    return sorted((wards[area_id], polygons) for area_id, polygons in found)


def commentary_of(*, agency_id: int, area: Area, year: int) -> dict[str, str]:
    """The agency's saved commentary on an area's assessment for a year, by section."""
    from onestory.needs.models import Commentary

    return dict(
        Commentary.objects.filter(agency_id=agency_id, area=area, year=year).values_list(
            "section", "text"
        )
    )
