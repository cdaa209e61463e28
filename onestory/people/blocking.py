"""The blocking keys of a question: which short keys a matching record would carry.

Records carry their keys in the ``match_keys`` columns the database fills through the
functions ``people_match_keys`` and ``people_name_keys`` (migration 0004, PostgreSQL); this
module builds the keys of what a worker asked, in the same shapes, forgiving what people
get wrong:

- the given name is also tried as each of its short and full forms (Bill, William);
- names are keyed by their sound and also by their first three letters, so a slip later in
  a name that changes its sound still meets the record;
- a family name is also keyed by its first four letters in alphabetical order with the
  given name's initial, so two letters typed the wrong way round (Mtichell) still meet it;
- a date of birth is also tried with day and month swapped;
- the names are also tried the other way round (Smith John), with every key the straight
  order has (decision 0086).

A pure module: no database.
"""

from __future__ import annotations

from dataclasses import replace

from onestory.people import nicknames
from onestory.people.phonetic import sound_key
from onestory.people.scoring import Query


def given_names(query: Query) -> list[str]:
    """The first given name and every name it may stand for or shorten."""
    if not query.given:
        return []
    first = query.given[0]
    return sorted({first, *nicknames.related_names(first)})


def given_keys(query: Query) -> list[str]:
    """Sound keys of the first given name and every name it may stand for or shorten."""
    return sorted({key for key in map(sound_key, given_names(query)) if key})


def letters(word: str) -> str:
    """The first four letters of ``word`` in alphabetical order (by code point)."""
    return "".join(sorted(word[:4]))


def question_keys(query: Query) -> list[str]:
    """Every key a record matching ``query`` would be likely to carry, in a stable order:
    those of the names as given and those of the names the other way round."""
    keys = set(_keys_in_order(query))
    if query.given and query.family:
        flipped = replace(query, given=query.family, family=query.given)
        keys.update(_keys_in_order(flipped))
    return sorted(keys)


def _keys_in_order(query: Query) -> set[str]:
    """The keys of ``query`` with its names in the order given."""
    keys: set[str] = set()
    born = query.date_of_birth
    if born is not None and born.is_complete:
        keys.add(f"D{born.as_date():%Y%m%d}")
        swapped = born.swapped()
        if swapped is not None:
            keys.add(f"D{swapped.as_date():%Y%m%d}")
    family = sorted({key for key in map(sound_key, query.family) if key})
    given = given_keys(query)
    year = born.year if born is not None else None
    if born is not None and born.year is not None and born.month is not None:
        keys.update(f"M{g}:{born.year:04d}{born.month:02d}" for g in given)
    if born is not None and born.month is not None and born.day is not None:
        for day, month in {(born.day, born.month), (born.month, born.day)}:
            if 1 <= month <= 12:
                keys.update(f"B{g}:{month:02d}{day:02d}" for g in given)
    for f in family:
        keys.add(f"P{f}")
        keys.update(f"Q{f}:{name[:3]}" for name in given_names(query))
        for g in given:
            keys.add(f"N{f}:{g}")
            if year is not None:
                keys.add(f"F{f}:{year}:{g[0]}")
                keys.add(f"G{g}:{year}:{f[0]}")
    for g in given:
        keys.update(f"R{g}:{word[:3]}" for word in query.family)
    # With each initial the given name may have, and with none (other names are often a
    # family name alone).
    initials = {"", *(name[0] for name in given_names(query) if name)}
    for word in query.family:
        keys.update(f"L{initial}:{letters(word)}" for initial in initials)
    return keys
