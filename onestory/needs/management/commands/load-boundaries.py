"""``onestory load-boundaries FILE``: load the areas' boundaries for the map of reach."""

from onestory.needs.actions import load_boundaries
from onestory.needs.management.commands._file_command import LoadFileCommand, loader


class Command(LoadFileCommand):
    help = (
        "Load area boundaries from a GeoJSON FeatureCollection of Polygon or MultiPolygon "
        "features in longitude and latitude (as ONS publishes ward boundaries), each naming "
        "its area's code in a property (code, or ONS's WD22CD and the like). The areas must "
        "be loaded already. The whole file is checked first: if any feature is wrong, every "
        "problem is listed and nothing is saved. Each area in the file has its boundary "
        "replaced."
    )
    what = "area boundaries"
    load = loader(load_boundaries)
