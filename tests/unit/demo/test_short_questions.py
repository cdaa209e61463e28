"""The benchmark's short questions: one name, a name with a year or a postcode district."""

import pytest

from onestory.demo.bench.queries import SHORT_KINDS, Question, make_short_questions, short_question

PERSON = {"rid": 7, "born": "1984-02-11", "postcode": "NS12 3AB"}
FULL = Question(
    rid=7,
    name="Rooth Okonkwo-Bell",
    date_of_birth="1984-02-11",
    date_kind="whole",
    name_noise=("given typo",),
    records=frozenset({70, 71}),
)


@pytest.mark.parametrize(
    ("kind", "params"),
    [
        ("family alone", {"name": "Okonkwo-Bell"}),
        ("family and year", {"name": "Okonkwo-Bell", "date_of_birth": "1984"}),
        ("family and postcode district", {"name": "Okonkwo-Bell", "postcode": "NS12"}),
        ("given alone", {"name": "Rooth"}),
        ("given and year", {"name": "Rooth", "date_of_birth": "1984"}),
        ("given and postcode district", {"name": "Rooth", "postcode": "NS12"}),
        ("names only", {"name": "Rooth Okonkwo-Bell"}),
        ("names and postcode district", {"name": "Rooth Okonkwo-Bell", "postcode": "NS12"}),
        ("names the other way round", {"name": "Okonkwo-Bell Rooth"}),
    ],
)
def test_each_short_kind_keeps_the_full_questions_slips_and_asks_only_its_part(kind, params):
    short = short_question(FULL, PERSON, kind)
    assert short.params() == {**params, "limit": "5"}
    assert short.records == FULL.records
    assert short.kind == kind
    assert short.has_date == ("date_of_birth" in params)


def test_the_kinds_are_asked_in_turn():
    shorts = make_short_questions([FULL] * len(SHORT_KINDS), [PERSON])
    assert [short.kind for short in shorts] == list(SHORT_KINDS)
