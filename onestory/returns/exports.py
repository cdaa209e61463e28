"""The return as the ministry's workbook (one sheet per section of its form) and as CSV.

Both hold the published figures only (small counts hidden), never a record. Running either
twice for a closed year gives the same figures; the workbook's own dates are fixed to the
year's end so that it is byte-for-byte the same too.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from onestory.returns import questions as q
from onestory.returns.report import Line, Report

_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")

CSV_COLUMNS = [
    "financial_year",
    "area_code",
    "section",
    "ref",
    "key",
    "question",
    "mandatory",
    "source",
    "answer",
]


def _answer_value(line: Line):
    """The answer as a spreadsheet cell: a number where it is one, else the text."""
    if line.question.source == q.RECORDS and line.question.kind == q.COUNT and not line.hidden:
        return line.count
    if line.question.kind == q.MONEY and line.shown:
        return Decimal(line.shown.removeprefix("£").replace(",", ""))
    if line.question.kind == q.NUMBER and line.shown:
        return int(line.shown)
    return line.shown


def csv_text(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for section, lines in report.sections():
        for line in lines:
            writer.writerow(
                [
                    report.year.code,
                    report.area_code,
                    section.title,
                    line.question.ref,
                    line.question.key,
                    line.question.label,
                    "mandatory" if line.mandatory else "voluntary",
                    line.question.source,
                    line.shown,
                ]
            )
    return out.getvalue()


def workbook_bytes(report: Report) -> bytes:
    book = Workbook()
    fixed = datetime(report.year.end.year, 3, 31, 23, 59, 59)
    book.properties.creator = "OneStory"
    book.properties.created = book.properties.modified = fixed
    book.properties.title = f"Safe accommodation return {report.year.code}"
    bold = Font(bold=True)

    cover = book.active
    cover.title = "Cover"
    cover.append(["Support in safe accommodation: annual return"])
    cover["A1"].font = Font(bold=True, size=14)
    cover.append([])
    for label, value in [
        ("Financial year", f"{report.year.code} ({report.year.title})"),
        ("Local authority", report.area_name),
        ("Local authority code", report.area_code),
        ("Checked by", report.checked_by or "Not yet checked"),
        (
            "Checked on",
            report.checked_at.astimezone().strftime("%d/%m/%Y %H:%M") if report.checked_at else "",
        ),
        (
            "Small numbers",
            'Counts under 5 are shown as "fewer than 5"; where one is hidden in a table, '
            "the next smallest is hidden too.",
        ),
    ]:
        cover.append([label, value])
        cover.cell(cover.max_row, 1).font = bold
    cover.column_dimensions["A"].width = 24
    cover.column_dimensions["B"].width = 90

    for section, lines in report.sections():
        sheet = book.create_sheet(section.sheet)
        sheet.append([f"Section {section.number}: {section.title}"])
        sheet["A1"].font = Font(bold=True, size=12)
        sheet.append(["Ref", "Question", "Mandatory or voluntary", "Answer", "Source"])
        for cell in sheet[2]:
            cell.font = bold
        for line in lines:
            sheet.append(
                [
                    line.question.ref,
                    line.question.label,
                    "Mandatory" if line.mandatory else "Voluntary",
                    _answer_value(line),
                    "Counted from the records"
                    if line.question.source == q.RECORDS
                    else "Entered by the commissioner",
                ]
            )
            if line.question.kind == q.MONEY and line.shown:
                sheet.cell(sheet.max_row, 4).number_format = '"£"#,##0.00'
        for column, width in zip(range(1, 6), (8, 70, 22, 16, 28), strict=True):
            sheet.column_dimensions[get_column_letter(column)].width = width
        for row in sheet.iter_rows(min_row=3, min_col=2, max_col=2):
            row[0].alignment = Alignment(wrap_text=True)

    checks = book.create_sheet("Data quality")
    checks.append(["Check", "Records"])
    for cell in checks[1]:
        cell.font = bold
    for _, label, figure in report.quality:
        checks.append([label, figure.count])
    checks.column_dimensions["A"].width = 80
    out = io.BytesIO()
    book.save(out)
    return fixed_zip_times(out.getvalue(), fixed)


def fixed_zip_times(data: bytes, when: datetime) -> bytes:
    """The workbook with the moment of saving taken out: openpyxl stamps it on every member
    of the zip and as the document's last change, so the same figures would differ in bytes."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, content)
    return out.getvalue()
