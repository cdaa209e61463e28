"""The linkage rules: a victim is never joined to the person harming her, evidence is read
from the model's weights, and the figures against the truth are counted right."""

import math

import pytest

from onestory.linkage import rules
from onestory.linkage.rules import EventPart


def part(key, event, role, scope="police"):
    return EventPart(key=key, scope=scope, event_id=event, role=role)


def test_victim_and_person_using_harm_in_one_event_are_a_forbidden_pair():
    parts = [
        part("r1", "E1", "victim"),
        part("r2", "E1", "using_harm"),
        part("r3", "E1", "child"),
        part("r4", "E2", "using_harm"),
        # The same event number in another source's numbering is another event.
        part("r5", "E1", "victim", scope="housing"),
    ]
    assert rules.victim_harm_pairs(parts) == {frozenset({"r1", "r2"})}


@pytest.mark.parametrize(
    ("pair", "confirmed", "expected"),
    [
        # Directly: the victim and the person harming her.
        (("r1", "r2"), [], ("r1", "r2")),
        # Through a confirmed link: r9 is already r2, the person using harm.
        (("r1", "r9"), [("r2", "r9")], ("r1", "r2")),
        # Through links on both sides.
        (("p1", "p2"), [("p1", "r1"), ("p2", "r2")], ("r1", "r2")),
        # Unrelated records are fine.
        (("r1", "r7"), [("r2", "r9")], None),
        # Already one person: nothing new is joined.
        (("r1", "r8"), [("r1", "r8")], None),
    ],
)
def test_a_confirmation_may_not_join_a_victim_and_the_person_harming_her(pair, confirmed, expected):
    forbidden = {frozenset({"r1", "r2"})}
    found = rules.joins_victim_and_harm(pair, confirmed=confirmed, forbidden=forbidden)
    assert (tuple(sorted(found)) if found else None) == expected


MODEL = {
    "comparisons": [
        {
            "output_column_name": "given_name",
            "comparison_levels": [
                {"sql_condition": "null", "label_for_charts": "Null", "is_null_level": True},
                {
                    "sql_condition": "=",
                    "label_for_charts": "Exact match on given_name",
                    "m_probability": 0.8,
                    "u_probability": 0.01,
                },
                {
                    "sql_condition": "else",
                    "label_for_charts": "All other comparisons",
                    "m_probability": 0.2,
                    "u_probability": 0.99,
                },
            ],
        }
    ]
}


def test_evidence_names_the_level_and_its_contribution():
    exact = math.log2(0.8 / 0.01)
    (said,) = rules.evidence(MODEL, {"mw_given_name": exact + 1.5, "mw_level_given_name": exact})
    assert (said.comparison, said.level, said.weight) == (
        "Given name",
        "The same",
        round(exact + 1.5, 2),
    )
    assert said.agrees
    (said,) = rules.evidence(MODEL, {"mw_given_name": 0.0, "mw_level_given_name": 0.0})
    assert said.level == "Not recorded on one side"
    (said,) = rules.evidence(MODEL, {"mw_level_given_name": math.log2(0.2 / 0.99)})
    assert (said.level, said.agrees) == ("Different", False)


def test_precision_recall_and_f1_against_the_truth():
    truth = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B", "c1": "C"}
    # 4 true pairs: a1-a2, a1-a3, a2-a3, b1-b2.
    scored = [
        ("a1", "a2", 0.99),
        ("a2", "a3", 0.85),
        ("b1", "c1", 0.95),  # wrong
        ("b1", "b2", 0.6),
        ("x1", "a1", 0.99),  # not in the truth: left out
    ]
    high, low = rules.sweep(scored, truth, [0.9, 0.5])
    assert (high.found, high.true_found, high.truly) == (2, 1, 4)
    assert (high.precision, high.recall) == (0.5, 0.25)
    assert (low.found, low.true_found) == (4, 3)
    assert low.f1 == pytest.approx(2 * 0.75 * 0.75 / 1.5)
    assert rules.best([high, low]) is low


def test_the_people_links_make_count_pairs_joined_through_a_third_record():
    truth = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B", "c1": "C"}
    scored = [
        ("a1", "a2", 0.99),
        ("a2", "a3", 0.85),  # with a1-a2, a1-a3 is joined too
        ("b1", "c1", 0.95),  # wrong: b1 and c1 are made one person
        ("b1", "b2", 0.6),  # at 0.5, b2 joins them: b1-c1 and b2-c1 are both wrong
    ]
    high, low = rules.sweep_people(scored, truth, [0.9, 0.5])
    # At 0.9: a1-a2 and b1-c1.
    assert (high.found, high.true_found, high.truly) == (2, 1, 4)
    # At 0.5: {a1, a2, a3} (3 right) and {b1, b2, c1} (b1-b2 right, two wrong).
    assert (low.found, low.true_found) == (6, 4)
    assert (low.precision, low.recall) == (4 / 6, 1.0)


def test_the_people_links_make_never_join_a_victim_and_the_person_harming_her():
    truth = {"v1": "V", "v2": "V", "h1": "H"}
    forbidden = {frozenset(("v1", "h1"))}
    # v2 is alike both; the likelier link is confirmed, the other would join v1 to h1.
    scored = [("v1", "v2", 0.99), ("v2", "h1", 0.95)]
    people = rules.join_as_confirmed(truth, scored, forbidden)
    assert people["v1"] == people["v2"] == frozenset({"v1", "v2"})
    assert people["h1"] == frozenset({"h1"})
    (s,) = rules.sweep_people(scored, truth, [0.5], forbidden=forbidden)
    assert (s.found, s.true_found) == (1, 1)
    # Without the rule the three would be one person, two pairs of them wrong.
    (unruled,) = rules.sweep_people(scored, truth, [0.5])
    assert (unruled.found, unruled.true_found) == (3, 1)


def test_no_pairs_found_is_perfect_precision_and_no_recall():
    (s,) = rules.sweep([], {"a": "A", "b": "A"}, [0.5])
    assert (s.precision, s.recall, s.f1) == (1.0, 0.0, 0.0)


@pytest.mark.parametrize(
    ("label", "plain"),
    [
        ("Exact match on given_name", "The same"),
        ("Exact match on full postcode", "The same postcode"),
        ("Exact match on district", "The same postcode district"),
        ("Jaro-Winkler distance of given_name >= 0.92", "Spelt almost the same"),
        ("Jaro-Winkler distance of family_name >= 0.8", "Spelt alike"),
        ("birth_year is NULL", "Not recorded on one side"),
        ("All other comparisons", "Different"),
        ("Day and month swapped", "Day and month swapped"),
    ],
)
def test_levels_are_named_in_plain_words(label, plain):
    assert rules.plain_label(label) == plain


def test_confirmed_links_find_repeats_across_sources_and_serial_harm():
    parts = [
        # Police: r1 harmed by r2. Housing: r11 (r1, confirmed) harmed by r12 (r2, confirmed).
        part("r1", "E1", "victim"),
        part("r2", "E1", "using_harm"),
        part("r11", "H1", "victim", scope="housing"),
        part("r12", "H1", "using_harm", scope="housing"),
        # Police again: r2 harms r3, another woman.
        part("r3", "E2", "victim"),
        part("r2", "E2", "using_harm"),
        # Children's social care: r21 harms r22, not linked to anyone.
        part("r22", "C1", "victim", scope="csc"),
        part("r21", "C1", "using_harm", scope="csc"),
    ]
    confirmed = [("r1", "r11"), ("r2", "r12")]
    repeats, serials = rules.findings(parts, confirmed)
    (repeat,) = repeats
    assert (repeat.victim, repeat.harm) == (frozenset({"r1", "r11"}), frozenset({"r2", "r12"}))
    assert repeat.scopes == {"police", "housing"}
    (serial,) = serials
    assert serial.harm == frozenset({"r2", "r12"})
    assert serial.victims == (frozenset({"r1", "r11"}), frozenset({"r3"}))


def test_undecided_suggestions_find_nothing():
    parts = [
        part("r1", "E1", "victim"),
        part("r2", "E1", "using_harm"),
        part("r11", "H1", "victim", scope="housing"),
        part("r12", "H1", "using_harm", scope="housing"),
    ]
    assert rules.findings(parts, []) == ([], [])
