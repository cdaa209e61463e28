"""A sound key for names: names that sound alike get the same short key.

It works like the classic name codes (Soundex, Metaphone) but is tuned for names heard
over the phone in England: "Smith" and "Smyth", "Catherine" and "Kathryn", "Stephen" and
"Steven", "Geoff" and "Jeff", "Reid" and "Reed" share a key. Vowels after the first sound
are dropped, letters that sound alike share one symbol, and repeats collapse.

The key only finds candidates; the scorer decides how good a match is.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MAX_LENGTH = 6
_VOWELS = frozenset("aeiouy")
_FRONT_VOWELS = frozenset("eiy")
# Silent or softened openings: "Knight" sounds as "Night", "Wright" as "Right".
_OPENINGS = (("kn", "n"), ("gn", "n"), ("pn", "n"), ("wr", "r"), ("ps", "s"), ("x", "s"))
_SIMPLE = {
    "b": "P",
    "p": "P",
    "f": "F",
    "v": "F",
    "d": "T",
    "t": "T",
    "j": "J",
    "k": "K",
    "q": "K",
    "l": "L",
    "m": "M",
    "n": "N",
    "r": "R",
    "s": "S",
    "z": "S",
}


def _letters(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z]", "", plain)


def _sound(word: str, i: int) -> tuple[str, int]:
    """The symbol for the sound starting at ``word[i]``, and how many letters it used."""
    ch = word[i]
    nxt = word[i + 1] if i + 1 < len(word) else ""
    after = word[i + 2] if i + 2 < len(word) else ""
    if ch in _VOWELS:
        if ch == "y" and i == 0 and nxt in _VOWELS:
            return "Y", 1  # "Yusuf"; elsewhere a "y" is a vowel ("Ayesha", "Smyth")
        return ("A" if i == 0 else ""), 1
    if ch == "c":
        if nxt == "h":
            # "Christine", "Chloe": a hard sound before a consonant; "Charlotte": soft.
            return ("K" if after and after not in _VOWELS else "X"), 2
        if nxt == "k":
            return "K", 2
        return ("S" if nxt in _FRONT_VOWELS else "K"), 1
    if ch == "g":
        if nxt == "h":
            return ("K" if i == 0 else ""), 2  # "Leigh", "Hugh", "Vaughan"
        if nxt == "n" and not after:
            return "N", 2
        return ("J" if nxt in _FRONT_VOWELS else "K"), 1
    if ch == "h":
        return ("H" if i == 0 and nxt in _VOWELS else ""), 1
    if ch == "p" and nxt == "h":
        return "F", 2
    if ch == "p" and nxt == "s" and i > 0 and word[i - 1] == "m":
        return "", 1  # "Thompson" sounds as "Thomson"
    if ch == "s":
        if nxt == "h":
            return "X", 2
        if nxt == "c" and after == "h":
            return "SK", 3
        return "S", 1
    if ch == "t":
        if nxt == "h":
            return "T", 2
        if nxt == "c" and after == "h":
            return "X", 3
        if nxt == "i" and after in ("a", "o"):
            return "X", 2
        return "T", 1
    if ch == "w":
        return ("W" if nxt in _VOWELS else ""), 1
    if ch == "x":
        return "KS", 1
    return _SIMPLE.get(ch, ""), 1


# Names repeat endlessly when a search scores its candidates: remember recent keys.
@lru_cache(maxsize=65536)
def sound_key(word: str) -> str:
    """The sound key of one word: ``sound_key("Kathryn") == sound_key("Catherine") == "KTRN"``."""
    letters = re.sub(r"(.)\1+", r"\1", _letters(word))  # "Phillip" as "Philip"
    if not letters:
        return ""
    for opening, replacement in _OPENINGS:
        if letters.startswith(opening) and len(letters) > len(opening):
            letters = replacement + letters[len(opening) :]
            break
    symbols: list[str] = []
    i = 0
    while i < len(letters):
        symbol, used = _sound(letters, i)
        for char in symbol:
            if not symbols or symbols[-1] != char:
                symbols.append(char)
        i += used
    return "".join(symbols)[:MAX_LENGTH]
