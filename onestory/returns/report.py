"""One year's return as it is published: every question with its answer, small counts hidden
by the partnership's one rule (``intake.figures``), the commissioner's answers, which
questions are mandatory that year, the data-quality warnings and who checked it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from onestory.intake.figures import Cell, suppress, suppress_table
from onestory.returns import answers, queries, rules
from onestory.returns import questions as q
from onestory.returns.actions import council_area, settings_for
from onestory.returns.models import StatutoryReturn
from onestory.returns.periods import FinancialYear


@dataclass(frozen=True)
class Line:
    question: q.Question
    mandatory: bool
    shown: str  # the answer as published
    count: int | None = None  # the true count, for records-based counts
    hidden: bool = False

    @property
    def drills_down(self) -> bool:
        return self.question.source == q.RECORDS and self.question.kind == q.COUNT


@dataclass
class Report:
    year: FinancialYear
    area_name: str
    area_code: str
    lines: list[Line]
    quality: list[tuple[str, str, rules.Figure]]
    figures: dict[str, rules.Figure]
    checked_by: str = ""
    checked_at: datetime | None = None
    missing: list[str] = field(default_factory=list)

    def sections(self) -> list[tuple[q.Section, list[Line]]]:
        return [
            (section, [line for line in self.lines if line.question.section == section.key])
            for section in q.SECTIONS
        ]


def _money(amount: Decimal | None) -> str:
    return "" if amount is None else f"£{amount:,.2f}"


def _entered(question: q.Question, value: str) -> str:
    if not value:
        return ""
    if question.kind == q.MONEY:
        return _money(Decimal(value))
    if question.kind == q.YES_NO:
        return value.capitalize()
    return value


def published_cells(figures: dict[str, rules.Figure]) -> dict[str, Cell]:
    """Each records-based count as published: a table's counts together, so that one hidden
    count cannot be worked out from a total."""
    counts = {
        question.key: figures[question.key].count if question.key in figures else 0
        for question in q.QUESTIONS
        if question.source == q.RECORDS and question.kind == q.COUNT
    }
    tables: dict[str, dict[str, int]] = {}
    cells: dict[str, Cell] = {}
    for key, count in counts.items():
        table = q.QUESTION_BY_KEY[key].table
        if table:
            tables.setdefault(table, {})[key] = count
        else:
            cells[key] = suppress(count)
    for table in tables.values():
        cells.update(suppress_table(table))
    return cells


def build(year: FinancialYear) -> Report:
    rows = queries.rows_for(year)
    figures = rules.compute(year, rows)
    statutory_return = (
        StatutoryReturn.objects.filter(first_year=year.first)
        .select_related("area", "checked_by")
        .first()
    )
    entered = dict(statutory_return.answers.values_list("key", "value")) if statutory_return else {}
    settings = settings_for(year)
    cells = published_cells(figures)
    lines = []
    for question in q.QUESTIONS:
        mandatory = answers.mandatory_for(settings, question.key)
        if question.source == q.ENTERED:
            lines.append(
                Line(question, mandatory, _entered(question, entered.get(question.key, "")))
            )
        elif question.kind == q.MONEY:
            figure = figures.get(question.key)
            lines.append(Line(question, mandatory, _money(figure.amount if figure else Decimal(0))))
        else:
            cell = cells[question.key]
            lines.append(Line(question, mandatory, str(cell), cell.count, cell.hidden))
    quality = [
        (key, label, figure)
        for (key, label), figure in zip(
            rules.QUALITY_CHECKS, rules.quality(year, rows).values(), strict=True
        )
    ]
    area = statutory_return.area if statutory_return and statutory_return.area else council_area()
    return Report(
        year=year,
        area_name=area.name if area else "",
        area_code=area.code if area else "",
        lines=lines,
        quality=quality,
        figures=figures,
        checked_by=statutory_return.checked_by.get_full_name()
        or statutory_return.checked_by.username
        if statutory_return and statutory_return.checked_by
        else "",
        checked_at=statutory_return.checked_at if statutory_return else None,
        missing=answers.missing_mandatory(settings, entered),
    )
