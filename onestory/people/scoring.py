"""How well a person's record matches what a worker was told: a pure function, no database.

``score(query, record)`` gives a number from 0 to 1 and the reasons in plain words. Names
count most, then the date of birth, then the postcode; an NHS number that matches settles
it, and one that differs counts strongly against.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from onestory.people import nicknames
from onestory.people.dates import PartialDate, compare_birth_dates
from onestory.people.names import drop_particles, split_full_name
from onestory.people.phonetic import sound_key
from onestory.people.validators import normalise_postcode, postcode_district

NAME_WEIGHT = 0.6
# How a record with no date of birth counts when a date was asked: below any real agreement.
UNKNOWN_DATE = 0.25
DATE_WEIGHT = 0.45
POSTCODE_WEIGHT = 0.1
# How a record with no postcode the searcher may use counts when one was asked: below any
# district that agrees, so an agreeing district never lowers a score (decision 0086).
UNKNOWN_POSTCODE = 0.25
FAMILY_SHARE = 0.55
SIMILAR_SPELLING = 0.75
ONE_WORD_NAME = 0.8  # one word alone could be either name, so it proves less
NHS_MATCH = 0.98
NHS_DIFFERS = 0.3


@dataclass(frozen=True)
class Query:
    given: tuple[str, ...] = ()
    family: tuple[str, ...] = ()
    date_of_birth: PartialDate | None = None
    postcode: str = ""
    nhs_number: str = ""

    @classmethod
    def build(cls, name: str, date_of_birth=None, postcode: str = "", nhs_number: str = ""):
        given, family = split_full_name(name)
        return cls(
            given, drop_particles(family), date_of_birth, normalise_postcode(postcode), nhs_number
        )


@dataclass(frozen=True)
class Name:
    """One of the names on a record; ``kind`` is "" for the record's own name."""

    given: tuple[str, ...]
    family: tuple[str, ...]
    kind: str = ""


@dataclass(frozen=True)
class Record:
    names: tuple[Name, ...]
    date_of_birth: object = None  # datetime.date
    birth_year_estimate: int | None = None
    postcodes: tuple[str, ...] = ()  # only those the searcher may use
    nhs_number: str = ""


@dataclass(frozen=True)
class Result:
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Part:
    score: float
    reason: str | None = None


NOTHING = Part(0.0)

_KIND_WORDS = {
    "previous": "a previous name",
    "alias": "another name they use",
    "preferred": "the name they prefer",
}


@lru_cache(maxsize=65536)  # the same pairs of names come up again and again
def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


def compare_given(asked: tuple[str, ...], recorded: tuple[str, ...]) -> Part:
    """The first given name asked against the recorded given names."""
    if not asked or not recorded:
        return NOTHING
    first, mine = asked[0], recorded[0]
    if first == mine:
        return Part(1.0, "Given name matches")
    why = nicknames.relation(first, mine)
    if why:
        return Part(0.9, why)
    if len(first) == 1 and mine.startswith(first):
        return Part(0.6, "Initial matches the given name")
    if sound_key(first) == sound_key(mine):
        return Part(0.8, "Given name sounds the same, spelt differently")
    ratio = _similarity(first, mine)
    if ratio >= SIMILAR_SPELLING:
        return Part(round(ratio * 0.85, 3), "Given name is spelt almost the same (a typing slip?)")
    if first in recorded[1:]:
        return Part(0.7, "Matches a middle name")
    return NOTHING


def compare_family(asked: tuple[str, ...], recorded: tuple[str, ...]) -> Part:
    """Family names, forgiving one part of a double-barrelled or hyphenated name."""
    if not asked or not recorded:
        return NOTHING
    if asked == recorded:
        return Part(1.0, "Family name matches")
    if set(asked) & set(recorded):
        if len(recorded) > 1:
            return Part(0.9, "Matches one part of a double-barrelled family name")
        return Part(0.9, "One part of the double-barrelled family name matches")
    if {sound_key(a) for a in asked} & {sound_key(r) for r in recorded} - {""}:
        return Part(0.8, "Family name sounds the same, spelt differently")
    ratio = max(
        [_similarity(" ".join(asked), " ".join(recorded))]
        + [_similarity(a, r) for a in asked for r in recorded]
    )
    if ratio >= SIMILAR_SPELLING:
        return Part(round(ratio * 0.85, 3), "Family name is spelt almost the same (a typing slip?)")
    return NOTHING


def _labelled(part: Part, kind: str) -> str | None:
    if part.reason is None or not kind:
        return part.reason
    return f"{part.reason} ({_KIND_WORDS.get(kind, 'another name')})"


def compare_name(query: Query, name: Name) -> tuple[float, list[str]]:
    """One recorded name against the name asked."""
    if query.given and query.family:
        given = compare_given(query.given, name.given)
        family = compare_family(query.family, name.family)
        straight = FAMILY_SHARE * family.score + (1 - FAMILY_SHARE) * given.score
        # Names given the other way round ("Smith John") still count, for a little less.
        flipped_given = compare_given(query.family, name.given)
        flipped_family = compare_family(query.given, name.family)
        flipped = 0.8 * (
            FAMILY_SHARE * flipped_family.score + (1 - FAMILY_SHARE) * flipped_given.score
        )
        if flipped > straight and flipped_given.score and flipped_family.score:
            return flipped, ["Given and family names appear to be the other way round"]
        reasons = [_labelled(part, name.kind) for part in (given, family) if part.reason]
        return straight, reasons
    words = query.given or query.family
    best = max(
        (compare_given(words, name.given), compare_family(words, name.family)),
        key=lambda part: part.score,
    )
    return ONE_WORD_NAME * best.score, [_labelled(best, name.kind)] if best.reason else []


def compare_postcode(asked: str, usable: tuple[str, ...]) -> Part | None:
    if not asked or not usable:
        return None
    district = postcode_district(asked)
    if " " in asked and asked in usable:
        return Part(1.0, "Postcode matches a known address")
    if district and district in {postcode_district(known) for known in usable}:
        if " " in asked:
            return Part(0.5, "Postcode district matches a known address")
        return Part(0.7, "Postcode district matches a known address")
    return NOTHING


def score(query: Query, record: Record) -> Result:
    """How well ``record`` matches ``query``: 0 to 1, with the reasons, best reasons first."""
    name_score, name_reasons = max(
        (compare_name(query, name) for name in record.names),
        key=lambda found: found[0],
        default=(0.0, []),
    )
    parts: list[tuple[float, float]] = [(name_score, NAME_WEIGHT)]
    reasons = list(name_reasons)
    dates = compare_birth_dates(
        query.date_of_birth, record.date_of_birth, record.birth_year_estimate
    )
    if dates is not None:
        parts.append((dates.score, DATE_WEIGHT))
        if dates.reason:
            reasons.append(dates.reason)
    elif query.date_of_birth is not None and not query.date_of_birth.is_empty:
        # A date was asked but the record has none: it neither agrees nor disagrees. Leaving
        # the date out would let a namesake with no date outrank the person whose date fits.
        parts.append((UNKNOWN_DATE, DATE_WEIGHT))
    postcode = compare_postcode(query.postcode, record.postcodes)
    if postcode is not None:
        parts.append((postcode.score, POSTCODE_WEIGHT))
        if postcode.reason:
            reasons.append(postcode.reason)
    elif query.postcode:
        parts.append((UNKNOWN_POSTCODE, POSTCODE_WEIGHT))
    total = sum(value * weight for value, weight in parts) / sum(weight for _, weight in parts)
    if query.nhs_number and record.nhs_number:
        if query.nhs_number == record.nhs_number:
            total = max(total, NHS_MATCH)
            reasons.insert(0, "NHS number matches")
        else:
            total *= NHS_DIFFERS
    return Result(round(min(max(total, 0.0), 1.0), 2), reasons)
