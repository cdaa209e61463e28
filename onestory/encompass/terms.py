"""Loading each local authority's school term dates from a CSV file: a pure check, then one
atomic save. Operation Encompass notices are due before the next school day, and school
days are the local authority's term days that are not weekends or bank holidays.

The file has a header row and these columns, in any order:

- ``local_authority_code``: the official code of a local authority already loaded with
  ``onestory load-areas``, like ``E10000012``;
- ``starts_on``: the first day of a term or half term the schools are open, as
  ``2026-09-03`` or ``03/09/2026``;
- ``ends_on``: its last day, in the same way.

Half terms and holidays are the gaps between the rows. ``read_terms`` checks the whole file
without touching the database and reports every problem with its line number;
``save_terms`` then replaces the term dates of every local authority the file names, in one
transaction, so a file is loaded completely or not at all. Local authorities the file does
not name keep their term dates.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import pairwise

from django.db import transaction

from onestory.encompass.rules import LONDON, SchoolCalendar, england_bank_holidays

COLUMNS = ("local_authority_code", "starts_on", "ends_on")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_UK = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
# A row longer than this is a slip (a year typed wrongly), not a term.
LONGEST_TERM_DAYS = 120


@dataclass(frozen=True)
class TermRow:
    line: int
    code: str
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.message}"


@dataclass
class TermFile:
    rows: list[TermRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class TermFileInvalid(Exception):
    """The file has problems, so nothing was saved."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the term dates file.")


def parse_day(text: str) -> date | None:
    """A date written 2026-09-03 or 03/09/2026 (day first, as in England), or None."""
    text = text.strip()
    found = _ISO.fullmatch(text)
    if found:
        year, month, day = (int(part) for part in found.groups())
    else:
        found = _UK.fullmatch(text)
        if not found:
            return None
        day, month, year = (int(part) for part in found.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _check_row(line: int, cells: Mapping[str, str], local_authorities: set[str]):
    messages = []
    code = cells["local_authority_code"].strip().upper()
    if not code:
        messages.append("the local_authority_code is empty")
    elif code not in local_authorities:
        messages.append(
            f"{code} is not a local authority loaded here: load it with load-areas first"
        )
    days = {}
    for column in ("starts_on", "ends_on"):
        text = cells[column].strip()
        days[column] = parse_day(text)
        if not text:
            messages.append(f"{column} is empty")
        elif days[column] is None:
            messages.append(f"{column} {text!r} is not a date (write it like 2026-09-03)")
    starts_on, ends_on = days["starts_on"], days["ends_on"]
    if starts_on and ends_on:
        if ends_on < starts_on:
            messages.append("ends_on is before starts_on")
        elif (ends_on - starts_on).days > LONGEST_TERM_DAYS:
            messages.append(f"the term is longer than {LONGEST_TERM_DAYS} days: check the years")
    if messages:
        return None, messages
    return TermRow(line, code, starts_on, ends_on), []


def read_terms(lines: Iterable[str], *, local_authorities: Iterable[str]) -> TermFile:
    """Check a whole term dates file, touching no database; every problem has its line.

    ``local_authorities`` are the codes of the local authorities loaded here.
    """
    known = {code.upper() for code in local_authorities}
    result = TermFile()
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            return TermFile(problems=[Problem(1, "the file is empty")])
        header = [cell.strip().lower() for cell in header]
        missing = [column for column in COLUMNS if column not in header]
        unknown = [column for column in header if column not in COLUMNS]
        if missing or unknown or len(set(header)) != len(header):
            return TermFile(
                problems=[Problem(1, "the header must be exactly: " + ", ".join(COLUMNS))]
            )
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                result.problems.append(
                    Problem(line, f"expected {len(header)} cells, found {len(cells)}")
                )
                continue
            row, messages = _check_row(line, dict(zip(header, cells, strict=True)), known)
            result.problems.extend(Problem(line, message) for message in messages)
            if row is not None:
                result.rows.append(row)
    except csv.Error as error:
        return TermFile(problems=[Problem(reader.line_num, f"the file is not valid CSV: {error}")])
    result.problems.extend(_overlaps(result.rows))
    result.problems.sort(key=lambda problem: problem.line)
    if not result.rows and not result.problems:
        result.problems.append(Problem(2, "the file has no term dates"))
    return result


def _overlaps(rows: list[TermRow]) -> list[Problem]:
    by_code: dict[str, list[TermRow]] = defaultdict(list)
    for row in rows:
        by_code[row.code].append(row)
    problems = []
    for terms in by_code.values():
        terms.sort(key=lambda row: (row.starts_on, row.line))
        for before, after in pairwise(terms):
            if after.starts_on <= before.ends_on:
                problems.append(
                    Problem(
                        after.line,
                        f"this term overlaps the one on line {before.line} for {after.code}",
                    )
                )
    return problems


@dataclass(frozen=True)
class SaveSummary:
    local_authorities: int
    terms: int


def save_terms(rows: list[TermRow]) -> SaveSummary:
    """Replace the term dates of every local authority in ``rows``, all in one transaction."""
    from onestory.accounts.models import Area
    from onestory.encompass.models import SchoolTerm

    codes = sorted({row.code for row in rows})
    with transaction.atomic():
        areas = dict(Area.objects.filter(code__in=codes).values_list("code", "pk"))
        SchoolTerm.objects.filter(area_id__in=areas.values()).delete()
        SchoolTerm.objects.bulk_create(
            SchoolTerm(area_id=areas[row.code], starts_on=row.starts_on, ends_on=row.ends_on)
            for row in rows
        )
    return SaveSummary(local_authorities=len(codes), terms=len(rows))


def load_terms(lines: Iterable[str]) -> SaveSummary:
    """Check the whole file, then save it; raises ``TermFileInvalid`` and saves nothing if
    any line is wrong."""
    from onestory.accounts.models import Area, AreaLevel

    local_authorities = Area.objects.filter(level=AreaLevel.LOCAL_AUTHORITY).values_list(
        "code", flat=True
    )
    found = read_terms(lines, local_authorities=list(local_authorities))
    if not found.ok:
        raise TermFileInvalid(found.problems)
    return save_terms(found.rows)


def calendar_for(school, *, occurred_at: datetime) -> SchoolCalendar:
    """The school days of a directory school, for a notice about an incident at that time.

    Term dates are those of the local authorities the school's areas sit in; a school in
    none, or in one whose term dates are not loaded, counts every weekday that is not a
    bank holiday (so a notice is never due later than it should be).
    """
    from onestory.accounts.models import AreaLevel
    from onestory.encompass.models import SchoolTerm

    authorities = set()
    for area in school.areas.select_related("parent__parent"):
        while area is not None and area.level != AreaLevel.LOCAL_AUTHORITY:
            area = area.parent
        if area is not None:
            authorities.add(area.pk)
    year = occurred_at.astimezone(LONDON).year
    terms = SchoolTerm.objects.filter(
        area_id__in=authorities,
        ends_on__gte=date(year - 1, 1, 1),
        starts_on__lte=date(year + 2, 12, 31),
    ).values_list("starts_on", "ends_on")
    return SchoolCalendar(
        bank_holidays=england_bank_holidays(range(year, year + 3)),
        terms=tuple(sorted(terms)),
        tell_at_once=school.encompass_at_once,
    )
