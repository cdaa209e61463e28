"""Noisy questions made from the synthetic county's ground truth.

Each question is about one real person, asked as a caller might: the given name perhaps as
a short form or misspelt, the family name perhaps misspelt or as it was before marriage, the
date of birth whole, swapped, slightly wrong, in part, as a year, or not at all. A question
is answered well when a record of that real person comes first (recall@1) or in the first
five (recall@5).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from onestory.demo.synth import noise
from onestory.demo.synth.names import shown

# How questions give the date of birth, and how often.
DATE_KINDS = (
    ("whole", 55),
    ("swapped", 8),
    ("slip", 5),
    ("year and month", 7),
    ("year", 15),
    ("none", 10),
)


@dataclass(frozen=True)
class Question:
    rid: int
    name: str
    date_of_birth: str  # "", "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    date_kind: str
    name_noise: tuple[str, ...]
    records: frozenset[int]  # the real person's record ids
    postcode: str = ""  # a postcode district, in the short questions
    kind: str = "full"  # which short question (SHORT_KINDS), or "full"

    @property
    def has_date(self) -> bool:
        return self.date_kind != "none"

    def params(self) -> dict[str, str]:
        found = {"name": self.name, "limit": "5"}
        if self.date_of_birth:
            found["date_of_birth"] = self.date_of_birth
        if self.postcode:
            found["postcode"] = self.postcode
        return found


def read_truth(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def _given(person: dict, rng: random.Random, noted: list[str]) -> str:
    roll = rng.random()
    if roll < 0.12:
        short = noise.nickname(person["given"], rng)
        if short:
            noted.append("given short form")
            return short
    elif roll < 0.21:
        noted.append("given typo")
        return noise.typo(person["given"], rng)
    elif roll < 0.30:
        noted.append("given other spelling")
        return noise.respell(person["given"], rng)
    return person["given"]


def _family(person: dict, rng: random.Random, noted: list[str]) -> str:
    family = person["family"]
    roll = rng.random()
    if person["previous_family"] and roll < 0.15:
        noted.append("family previous name")
        return person["previous_family"]
    if "-" in family and roll < 0.45:
        noted.append("family one part")
        family = rng.choice(family.split("-"))
    roll = rng.random()
    if roll < 0.08:
        noted.append("family typo")
        return noise.typo(family, rng)
    if roll < 0.15:
        noted.append("family other spelling")
        return noise.respell(family, rng)
    return family


def _date(born: dt.date, kind: str, rng: random.Random) -> tuple[str, str]:
    if kind == "swapped":
        other = noise.swapped(born)
        return (other.isoformat(), kind) if other else (born.isoformat(), "whole")
    if kind == "slip":
        return noise.date_slip(born, rng).isoformat(), kind
    if kind == "year and month":
        return f"{born.year:04d}-{born.month:02d}", kind
    if kind == "year":
        return f"{born.year:04d}", kind
    if kind == "none":
        return "", kind
    return born.isoformat(), "whole"


def question_about(person: dict, rng: random.Random) -> Question:
    noted: list[str] = []
    given = shown(_given(person, rng, noted))
    family = "-".join(shown(part) for part in _family(person, rng, noted).split("-"))
    kinds, weights = zip(*DATE_KINDS, strict=True)
    date_text, kind = _date(
        dt.date.fromisoformat(person["born"]), rng.choices(kinds, weights)[0], rng
    )
    return Question(
        rid=person["rid"],
        name=f"{given} {family}",
        date_of_birth=date_text,
        date_kind=kind,
        name_noise=tuple(noted),
        records=frozenset(record[0] for record in person["records"]),
    )


def make_questions(
    truth: Iterable[dict],
    count: int,
    seed: int,
    visible: Callable[[set[int]], set[int]],
) -> list[Question]:
    """``count`` questions about real people of whom the searcher may see a record.

    ``visible`` takes record ids and returns those the searcher may see.
    """
    rng = random.Random(f"onestory-bench:{seed}")  # noqa: S311 (made-up questions)
    people = list(truth)
    rng.shuffle(people)
    questions: list[Question] = []
    for start in range(0, len(people), 500):
        batch = people[start : start + 500]
        seen = visible({record[0] for person in batch for record in person["records"]})
        for person in batch:
            mine = {record[0] for record in person["records"]} & seen
            if not mine:
                continue
            question = question_about(person, rng)
            questions.append(Question(**{**question.__dict__, "records": frozenset(mine)}))
            if len(questions) >= count:
                return questions
    return questions


# The short questions a caller often asks instead: one name alone, a name with the year of
# birth or the postcode district where they live, both names with no date. Each is made
# from a full question's (noisy) names, so the slips are the same.
SHORT_KINDS = (
    "family alone",
    "family and year",
    "family and postcode district",
    "given alone",
    "given and year",
    "given and postcode district",
    "names only",
    "names and postcode district",
    "names the other way round",
)


def short_question(question: Question, person: dict, kind: str) -> Question:
    """``question`` asked the way ``kind`` names (see SHORT_KINDS)."""
    given, family = question.name.split(" ", 1)
    born = dt.date.fromisoformat(person["born"])
    district = (person.get("postcode") or "").split(" ")[0]
    name = {"family": family, "given": given, "names": f"{given} {family}"}[kind.split()[0]]
    if kind == "names the other way round":
        name = f"{family} {given}"
    year = f"{born.year:04d}" if kind.endswith("year") else ""
    return Question(
        rid=question.rid,
        name=name,
        date_of_birth=year,
        date_kind="year" if year else "none",
        name_noise=question.name_noise,
        records=question.records,
        postcode=district if kind.endswith("postcode district") else "",
        kind=kind,
    )


def make_short_questions(questions: list[Question], truth: Iterable[dict]) -> list[Question]:
    """Each of ``questions`` asked again as one short kind, the kinds in turn."""
    people = {person["rid"]: person for person in truth}
    return [
        short_question(question, people[question.rid], SHORT_KINDS[i % len(SHORT_KINDS)])
        for i, question in enumerate(questions)
    ]


def recall(questions: list[Question], answers: list[list[int]], top: int) -> float | None:
    """The share of questions with one of the real person's records in the first ``top``."""
    pairs = [(q, a) for q, a in zip(questions, answers, strict=True) if a is not None]
    if not pairs:
        return None
    hits = sum(1 for q, a in pairs if q.records & set(a[:top]))
    return round(hits / len(pairs), 4)
