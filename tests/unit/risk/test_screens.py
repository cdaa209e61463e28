"""The stalking and honour-based abuse screens."""

import pytest

from onestory.risk.dash import Answer, AnswerError, normalise_answers
from onestory.risk.screens import (
    HONOUR_BASED_ABUSE,
    STALKING,
    is_positive,
    normalise_screen_answers,
    triggered,
)


@pytest.mark.parametrize(
    ("raw", "kinds"),
    [
        ({}, []),
        ({"8": "yes"}, ["stalking"]),
        ({"17": "yes"}, ["honour_based_abuse"]),
        ({"8": "yes", "17": "yes"}, ["stalking", "honour_based_abuse"]),
        ({"8": "not_known", "17": "no"}, []),
    ],
)
def test_dash_answers_trigger_the_screens(raw, kinds):
    assert [s.kind.value for s in triggered(normalise_answers(raw))] == kinds


@pytest.mark.parametrize(
    ("screen", "yes", "positive"),
    [
        (STALKING, 2, False),
        (STALKING, 3, True),
        (HONOUR_BASED_ABUSE, 0, False),
        (HONOUR_BASED_ABUSE, 1, True),
    ],
)
def test_positive_thresholds(screen, yes, positive):
    answers = {
        n: Answer.YES if n <= yes else Answer.NO for n in range(1, len(screen.questions) + 1)
    }
    assert is_positive(screen, answers) is positive


def test_screen_answers_refuse_unknown_questions():
    with pytest.raises(AnswerError):
        normalise_screen_answers(HONOUR_BASED_ABUSE, {"9": "yes"})


def test_the_stalking_screen_asks_the_eleven_national_questions_in_order():
    from onestory.risk.screens import STALKING as screen

    topics = [
        "very frightened",
        "before",
        "property",
        "three times a week",
        "hung around",
        "physical or sexual violence",
        "anyone else",
        "violent towards anyone",
        "help them",
        "drugs or alcohol",
        "violent before",
    ]
    assert len(screen.questions) == 11
    for number, (question, topic) in enumerate(zip(screen.questions, topics, strict=True), 1):
        assert topic in question, (number, question)


@pytest.mark.parametrize(
    ("positive", "eligible", "expected"),
    [
        ([], False, []),
        (["stalking"], False, ["stalking"]),
        (["honour_based_abuse"], False, ["honour_based_abuse"]),
        (["stalking", "honour_based_abuse"], False, ["stalking", "honour_based_abuse"]),
        (["stalking"], True, []),  # already meets a criterion: nothing to prompt
    ],
)
def test_a_positive_screen_prompts_judgement_only_when_no_criterion_is_met(
    positive, eligible, expected
):
    from onestory.risk.screens import judgement_prompts

    found = judgement_prompts(positive, marac_eligible=eligible)
    assert [screen.kind for screen in found] == expected
