"""Ward boundaries from a GeoJSON file, and the map of reach drawn from them.

Reading is pure: given the file's text and the area codes that exist, ``read_boundaries``
returns each area's polygons or every problem, numbered by feature. The loader in
``actions`` saves a file completely or not at all.

A file is a GeoJSON ``FeatureCollection`` of ``Polygon`` or ``MultiPolygon`` features in
longitude and latitude (as ONS's boundary files are published), each naming its area's code
in a property: ``code``, ``area_code`` or ONS's ``WD22CD``, ``LAD23CD`` and the like.

The map is drawn here as SVG, on the server, with no tiles or scripts: each ward a path
shaded by its reach, named in its own ``<title>``, with a legend; the page keeps the table
of the same figures beside it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from onestory.needs.files import Problem

CODE_PROPERTY = re.compile(r"^(code|area_?code|areacode|wd\d*cd|lad\d*cd|cty\d*cd)$", re.I)
MOST_POINTS = 200_000  # in one file: a partnership's wards, generalised, are far fewer
Polygon = list[list[list[float]]]  # rings of [longitude, latitude]


class FeatureProblem(Problem):
    """A problem with the file or one of its features, named by feature, not line."""

    def __str__(self) -> str:
        return self.message[:1].upper() + self.message[1:]


@dataclass
class Boundaries:
    shapes: dict[str, list[Polygon]] = field(default_factory=dict)  # area code → polygons
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _ring_problem(ring) -> str | None:
    if not isinstance(ring, list) or len(ring) < 4:
        return "a ring needs at least four points"
    for point in ring:
        if not (isinstance(point, list) and len(point) >= 2 and all(map(_number, point[:2]))):
            return "a point is not a pair of numbers"
        if not (-180 <= point[0] <= 180 and -90 <= point[1] <= 90):
            return f"the point {point[:2]} is not a longitude and latitude"
    if ring[0][:2] != ring[-1][:2]:
        return "a ring does not end where it starts"
    return None


def _polygons(geometry) -> tuple[list[Polygon], str | None]:
    if not isinstance(geometry, dict):
        return [], "it has no geometry"
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        polygons = [coordinates]
    elif kind == "MultiPolygon" and isinstance(coordinates, list):
        polygons = coordinates
    else:
        return [], f"its geometry is {kind or 'untyped'}; it must be a Polygon or MultiPolygon"
    if not polygons:
        return [], "its geometry has no polygons"
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return [], "a polygon has no rings"
        for ring in polygon:
            problem = _ring_problem(ring)
            if problem:
                return [], problem
    return [
        [[[float(p[0]), float(p[1])] for p in ring] for ring in poly] for poly in polygons
    ], None


def read_boundaries(text: str, *, known_codes: set[str]) -> Boundaries:
    """Check a GeoJSON file; ``known_codes`` are the areas loaded."""
    found = Boundaries()
    try:
        data = json.loads(text)
    except ValueError as error:
        found.problems.append(FeatureProblem(0, f"the file is not JSON: {error}"))
        return found
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        found.problems.append(FeatureProblem(0, "the file is not a GeoJSON FeatureCollection"))
        return found
    features = data.get("features")
    if not isinstance(features, list) or not features:
        found.problems.append(FeatureProblem(0, "the file's collection has no features"))
        return found
    points = 0
    first: dict[str, int] = {}
    for number, feature in enumerate(features, start=1):
        where = f"feature {number}"
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(properties, dict):
            found.problems.append(FeatureProblem(number, f"{where} has no properties"))
            continue
        code = next(
            (str(v).strip().upper() for k, v in properties.items() if CODE_PROPERTY.match(k)), ""
        )
        if not code:
            found.problems.append(
                FeatureProblem(number, f"{where} names no area code (code, or ONS's WD22CD)")
            )
            continue
        where = f"feature {number} ({code})"
        if code not in known_codes:
            found.problems.append(
                FeatureProblem(number, f"{where}: the area is not loaded (`onestory load-areas`)")
            )
            continue
        if code in first:
            found.problems.append(
                FeatureProblem(number, f"{where} repeats the area of feature {first[code]}")
            )
            continue
        polygons, problem = _polygons(feature.get("geometry"))
        if problem:
            found.problems.append(FeatureProblem(number, f"{where}: {problem}"))
            continue
        points += sum(len(ring) for poly in polygons for ring in poly)
        first[code] = number
        found.shapes[code] = polygons
    if points > MOST_POINTS:
        found.problems.append(
            FeatureProblem(
                0, f"the file has {points:,} points, more than {MOST_POINTS:,}; simplify it first"
            )
        )
    if found.problems:
        found.shapes = {}
    return found


# The map -----------------------------------------------------------------------------------

WIDTH = 640
# Reach in five steps, light to dark, each step at least 3:1 against its neighbour's text.
SHADES = ("#d2e2f1", "#9fc2e2", "#5694ca", "#1d70b8", "#003078")
UNKNOWN_FILL = "#ffffff"


@dataclass(frozen=True)
class Shape:
    name: str
    path: str
    fill: str
    reach: str  # as the table shows it, or "not shown"


@dataclass(frozen=True)
class Step:
    fill: str
    label: str


@dataclass
class Map:
    width: int
    height: int
    shapes: list[Shape]
    legend: list[Step]


def steps(values: Iterable[Decimal]) -> list[Decimal]:
    """Four cut points splitting 0 to the largest value into five equal steps."""
    largest = max(values, default=Decimal(0))
    if largest <= 0:
        return []
    return [largest * n / 5 for n in range(1, 5)]


def _shade(value: Decimal, cuts: list[Decimal]) -> str:
    return SHADES[sum(1 for cut in cuts if value > cut)]


def draw(
    wards: list[tuple[str, list[Polygon]]], reach: dict[str, tuple[Decimal | None, str]]
) -> Map | None:
    """The map of ``wards`` (name, polygons) shaded by ``reach`` (name → value, text)."""
    points = [p for _, polys in wards for poly in polys for ring in poly for p in ring]
    if not points:
        return None
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    squash = math.cos(math.radians((north + south) / 2))  # keeps the shapes' proportions
    span_x, span_y = max((east - west) * squash, 1e-9), max(north - south, 1e-9)
    scale = (WIDTH - 8) / span_x
    height = round(span_y * scale) + 8

    def xy(point: list[float]) -> str:
        return f"{4 + (point[0] - west) * squash * scale:.1f},{4 + (north - point[1]) * scale:.1f}"

    cuts = steps(v for v, _ in reach.values() if v is not None)
    shapes = []
    for name, polygons in wards:
        path = " ".join(
            "M" + " L".join(xy(p) for p in ring[:-1]) + " Z" for poly in polygons for ring in poly
        )
        value, text = reach.get(name, (None, ""))
        fill = UNKNOWN_FILL if value is None or not cuts else _shade(value, cuts)
        shapes.append(Shape(name, path, fill, text or "not shown"))
    legend = []
    if cuts:
        bounds = [Decimal(0), *cuts, None]
        for n, fill in enumerate(SHADES):
            low, high = bounds[n], bounds[n + 1]
            label = f"over {low:.1f}%" if high is None else f"{low:.1f}% to {high:.1f}%"
            legend.append(Step(fill, label))
    legend.append(Step(UNKNOWN_FILL, "not shown (too few to publish, or no estimate)"))
    return Map(WIDTH, height, shapes, legend)
