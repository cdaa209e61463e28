"""Further screens asked when DASH answers point to them.

- Stalking and harassment: asked when DASH question 8 is "yes". The eleven questions of the
  national stalking screening tool (S-DASH), in its order and in OneStory's own words.
  Positive when three or more answers are "yes": the more "yes" answers, the more likely
  a physical attack, and three is the usual point at which a specialist stalking service
  should be involved.
- Honour-based abuse: asked when DASH question 17 is "yes" (another person threatening or
  feared). Positive on any "yes": a single indicator warrants specialist advice.

Both use the same answers as DASH (yes / no / not known); a missing answer is "not known".
A positive screen on an assessment that meets no MARAC criterion prompts the worker to
consider a referral on professional judgement (``judgement_prompts``): the worker decides,
and gives the reason; the screen never refers on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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
        "Are they very frightened?",
        "Has the other person harassed or stalked them, or anyone else, before?",
        "Has the other person ever damaged or destroyed their property?",
        "Does the other person turn up at their home, work or elsewhere more than three "
        "times a week?",
        "Has the other person hung around near their home, work or other places they go?",
        "In this harassment, has the other person threatened physical or sexual violence?",
        "Since it began, has the other person harassed anyone else, such as their family, "
        "children, friends, colleagues, partner or neighbours?",
        "In this stalking, has the other person been violent towards anyone?",
        "Has the other person got anyone else to help them, knowingly or not?",
        "Does the other person misuse drugs or alcohol?",
        "Has the other person been violent before, physically or psychologically?",
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


def judgement_prompts(
    positive_screens: Iterable[ScreenKind | str], *, marac_eligible: bool
) -> list[Screen]:
    """The positive screens that should prompt the worker to consider a MARAC referral on
    professional judgement: none when the assessment already meets a MARAC criterion."""
    if marac_eligible:
        return []
    kinds = {ScreenKind(kind) for kind in positive_screens}
    return [screen for screen in SCREENS.values() if screen.kind in kinds]
