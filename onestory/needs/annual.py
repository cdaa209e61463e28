"""The partnership's annual report for a financial year, as one workbook: the delivery plan
with its figures as at the year's end (or today, while the year runs), the statutory
return's lines, and the board's quarterly figures for each quarter of the year begun."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font

from onestory.marac.quarterly import Quarter
from onestory.needs import pack, plan
from onestory.returns import board
from onestory.returns import report as return_report
from onestory.returns.periods import FinancialYear

BOLD = Font(bold=True)


def quarters_of(year: FinancialYear) -> list[Quarter]:
    """The calendar quarters the board reports on that make up the financial year."""
    first = year.first
    return [Quarter(first, 2), Quarter(first, 3), Quarter(first, 4), Quarter(first + 1, 1)]


def workbook(*, agency_id: int, year: FinancialYear, today: date) -> Workbook:
    as_at = min(today, year.end)
    book = pack.plan_workbook(plan.priorities(agency_id, as_at))
    sheet = book.active
    sheet.insert_rows(1, 2)
    sheet["A1"] = f"Delivery plan, figures as at {as_at:%-d %B %Y}"
    sheet["A1"].font = BOLD

    statutory = book.create_sheet("Statutory return")
    found = return_report.build(year)
    statutory.append([f"Statutory return: {year.title}"])
    statutory["A1"].font = BOLD
    statutory.append(["Question", "Figure", "Answer"])
    for cell in statutory[2]:
        cell.font = BOLD
    for line in found.lines:
        statutory.append([line.question.ref, line.question.label, line.shown])

    figures = book.create_sheet("Board figures")
    begun = [quarter for quarter in quarters_of(year) if quarter.start <= today]
    reports = [board.build(quarter) for quarter in begun]
    figures.append(["Figure", *(quarter.title for quarter in begun)])
    for cell in figures[1]:
        cell.font = BOLD
    if reports:
        for number, table in enumerate(reports[0].tables):
            figures.append([table.caption])
            figures.cell(figures.max_row, 1).font = BOLD
            for row_number, row in enumerate(table.rows):
                figures.append(
                    [
                        row.label,
                        *(_shown(report.tables, number, row_number) for report in reports),
                    ]
                )
    return book


def _shown(tables, number: int, row_number: int) -> str:
    try:
        return tables[number].rows[row_number].shown
    except IndexError:
        return ""
