"""MARAC quarterly data laid out as the SafeLives MARAC data template lays it out: one row
for a quarter, its columns in the template's order, for a CSV file or an XLSX workbook.

Counts hidden from the reader (under 5, see ``quarterly.publish``) are written "<5", and a
share worked out from a hidden count is hidden with it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font

from onestory.marac import quarterly
from onestory.marac.quarterly import Figures, Published, Quarter

HIDDEN = "<5"
Cell = str | int | float | date | None


@dataclass(frozen=True)
class Column:
    heading: str
    value: Callable[[str, Quarter, Figures, Published], Cell]


def _count(key: str):
    def value(_marac, _quarter, _result, published: Published) -> Cell:
        count = published.counts[key]
        return HIDDEN if count is None else count

    return value


def _share_of_cases(key: str):
    def value(_marac, _quarter, result: Figures, published: Published) -> Cell:
        if published.counts[key] is None or published.counts["cases_discussed"] is None:
            return HIDDEN
        return quarterly.share(published.counts[key], result.cases_discussed)

    return value


def _group(group: str):
    def value(_marac, _quarter, _result, published: Published) -> Cell:
        count = published.referrals_by_group.get(group, 0)
        return HIDDEN if count is None else count

    return value


def _police_share(_marac, _quarter, result: Figures, published: Published) -> Cell:
    police = published.referrals_by_group.get("police", 0)
    if police is None or published.counts["cases_discussed"] is None:
        return HIDDEN
    return quarterly.share(police, result.cases_discussed)


def _repeat_rate(_marac, _quarter, result: Figures, published: Published) -> Cell:
    if not result.cases_discussed:
        return None
    return HIDDEN if published.repeat_rate is None else published.repeat_rate


def _rolling_cases(_marac, _quarter, result: Figures, published: Published) -> Cell:
    if result.cases_rolling_year is None:
        return None
    return HIDDEN if published.per_10000_rolling_year is None else result.cases_rolling_year


def _rolling_rate(_marac, _quarter, result: Figures, published: Published) -> Cell:
    if result.per_10000_rolling_year is None:
        return None
    return HIDDEN if published.per_10000_rolling_year is None else published.per_10000_rolling_year


# The template's referring agencies, in its order (``quarterly.REFERRER_GROUPS``).
_REFERRERS = {
    "police": "police",
    "idva": "IDVA services",
    "childrens_social_care": "children's social care",
    "health": "health",
    "housing": "housing",
    "probation": "probation",
    "other": "other agencies",
}
assert tuple(_REFERRERS) == tuple(quarterly.REFERRER_GROUPS)

_SHARED = {
    "victims_racially_minoritised": "Victims who are racially minoritised",
    "victims_lgbt_plus": "Victims who are LGBT+",
    "victims_disabled": "Victims who are disabled",
    "victims_male": "Victims who are male",
    "victims_aged_16_or_17": "Victims aged 16 or 17",
    "perpetrators_under_18": "Cases with a person using harm under 18",
}

COLUMNS: tuple[Column, ...] = (
    Column("MARAC", lambda marac, *_: marac),
    Column("Quarter", lambda _m, quarter, *_: quarter.code),
    Column("Quarter start", lambda _m, quarter, *_: quarter.start),
    Column("Quarter end", lambda _m, quarter, *_: quarter.end),
    Column("MARAC meetings held", _count("meetings_held")),
    Column("Cases discussed", _count("cases_discussed")),
    *(Column(f"Referrals from {_REFERRERS[group]}", _group(group)) for group in _REFERRERS),
    Column("Police referrals (% of cases)", _police_share),
    Column("Repeat cases", _count("repeats")),
    Column("Repeat cases (% of cases)", _repeat_rate),
    Column("Children in the households", _count("children")),
    *(
        column
        for key, heading in _SHARED.items()
        for column in (
            Column(heading, _count(key)),
            Column(f"{heading} (% of cases)", _share_of_cases(key)),
        )
    ),
    Column("Women aged 16 and over in the area", lambda _m, _q, result, _p: result.adult_women),
    Column("Cases discussed in the last 12 months", _rolling_cases),
    Column("Cases per 10,000 women aged 16 and over, last 12 months", _rolling_rate),
)
HEADINGS = tuple(column.heading for column in COLUMNS)


def row(marac: str, quarter: Quarter, result: Figures, published: Published) -> list[Cell]:
    """The quarter's values, one for each of the template's columns, in its order."""
    return [column.value(marac, quarter, result, published) for column in COLUMNS]


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        # A spreadsheet would run a cell starting like a formula; names never need to.
        return f"'{value}"
    return str(value)


def as_csv(values: list[Cell]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADINGS)
    writer.writerow([_text(value) for value in values])
    return out.getvalue()


def as_xlsx(values: list[Cell]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "MARAC data"
    sheet.append(list(HEADINGS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(
        [
            f"'{value}" if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") else value
            for value in values
        ]
    )
    for cell in sheet[2]:
        if isinstance(cell.value, date):
            cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- Wording for the page ----------------------------------------------------------------------

HIDDEN_TEXT = "fewer than 5"


def shown(value: int | float | None, *, unit: str = "", hidden_text: str = HIDDEN_TEXT) -> str:
    if value is None:
        return hidden_text
    if isinstance(value, float):
        return f"{value:,.1f}{unit}"
    return f"{value:,}{unit}"


def _with_share(count: int | None, cases: int, cases_hidden: bool) -> str:
    if count is None:
        return HIDDEN_TEXT
    if not cases or cases_hidden:
        return shown(count)
    return f"{shown(count)} ({shown(quarterly.share(count, cases), unit='%')})"


def lines(result: Figures, published: Published) -> list[tuple[str, str]]:
    """(measure, value) pairs for the page, in the template's order."""
    counts = published.counts
    cases, cases_hidden = result.cases_discussed, counts["cases_discussed"] is None
    rows = [
        ("MARAC meetings held", shown(counts["meetings_held"])),
        ("Cases discussed", shown(counts["cases_discussed"])),
    ]
    for group, words in _REFERRERS.items():
        count = published.referrals_by_group.get(group, 0)
        rows.append((f"Referrals from {words}", _with_share(count, cases, cases_hidden)))
    if not cases:
        rate = "no cases discussed"
    elif published.repeat_rate is None:
        rate = "not shown (too few to publish)"
    else:
        rate = shown(published.repeat_rate, unit="%")
    rows.append(("Repeat cases", shown(counts["repeats"])))
    rows.append(("Repeat rate (expected 28% to 40%)", rate))
    rows.append(("Children in the households", shown(counts["children"])))
    for key, heading in _SHARED.items():
        rows.append((heading, _with_share(counts[key], cases, cases_hidden)))
    if result.adult_women:
        rows.append(("Women aged 16 and over in the area", f"{result.adult_women:,}"))
        rows.append(
            (
                "Cases per 10,000 women aged 16 and over, this quarter",
                shown(published.per_10000_this_quarter, hidden_text="not shown"),
            )
        )
        if result.per_10000_rolling_year is None:
            rolling = "not known: a quarter with no meeting has none before it to fill it"
        else:
            rolling = shown(published.per_10000_rolling_year, hidden_text="not shown")
        rows.append(
            (
                "Cases per 10,000 women aged 16 and over, last 12 months "
                f"(expected {quarterly.EXPECTED_PER_10000_A_YEAR})",
                rolling,
            )
        )
    else:
        rows.append(
            (
                "Cases per 10,000 women aged 16 and over",
                "not known: load the area's population of women aged 16 and over",
            )
        )
    return rows
