"""The keys of a question: a pure function of what was asked."""

import pytest

from onestory.people.blocking import letters, question_keys
from onestory.people.dates import PartialDate
from onestory.people.scoring import Query


def test_letters_put_the_first_four_in_order_so_a_swap_keeps_them():
    assert letters("mitchell") == letters("mtichell") == "cimt"
    assert letters("brown") == letters("brwon") == "borw"
    assert letters("li") == "il"


def test_a_question_asks_for_letter_keys_with_every_initial_its_given_name_may_have():
    keys = question_keys(Query.build("Bill Brwon", PartialDate(1961, 8, 30)))
    assert {"Lb:borw", "Lw:borw"} <= set(keys)


def test_each_part_of_a_double_barrelled_name_has_its_own_letter_key():
    keys = question_keys(Query.build("Aisha Smith-Begum"))
    assert {"La:imst", "La:begu"} <= set(keys)


@pytest.mark.parametrize(
    ("asked", "recorded", "born"),
    [
        ("Smith John", "John Smith", PartialDate(1980, 3, 4)),
        ("Hartley William", "William Hartley", PartialDate(1975, None, None)),
        ("Begum Aisha", "Aisha Begum", None),
        ("Brwon Benjamin", "Benjamin Brwon", PartialDate(1961, 8, 30)),
        ("Smith-Jones Kathryn", "Kathryn Smith-Jones", PartialDate(1990, 11)),
    ],
)
def test_names_the_other_way_round_ask_for_every_key_of_the_straight_order(asked, recorded, born):
    flipped = set(question_keys(Query.build(asked, born)))
    straight = set(question_keys(Query.build(recorded, born)))
    assert straight <= flipped


def test_one_word_asks_for_no_pair_keys():
    # One word alone is looked up through the indexed name columns (matching.name_routes).
    assert question_keys(Query.build("Smith")) == []
    assert question_keys(Query.build("Smith", PartialDate(1980, 3, 4))) == [
        "BSMT:0304",
        "BSMT:0403",
        "D19800304",
        "D19800403",
        "MSMT:198003",
    ]
