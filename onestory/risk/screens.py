"""Further screens asked when DASH answers point to them.

- Stalking and harassment: asked when DASH question 8 is "yes". Positive when three or
  more answers are "yes", the usual point at which a specialist stalking service should
  be involved.
- Honour-based abuse: asked when DASH question 17 is "yes" (another person threatening or
  feared). Positive on any "yes": a single indicator warrants specialist advice.

Both use the same answers as DASH (yes / no / not known); a missing answer is "not known".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from onestory.risk.dash import OTHERS_THREATENING_QUESTION, STALKING_QUESTION, Answer, AnswerError


class ScreenKind(StrEnum):
    STALKING = "stalking"
    HONOUR_BASED_ABUSE = "honour_based_abuse"


@dataclass(frozen=True)
class Screen:
    kind: ScreenKind
    title: str
    trigger_question: int
    questions: tuple[str, ...]
    positive_from: int


STALKING = Screen(
    ScreenKind.STALKING,
    "Stalking and harassment",
    STALKING_QUESTION,
    (
        "Are they very frightened by the contact or following?",
        "Has the other person stalked or harassed them, or anyone else, before?",
        "Has the contact or following happened more than once, and does it feel fixated?",
        "Has the other person turned up at their home, work or other places they go?",
        "Has the other person damaged or interfered with their property?",
        "Has the other person contacted or approached their family, friends or colleagues?",
        "Has the other person used phones, social media, tracking or spyware to watch them?",
        "Has the other person threatened violence, or said they will never let them go?",
        "Is the stalking getting worse or happening more often?",
        "Have they changed how they live (routes, work, going out) because of it?",
        "Has the other person broken an order or agreement to stay away?",
    ),
    positive_from=3,
)

HONOUR_BASED_ABUSE = Screen(
    ScreenKind.HONOUR_BASED_ABUSE,
    "Honour-based abuse",
    OTHERS_THREATENING_QUESTION,
    (
        "Are family or community members involved in threatening or controlling them?",
        "Have they been told they have brought shame or dishonour on the family?",
        "Is anyone pressuring them to marry, or to stay in a marriage, against their wishes?",
        "Have they been threatened with being taken abroad, or had their passport taken?",
        "Are they watched, followed or restricted in where they go by relatives?",
        "Has anyone threatened to harm them or others if they do not do what the family wants?",
        "Are they afraid of what relatives would do if they found out they had sought help?",
        "Has a sister, cousin or other relative been harmed, forced to marry or disappeared?",
    ),
    positive_from=1,
)

SCREENS = {screen.kind: screen for screen in (STALKING, HONOUR_BASED_ABUSE)}


def triggered(dash_answers: Mapping[int, Answer]) -> list[Screen]:
    """The screens a DASH assessment's answers call for."""
    return [s for s in SCREENS.values() if dash_answers.get(s.trigger_question) == Answer.YES]


def normalise_screen_answers(
    screen: Screen, raw: Mapping[str | int, str | None]
) -> dict[int, Answer]:
    count = len(screen.questions)
    answers = {number: Answer.NOT_KNOWN for number in range(1, count + 1)}
    problems: dict[str, str] = {}
    for key, value in raw.items():
        try:
            number = int(key)
        except (TypeError, ValueError):
            problems[str(key)] = f"Question numbers are whole numbers from 1 to {count}."
            continue
        if number not in answers:
            problems[str(key)] = f"There is no question with that number: use 1 to {count}."
            continue
        if value in (None, ""):
            continue
        try:
            answers[number] = Answer(str(value).strip().lower())
        except ValueError:
            problems[str(key)] = "Answer yes, no or not_known."
    if problems:
        raise AnswerError(problems)
    return answers


def is_positive(screen: Screen, answers: Mapping[int, Answer]) -> bool:
    return sum(1 for a in answers.values() if a == Answer.YES) >= screen.positive_from
