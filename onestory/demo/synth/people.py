"""Real people and the records agencies hold about them: pure, seeded, no database.

A *real person* is who someone truly is (their name, date of birth, sex). A *record* is what
one agency wrote down about them, with the slips real records carry: short forms of given
names, typing slips, other spellings, a family name changed on marriage (sometimes with the
previous name kept), a double-barrelled name, a day and month swapped, a date of birth
missing or only estimated. Each real person has one or more records, at one or more
agencies; the ground truth says which records are the same real person.

Real people come in households: a victim, often the person using harm, children, and now
and then a relative or friend.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field

from onestory.demo.synth import noise
from onestory.demo.synth.names import family_names, given_names, shown
from onestory.people.validators import nhs_check_digit

VICTIM, USING_HARM, CHILD, RELATIVE = "victim", "person_using_harm", "child_victim", "relative"

# Extra records beyond the first, on average (Poisson), by who the person is.
EXTRA_RECORDS = {VICTIM: 2.0, USING_HARM: 1.4, CHILD: 1.0, RELATIVE: 0.2}
# Which kinds of agency hold records about whom, and how often.
HOLDERS = {
    VICTIM: {
        "cpoc": 20,
        "police": 22,
        "outreach": 18,
        "idva": 10,
        "health": 12,
        "refuge": 5,
        "housing": 8,
        "asc": 5,
    },
    USING_HARM: {"cpoc": 10, "police": 40, "perpetrator": 18, "probation": 20, "health": 12},
    CHILD: {"csc": 40, "children": 25, "education": 20, "health": 15},
    RELATIVE: {"cpoc": 60, "outreach": 40},
}
FIRST_HOLDER = {VICTIM: "cpoc", USING_HARM: "police", CHILD: "csc", RELATIVE: "cpoc"}
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
ETHNICITIES = (
    ("white_british", 70),
    ("", 12),
    ("white_other", 4),
    ("asian_pakistani", 3),
    ("asian_indian", 2),
    ("asian_bangladeshi", 1.5),
    ("black_african", 2),
    ("black_caribbean", 1),
    ("mixed_white_black_caribbean", 1),
    ("white_irish", 1),
    ("white_gypsy_traveller", 0.5),
    ("other_any", 1),
)


@dataclass
class RealPerson:
    rid: int
    role: str
    sex: str
    given: str
    family: str
    born: dt.date
    postcode: str
    nhs_number: str
    previous_family: str = ""
    ethnicity: str = ""
    records: list[Record] = field(default_factory=list)


@dataclass
class Record:
    """One agency's record of a real person, as that agency wrote it."""

    pid: int
    rid: int
    holder: str  # the kind of agency that holds it
    given_name: str
    family_name: str
    date_of_birth: dt.date | None
    birth_year_estimate: int | None
    involvement: str
    sex: str
    ethnicity: str
    nhs_number: str
    created_at: dt.datetime
    other_names: list[tuple[str, str, str]] = field(default_factory=list)  # kind, given, family
    postcode: str = ""
    noise: list[str] = field(default_factory=list)


@dataclass
class Household:
    victim: RealPerson
    using_harm: RealPerson | None
    children: list[RealPerson]
    relatives: list[RealPerson]
    relationship: str  # how the victim and the person using harm are connected

    def people(self) -> list[RealPerson]:
        found = [self.victim]
        if self.using_harm is not None:
            found.append(self.using_harm)
        return found + self.children + self.relatives


def poisson(rng: random.Random, mean: float) -> int:
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def _birth_date(rng: random.Random, age: float, today: dt.date) -> dt.date:
    return today - dt.timedelta(days=int(age * 365.25) + rng.randrange(365))


def _nhs_number(rng: random.Random) -> str:
    while True:
        first = f"{rng.randrange(400_000_000, 999_999_999):09d}"
        check = nhs_check_digit(first)
        if check is not None:
            return f"{first}{check}"


def _postcode(rng: random.Random) -> str:
    letters = rng.choice(POSTCODE_LETTERS) + rng.choice(POSTCODE_LETTERS)
    return f"NS{rng.randrange(1, 26)} {rng.randrange(1, 10)}{letters}"


def _ethnicity(rng: random.Random) -> str:
    codes, weights = zip(*ETHNICITIES, strict=True)
    return rng.choices(codes, weights)[0]


class Households:
    """Makes households of real people for one chunk, numbering real people from ``first_rid``."""

    def __init__(self, rng: random.Random, today: dt.date, first_rid: int) -> None:
        self.rng, self.today, self.next_rid = rng, today, first_rid

    def person(self, role: str, sex: str, age: float, family: str | None = None) -> RealPerson:
        rng = self.rng
        self.next_rid += 1
        return RealPerson(
            rid=self.next_rid - 1,
            role=role,
            sex=sex,
            given=given_names(sex).pick(rng),
            family=family or family_names().pick(rng),
            born=_birth_date(rng, age, self.today),
            postcode=_postcode(rng),
            nhs_number=_nhs_number(rng),
            ethnicity=_ethnicity(rng),
        )

    def make(self) -> Household:
        rng = self.rng
        victim_sex = "female" if rng.random() < 0.82 else "male"
        victim = self.person(VICTIM, victim_sex, rng.triangular(16, 80, 29))
        using_harm = None
        relationship = rng.choice(
            ["former_intimate_partner", "intimate_partner", "spouse", "former_spouse"]
        )
        if rng.random() < 0.75:
            other_sex = {"female": "male", "male": "female"}[victim_sex]
            if rng.random() < 0.05:
                other_sex = victim_sex
            age = max(16.0, self._age(victim) + rng.gauss(2, 6))
            using_harm = self.person(USING_HARM, other_sex, age)
            using_harm.postcode = victim.postcode if rng.random() < 0.5 else using_harm.postcode
            if victim_sex == "female" and relationship in ("spouse", "former_spouse"):
                if rng.random() < 0.7:
                    victim.previous_family, victim.family = victim.family, using_harm.family
            elif rng.random() < 0.04:
                victim.family = f"{victim.family}-{using_harm.family}"
        children = []
        for _ in range(rng.choices((0, 1, 2, 3, 4), (45, 24, 19, 9, 3))[0]):
            oldest = min(17.9, self._age(victim) - 16)
            if oldest <= 0:
                break
            family = victim.family
            if using_harm is not None and rng.random() < 0.45:
                family = using_harm.family
            child = self.person(CHILD, rng.choice(("female", "male")), rng.uniform(0, oldest))
            child.family, child.postcode = family, victim.postcode
            children.append(child)
        relatives = []
        if rng.random() < 0.06:
            relatives.append(
                self.person(RELATIVE, rng.choice(("female", "male")), rng.triangular(18, 85, 50))
            )
        return Household(victim, using_harm, children, relatives, relationship)

    def _age(self, person: RealPerson) -> float:
        return (self.today - person.born).days / 365.25


class Recorder:
    """Writes records of real people, as agencies would, numbering them from ``first_pid``."""

    def __init__(self, rng: random.Random, today: dt.date, first_pid: int) -> None:
        self.rng, self.today, self.next_pid = rng, today, first_pid
        self.start = today - dt.timedelta(days=7 * 365)

    def records_for(self, person: RealPerson) -> list[Record]:
        rng = self.rng
        count = 1 + poisson(rng, EXTRA_RECORDS[person.role])
        holders = [FIRST_HOLDER[person.role]] if rng.random() < 0.8 else []
        weights = HOLDERS[person.role]
        while len(holders) < count:
            holders.append(rng.choices(list(weights), list(weights.values()))[0])
        return [self.record(person, holder) for holder in holders]

    def record(self, person: RealPerson, holder: str) -> Record:
        rng = self.rng
        noted: list[str] = []
        given = self._given(person, noted)
        family, other_names = self._family(person, noted)
        born, estimate = self._born(person, noted)
        created = dt.datetime.combine(
            self.start + dt.timedelta(days=rng.randrange((self.today - self.start).days)),
            dt.time(rng.randrange(8, 20), rng.randrange(60)),
            tzinfo=dt.UTC,
        )
        involvement = person.role if person.role != RELATIVE else "family_or_friend"
        if rng.random() < 0.08:
            involvement = "not_known"
        in_health = holder == "health"
        self.next_pid += 1
        record = Record(
            pid=self.next_pid - 1,
            rid=person.rid,
            holder=holder,
            given_name=shown(given),
            family_name="-".join(shown(part) for part in family.split("-")),
            date_of_birth=born,
            birth_year_estimate=estimate,
            involvement=involvement,
            sex=person.sex if rng.random() < 0.9 else "",
            ethnicity=person.ethnicity if rng.random() < 0.7 else "",
            nhs_number=person.nhs_number if rng.random() < (0.8 if in_health else 0.08) else "",
            created_at=created,
            other_names=other_names,
            postcode=person.postcode if rng.random() < 0.4 else "",
            noise=noted,
        )
        person.records.append(record)
        return record

    def _given(self, person: RealPerson, noted: list[str]) -> str:
        rng, roll = self.rng, self.rng.random()
        if roll < 0.10:
            short = noise.nickname(person.given, rng)
            if short:
                noted.append("given:short form")
                return short
        elif roll < 0.17:
            noted.append("given:typo")
            return noise.typo(person.given, rng)
        elif roll < 0.23:
            noted.append("given:other spelling")
            return noise.respell(person.given, rng)
        return person.given

    def _family(self, person: RealPerson, noted: list[str]) -> tuple[str, list]:
        rng = self.rng
        family, other_names = person.family, []
        if person.previous_family:
            if rng.random() < 0.3:
                noted.append("family:previous name")
                family = person.previous_family
            elif rng.random() < 0.4:
                noted.append("family:previous name kept")
                other_names.append(("previous", "", shown(person.previous_family)))
        roll = rng.random()
        if roll < 0.07:
            noted.append("family:typo")
            family = "-".join(noise.typo(part, rng) for part in family.split("-"))
        elif roll < 0.12:
            noted.append("family:other spelling")
            family = "-".join(noise.respell(part, rng) for part in family.split("-"))
        elif roll < 0.14 and "-" in family:
            noted.append("family:one part of a double-barrelled name")
            family = rng.choice(family.split("-"))
        if rng.random() < 0.02:
            noted.append("alias")
            other_names.append(("alias", given_names(person.sex).pick(rng), ""))
        return family, other_names

    def _born(self, person: RealPerson, noted: list[str]) -> tuple[dt.date | None, int | None]:
        rng, roll = self.rng, self.rng.random()
        if roll < 0.06:
            other = noise.swapped(person.born)
            if other is not None:
                noted.append("born:day and month swapped")
                return other, None
        elif roll < 0.10:
            noted.append("born:slip")
            return min(noise.date_slip(person.born, rng), self.today), None
        elif roll < 0.16:
            noted.append("born:estimated year")
            return None, min(person.born.year + rng.randint(-2, 2), self.today.year)
        elif roll < 0.20:
            noted.append("born:not known")
            return None, None
        return person.born, None
