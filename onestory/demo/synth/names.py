"""Name frequencies for the synthetic county, read from the data files beside this module."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
# The share of people whose family name comes from the made-up long tail of rarer names.
TAIL_SHARE = 0.35


@dataclass(frozen=True)
class Weighted:
    """Names with cumulative weights, for ``random.choices``."""

    names: tuple[str, ...]
    cumulative: tuple[float, ...]

    def pick(self, rng: random.Random) -> str:
        return rng.choices(self.names, cum_weights=self.cumulative)[0]


def _read_weights(path: Path) -> dict[str, float]:
    found: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, weight = line.rsplit(None, 1)
        found[name] = found.get(name, 0.0) + float(weight)
    return found


def _weighted(weights: dict[str, float]) -> Weighted:
    names = tuple(sorted(weights))
    return Weighted(names, tuple(itertools.accumulate(weights[name] for name in names)))


@cache
def given_names(sex: str) -> Weighted:
    return _weighted(_read_weights(DATA / f"given_{sex}.txt"))


def _tail_names(common: set[str]) -> list[str]:
    starts: list[str] = []
    ends: list[str] = []
    for line in (DATA / "surname_parts.txt").read_text(encoding="utf-8").splitlines():
        kind, _, words = line.partition(":")
        target = {"start": starts, "end": ends}.get(kind.strip())
        if target is not None and not line.startswith("#"):
            target.extend(word.strip() for word in words.split(",") if word.strip())
    made = {start + end for start in starts for end in ends}
    return sorted(made - common)


@cache
def family_names() -> Weighted:
    weights = _read_weights(DATA / "surnames.txt")
    tail = _tail_names(set(weights))
    each = sum(weights.values()) * TAIL_SHARE / (1 - TAIL_SHARE) / len(tail)
    return _weighted({**weights, **dict.fromkeys(tail, each)})


def shown(name: str) -> str:
    """How a name is written on a record: "obrien" → "O'Brien", "mcdonald" → "McDonald"."""
    if name.startswith("mc") and len(name) > 3:
        return "Mc" + name[2:].capitalize()
    if name.startswith("o") and name[1:] in _IRISH_O:
        return "O'" + name[1:].capitalize()
    return name.capitalize()


_IRISH_O = {"brien", "connor", "donnell", "neill", "sullivan", "reilly", "hara"}
