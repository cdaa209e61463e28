"""Other people's names in the free text of a subject access document.

A note about a survivor often names her children, her sister, or the person harming her.
Their names are their personal data, not hers: before the document is released, each
mention of a person OneStory knows to be connected to the subject is replaced with
``[third party]``. Only names of recorded people are found; a name the record does not hold
(a friend mentioned once) is still the manager's to spot before release.

The subject's own names are never replaced, even where a relative shares them (a family
name), so that the document still reads as hers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MARK = "[third party]"
SHORTEST = 2  # a single letter (an initial) is not a name to look for


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s,]+", name.strip()) if t]


def name_pattern(
    third_parties: Iterable[tuple[str, str]], own: Iterable[str]
) -> re.Pattern[str] | None:
    """A pattern for the names of ``third_parties`` ((given, family) pairs): each full name
    and each part of it, except the parts that are also one of the subject's ``own`` names."""
    kept = {t.casefold() for name in own for t in _tokens(name)}
    phrases: set[str] = set()
    for given, family in third_parties:
        full = " ".join(p for p in (given.strip(), family.strip()) if p)
        parts = _tokens(full)
        if len(parts) > 1 and not all(p.casefold() in kept for p in parts):
            phrases.add(" ".join(parts))
        phrases |= {p for p in parts if len(p) >= SHORTEST and p.casefold() not in kept}
    if not phrases:
        return None
    alternatives = sorted(phrases, key=lambda p: (-len(p), p))
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split(" ")) for p in alternatives)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def redact(text: str, pattern: re.Pattern[str] | None) -> tuple[str, int]:
    """``text`` with every match of ``pattern`` replaced by the mark, and how many there were."""
    if pattern is None or not text:
        return text, 0
    return pattern.subn(MARK, text)
