"""DASH scoring, bands and answers: table-driven."""

import pytest

from onestory.risk.dash import (
    QUESTIONS,
    Answer,
    AnswerError,
    Bands,
    NothingAnswered,
    RiskLevel,
    check_something_answered,
    normalise_answers,
    not_asked,
    score,
)

DEFAULT = Bands()


def _yes(count: int) -> dict[int, Answer]:
    return {n: Answer.YES if n <= count else Answer.NO for n in range(1, 25)}


def test_there_are_24_questions_numbered_in_order():
    assert [q.number for q in QUESTIONS] == list(range(1, 25))
    assert QUESTIONS[7].topic == "stalking"
    assert QUESTIONS[16].topic == "others_threatening"


@pytest.mark.parametrize(
    ("yes_count", "level"),
    [
        (0, RiskLevel.STANDARD),
        (9, RiskLevel.STANDARD),
        (10, RiskLevel.MEDIUM),
        (13, RiskLevel.MEDIUM),
        (14, RiskLevel.HIGH),
        (24, RiskLevel.HIGH),
    ],
)
def test_it_scores_by_the_default_bands(yes_count, level):
    result = score(_yes(yes_count), DEFAULT)
    assert result.yes_count == yes_count
    assert result.level is level


@pytest.mark.parametrize(
    ("bands", "yes_count", "level"),
    [
        (Bands(medium_from=8, high_from=12), 7, RiskLevel.STANDARD),
        (Bands(medium_from=8, high_from=12), 8, RiskLevel.MEDIUM),
        (Bands(medium_from=8, high_from=12), 12, RiskLevel.HIGH),
        (Bands(medium_from=1, high_from=24), 23, RiskLevel.MEDIUM),
    ],
)
def test_it_scores_by_a_partnerships_own_bands(bands, yes_count, level):
    assert score(_yes(yes_count), bands).level is level


@pytest.mark.parametrize(("medium", "high"), [(14, 14), (15, 14), (0, 14), (10, 25)])
def test_it_refuses_bands_out_of_order(medium, high):
    with pytest.raises(ValueError, match="Risk bands must satisfy"):
        Bands(medium_from=medium, high_from=high)


def test_missing_and_blank_answers_are_not_known_never_no():
    answers = normalise_answers({"1": "yes", "2": "", "3": None})
    assert answers[1] is Answer.YES
    assert answers[2] is Answer.NOT_KNOWN
    assert answers[3] is Answer.NOT_KNOWN
    assert answers[24] is Answer.NOT_KNOWN
    assert len(answers) == 24


def test_answers_are_case_insensitive():
    assert normalise_answers({1: "YES", 2: " No "})[2] is Answer.NO


@pytest.mark.parametrize(
    ("raw", "key", "message"),
    [
        ({"25": "yes"}, "25", "There is no question with that number"),
        ({"0": "yes"}, "0", "There is no question with that number"),
        ({"one": "yes"}, "one", "whole numbers from 1 to 24"),
        ({"3": "maybe"}, "3", "Answer yes, no or not_known"),
    ],
)
def test_it_refuses_answers_it_cannot_score(raw, key, message):
    with pytest.raises(AnswerError) as caught:
        normalise_answers(raw)
    assert message in caught.value.problems[key]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({}, set(range(1, 25))),
        ({"1": "yes", 2: "no", "3": "", "4": None}, set(range(3, 25))),
        ({str(n): "not_known" for n in range(1, 25)}, set()),
    ],
)
def test_not_asked_is_the_questions_given_no_answer(raw, expected):
    assert not_asked(raw) == expected


@pytest.mark.parametrize(
    ("raw", "refused"),
    [
        ({}, True),
        ({str(n): "not_known" for n in range(1, 25)}, True),
        ({"5": "no"}, False),
        ({"24": "yes"}, False),
    ],
)
def test_a_checklist_needs_one_yes_or_no(raw, refused):
    answers = normalise_answers(raw)
    if refused:
        with pytest.raises(NothingAnswered):
            check_something_answered(answers)
    else:
        check_something_answered(answers)
