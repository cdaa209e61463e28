"""Does a note look as if it holds an address? A pure function, with no database.

A council was reprimanded after a victim's new address was typed into a notes field
instead of the address field, and a letter quoting it reached her former partner. Notes
are therefore checked for what looks like a UK postcode or a street address, so the worker
can be pointed to the address form (which keeps an address secret) before saving.

The check is deliberately loose: a false alarm costs one click, a missed address can
cost far more.
"""

from __future__ import annotations

import re

# A full UK postcode: outward code (A9, A99, A9A, AA9, AA99, AA9A), then the inward code
# (a digit and two letters, never C, I, K, M, O or V).
_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z]{1,2}[0-9][A-Za-z0-9]?)\s*([0-9][ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2})"
    r"(?![A-Za-z0-9])"
)

_STREET_WORDS = (
    "road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|cres|court|ct|place|pl|"
    "terrace|gardens|gdns|grove|hill|square|sq|walk|mews|row|park|view|green|rise|parade|"
    "boulevard|end|gate|yard|wharf|meadow|meadows|fields|vale|croft|chase|approach"
)
# A house number (12, 12a, 12-14), then one to three words, then a kind of street.
_STREET = re.compile(
    r"(?<![0-9A-Za-z£$.,:/])(\d{1,4}[a-zA-Z]?(?:\s*-\s*\d{1,4})?),?\s+"
    r"((?:[A-Za-z][A-Za-z'’.-]*\s+){1,3})"
    rf"({_STREET_WORDS})\b\.?",
    re.IGNORECASE,
)
# Words that, between a number and a street word, show the number is not a house number
# ("2 miles down the lane", "3 days at the court").
# fmt: off
_NOT_A_STREET_NAME = frozenset({
    "a", "an", "the", "to", "at", "on", "in", "of", "off", "from", "into", "onto", "along",
    "by", "near", "past", "up", "down", "across", "round", "around", "and", "or", "but", "then",
    "with", "without", "for", "her", "his", "their", "my", "our", "your", "its", "this", "that",
    "these", "those", "miles", "mile", "yards", "metres", "minutes", "mins", "hours", "hrs",
    "days", "weeks", "months", "years", "times", "ago", "kids", "children", "people", "visits",
    "calls", "texts", "messages", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})
# fmt: on
# Flats and named buildings: "Flat 3", "Apartment 12b".
_FLAT = re.compile(r"\b(flat|apartment|apt)\s+\d{1,4}[a-zA-Z]?\b", re.IGNORECASE)


def address_like_text(text: str) -> list[str]:
    """The parts of ``text`` that look like a postcode or a street address, in order found."""
    found: list[tuple[int, str]] = []
    for match in _POSTCODE.finditer(text or ""):
        found.append((match.start(), f"{match.group(1)} {match.group(2)}".upper()))
    for match in _STREET.finditer(text or ""):
        words = match.group(2).lower().split()
        if any(word.strip(".'’") in _NOT_A_STREET_NAME for word in words):
            continue
        found.append((match.start(), " ".join(match.group(0).split())))
    for match in _FLAT.finditer(text or ""):
        found.append((match.start(), match.group(0)))
    return [snippet for _, snippet in sorted(found)]


def looks_like_an_address(text: str) -> bool:
    return bool(address_like_text(text))


ADDRESS_WARNING = (
    "This note looks as if it holds an address ({found}). If it is where the person "
    "lives or is staying, do not put it in a note: record it with the address form, which "
    "keeps it secret. If it is not their address, tick the box to save the note anyway."
)


def address_warning(text: str) -> str | None:
    """The warning to show for ``text``, or None when it holds nothing like an address."""
    found = address_like_text(text)
    if not found:
        return None
    quoted = ", ".join(f"“{snippet}”" for snippet in found[:3])
    return ADDRESS_WARNING.format(found=quoted)
