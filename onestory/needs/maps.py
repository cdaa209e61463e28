"""The map of reach by ward for an assessment, where the wards' boundaries are loaded."""

from __future__ import annotations

from onestory.needs.boundaries import Map, draw
from onestory.needs.queries import ward_shapes
from onestory.needs.reach import Reach


def reach_map(result: Reach) -> Map | None:
    """The wards of the assessed area shaded by reach; None when no boundary is loaded."""
    shapes = ward_shapes(result.area)
    if not shapes:
        return None
    table = next((t for t in result.tables if t.key == "ward"), None)
    reach = {row.label: (row.reach_value, row.reach) for row in table.rows} if table else {}
    return draw(shapes, reach)
