"""The median the accommodation figures publish, from counts of each value."""

from statistics import median

import pytest

from onestory.accommodation.figures import median_of


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({}, None),
        ({3: 4}, None),  # four values: too few to publish
        ({3: 5}, 3),
        ({1: 1, 2: 1, 3: 1, 4: 1, 9: 1}, 3),
        ({1: 3, 10: 3}, 5.5),  # an even number: halfway between the middle two
        ({7: 2, 8: 2, 20: 1, 0: 1}, 7.5),
        ({2: 1, 5: 9}, 5),
        ({0: 6, 1: 1}, 0),
    ],
)
def test_the_median_of_counted_values(counts, expected):
    assert median_of(counts) == expected
    if expected is not None:
        values = [value for value, count in counts.items() for _ in range(count)]
        assert median(values) == expected
