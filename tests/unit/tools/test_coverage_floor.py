"""`make test` holds the coverage figure to a floor that may only rise."""

import pytest

from tools.run_tests import COVERAGE_FLOOR, coverage_problem, read_floor


@pytest.mark.parametrize(
    ("figure", "floor", "on_main", "fails"),
    [
        (80.0, 80.0, 80.0, None),  # at the floor
        (85.2, 80.0, 80.0, None),  # above it
        (79.9, 80.0, 80.0, "below the floor"),
        (85.0, 79.0, 80.0, "may only rise"),  # lowered, however high the figure
        (85.0, 81.0, 80.0, None),  # raised
        (85.0, 80.0, None, None),  # no main to compare with
        (None, 80.0, 80.0, "no figure"),
    ],
)
def test_the_floor_may_only_rise(figure, floor, on_main, fails):
    problem = coverage_problem(figure, floor, on_main)
    if fails is None:
        assert problem is None
    else:
        assert fails in problem


def test_the_floor_file_reads_as_a_percentage():
    assert read_floor("# a comment\n\n71.5\n") == 71.5
    assert 0 < read_floor(COVERAGE_FLOOR.read_text()) <= 100
