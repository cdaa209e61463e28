"""Agencies' extracts from the synthetic county, in the partnership's data standard, with
the truth of who is who: the test bed for the linkage.

Households of real people (a victim, often the person harming her, children, sometimes a
relative) are made as the county makes them (``synth.people.Households``); each source then
writes its records of them as agencies do: typos and other spellings, short forms of given
names, a married surname on one record and the birth surname on another, day and month
swapped or a digit wrong in a date of birth, only the year known, a postcode from before a
move or none, phone and NHS numbers only where that source holds them, and now and then a
second record of someone already on that source's books. Police incidents and children's
social care referrals name the victim and the person using harm in the same event.
Everything in it is invented.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from onestory.demo.synth import noise
from onestory.demo.synth.names import shown
from onestory.demo.synth.people import (
    CHILD,
    RELATIVE,
    USING_HARM,
    VICTIM,
    Household,
    Households,
    RealPerson,
    _postcode,
)
from onestory.linkage.standard import COLUMNS, Role

# For each source: the chance it holds a record of each kind of person, its share of NHS
# numbers and phones, and the event it records (None: no events) with the roles it names.
SOURCES = {
    "police": ({VICTIM: 0.9, USING_HARM: 0.85, CHILD: 0.5, RELATIVE: 0.05}, 0.05, 0.6, "incident"),
    "health": ({VICTIM: 0.5, USING_HARM: 0.3, CHILD: 0.6, RELATIVE: 0.3}, 0.95, 0.5, None),
    "housing": (
        {VICTIM: 0.35, USING_HARM: 0.1, CHILD: 0.1, RELATIVE: 0.05},
        0.05,
        0.7,
        "homelessness application",
    ),
    "childrens_social_care": (
        {VICTIM: 0.4, USING_HARM: 0.3, CHILD: 0.7, RELATIVE: 0.05},
        0.4,
        0.4,
        "child protection referral",
    ),
    "adult_social_care": (
        {VICTIM: 0.1, USING_HARM: 0.02, CHILD: 0.0, RELATIVE: 0.4},
        0.6,
        0.5,
        None,
    ),
    "partnership": (
        {VICTIM: 0.6, USING_HARM: 0.2, CHILD: 0.2, RELATIVE: 0.05},
        0.02,
        0.8,
        "referral",
    ),
}
_NO_EVENT = dict.fromkeys(("event_id", "event_date", "event_kind", "event_role"), "")
ROLE_IN_EVENT = {
    VICTIM: Role.VICTIM,
    USING_HARM: Role.USING_HARM,
    CHILD: Role.CHILD,
    RELATIVE: Role.OTHER,
}


@dataclass
class Generated:
    rows: dict[str, list[dict[str, str]]]  # source → lines
    truth: list[tuple[str, str, int]]  # source, record_id, real person

    @property
    def records(self) -> int:
        return len(self.truth)


def _phone(rng: random.Random) -> str:
    return f"07{rng.randrange(100_000_000, 999_999_999)}"


def _dob(born: dt.date, rng: random.Random, today: dt.date) -> str:
    written = _written_dob(born, rng)
    # A slip never writes a birthday still to come: a baby's record keeps the true date.
    return born.isoformat() if written > today.isoformat() else written


def _written_dob(born: dt.date, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.08:
        return ""
    if roll < 0.12:
        return str(born.year)
    if roll < 0.15:
        swapped = noise.swapped(born)
        return (swapped or born).isoformat()
    if roll < 0.18:
        return noise.date_slip(born, rng).isoformat()
    return born.isoformat()


def _given(person: RealPerson, rng: random.Random) -> str:
    given = person.given
    roll = rng.random()
    if roll < 0.10:
        given = noise.nickname(given, rng) or given
    elif roll < 0.15:
        given = noise.typo(given, rng)
    elif roll < 0.18:
        given = noise.respell(given, rng)
    return shown(given)


def _family(person: RealPerson, rng: random.Random) -> tuple[str, str]:
    family, other = person.family, ""
    if person.previous_family:
        if rng.random() < 0.4:
            family = person.previous_family
        if rng.random() < 0.5:
            other = shown(person.previous_family if family == person.family else person.family)
    roll = rng.random()
    if roll < 0.05:
        family = noise.typo(family, rng)
    elif roll < 0.08:
        family = noise.respell(family, rng)
    return shown(family), other


def _record(
    today: dt.date,
    person: RealPerson,
    record_id: str,
    rng: random.Random,
    nhs: float,
    phone: str | None,
    phone_share: float,
) -> dict[str, str]:
    family, other = _family(person, rng)
    postcode = person.postcode
    roll = rng.random()
    if roll < 0.15:
        postcode = ""
    elif roll < 0.35:
        postcode = _postcode(rng)  # from before a move, or since
    return {
        "record_id": record_id,
        "given_name": _given(person, rng),
        "family_name": family,
        "other_names": other,
        "date_of_birth": _dob(person.born, rng, today),
        "sex": person.sex if rng.random() > 0.1 else "",
        "postcode": postcode,
        "address": "",
        "phone": phone if phone and rng.random() < phone_share else "",
        "nhs_number": person.nhs_number if rng.random() < nhs else "",
        "other_identifier": "",
    }


def _event_dates(rng: random.Random, today: dt.date, count: int) -> list[dt.date]:
    return sorted(today - dt.timedelta(days=rng.randrange(1, 5 * 365)) for _ in range(count))


def generate(households: int, *, seed: int, today: dt.date) -> Generated:
    rng = random.Random(seed)  # noqa: S311 (made-up data)
    maker = Households(rng, today, first_rid=1)
    rows: dict[str, list[dict[str, str]]] = {source: [] for source in SOURCES}
    truth: list[tuple[str, str, int]] = []
    numbers = dict.fromkeys(SOURCES, 0)
    event_numbers = dict.fromkeys(SOURCES, 0)
    for _ in range(households):
        household: Household = maker.make()
        phones = {p.rid: _phone(rng) for p in household.people() if rng.random() < 0.7}
        for source, (chance, nhs, phone_share, event_kind) in SOURCES.items():
            held = [p for p in household.people() if rng.random() < chance[p.role]]
            if not held:
                continue
            records: dict[int, list[dict[str, str]]] = {}
            for person in held:
                copies = 2 if rng.random() < 0.05 else 1  # a second record of the same person
                for _ in range(copies):
                    numbers[source] += 1
                    record_id = f"{source[:3].upper()}{numbers[source]:07d}"
                    line = _record(
                        today, person, record_id, rng, nhs, phones.get(person.rid), phone_share
                    )
                    records.setdefault(person.rid, []).append(line)
                    truth.append((source, record_id, person.rid))
            events = 0
            if event_kind is not None:
                events = 1 + (rng.random() < 0.35) + (rng.random() < 0.15)
            if not events:
                for lines in records.values():
                    rows[source].extend({**line, **_NO_EVENT} for line in lines)
                continue
            used: set[str] = set()
            for when in _event_dates(rng, today, events):
                event_numbers[source] += 1
                event_id = f"{source[:2].upper()}-E{event_numbers[source]:07d}"
                for person in held:
                    line = rng.choice(records[person.rid])
                    used.add(line["record_id"])
                    rows[source].append(
                        {
                            **line,
                            "event_id": event_id,
                            "event_date": when.isoformat(),
                            "event_kind": event_kind,
                            "event_role": ROLE_IN_EVENT[person.role],
                        }
                    )
            # A second record in none of the events is still a line of the extract.
            for lines in records.values():
                rows[source].extend(
                    {**line, **_NO_EVENT} for line in lines if line["record_id"] not in used
                )
    return Generated(rows, truth)


def write(generated: Generated, folder: Path) -> Iterator[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for source, lines in generated.rows.items():
        path = folder / f"{source}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(lines)
        yield path
    path = folder / "truth.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["source", "record_id", "person"])
        writer.writerows(generated.truth)
    yield path
