"""The partnership's shared data standard for agencies' extracts: pure checks, no database.

An extract is one CSV file (UTF-8, with a header) from one source. Each line is one person
as the source recorded them, in one event where there is one: the same ``record_id`` on
several lines is the same record in several events, and must carry the same person details
on each. ``docs/linkage-data-standard.md`` is the reader's version of this module.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from onestory.people.validators import nhs_check_digit


class Source:
    """The kinds of source an extract may come from."""

    POLICE = "police"
    HOUSING = "housing"
    HEALTH = "health"
    CHILDREN_SOCIAL_CARE = "childrens_social_care"
    ADULT_SOCIAL_CARE = "adult_social_care"
    PARTNERSHIP = "partnership"

    CHOICES = (
        (POLICE, "Police incidents and notifications"),
        (HOUSING, "Housing"),
        (HEALTH, "Health"),
        (CHILDREN_SOCIAL_CARE, "Children's social care"),
        (ADULT_SOCIAL_CARE, "Adults' social care"),
        (PARTNERSHIP, "The partnership's own services"),
    )
    ALL = frozenset(code for code, _ in CHOICES)


class Role:
    """A person's part in an event."""

    VICTIM = "victim"
    USING_HARM = "using_harm"
    CHILD = "child"
    OTHER = "other"

    CHOICES = (
        (VICTIM, "Victim"),
        (USING_HARM, "Person using harm"),
        (CHILD, "Child"),
        (OTHER, "Other"),
    )
    ALL = frozenset(code for code, _ in CHOICES)


SEXES = frozenset({"female", "male", "other", "unknown"})

PERSON_COLUMNS = (
    "record_id",
    "given_name",
    "family_name",
    "other_names",
    "date_of_birth",
    "sex",
    "postcode",
    "address",
    "phone",
    "nhs_number",
    "other_identifier",
)
EVENT_COLUMNS = ("event_id", "event_date", "event_kind", "event_role")
COLUMNS = PERSON_COLUMNS + EVENT_COLUMNS
REQUIRED_COLUMNS = ("record_id", "given_name", "family_name")

_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_PHONE_DIGITS = re.compile(r"\D")
_MAX_LENGTH = 200


@dataclass(frozen=True)
class Problem:
    line: int  # the file's line number: the header is line 1
    message: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.message}"


@dataclass
class Row:
    """One checked line, its values tidied into the form the linkage reads."""

    line: int
    record_id: str
    given_name: str
    family_name: str
    other_names: str
    date_of_birth: str  # YYYY-MM-DD, YYYY-MM or YYYY (a partial date), or ""
    sex: str
    postcode: str  # upper case with one space, or ""
    address: str
    phone: str  # digits only, a leading 44 made 0, or ""
    nhs_number: str  # ten digits, or ""
    other_identifier: str
    event_id: str
    event_date: dt.date | None
    event_kind: str
    event_role: str

    def person_details(self) -> tuple[str, ...]:
        return tuple(getattr(self, name) for name in PERSON_COLUMNS)


@dataclass
class Checked:
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def tidy_postcode(text: str) -> str | None:
    """``"ns1 4ab"`` → ``"NS1 4AB"``; None when it is not a UK postcode's shape."""
    compact = re.sub(r"\s+", "", text.upper())
    if len(compact) < 5:
        return None
    found = _POSTCODE.match(f"{compact[:-3]} {compact[-3:]}")
    if found is None:
        return None
    return f"{found.group(1)} {found.group(2)}"


def tidy_phone(text: str) -> str | None:
    digits = _PHONE_DIGITS.sub("", text)
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    if len(digits) < 10 or len(digits) > 11 or not digits.startswith("0"):
        return None
    return digits


def partial_date(text: str, *, today: dt.date) -> str | None:
    """A date of birth as YYYY-MM-DD, or only its year and month, or only its year; None if
    it is no date or still to come."""
    found = _PARTIAL_DATE.match(text)
    if found is None:
        return None
    year, month, day = found.groups()
    try:
        if day is not None:
            when = dt.date(int(year), int(month), int(day))
        elif month is not None:
            when = dt.date(int(year), int(month), 1)
        else:
            when = dt.date(int(year), 1, 1)
    except ValueError:
        return None
    if when > today or when.year < 1900:
        return None
    return text


def _check_line(line: int, values: dict[str, str], today: dt.date) -> tuple[Row | None, list[str]]:
    said: list[str] = []
    for name in REQUIRED_COLUMNS:
        if not values[name]:
            said.append(f"{name} is empty; every line needs a {name.replace('_', ' ')}")
    for name, value in values.items():
        if len(value) > _MAX_LENGTH:
            said.append(f"{name} is longer than {_MAX_LENGTH} characters")
    dob = ""
    if values["date_of_birth"]:
        dob = partial_date(values["date_of_birth"], today=today) or ""
        if not dob:
            said.append(
                f"date_of_birth {values['date_of_birth']!r} is not a date that has happened "
                "(write YYYY-MM-DD, or YYYY-MM or YYYY when only part is known)"
            )
    sex = values["sex"].lower()
    if sex and sex not in SEXES:
        said.append(f"sex {values['sex']!r} is not one of {', '.join(sorted(SEXES))}")
    postcode = ""
    if values["postcode"]:
        postcode = tidy_postcode(values["postcode"]) or ""
        if not postcode:
            said.append(f"postcode {values['postcode']!r} is not a UK postcode")
    phone = ""
    if values["phone"]:
        phone = tidy_phone(values["phone"]) or ""
        if not phone:
            said.append(f"phone {values['phone']!r} is not a UK phone number")
    nhs = re.sub(r"\s", "", values["nhs_number"])
    if nhs and (len(nhs) != 10 or not nhs.isdigit() or nhs_check_digit(nhs[:9]) != int(nhs[9])):
        said.append(f"nhs_number {values['nhs_number']!r} is not a valid NHS number")
    event_date = None
    has_event = any(values[name] for name in EVENT_COLUMNS)
    if has_event:
        for name in EVENT_COLUMNS:
            if not values[name]:
                said.append(f"{name} is empty; an event needs all of {', '.join(EVENT_COLUMNS)}")
        if values["event_date"]:
            try:
                event_date = dt.date.fromisoformat(values["event_date"])
            except ValueError:
                said.append(f"event_date {values['event_date']!r} is not a date (YYYY-MM-DD)")
            else:
                if event_date > today:
                    said.append(f"event_date {values['event_date']} is still to come")
        role = values["event_role"]
        if role and role not in Role.ALL:
            said.append(f"event_role {role!r} is not one of {', '.join(sorted(Role.ALL))}")
    if said:
        return None, said
    return (
        Row(
            line=line,
            record_id=values["record_id"],
            given_name=values["given_name"],
            family_name=values["family_name"],
            other_names=values["other_names"],
            date_of_birth=dob,
            sex=sex,
            postcode=postcode,
            address=values["address"],
            phone=phone,
            nhs_number=nhs,
            other_identifier=values["other_identifier"],
            event_id=values["event_id"],
            event_date=event_date,
            event_kind=values["event_kind"],
            event_role=values["event_role"],
        ),
        [],
    )


def check(
    lines: Iterable[dict[str, str | None]], header: list[str] | None, *, today: dt.date
) -> Checked:
    """Check a whole extract and gather every problem, by line; ``lines`` as ``csv.DictReader``
    gives them (line 2 is the first after the header)."""
    checked = Checked()
    if not header:
        checked.problems.append(Problem(1, "the file is empty; it needs a header line"))
        return checked
    names = [name.strip().lower() for name in header]
    missing = [name for name in COLUMNS if name not in names]
    unknown = [name for name in names if name not in COLUMNS]
    if missing:
        checked.problems.append(Problem(1, f"the header lacks {', '.join(missing)}"))
    if unknown:
        checked.problems.append(
            Problem(1, f"the header has columns the standard does not know: {', '.join(unknown)}")
        )
    if len(set(names)) != len(names):
        checked.problems.append(Problem(1, "the header names a column twice"))
    if checked.problems:
        return checked
    first_seen: dict[str, Row] = {}
    seen_events: set[tuple[str, str]] = set()
    for number, raw in enumerate(lines, start=2):
        if None in raw:
            checked.problems.append(Problem(number, "the line has more values than the header"))
            continue
        values = {
            name.strip().lower(): (value or "").strip() for name, value in raw.items() if name
        }
        if any(value is None for value in raw.values()):
            checked.problems.append(Problem(number, "the line has fewer values than the header"))
            continue
        row, said = _check_line(number, values, today)
        checked.problems.extend(Problem(number, message) for message in said)
        if row is None:
            continue
        earlier = first_seen.get(row.record_id)
        if earlier is None:
            first_seen[row.record_id] = row
        elif earlier.person_details() != row.person_details():
            checked.problems.append(
                Problem(
                    number,
                    f"record {row.record_id} has different person details from line "
                    f"{earlier.line}; a record's details must be the same on every line",
                )
            )
            continue
        if row.event_id:
            key = (row.record_id, row.event_id)
            if key in seen_events:
                checked.problems.append(
                    Problem(number, f"record {row.record_id} is in event {row.event_id} twice")
                )
                continue
            seen_events.add(key)
        checked.rows.append(row)
    if not checked.problems and not checked.rows:
        checked.problems.append(Problem(2, "the file has a header but no lines"))
    return checked


def records(rows: Iterable[Row]) -> Iterator[tuple[Row, list[Row]]]:
    """Each record once (its first line), with every line of its events."""
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        grouped.setdefault(row.record_id, []).append(row)
    for lines in grouped.values():
        yield lines[0], [line for line in lines if line.event_id]
