"""Reading ward boundaries from GeoJSON, and drawing the map of reach from them."""

import json
import math
from decimal import Decimal

import pytest

from onestory.needs.boundaries import SHADES, UNKNOWN_FILL, draw, read_boundaries, steps

SQUARE = [[[0.0, 52.0], [0.1, 52.0], [0.1, 52.1], [0.0, 52.1], [0.0, 52.0]]]


def feature(code="E05000001", geometry=None, key="WD22CD"):
    return {
        "type": "Feature",
        "properties": {key: code, "WD22NM": "A ward"},
        "geometry": geometry or {"type": "Polygon", "coordinates": SQUARE},
    }


def collection(*features):
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def test_a_polygon_and_a_multipolygon_are_read_by_their_codes():
    found = read_boundaries(
        collection(
            feature(),
            feature("e05000002", {"type": "MultiPolygon", "coordinates": [SQUARE, SQUARE]}, "code"),
        ),
        known_codes={"E05000001", "E05000002"},
    )
    assert found.ok
    assert found.shapes["E05000001"] == [SQUARE]
    assert found.shapes["E05000002"] == [SQUARE, SQUARE]


OPEN_RING = [[[0.0, 52.0], [0.1, 52.0], [0.1, 52.1], [0.0, 52.2]]]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "The file is not JSON"),
        ('{"type": "Feature"}', "The file is not a GeoJSON FeatureCollection"),
        (collection(), "The file's collection has no features"),
        (collection(feature("E05999999")), "Feature 1 (E05999999): the area is not loaded"),
        (collection(feature(), feature()), "Feature 2 (E05000001) repeats the area of feature 1"),
        (collection(feature(key="colour")), "Feature 1 names no area code"),
        (
            collection(feature(geometry={"type": "Point", "coordinates": [0, 52]})),
            "its geometry is Point; it must be a Polygon or MultiPolygon",
        ),
        (
            collection(feature(geometry={"type": "Polygon", "coordinates": OPEN_RING})),
            "a ring does not end where it starts",
        ),
        (
            collection(
                feature(geometry={"type": "Polygon", "coordinates": [[[0, 52], [1, 52], [0, 52]]]})
            ),
            "a ring needs at least four points",
        ),
        (
            collection(
                feature(
                    geometry={
                        "type": "Polygon",
                        "coordinates": [[[0, 52], [400000, 52], [1, 53], [0, 52]]],
                    }
                )
            ),
            "is not a longitude and latitude",
        ),
    ],
)
def test_problems_are_named_and_nothing_is_kept(text, message):
    found = read_boundaries(text, known_codes={"E05000001"})
    assert not found.ok
    assert found.shapes == {}
    assert any(message in str(problem) for problem in found.problems), found.problems


def test_one_bad_feature_keeps_none_of_the_good_ones():
    found = read_boundaries(collection(feature(), feature("E05999999")), known_codes={"E05000001"})
    assert [str(p) for p in found.problems] == [
        "Feature 2 (E05999999): the area is not loaded (`onestory load-areas`)"
    ]
    assert found.shapes == {}


def test_reach_is_cut_into_five_equal_steps_from_nothing_to_the_largest():
    assert steps([Decimal(10), Decimal(4)]) == [2, 4, 6, 8]
    assert steps([]) == []
    assert steps([Decimal(0)]) == []


def test_the_map_shades_each_ward_by_its_reach_and_names_it():
    east = [[[0.1, 52.0], [0.2, 52.0], [0.2, 52.1], [0.1, 52.1], [0.1, 52.0]]]
    found = draw(
        [("West", [SQUARE]), ("East", [east]), ("Quiet", [SQUARE])],
        {"West": (Decimal(10), "10.0%"), "East": (Decimal(3), "3.0%"), "Quiet": (None, "")},
    )
    shapes = {shape.name: shape for shape in found.shapes}
    assert shapes["West"].fill == SHADES[-1]  # the largest is in the darkest step
    assert shapes["East"].fill == SHADES[1]  # 3 is over the first cut (2), not the second (4)
    assert shapes["Quiet"].fill == UNKNOWN_FILL
    assert shapes["Quiet"].reach == "not shown"
    # West's square starts at the map's left edge; East's starts where West's ends.
    assert shapes["West"].path.startswith("M4.0,")
    assert shapes["East"].path.startswith("M320.0,")
    assert " L320.0," in shapes["West"].path
    assert found.width == 640
    # In proportion: a degree east at the map's middle (52.05° N) is cos(52.05°) of a degree
    # north, so two squares 0.1° across and 0.1° high are 632 wide and this tall, plus margins.
    assert found.height == round(632 * 0.1 / (0.2 * math.cos(math.radians(52.05)))) + 8
    assert [step.label for step in found.legend][:2] == ["0.0% to 2.0%", "2.0% to 4.0%"]


def test_no_shapes_no_map():
    assert draw([], {}) is None
