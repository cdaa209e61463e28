"""Out of area both ways: where the household came from and where it went, by one rule."""

import pytest

from onestory.accommodation import rules

PARTNERSHIP = {"E10000099"}
TOWN = ("E07000901", "E10000099")  # a district and its county
WARD = ("E05000001", "E07000901", "E10000099")
ELSEWHERE = ("E07000301", "E10000030")  # a district of another county


@pytest.mark.parametrize(
    ("codes", "inside"),
    [
        (TOWN, True),
        (WARD, True),
        (("E10000099",), True),
        (ELSEWHERE, False),
        ((), False),  # outside every area OneStory holds, or not known
    ],
)
def test_a_place_is_inside_when_it_or_an_area_above_it_is_the_partnerships(codes, inside):
    assert rules.in_partnership_area(codes, PARTNERSHIP) is inside


@pytest.mark.parametrize(
    ("came_from", "went_to", "expected"),
    [
        (TOWN, TOWN, (True, True)),
        (TOWN, (), (True, False)),  # placed in a scheme across the border
        ((), TOWN, (False, True)),  # came from outside into one of ours
        (ELSEWHERE, ELSEWHERE, (False, False)),
        (TOWN, None, (True, None)),  # no place taken yet
        ((), None, (False, None)),
    ],
)
def test_a_placement_is_recorded_in_or_out_of_area_both_ways(came_from, went_to, expected):
    assert (
        rules.placement_areas(from_codes=came_from, scheme_codes=went_to, partnership=PARTNERSHIP)
        == expected
    )


def test_no_partnership_areas_means_nothing_is_inside():
    assert rules.placement_areas(from_codes=TOWN, scheme_codes=TOWN, partnership=()) == (
        False,
        False,
    )
