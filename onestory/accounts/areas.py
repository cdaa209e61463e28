"""Loading the partnership's areas from a CSV file: a pure check, then one atomic save.

The file has a header row and these columns, in any order:

- ``code``: the official (ONS GSS) code, a letter and eight digits, like ``E07000066``;
- ``name``: the area's name;
- ``level``: ``local_authority``, ``district`` or ``ward``;
- ``parent_code``: empty for a local authority, a local authority's code for a district,
  a district's code for a ward (or, for a single-tier authority without districts, such as
  a unitary authority or a London borough, that authority's code). The parent may come
  later in the file or be loaded already;
- ``adult_women`` (optional): women aged 16 and over living there, a whole number.

``read_areas`` checks the whole file without touching the database and reports every
problem with its line number. ``save_areas`` writes the rows in one transaction, so a file
is loaded completely or not at all. Loading the same file again changes nothing; a changed
name, parent or population replaces the stored one. An empty ``adult_women`` leaves the
stored figure as it is, and areas missing from the file are left alone.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db import transaction

from onestory.accounts.models.agencies import PARENT_LEVEL, Area, AreaLevel, may_sit_under

REQUIRED_COLUMNS = ("code", "name", "level", "parent_code")
OPTIONAL_COLUMNS = ("adult_women",)
CODE_SHAPE = re.compile(r"[A-Z][0-9]{8}")
NUMBER_SHAPE = re.compile(r"[0-9]+|[0-9]{1,3}(,[0-9]{3})+")
NAME_MAX_LENGTH: int = Area._meta.get_field("name").max_length or 0
# No area in England has this many women; a bigger figure is a slip of the keyboard.
MOST_ADULT_WOMEN = 10_000_000
LEVEL_ORDER = (AreaLevel.LOCAL_AUTHORITY, AreaLevel.DISTRICT, AreaLevel.WARD)

Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class AreaRow:
    """One checked line of the file."""

    line: int
    code: str
    name: str
    level: AreaLevel
    parent_code: str | None
    adult_women: int | None


@dataclass(frozen=True)
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.message}"


@dataclass
class AreaFile:
    """What ``read_areas`` found: the rows, or the problems that stop them being saved."""

    rows: list[AreaRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class SaveSummary:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


class AreaFileInvalid(Exception):
    """The file has problems, so nothing was saved."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the areas file; nothing was saved.")


def _level_label(level: str) -> str:
    return AreaLevel(level).label.lower()


def _parent_words(level: AreaLevel) -> str:
    parent = PARENT_LEVEL[level]
    assert parent is not None  # asked only of a level that sits under another
    wanted = parent.label.lower()
    if level == AreaLevel.WARD:
        return f"{wanted} or a single-tier local authority (a code starting E06, E08 or E09)"
    return wanted


def _check_header(header: list[str]) -> list[str]:
    problems = []
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        problems.append("the header is missing the column(s) " + ", ".join(missing))
    unknown = [c for c in header if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if unknown:
        problems.append(
            "the header has column(s) this file cannot have: "
            + ", ".join(repr(c) for c in unknown)
            + "; the columns are "
            + ", ".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
        )
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        problems.append("the header repeats the column(s) " + ", ".join(repeated))
    return problems


def _parse_number(text: str) -> int | str | None:
    """A whole number, None for an empty cell, or a message saying what is wrong."""
    if not text:
        return None
    if not NUMBER_SHAPE.fullmatch(text):
        return f"adult_women {text!r} is not a whole number (write it like 41250)"
    number = int(text.replace(",", ""))
    if number > MOST_ADULT_WOMEN:
        return f"adult_women {text!r} is more than any area could have"
    return number


def _parse_row(line: int, cells: dict[str, str]) -> tuple[AreaRow | None, list[str]]:
    """Check one line on its own; its parent is checked once the whole file is read."""
    messages = []
    code = cells["code"].upper()
    if not code:
        messages.append("the code is empty")
    elif not CODE_SHAPE.fullmatch(code):
        messages.append(f"code {cells['code']!r} is not an official code (like E07000066)")

    name = cells["name"]
    if not name:
        messages.append("the name is empty")
    elif len(name) > NAME_MAX_LENGTH:
        messages.append(f"the name is longer than {NAME_MAX_LENGTH} characters")

    level = cells["level"].lower()
    if level not in AreaLevel.values:
        what = f"level {cells['level']!r} is not" if level else "the level is empty; it must be"
        messages.append(f"{what} one of " + ", ".join(str(v) for v in LEVEL_ORDER))

    parent_code = cells["parent_code"].upper() or None
    if parent_code and not CODE_SHAPE.fullmatch(parent_code):
        messages.append(f"parent_code {cells['parent_code']!r} is not an official code")
    elif level in AreaLevel.values:
        wanted = PARENT_LEVEL[AreaLevel(level)]
        if wanted is None and parent_code:
            messages.append("a local authority has no parent, so parent_code must be empty")
        elif wanted is not None and not parent_code:
            messages.append(
                f"a {_level_label(level)} needs the code of its {_parent_words(AreaLevel(level))}"
            )

    adult_women = _parse_number(cells.get("adult_women", ""))
    if isinstance(adult_women, str):
        messages.append(adult_women)
        adult_women = None

    if messages:
        return None, messages
    row = AreaRow(line, code, name, AreaLevel(level), parent_code, adult_women)
    return row, []


def read_areas(
    lines: Iterable[str],
    *,
    existing: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    every: int = 1000,
) -> AreaFile:
    """Check a whole areas file, touching no database, and report every problem by line.

    ``existing`` maps the codes already loaded to their levels, so a file may name a parent
    loaded earlier. ``progress(lines_read, None)`` is called every ``every`` rows.
    """
    existing = existing or {}
    result = AreaFile()
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        return AreaFile(problems=[Problem(reader.line_num, f"the file is not valid CSV: {error}")])
    if header is None:
        return AreaFile(problems=[Problem(1, "the file is empty; it needs a header row")])
    header = [column.strip().lower() for column in header]
    header_problems = _check_header(header)
    if header_problems:
        return AreaFile(problems=[Problem(reader.line_num, m) for m in header_problems])

    first_line: dict[str, int] = {}
    levels: dict[str, AreaLevel] = {}  # each code's level, as this file gives it
    unclear: set[str] = set()  # codes on lines whose level is wrong: their children wait
    links: list[_Link] = []
    count = 0
    while True:
        try:
            cells = next(reader, None)
        except csv.Error as error:
            result.problems.append(Problem(reader.line_num, f"this is not valid CSV: {error}"))
            break
        if cells is None:
            break
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue  # a blank line between rows is harmless
        count += 1
        if progress and count % every == 0:
            progress(count, None)
        if len(cells) != len(header):
            result.problems.append(
                Problem(line, f"this line has {len(cells)} values; the header has {len(header)}")
            )
            continue
        values = {column: value.strip() for column, value in zip(header, cells, strict=True)}
        row, messages = _parse_row(line, values)
        result.problems.extend(Problem(line, m) for m in messages)

        code, level = values["code"].upper(), values["level"].lower()
        parent_code = values["parent_code"].upper()
        if code in first_line:
            result.problems.append(
                Problem(line, f"code {code} is already on line {first_line[code]}")
            )
            continue
        if CODE_SHAPE.fullmatch(code):
            first_line[code] = line
            if level in AreaLevel.values:
                levels[code] = AreaLevel(level)
            else:
                unclear.add(code)
        if level in AreaLevel.values and CODE_SHAPE.fullmatch(parent_code):
            links.append(_Link(line, AreaLevel(level), parent_code))
        if code in existing and level in AreaLevel.values and existing[code] != level:
            result.problems.append(
                Problem(
                    line,
                    f"{code} is already loaded as a {_level_label(existing[code])}; "
                    "an area's level cannot change",
                )
            )
        if row is not None:
            result.rows.append(row)

    if count == 0 and not result.problems:
        result.problems.append(
            Problem(reader.line_num or 1, "the file has no areas after the header")
        )
    result.problems.extend(_check_parents(links, levels, existing, unclear))
    result.problems.sort(key=lambda problem: problem.line)
    if result.problems:
        result.rows = []
    return result


@dataclass(frozen=True)
class _Link:
    """A line's claim that its area sits under ``parent_code``."""

    line: int
    level: AreaLevel
    parent_code: str


def _check_parents(
    links: list[_Link],
    levels: Mapping[str, str],
    existing: Mapping[str, str],
    unclear: set[str],
) -> list[Problem]:
    problems = []
    for link in links:
        wanted = PARENT_LEVEL[link.level]
        if wanted is None or link.parent_code in unclear:
            continue  # reported already: a local authority's parent, or the parent's own line
        parent_level = levels.get(link.parent_code) or existing.get(link.parent_code)
        if parent_level is None:
            problems.append(
                Problem(
                    link.line,
                    f"parent {link.parent_code} is not in this file and has not been loaded",
                )
            )
        elif not may_sit_under(link.level, parent_level, link.parent_code):
            problems.append(
                Problem(
                    link.line,
                    f"parent {link.parent_code} is a {_level_label(parent_level)}; "
                    f"a {_level_label(link.level)}'s parent must be a "
                    f"{_parent_words(link.level)}",
                )
            )
    return problems


def existing_levels() -> dict[str, str]:
    """The codes already loaded, with their levels."""
    return dict(Area.objects.values_list("code", "level"))


def save_areas(
    rows: Sequence[AreaRow], *, progress: Progress | None = None, every: int = 1000
) -> SaveSummary:
    """Create or update checked rows in one transaction; parents are saved before children.

    ``progress(rows_saved, total)`` is called after every ``every`` rows.
    """
    created = updated = unchanged = done = 0
    total = len(rows)
    with transaction.atomic():
        stored = {area.code: area for area in Area.objects.all()}
        for level in LEVEL_ORDER:
            level_rows = [row for row in rows if row.level == level]
            for start in range(0, len(level_rows), every):
                chunk = level_rows[start : start + every]
                new, changed = [], []
                for row in chunk:
                    parent_id = stored[row.parent_code].pk if row.parent_code else None
                    area = stored.get(row.code)
                    if area is None:
                        area = Area(code=row.code, level=row.level)
                        new.append(area)
                    elif (area.name, area.parent_id, area.adult_women) != (
                        row.name,
                        parent_id,
                        row.adult_women if row.adult_women is not None else area.adult_women,
                    ):
                        changed.append(area)
                    area.name = row.name
                    area.parent_id = parent_id
                    if row.adult_women is not None:
                        area.adult_women = row.adult_women
                Area.objects.bulk_create(new)
                Area.objects.bulk_update(changed, ["name", "parent", "adult_women"])
                if any(area.pk is None for area in new):
                    ids = dict(
                        Area.objects.filter(code__in=[a.code for a in new]).values_list(
                            "code", "pk"
                        )
                    )
                    for area in new:
                        area.pk = ids[area.code]
                stored.update((area.code, area) for area in new)
                created += len(new)
                updated += len(changed)
                unchanged += len(chunk) - len(new) - len(changed)
                done += len(chunk)
                if progress:
                    progress(done, total)
    return SaveSummary(created=created, updated=updated, unchanged=unchanged)


def load_areas(
    lines: Iterable[str], *, progress: Progress | None = None, every: int = 1000
) -> SaveSummary:
    """Check a whole file and, only if it has no problems, save it: all or nothing.

    Raises ``AreaFileInvalid`` with every problem when the file is wrong.
    """
    with transaction.atomic():
        checked = read_areas(lines, existing=existing_levels(), progress=progress, every=every)
        if not checked.ok:
            raise AreaFileInvalid(checked.problems)
        return save_areas(checked.rows, progress=progress, every=every)
