"""The keys of a question: a pure function of what was asked."""

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
