"""Does free text look as if it holds an address? Pure functions, with no database.

A council was reprimanded after a victim's new address was typed into a notes field
instead of the address field, and a letter quoting it reached her former partner. Free text
that crosses agencies (notes, handover reasons, MARAC research and discussion, safety plans)
is therefore checked for what looks like a UK postcode, a street address with or without a
house number, a flat, a named building ("Rowan House"), or the name of a refuge or other safe
accommodation the directory knows. Text that is flagged is saved only as location-secret, or
the worker moves the address into the address form (docs/decisions/0037).

The check is deliberately loose: a false alarm costs one click and hides a note from
agencies without the right to location, a missed address can cost far more. What it cannot
catch is in the decision record.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
# Flats and named buildings: "Flat 3", "Apartment 12b", "flat three".
_FLAT = re.compile(
    r"\b(flat|apartment|apt|maisonette)\s+(\d{1,4}[a-zA-Z]?|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|[A-Za-z]\d{0,3})\b(?![.,:]?\d)",
    re.IGNORECASE,
)
# A street named without a house number, after a word that places someone there: "lives on
# Mill Lane", "moved to Acacia Avenue". The street's name must be capitalised.
_STREET_WORDS_CAPITALISED = (
    "Road|Street|Avenue|Lane|Close|Drive|Way|Crescent|Terrace|Gardens|Grove|Square|Walk|Mews|"
    "Row|Rise|Parade|Boulevard|Croft|Chase|Place|Wynd|Vale"
)
_NAMED_STREET = re.compile(
    r"\b(?:[Oo]n|[Ii]n|[Aa]t|[Tt]o|[Oo]ff|[Nn]ear|[Ff]rom|[Bb]y)\s+(?:the\s+)?"
    r"((?:[A-Z][A-Za-z'’-]+\s+){1,3}"
    rf"(?:{_STREET_WORDS_CAPITALISED}))\b"
)
# A named building, as refuges and hostels often are: "Rowan House", "Willow Lodge".
_BUILDING = re.compile(
    r"\b((?:[A-Z][A-Za-z'’-]+\s+){1,3}"
    r"(?:House|Lodge|Refuge|Cottage|Cottages|Mansions|Towers|Hostel|Flats|Buildings|Farm))\b"
)
# Capitalised words that open a sentence or name an organisation rather than a building.
# fmt: off
_NOT_A_BUILDING = frozenset({
    "the", "a", "an", "she", "he", "they", "we", "i", "her", "his", "their", "our", "my",
    "went", "moved", "back", "at", "to", "in", "police", "court", "council", "white",
    "public", "open", "safe", "full", "half", "new", "old", "dog", "tree", "doll",
})
# fmt: on


def address_like_text(text: str, places: Iterable[str] = ()) -> list[str]:
    """The parts of ``text`` that look like an address, in the order found.

    ``places`` are the names of places whose whereabouts are secret (refuges and other safe
    accommodation in the directory); any of them in the text is found too.
    """
    text = text or ""
    found: list[tuple[int, str]] = []
    for match in _POSTCODE.finditer(text or ""):
        found.append((match.start(), f"{match.group(1)} {match.group(2)}".upper()))
    for match in _STREET.finditer(text or ""):
        words = match.group(2).lower().split()
        if any(word.strip(".'’") in _NOT_A_STREET_NAME for word in words):
            continue
        found.append((match.start(), " ".join(match.group(0).split())))
    for match in _FLAT.finditer(text):
        found.append((match.start(), match.group(0)))
    for match in _NAMED_STREET.finditer(text):
        found.append((match.start(1), " ".join(match.group(1).split())))
    for match in _BUILDING.finditer(text):
        words = match.group(1).split()
        while words and words[0].lower() in _NOT_A_BUILDING:
            words.pop(0)
        if len(words) >= 2:
            found.append((match.end(1) - len(" ".join(words)), " ".join(words)))
    lowered = text.lower()
    for place in places:
        name = " ".join(place.split())
        if len(name) >= 4:
            at = re.search(rf"(?<!\w){re.escape(name.lower())}(?!\w)", lowered)
            if at:
                found.append((at.start(), text[at.start() : at.end()]))
    return _without_overlaps(found)


def _without_overlaps(found: list[tuple[int, str]]) -> list[str]:
    """Snippets in order; one that lies inside another found earlier is dropped."""
    kept: list[tuple[int, str]] = []
    for start, snippet in sorted(found, key=lambda item: (item[0], -len(item[1]))):
        if kept and start < kept[-1][0] + len(kept[-1][1]) and snippet in kept[-1][1]:
            continue
        if snippet not in [k for _, k in kept]:
            kept.append((start, snippet))
    return [snippet for _, snippet in kept]


def looks_like_an_address(text: str, places: Iterable[str] = ()) -> bool:
    return bool(address_like_text(text, places))


ADDRESS_WARNING = (
    "This looks as if it holds an address ({found}). Take the address out and record it "
    "with the address form, which keeps it secret; or tick the box to save this as "
    "location-secret, so that only staff who may know where the person is can read it."
)


NO_ADDRESS_HERE = (
    "This looks as if it holds an address ({found}). Every agency at the MARAC reads this and "
    "it goes into the minutes, so it may hold no address: take it out, and record a new "
    "address with the address form, which keeps it secret."
)


def address_warning(
    text: str, places: Iterable[str] = (), *, template: str = ADDRESS_WARNING
) -> str | None:
    """The warning to show for ``text``, or None when it holds nothing like an address."""
    found = address_like_text(text, places)
    if not found:
        return None
    quoted = ", ".join(f"“{snippet}”" for snippet in found[:3])
    return template.format(found=quoted)
