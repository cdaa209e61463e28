"""Reading the population and survey-rate files: pure checks, every problem with its line.

Neither reader touches the database: it is given the area codes that exist and returns the
rows or the problems. The loaders in ``actions`` save a file completely or not at all.

**Population** (the layout of ONS's mid-year estimates by single year of age, one row per
area, sex and age, one column per year), with a header row:

- the area's code: ``code``, ``area_code`` or ONS's ``ladcode21``, ``wd22cd`` and the like;
- its name (optional; ``name``, ``laname21``, ``wd22nm``...), used only in messages;
- ``sex``: 1 or 2 as ONS writes it (1 male, 2 female), or M, F, male, female;
- ``age``: a single year (ONS's 90 means 90 and over) or a band such as 16-19 or 75+;
- one or more year columns: ``population_2022``, ``mid_2022``, ``mid-2022`` or ``2022``.

Other columns (ONS's ``country``) are ignored.

**Survey rates**: ``series``, ``survey_year`` (the year the survey year ends in March),
``sex``, ``age_band``, ``rate`` (a percentage, 7.3 for 7.3%). The age range a series covers
is the span of its bands, which must leave no gap.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import pairwise

from onestory.needs.bands import Band, band_label, covered_range, parse_band, parse_sex

CODE_COLUMN = re.compile(r"^(code|area_?code|areacode|ladcode\d*|lad\d*cd|wd\d*cd|cty\d*cd)$")
NAME_COLUMN = re.compile(r"^(name|area_?name|laname\d*|lad\d*nm|wd\d*nm|cty\d*nm)$")
YEAR_COLUMN = re.compile(r"^(?:population_|mid_|mid-)?((?:19|20)\d\d)$")
COUNT = re.compile(r"^[0-9]+$|^[0-9]{1,3}(,[0-9]{3})+$")
ONS_OLDEST = 90  # ONS's single years stop at "90", meaning 90 and over
MOST_PEOPLE = 20_000_000
SERIES_MAX = 80


@dataclass(frozen=True)
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.message}"


@dataclass(frozen=True)
class PopulationRow:
    line: int
    code: str
    year: int
    sex: str
    band: Band
    count: int


@dataclass(frozen=True)
class RateRow:
    line: int
    series: str
    survey_year: int
    sex: str
    band: Band
    percent: Decimal


@dataclass
class Read:
    rows: list = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _header(reader) -> list[str]:
    try:
        return [c.strip().lower() for c in next(reader)]
    except StopIteration:
        return []


def read_population(lines: Iterable[str], *, known_codes: set[str]) -> Read:
    """Check a population file; ``known_codes`` are the areas already loaded."""
    found = Read()
    reader = csv.reader(lines)
    header = _header(reader)
    if not header:
        found.problems.append(Problem(1, "the file is empty; it needs a header row"))
        return found
    code_at = next((i for i, c in enumerate(header) if CODE_COLUMN.match(c)), None)
    sex_at = header.index("sex") if "sex" in header else None
    age_at = header.index("age") if "age" in header else None
    years = {i: int(m.group(1)) for i, c in enumerate(header) if (m := YEAR_COLUMN.match(c))}
    missing = [
        words
        for words, at in (
            ("the area's code (code, or ONS's ladcode21)", code_at),
            ("sex", sex_at),
            ("age", age_at),
        )
        if at is None
    ]
    if not years:
        missing.append("at least one year (population_2022, mid_2022 or 2022)")
    if missing:
        found.problems.append(Problem(1, "the header is missing " + "; ".join(missing)))
        return found
    assert code_at is not None
    assert sex_at is not None
    assert age_at is not None
    seen: dict[tuple[str, int, str, Band], int] = {}
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            found.problems.append(
                Problem(number, f"has {len(cells)} cells where the header has {len(header)}")
            )
            continue
        problems: list[str] = []
        code = cells[code_at].strip().upper()
        if code not in known_codes:
            problems.append(
                f"the area {code or '(blank)'} is not loaded; load it with `onestory load-areas`"
            )
        try:
            sex = parse_sex(cells[sex_at])
        except ValueError as error:
            problems.append(str(error))
        try:
            band = parse_band(cells[age_at])
            if band == (ONS_OLDEST, ONS_OLDEST):
                band = (ONS_OLDEST, None)
        except ValueError as error:
            problems.append(str(error))
        counts: dict[int, int] = {}
        for at, year in years.items():
            text = cells[at].strip()
            if not COUNT.match(text):
                problems.append(f"the {year} population {text!r} is not a whole number")
                continue
            count = int(text.replace(",", ""))
            if count > MOST_PEOPLE:
                problems.append(f"the {year} population {count:,} is too large to be right")
                continue
            counts[year] = count
        if problems:
            found.problems.extend(Problem(number, p) for p in problems)
            continue
        for year, count in counts.items():
            key = (code, year, sex, band)
            if key in seen:
                found.problems.append(
                    Problem(
                        number,
                        f"repeats {code} {sex} age {band_label(band)} in {year} "
                        f"(first on line {seen[key]})",
                    )
                )
                continue
            seen[key] = number
            found.rows.append(PopulationRow(number, code, year, sex, band, count))
    if not found.rows and not found.problems:
        found.problems.append(Problem(2, "the file has a header but no rows"))
    found.problems.extend(_overlapping_population(found.rows))
    if found.problems:
        found.rows = []
    return found


def _overlapping_population(rows: list[PopulationRow]) -> list[Problem]:
    groups: dict[tuple[str, int, str], list[PopulationRow]] = {}
    for row in rows:
        groups.setdefault((row.code, row.year, row.sex), []).append(row)
    problems = []
    for (code, year, sex), group in groups.items():
        group.sort(key=lambda r: r.band)
        for before, after in pairwise(group):
            end = before.band[1]
            if end is None or after.band[0] <= end:
                problems.append(
                    Problem(
                        after.line,
                        f"the ages {band_label(after.band)} overlap {band_label(before.band)} "
                        f"(line {before.line}) for {code} {sex} in {year}",
                    )
                )
    return problems


RATE_COLUMNS = ("series", "survey_year", "sex", "age_band", "rate")


def read_rates(lines: Iterable[str]) -> Read:
    found = Read()
    reader = csv.reader(lines)
    header = _header(reader)
    missing = [c for c in RATE_COLUMNS if c not in header]
    if missing:
        found.problems.append(Problem(1, "the header is missing " + ", ".join(missing)))
        return found
    at = {c: header.index(c) for c in RATE_COLUMNS}
    seen: dict[tuple[str, int, str, Band], int] = {}
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            found.problems.append(
                Problem(number, f"has {len(cells)} cells where the header has {len(header)}")
            )
            continue
        problems: list[str] = []
        series = cells[at["series"]].strip()
        if not series or len(series) > SERIES_MAX:
            problems.append(f"the series must be named, in at most {SERIES_MAX} characters")
        year_text = cells[at["survey_year"]].strip()
        year = int(year_text) if re.fullmatch(r"(19|20)\d\d", year_text) else None
        if year is None:
            problems.append(f"the survey year {year_text!r} is not a year like 2020")
        try:
            sex = parse_sex(cells[at["sex"]])
        except ValueError as error:
            problems.append(str(error))
        try:
            band = parse_band(cells[at["age_band"]])
        except ValueError as error:
            problems.append(str(error))
        rate_text = cells[at["rate"]].strip().rstrip("%").strip()
        try:
            percent = Decimal(rate_text)
            if not percent.is_finite() or not 0 <= percent <= 100:
                raise InvalidOperation
            if percent.as_tuple().exponent < -3:  # type: ignore[operator]
                problems.append(f"the rate {rate_text!r} has more than three decimal places")
        except InvalidOperation:
            problems.append(f"the rate {rate_text!r} is not a percentage from 0 to 100")
        if problems:
            found.problems.extend(Problem(number, p) for p in problems)
            continue
        assert year is not None
        key = (series, year, sex, band)
        if key in seen:
            found.problems.append(
                Problem(
                    number,
                    f"repeats {series} {year} {sex} {band_label(band)} (first on line {seen[key]})",
                )
            )
            continue
        seen[key] = number
        found.rows.append(RateRow(number, series, year, sex, band, percent))
    if not found.rows and not found.problems:
        found.problems.append(Problem(2, "the file has a header but no rows"))
    groups: dict[tuple[str, int, str], list[RateRow]] = {}
    for row in found.rows:
        groups.setdefault((row.series, row.survey_year, row.sex), []).append(row)
    for (series, year, sex), group in groups.items():
        if covered_range([r.band for r in group]) is None:
            found.problems.append(
                Problem(
                    max(r.line for r in group),
                    f"the {sex} bands of {series} {year} leave a gap or overlap: "
                    + ", ".join(band_label(r.band) for r in sorted(group, key=lambda r: r.band)),
                )
            )
    if found.problems:
        found.rows = []
    return found
