"""Whether a place fits a household: one rule, read by the board page and the API."""

from types import SimpleNamespace

import pytest

from onestory.accommodation.board import Needs, fit_problems


def place(**overrides):
    takes = {
        "bed_spaces": 3,
        "sexes": "women",
        "max_children": 2,
        "boys_up_to_age": 12,
        "pets": False,
        "wheelchair_access": False,
        "no_recourse_to_public_funds": False,
        "languages": ["English", "Polish"],
    }
    return SimpleNamespace(**(takes | overrides))


@pytest.mark.parametrize(
    ("overrides", "needs", "problems"),
    [
        ({}, Needs(), []),
        ({}, Needs(adult_sex="woman", children=2, oldest_boy=12), []),
        ({}, Needs(adult_sex="man"), ["takes women only"]),
        ({"sexes": "men"}, Needs(adult_sex="woman"), ["takes men only"]),
        ({"sexes": "any"}, Needs(adult_sex="man"), []),
        ({}, Needs(adults=2, children=2), ["takes at most 3 people"]),
        ({"bed_spaces": 5}, Needs(children=3), ["takes at most 2 children"]),
        ({"max_children": 0}, Needs(children=1), ["takes no children"]),
        ({}, Needs(children=1, oldest_boy=14), ["takes boys up to 12"]),
        ({"boys_up_to_age": None}, Needs(children=1, oldest_boy=16), []),
        ({}, Needs(pets=True), ["takes no pets"]),
        ({}, Needs(wheelchair=True), ["is not wheelchair accessible"]),
        ({}, Needs(nrpf=True), ["cannot take someone with no recourse to public funds"]),
        ({}, Needs(languages=("polish",)), []),
        ({}, Needs(languages=("Urdu", "English")), ["no one speaks Urdu"]),
    ],
)
def test_it_says_why_a_place_does_not_fit(overrides, needs, problems):
    assert fit_problems(place(**overrides), needs) == problems
