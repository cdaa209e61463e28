"""The linkage's rules as pure functions: which pairs may never be suggested, what each
comparison said about a pair, whether a confirmation would join a victim to the person
harming her, and how good a set of links is against the truth."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from onestory.linkage.standard import Role

Pair = frozenset[str]


@dataclass(frozen=True)
class EventPart:
    """One record's part in one event: ``scope`` says whose numbering the event id is in
    (an agency's source), so two sources' events never mix."""

    key: str
    scope: str
    event_id: str
    role: str


def victim_harm_pairs(parts: Iterable[EventPart]) -> set[Pair]:
    """Every pair of records that are the victim and the person using harm in one event:
    the model may never suggest them as one person, however alike they look (same
    surname after marriage, same address, one phone)."""
    by_event: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for part in parts:
        by_event[(part.scope, part.event_id)][part.role].add(part.key)
    found: set[Pair] = set()
    for roles in by_event.values():
        for victim in roles.get(Role.VICTIM, ()):
            for harm in roles.get(Role.USING_HARM, ()):
                if victim != harm:
                    found.add(frozenset((victim, harm)))
    return found


class _Clusters:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)

    def members(self, key: str) -> set[str]:
        root = self.find(key)
        return {k for k in list(self.parent) if self.find(k) == root}


def joins_victim_and_harm(
    pair: tuple[str, str], *, confirmed: Iterable[tuple[str, str]], forbidden: set[Pair]
) -> tuple[str, str] | None:
    """Whether linking ``pair`` would put, in one person, a victim and the person harming
    her in the same event, through the links already confirmed; the two records if so."""
    clusters = _Clusters()
    for a, b in confirmed:
        clusters.join(a, b)
    left, right = clusters.members(pair[0]), clusters.members(pair[1])
    if left & right:
        return None
    for a in sorted(left):
        for b in sorted(right):
            if frozenset((a, b)) in forbidden:
                return a, b
    return None


@dataclass(frozen=True)
class Evidence:
    comparison: str
    level: str
    weight: float  # the comparison's contribution to the match weight (log2 of its odds)

    @property
    def agrees(self) -> bool:
        return self.weight > 0


COMPARISON_NAMES = {
    "given_name": "Given name",
    "family_name": "Family name",
    "date_of_birth": "Date of birth",
    "postcode": "Postcode",
    "phone": "Phone",
    "nhs_number": "NHS number",
    "sex": "Sex",
}


_PLAIN = (
    (re.compile(r"^Exact match on full postcode$"), "The same postcode"),
    (re.compile(r"^Exact match on (sector|district|area)$"), r"The same postcode \1"),
    (re.compile(r"^Exact match on .+$"), "The same"),
    (re.compile(r"^Jaro-Winkler distance of .+ >= 0\.9\d*$"), "Spelt almost the same"),
    (re.compile(r"^Jaro-Winkler distance of .+ >= 0\.[0-8]\d*$"), "Spelt alike"),
    (re.compile(r"^.+ is NULL$"), "Not recorded on one side"),
    (re.compile(r"^All other comparisons$"), "Different"),
)


def plain_label(label: str) -> str:
    """A comparison level's label in the words a reviewer reads ("The same", "Different")."""
    for pattern, words in _PLAIN:
        if pattern.match(label):
            return pattern.sub(words, label)
    return label


def level_weights(model: dict) -> dict[str, list[tuple[str, float | None]]]:
    """Each comparison's levels with their match weight (None for the null level)."""
    found: dict[str, list[tuple[str, float | None]]] = {}
    for comparison in model["comparisons"]:
        levels = []
        for level in comparison["comparison_levels"]:
            label = plain_label(level.get("label_for_charts", level["sql_condition"]))
            if level.get("is_null_level"):
                levels.append((label, None))
                continue
            m, u = level.get("m_probability"), level.get("u_probability")
            weight = math.log2(m / u) if m and u else 0.0
            levels.append((label, weight))
        found[comparison["output_column_name"]] = levels
    return found


def evidence(model: dict, scored: dict) -> list[Evidence]:
    """What each comparison found for one scored pair, as Splink's waterfall shows it: the
    level (the one whose weight the pair was given) and its contribution."""
    said = []
    for name, levels in level_weights(model).items():
        level_weight = scored.get(f"mw_level_{name}", 0.0)
        contribution = scored.get(f"mw_{name}", level_weight)
        label = "Not recorded on one side"
        if level_weight != 0.0 or all(w is not None for _, w in levels):
            weighted = [(abs(w - level_weight), label) for label, w in levels if w is not None]
            if weighted:
                label = min(weighted)[1]
        said.append(Evidence(COMPARISON_NAMES.get(name, name), label, round(contribution, 2)))
    return said


@dataclass(frozen=True)
class Scores:
    threshold: float
    found: int
    true_found: int
    truly: int

    @property
    def precision(self) -> float:
        return self.true_found / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.true_found / self.truly if self.truly else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def true_pairs(truth: dict[str, str]) -> set[Pair]:
    """Every pair of keys that are the same real person: ``truth`` maps a key to a person."""
    by_person: dict[str, list[str]] = defaultdict(list)
    for key, person in truth.items():
        by_person[person].append(key)
    found: set[Pair] = set()
    for keys in by_person.values():
        keys.sort()
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                found.add(frozenset((a, b)))
    return found


def sweep(
    scored: Iterable[tuple[str, str, float]], truth: dict[str, str], thresholds: Iterable[float]
) -> list[Scores]:
    """Precision, recall and F1 of the pairs scored at or above each threshold; pairs
    with a key outside the truth are left out, since nothing says whether they are right."""
    truly = true_pairs(truth)
    known = set(truth)
    kept = [(frozenset((a, b)), p) for a, b, p in scored if a in known and b in known]
    results = []
    for threshold in thresholds:
        above = {pair for pair, p in kept if p >= threshold}
        results.append(Scores(threshold, len(above), len(above & truly), len(truly)))
    return results


def join_as_confirmed(
    keys: Iterable[str], links: Iterable[tuple[str, str, float]], forbidden: set[Pair]
) -> dict[str, frozenset[str]]:
    """The people that confirming every link would make, most likely first, each
    confirmation refused as ``confirm_link`` refuses it: when it would put a victim and the
    person harming her in one event into one person."""
    apart: dict[str, set[str]] = defaultdict(set)
    for pair in forbidden:
        a, b = tuple(pair)
        apart[a].add(b)
        apart[b].add(a)
    members: dict[str, set[str]] = {key: {key} for key in keys}
    for a, b, _ in sorted(links, key=lambda link: -link[2]):
        left, right = members.setdefault(a, {a}), members.setdefault(b, {b})
        if left is right:
            continue
        small, large = sorted((left, right), key=len)
        if any(apart[key] & large for key in small if key in apart):
            continue
        large |= small
        for key in small:
            members[key] = large
    return {key: frozenset(found) for key, found in members.items()}


def sweep_people(
    scored: Iterable[tuple[str, str, float]],
    truth: dict[str, str],
    thresholds: Iterable[float],
    *,
    forbidden: set[Pair] | None = None,
) -> list[Scores]:
    """The same figures for the people the links make: confirmed links join records into
    one person, so two records joined through a third are one person too, and a link that
    would join a victim and the person harming her is refused (``join_as_confirmed``).
    Every pair of records in one person counts, a true pair missed counts against recall,
    and a wrong link that joins two people costs every pair it wrongly makes."""
    truly = true_pairs(truth)
    known = set(truth)
    kept = [(a, b, p) for a, b, p in scored if a in known and b in known]
    results = []
    for threshold in thresholds:
        people_made = join_as_confirmed(
            known, [link for link in kept if link[2] >= threshold], forbidden or set()
        )
        joined = true_pairs({key: ",".join(sorted(p)) for key, p in people_made.items()})
        results.append(Scores(threshold, len(joined), len(joined & truly), len(truly)))
    return results


def best(results: list[Scores]) -> Scores:
    """The threshold with the best F1 (the higher threshold on a tie: fewer to review)."""
    return max(results, key=lambda s: (round(s.f1, 6), s.threshold))


@dataclass(frozen=True)
class Repeat:
    """The same victim and person using harm, in events recorded by several sources."""

    victim: frozenset[str]
    harm: frozenset[str]
    scopes: frozenset[str]
    events: int


@dataclass(frozen=True)
class Serial:
    """A person using harm against more than one victim."""

    harm: frozenset[str]
    victims: tuple[frozenset[str], ...]


def people(keys: Iterable[str], confirmed: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Each key's person: the records that confirmed links join (alone, if none)."""
    clusters = _Clusters()
    for key in keys:
        clusters.find(key)
    for a, b in confirmed:
        clusters.join(a, b)
    members: dict[str, set[str]] = defaultdict(set)
    for key in list(clusters.parent):
        members[clusters.find(key)].add(key)
    frozen = {root: frozenset(found) for root, found in members.items()}
    return {key: frozen[clusters.find(key)] for key in clusters.parent}


def findings(
    parts: Iterable[EventPart], confirmed: Iterable[tuple[str, str]]
) -> tuple[list[Repeat], list[Serial]]:
    """What the confirmed links show: repeat victimisation recorded by more than one source,
    and people using harm against more than one victim. Only confirmed links join records:
    a suggestion no one has decided on finds nothing."""
    parts = list(parts)
    person = people((p.key for p in parts), confirmed)
    by_event: dict[tuple[str, str], dict[str, set[frozenset[str]]]] = defaultdict(
        lambda: defaultdict(set)
    )
    for part in parts:
        by_event[(part.scope, part.event_id)][part.role].add(person[part.key])
    pairs: dict[tuple[frozenset[str], frozenset[str]], list[str]] = defaultdict(list)
    victims_of: dict[frozenset[str], set[frozenset[str]]] = defaultdict(set)
    for (scope, _), roles in by_event.items():
        for victim in roles.get(Role.VICTIM, ()):
            for harm in roles.get(Role.USING_HARM, ()):
                if victim != harm:
                    pairs[(victim, harm)].append(scope)
                    victims_of[harm].add(victim)
    repeats = [
        Repeat(victim, harm, frozenset(scopes), len(scopes))
        for (victim, harm), scopes in pairs.items()
        if len(set(scopes)) > 1
    ]
    serials = [
        Serial(harm, tuple(sorted(victims, key=sorted)))
        for harm, victims in victims_of.items()
        if len(victims) > 1
    ]
    repeats.sort(key=lambda r: (-r.events, sorted(r.victim)))
    serials.sort(key=lambda s: (-len(s.victims), sorted(s.harm)))
    return repeats, serials
