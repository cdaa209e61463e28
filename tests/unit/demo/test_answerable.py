"""Which benchmark questions the records could answer: a pure rule, tested by examples."""

import datetime as dt

import pytest

from onestory.demo.bench.answerable import could_answer
from onestory.people.dates import PartialDate
from onestory.people.scoring import Name, Query, Record

CLAIRE = dt.date(1968, 1, 15)


def record(given, family, born=None, *others):
    names = [Name((given,), (family,))] + [Name((given,), (other,), "previous") for other in others]
    return Record(names=tuple(names), date_of_birth=born)


@pytest.mark.parametrize(
    ("asked", "born", "recorded", "expected"),
    [
        # A family name in any form the scorer knows links them.
        ("Timothy Williams", PartialDate(1960, 2, 17), record("timothhy", "wikliams"), True),
        ("Emma Thornton", None, record("emma", "wilson", None, "thornton"), True),
        # Another family name, but the date agrees to the month or better.
        ("Claire Morgan", PartialDate(1968, 1, 15), record("claire", "matthews", CLAIRE), True),
        ("Claire Morgan", PartialDate(1968, 1, 16), record("claire", "matthews", CLAIRE), True),
        (
            "Jade Ward",
            PartialDate(1995, 2, None),
            record("jae", "young", dt.date(1995, 2, 8)),
            True,
        ),
        # Nothing but a given name and a year: nobody could pick her out.
        (
            "Rebecca Brown",
            PartialDate(1980, None, None),
            record("rebecca", "cook", dt.date(1980, 10, 2)),
            False,
        ),
        ("Anne Cole", PartialDate(2000, 7, 11), record("anne", "fox"), False),
        (
            "Stacey Green",
            PartialDate(1984, 8, 23),
            record("stacey", "barker", dt.date(1990, 3, 1)),
            False,
        ),
    ],
)
def test_a_question_is_answerable_when_a_record_shares_more_than_a_given_name_and_year(
    asked, born, recorded, expected
):
    assert could_answer(Query.build(asked, born), recorded) is expected
