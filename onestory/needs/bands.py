"""Age bands and the sexes the estimate works in, as plain values.

An age band is ``(lowest, highest)`` in whole years, ``highest`` ``None`` when the band is
open at the top ("75+"). ONS single years of age are bands of one year; ONS writes its last
single year as 90 meaning "90 and over".
"""

from __future__ import annotations

import re

FEMALE = "female"
MALE = "male"
SEXES = (FEMALE, MALE)
SEX_LABELS = {FEMALE: "Women", MALE: "Men"}

Band = tuple[int, int | None]

_BAND = re.compile(r"^\s*(\d{1,3})\s*(?:(?:-|–|to)\s*(\d{1,3})|(\+| and over))?\s*$")
OLDEST = 120


def parse_band(text: str) -> Band:
    """ "16-19" → (16, 19); "75+" → (75, None); "34" → (34, 34). ValueError otherwise."""
    match = _BAND.match(text or "")
    if not match:
        raise ValueError(f"{text!r} is not an age or an age band (like 34, 16-19 or 75+)")
    low = int(match.group(1))
    if match.group(3):
        return (low, None)
    high = int(match.group(2)) if match.group(2) else low
    if high < low:
        raise ValueError(f"the age band {text!r} ends before it starts")
    if high > OLDEST:
        raise ValueError(f"the age band {text!r} goes past {OLDEST}")
    return (low, high)


def band_label(band: Band) -> str:
    low, high = band
    if high is None:
        return f"{low}+"
    return str(low) if low == high else f"{low}–{high}"


def top(band: Band) -> int:
    return OLDEST if band[1] is None else band[1]


def within(inner: Band, outer: Band) -> bool:
    return outer[0] <= inner[0] and top(inner) <= top(outer)


def overlaps(a: Band, b: Band) -> bool:
    return a[0] <= top(b) and b[0] <= top(a)


def covered_range(bands: list[Band]) -> Band | None:
    """The age range a set of bands covers without a gap, or None when they leave one."""
    ordered = sorted(bands)
    if not ordered:
        return None
    low, high = ordered[0][0], top(ordered[0])
    for band in ordered[1:]:
        if band[0] != high + 1:
            return None
        high = top(band)
    return (low, None if high == OLDEST else high)


def band_of(age: int, bands: list[Band]) -> Band | None:
    for band in bands:
        if band[0] <= age <= top(band):
            return band
    return None


def parse_sex(text: str) -> str:
    """ONS writes sex as 1 (male) and 2 (female); files also say M, F, male, female."""
    value = (text or "").strip().lower()
    if value in ("2", "f", "female", "females", "women"):
        return FEMALE
    if value in ("1", "m", "male", "males", "men"):
        return MALE
    raise ValueError(f"{text!r} is not a sex this file can hold (1 or 2, M or F, male or female)")
