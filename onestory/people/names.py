"""Names made comparable: lower case, no accents or punctuation, parts split out.

Hyphenated and double-barrelled family names are kept as parts, so "Smith-Jones" can be
found by "Smith" or by "Jones".
"""

from __future__ import annotations

import re
import unicodedata

from onestory.people.phonetic import sound_key

_SEPARATORS = re.compile(r"[\s\-‐‑–—_/.,]+")
_NOT_LETTERS = re.compile(r"[^a-z ]+")
# Small words that belong to a family name rather than being a name of their own.
_PARTICLES = {
    "van",
    "von",
    "der",
    "den",
    "de",
    "da",
    "di",
    "du",
    "la",
    "le",
    "st",
    "al",
    "el",
    "bin",
}


def normalise(text: str) -> str:
    """``"  Seán O'Brien-Smyth "`` → ``"sean obrien smyth"``."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    spaced = _SEPARATORS.sub(" ", plain)
    return " ".join(_NOT_LETTERS.sub("", spaced).split())


def parts(text: str) -> tuple[str, ...]:
    return tuple(normalise(text).split())


def significant_parts(text: str) -> tuple[str, ...]:
    """The parts that say something: "van der Berg" → ("berg",), unless that is all there is."""
    return drop_particles(parts(text))


def drop_particles(found: tuple[str, ...]) -> tuple[str, ...]:
    kept = tuple(part for part in found if part not in _PARTICLES)
    return kept or found


def keys_column(text: str) -> str:
    """The sound keys of every part, padded with spaces so a whole key can be looked for."""
    keys = []
    for part in significant_parts(text):
        key = sound_key(part)
        if key and key not in keys:
            keys.append(key)
    return f" {' '.join(keys)} " if keys else ""


def name_keys(text: str) -> tuple[str, str]:
    """The sound keys of a name's first and last significant parts, for indexed look-ups.

    ``"Smith-Jones"`` → ``("SMT", "JNS")``; a name of one part (or whose parts sound alike)
    has no second key: ``"Smith"`` → ``("SMT", "")``. Kept in their own indexed columns so
    that a name alone, a name with a year or a postcode, and two names given the other way
    round are found through an index on every database (see decision 0086).
    """
    keys = [key for key in map(sound_key, significant_parts(text)) if key]
    if not keys:
        return "", ""
    return keys[0], (keys[-1] if keys[-1] != keys[0] else "")


def search_columns(given_name: str, family_name: str) -> dict[str, str]:
    """The derived columns a person or a name row stores for finding people."""
    given_key, _ = name_keys(given_name)
    family_key, family_key_2 = name_keys(family_name)
    return {
        "search_given_name": normalise(given_name),
        "search_family_name": normalise(family_name),
        "given_name_keys": keys_column(given_name),
        "family_name_keys": keys_column(family_name),
        "given_key": given_key,
        "family_key": family_key,
        "family_key_2": family_key_2,
    }


def split_full_name(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split what a worker typed into given-name parts and family-name parts.

    "Bill Smith-Jones" → (("bill",), ("smith", "jones")); "Smith-Jones, Bill" → the same;
    "Anna van der Berg" keeps "van der" with the family name. One word alone is returned
    as a given name and left for the scorer to try both ways.
    """
    raw = (text or "").strip()
    if "," in raw:
        family, _, given = raw.partition(",")
        return parts(given), parts(family)
    words = raw.split()
    if len(words) <= 1:
        return parts(raw), ()
    split_at = len(words) - 1
    while split_at > 1 and normalise(words[split_at - 1]) in _PARTICLES:
        split_at -= 1
    return parts(" ".join(words[:split_at])), parts(" ".join(words[split_at:]))
