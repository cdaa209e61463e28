"""The slips real records and real callers make: pure functions of a name or date and a
random generator, shared by the county (its records) and the benchmark (its questions)."""

from __future__ import annotations

import datetime as dt
import random

from onestory.people import nicknames

_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS = {
    letter: row[max(i - 1, 0) : i] + row[i + 1 : i + 2]
    for row in _KEYBOARD_ROWS
    for i, letter in enumerate(row)
}
# Spellings that sound the same: (written, also written).
_SOUND_ALIKE = (
    ("ph", "f"),
    ("ck", "k"),
    ("y", "ie"),
    ("ie", "y"),
    ("ee", "ea"),
    ("ai", "ay"),
    ("i", "y"),
    ("ll", "l"),
    ("nn", "n"),
    ("tt", "t"),
    ("ss", "s"),
    ("ou", "ow"),
    ("er", "a"),
    ("son", "sen"),
    ("ey", "y"),
    ("th", "t"),
)


def typo(word: str, rng: random.Random) -> str:
    """One slip of the finger: a letter left out, doubled, swapped or hit next door.

    The first letter is kept, as it nearly always is when people mistype names.
    """
    if len(word) < 3:
        return word
    i = rng.randrange(1, len(word))
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    if kind == 2 and i < len(word) - 1 and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    near = _NEIGHBOURS.get(word[i], "")
    if not near:
        return word[:i] + word[i + 1 :]
    return word[:i] + rng.choice(near) + word[i + 1 :]


def respell(word: str, rng: random.Random) -> str:
    """Another way to write the same sound ("Stephen" as "Stefen"), or a typo if none fits."""
    options = [
        (i, written, other)
        for written, other in _SOUND_ALIKE
        for i in range(1, len(word))
        if word.startswith(written, i)
    ]
    if not options:
        return typo(word, rng)
    i, written, other = rng.choice(options)
    return word[:i] + other + word[i + len(written) :]


def nickname(given: str, rng: random.Random) -> str | None:
    """A common short form of ``given`` (Bill for William), or None when it has none."""
    shorts = sorted(nicknames.table().get(given, ()))
    return rng.choice(shorts) if shorts else None


def swapped(day: dt.date) -> dt.date | None:
    """The date with day and month the other way round, when that is another real date."""
    if day.day > 12 or day.day == day.month:
        return None
    return day.replace(month=day.day, day=day.month)


def date_slip(day: dt.date, rng: random.Random) -> dt.date:
    """A date of birth written down wrong: a day out, or a year out."""
    if rng.random() < 0.6:
        return day + dt.timedelta(days=rng.choice((-1, 1)))
    try:
        return day.replace(year=day.year + rng.choice((-1, 1)))
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def postcode_district(postcode: str) -> str:
    """Just the first part of a postcode, as people often give it: "NS4 7QT" → "NS4"."""
    return postcode.split(" ")[0]
