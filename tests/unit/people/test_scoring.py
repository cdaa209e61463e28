"""Scoring a candidate: a pure function of what was asked and what is recorded."""

import datetime as dt

import pytest

from onestory.people.dates import PartialDate
from onestory.people.scoring import (
    Name,
    Query,
    Record,
    compare_family,
    compare_given,
    compare_postcode,
    score,
)


def record(given="William", family="Hartley", born=dt.date(1980, 3, 4), **more):
    names = [Name(tuple(given.lower().split()), tuple(family.lower().replace("-", " ").split()))]
    names += more.pop("names", [])
    return Record(names=tuple(names), date_of_birth=born, **more)


def ask(name, born=None, postcode="", nhs_number=""):
    return Query.build(name, born, postcode, nhs_number)


@pytest.mark.parametrize(
    ("asked", "recorded", "value", "reason"),
    [
        (("william",), ("william",), 1.0, "Given name matches"),
        (("bill",), ("william",), 0.9, "Bill is a short form of William"),
        (("w",), ("william",), 0.6, "Initial matches the given name"),
        (("stephen",), ("steven",), 0.8, "Given name sounds the same, spelt differently"),
        (("jonathon",), ("jonathan",), 0.8, "Given name sounds the same, spelt differently"),
        (("ann",), ("mary", "ann"), 0.7, "Matches a middle name"),
        (("robert",), ("william",), 0.0, None),
        ((), ("william",), 0.0, None),
    ],
)
def test_it_compares_given_names(asked, recorded, value, reason):
    found = compare_given(asked, recorded)
    assert (found.score, found.reason) == (value, reason)


@pytest.mark.parametrize(
    ("asked", "recorded", "value", "reason"),
    [
        (("hartley",), ("hartley",), 1.0, "Family name matches"),
        (("jones",), ("smith", "jones"), 0.9, "Matches one part of a double-barrelled family name"),
        (
            ("smith", "jones"),
            ("smith",),
            0.9,
            "One part of the double-barrelled family name matches",
        ),
        (("smyth",), ("smith",), 0.8, "Family name sounds the same, spelt differently"),
        (("jones",), ("brown",), 0.0, None),
    ],
)
def test_it_compares_family_names(asked, recorded, value, reason):
    found = compare_family(asked, recorded)
    assert (found.score, found.reason) == (value, reason)


def test_a_typing_slip_in_a_family_name_still_counts():
    found = compare_family(("pembenton",), ("pemberton",))
    assert 0.75 < found.score < 0.9
    assert found.reason == "Family name is spelt almost the same (a typing slip?)"


@pytest.mark.parametrize(
    ("asked", "usable", "value", "reason"),
    [
        ("NE1 4XY", ("NE1 4XY",), 1.0, "Postcode matches a known address"),
        ("NE1 4XY", ("NE1 9ZZ",), 0.5, "Postcode district matches a known address"),
        ("NE1", ("NE1 9ZZ",), 0.7, "Postcode district matches a known address"),
        ("NE1 4XY", ("SW1A 1AA",), 0.0, None),
    ],
)
def test_it_compares_postcodes(asked, usable, value, reason):
    found = compare_postcode(asked, usable)
    assert (found.score, found.reason) == (value, reason)


def test_there_is_no_postcode_to_compare_when_none_may_be_used():
    assert compare_postcode("NE1 4XY", ()) is None
    assert compare_postcode("", ("NE1 4XY",)) is None


@pytest.mark.parametrize(
    ("query", "candidate", "at_least", "at_most", "reasons"),
    [
        (
            ask("William Hartley", PartialDate(1980, 3, 4)),
            record(),
            1.0,
            1.0,
            ["Given name matches", "Family name matches", "Date of birth matches"],
        ),
        (
            ask("Bill Hartley", PartialDate(1980, 4, 3)),
            record(),
            0.85,
            0.95,
            [
                "Bill is a short form of William",
                "Family name matches",
                "Date of birth matches with day and month swapped",
            ],
        ),
        (
            ask("William Hartley"),
            record(),
            1.0,
            1.0,
            ["Given name matches", "Family name matches"],
        ),
        (
            ask("Hartley"),
            record(),
            0.8,
            0.8,
            ["Family name matches"],
        ),
        (
            ask("William Hartley", PartialDate(1990, 7, 7)),
            record(),
            0.5,
            0.6,
            ["Given name matches", "Family name matches"],
        ),
        (
            ask("Emma Thornton"),
            record("Emma", "Wilson", names=[Name(("emma",), ("thornton",), "previous")]),
            1.0,
            1.0,
            ["Given name matches (a previous name)", "Family name matches (a previous name)"],
        ),
        (
            ask("Hartley William"),
            record(),
            0.75,
            0.85,
            ["Given and family names appear to be the other way round"],
        ),
        (
            ask("Robert Jones", PartialDate(1950, 1, 1)),
            record(),
            0.0,
            0.0,
            [],
        ),
    ],
)
def test_it_scores_candidates(query, candidate, at_least, at_most, reasons):
    found = score(query, candidate)
    assert at_least <= found.score <= at_most
    assert found.reasons == reasons


def test_a_matching_nhs_number_settles_it():
    found = score(ask("W Hartley", nhs_number="9434765919"), record(nhs_number="9434765919"))
    assert found.score >= 0.98
    assert found.reasons[0] == "NHS number matches"


def test_a_different_nhs_number_counts_strongly_against():
    same = score(ask("William Hartley"), record())
    differs = score(
        ask("William Hartley", nhs_number="9434765919"), record(nhs_number="4010232137")
    )
    assert differs.score < same.score / 2


def test_a_postcode_adds_to_the_score_and_says_so():
    without = score(ask("William Hartley", PartialDate(1980, 3, 4)), record(postcodes=("NE1 4XY",)))
    matching = score(
        ask("William Hartley", PartialDate(1980, 3, 4), postcode="ne14xy"),
        record(postcodes=("NE1 4XY",)),
    )
    elsewhere = score(
        ask("William Hartley", PartialDate(1980, 3, 4), postcode="SW1A 1AA"),
        record(postcodes=("NE1 4XY",)),
    )
    assert matching.score == without.score == 1.0
    assert "Postcode matches a known address" in matching.reasons
    assert elsewhere.score < matching.score


@pytest.mark.parametrize("name", ["Ruth", "Ruth Okonkwo", "Okonkwo"])
@pytest.mark.parametrize("asked", ["NE6", "NE6 1AA"])
def test_a_postcode_that_agrees_never_scores_below_one_the_searcher_cannot_compare(name, asked):
    query = ask(name, postcode=asked)
    unknown = score(query, record(given="Ruth", family="Okonkwo"))
    district = score(query, record(given="Ruth", family="Okonkwo", postcodes=("NE6 9ZZ",)))
    elsewhere = score(query, record(given="Ruth", family="Okonkwo", postcodes=("NE7 1AA",)))
    assert elsewhere.score < unknown.score < district.score
    assert not any("Postcode" in reason for reason in unknown.reasons)


def test_scores_stay_between_nought_and_one():
    for query in (
        ask("x"),
        ask("William Hartley", PartialDate(1980, 3, 4), "NE1 4XY", "9434765919"),
    ):
        found = score(query, record(postcodes=("NE1 4XY",), nhs_number="9434765919"))
        assert 0.0 <= found.score <= 1.0


def test_a_namesake_with_no_date_of_birth_does_not_outrank_the_person_whose_date_fits():
    query = Query.build("William Hartley", PartialDate(1980, 3, 4))
    namesake = record(born=None)
    under_another_surname = record(family="Hartley-Boyd", born=dt.date(1980, 3, 4))
    assert score(query, under_another_surname).score > score(query, namesake).score
    assert score(query, namesake).score < 0.9


def test_a_whole_date_of_birth_outweighs_a_family_name_that_may_have_changed():
    # She is recorded under her name before marriage, with the date she gave; a namesake
    # born forty years later is not her, and one with no date on record may or may not be.
    asked = ask("Claire Morgan", PartialDate(1968, 1, 15))
    her = score(asked, record("Claire", "Matthews", born=dt.date(1968, 1, 15)))
    namesake = score(asked, record("Claire", "Morgan", born=dt.date(2010, 8, 27)))
    undated = score(asked, record("Claire", "Morgan", born=None))
    assert her.score > undated.score > namesake.score
    assert her.reasons == ["Given name matches", "Date of birth matches"]


def test_a_record_with_no_date_ranks_below_one_whose_date_agrees():
    asked = ask("Stacey Green", PartialDate(1984, 8, 23))
    dated = score(asked, record("Stacey", "Green", born=dt.date(1984, 8, 23)))
    undated = score(asked, record("Stacey", "Green", born=None))
    assert dated.score == 1.0
    assert undated.score < 0.8
