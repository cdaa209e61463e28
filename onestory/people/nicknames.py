"""Short forms of given names (Bill for William, Peggy for Margaret), from a data file.

``data/nicknames.txt`` lists each full name with its common short forms. A short form may
belong to several full names ("Kate" to Katherine, Catherine and Kathryn).
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "nicknames.txt"


@cache
def table() -> dict[str, frozenset[str]]:
    """Full name → its short forms, all in lower case."""
    found: dict[str, set[str]] = defaultdict(set)
    for line in DATA_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        full, _, shorts = line.partition(":")
        found[full.strip()].update(s.strip() for s in shorts.split(",") if s.strip())
    return {full: frozenset(shorts) for full, shorts in found.items()}


@cache
def _full_names_of() -> dict[str, frozenset[str]]:
    """Short form → the full names it can stand for."""
    found: dict[str, set[str]] = defaultdict(set)
    for full, shorts in table().items():
        for short in shorts:
            found[short].add(full)
    return {short: frozenset(fulls) for short, fulls in found.items()}


def pairs() -> list[tuple[str, str]]:
    return sorted((full, short) for full, shorts in table().items() for short in shorts)


def related_names(name: str) -> frozenset[str]:
    """Every name ``name`` may stand for or be shortened to, itself excluded.

    "bill" → william, will, billy, liam, ...; "william" → bill, will, billy, ...
    """
    name = name.lower().strip()
    related: set[str] = set(table().get(name, ()))
    for full in _full_names_of().get(name, ()):
        related.add(full)
        related.update(table()[full])
    related.discard(name)
    return frozenset(related)


def relation(asked: str, recorded: str) -> str | None:
    """Why two different given names may be the same person's, in plain words, or None."""
    a, b = asked.lower().strip(), recorded.lower().strip()
    if not a or not b or a == b:
        return None
    shown_a, shown_b = a.title(), b.title()
    if a in table().get(b, ()):
        return f"{shown_a} is a short form of {shown_b}"
    if b in table().get(a, ()):
        return f"{shown_b} is a short form of {shown_a}"
    fulls_a = _full_names_of().get(a, frozenset())
    fulls_b = _full_names_of().get(b, frozenset())
    shared = sorted(fulls_a & fulls_b)
    if shared:
        return f"{shown_a} and {shown_b} are both short forms of {shared[0].title()}"
    return None
