"""The DASH risk identification checklist: 24 questions, their answers, and the score.

The questions follow the standard order used across England, in OneStory's own words.
Partner systems send answers by question number, 1 to 24.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    NOT_KNOWN = "not_known"


ANSWER_LABELS = {Answer.YES: "Yes", Answer.NO: "No", Answer.NOT_KNOWN: "Not known"}


class RiskLevel(StrEnum):
    STANDARD = "standard"
    MEDIUM = "medium"
    HIGH = "high"


RISK_LEVEL_LABELS = {
    RiskLevel.STANDARD: "Standard",
    RiskLevel.MEDIUM: "Medium",
    RiskLevel.HIGH: "High",
}


@dataclass(frozen=True)
class Question:
    number: int
    topic: str
    text: str


QUESTIONS: tuple[Question, ...] = (
    Question(1, "injury", "Has the current incident left them injured?"),
    Question(2, "frightened", "Are they very frightened?"),
    Question(3, "what_afraid_of", "Are they afraid of what might happen next, such as being "
             "killed, or harm to themselves, their children or someone else?"),
    Question(4, "isolated", "Do they feel cut off from family or friends, or is the other "
             "person stopping them seeing people?"),
    Question(5, "depressed", "Are they feeling very low, or having thoughts of suicide?"),
    Question(6, "separation", "Have they separated, or tried to separate, from the other "
             "person in the last year?"),
    Question(7, "child_contact", "Is there conflict over contact with children?"),
    Question(8, "stalking", "Does the other person keep texting, calling, contacting, "
             "following or turning up, or stalk or harass them?"),
    Question(9, "pregnancy", "Are they pregnant, or have they had a baby in the last 18 months?"),
    Question(10, "more_often", "Is the abuse happening more often?"),
    Question(11, "getting_worse", "Is the abuse getting worse?"),
    Question(12, "control_jealousy", "Does the other person try to control everything they "
             "do, or are they very jealous?"),
    Question(13, "weapons", "Has the other person used a weapon or an object to hurt them?"),
    Question(14, "threats_to_kill", "Has the other person threatened to kill them or someone "
             "else, and did they believe it?"),
    Question(15, "strangulation", "Has the other person ever strangled, choked, suffocated or "
             "tried to drown them?"),
    Question(16, "sexual_abuse", "Does the other person do or say sexual things that make them "
             "feel bad, or that hurt them?"),
    Question(17, "others_threatening", "Is there anyone else who threatens them, or whom they "
             "are afraid of?"),
    Question(18, "hurt_others", "Has the other person hurt anyone else, such as children, "
             "brothers or sisters, older relatives or strangers?"),
    Question(19, "animals", "Has the other person ever hurt or threatened to hurt a pet or "
             "another animal?"),
    Question(20, "money", "Are there money problems, or do they depend on the other person "
             "for money?"),
    Question(21, "perpetrator_problems", "Has the other person had problems with drugs, "
             "alcohol or mental health in the last year?"),
    Question(22, "perpetrator_suicide", "Has the other person ever threatened or tried to "
             "take their own life?"),
    Question(23, "breached_orders", "Has the other person broken bail, an injunction or an "
             "agreement about when they can see the children?"),
    Question(24, "criminal_history", "Has the other person been in trouble with the police, "
             "or do they have a criminal record?"),
)  # fmt: skip

QUESTION_NUMBERS = tuple(q.number for q in QUESTIONS)
STALKING_QUESTION = 8
OTHERS_THREATENING_QUESTION = 17


@dataclass(frozen=True)
class Bands:
    """Risk bands by number of "yes" answers. Configurable per partnership."""

    medium_from: int = 10
    high_from: int = 14

    def __post_init__(self) -> None:
        if not 1 <= self.medium_from < self.high_from <= len(QUESTIONS):
            raise ValueError(
                "Risk bands must satisfy 1 ≤ medium < high ≤ 24; "
                f"got medium from {self.medium_from}, high from {self.high_from}."
            )

    def level_for(self, yes_count: int) -> RiskLevel:
        if yes_count >= self.high_from:
            return RiskLevel.HIGH
        if yes_count >= self.medium_from:
            return RiskLevel.MEDIUM
        return RiskLevel.STANDARD


class AnswerError(ValueError):
    """Answers that cannot be scored; ``problems`` maps a question key to a message."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{key}: {message}" for key, message in problems.items()))
        self.problems = problems


def normalise_answers(raw: Mapping[str | int, str | None]) -> dict[int, Answer]:
    """Answers keyed 1–24. A missing or blank answer is "not known", never "no"."""
    problems: dict[str, str] = {}
    answers: dict[int, Answer] = {number: Answer.NOT_KNOWN for number in QUESTION_NUMBERS}
    for key, value in raw.items():
        try:
            number = int(key)
        except (TypeError, ValueError):
            problems[str(key)] = "Question numbers are whole numbers from 1 to 24."
            continue
        if number not in answers:
            problems[str(key)] = "There is no question with that number: use 1 to 24."
            continue
        if value is None or value == "":
            continue
        try:
            answers[number] = Answer(str(value).strip().lower())
        except ValueError:
            problems[str(key)] = "Answer yes, no or not_known."
    if problems:
        raise AnswerError(problems)
    return answers


NOTHING_ANSWERED = (
    "No question was answered yes or no, so there is nothing to score. Ask the questions, "
    "or record that the person declined the checklist."
)


class NothingAnswered(ValueError):
    """A checklist with no question answered yes or no: it cannot say anything about risk."""

    def __init__(self) -> None:
        super().__init__(NOTHING_ANSWERED)


def not_asked(raw: Mapping[str | int, str | None]) -> frozenset[int]:
    """The questions given no answer at all (not even "not known"): they were not asked.

    Call it on answers ``normalise_answers`` accepts.
    """
    given = {int(key) for key, value in raw.items() if value not in (None, "")}
    return frozenset(number for number in QUESTION_NUMBERS if number not in given)


def check_something_answered(answers: Mapping[int, Answer]) -> None:
    """Raise ``NothingAnswered`` unless at least one question was answered yes or no."""
    if not any(answer in (Answer.YES, Answer.NO) for answer in answers.values()):
        raise NothingAnswered()


@dataclass(frozen=True)
class DashScore:
    yes_count: int
    level: RiskLevel


def score(answers: Mapping[int, Answer], bands: Bands) -> DashScore:
    yes_count = sum(1 for answer in answers.values() if answer == Answer.YES)
    return DashScore(yes_count=yes_count, level=bands.level_for(yes_count))
