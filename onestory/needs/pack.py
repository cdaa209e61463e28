"""The needs-assessment pack as a workbook: the estimate, then each reach table, with the
same suppression as the page."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font

from onestory.needs.bands import SEX_LABELS
from onestory.needs.estimate import whole
from onestory.needs.reach import Reach

BOLD = Font(bold=True)


def xlsx_bytes(book: Workbook) -> bytes:
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _comment(sheet, text: str) -> None:
    if text:
        sheet.append([])
        sheet.append(["Commentary", text])
        sheet.cell(row=sheet.max_row, column=1).font = BOLD


def workbook(result: Reach, commentary: dict[str, str] | None = None) -> Workbook:
    """The pack's workbook, with the analyst's commentary under each section it was given."""
    commentary = commentary or {}
    book = Workbook()
    sheet = book.active
    sheet.title = "Estimate"
    est = result.estimate
    sheet.append([f"Needs assessment: {result.area.name} ({result.area.code}), {result.year}"])
    sheet.append(
        [f"Survey: {est.series}, year ending March {est.survey_year}; people {est.age_range_label}"]
    )
    sheet.append([])
    sheet.append(["Sex", "Age band", "Population", "Rate (%)", "Estimated people affected"])
    for cell in sheet[4]:
        cell.font = BOLD
    for line in est.lines:
        sheet.append(
            [
                SEX_LABELS[line.sex],
                line.label,
                line.population,
                float(line.percent),
                whole(line.estimate),
            ]
        )
    sheet.append(["All", est.age_range_label, est.population(), None, whole(est.total())])
    _comment(sheet, commentary.get("estimate", ""))
    summary = book.create_sheet("Reach")
    summary.append(["Service", "People seen"])
    for key, label in result.services:
        summary.append([label, str(result.totals[key])])
    summary.append(["All services for victims and survivors", str(result.everyone)])
    summary.append(["Reach (people seen ÷ estimate)", result.reach or "not shown"])
    _comment(summary, commentary.get("services", ""))
    for table in result.tables:
        ws = book.create_sheet(table.title[:31])
        heading = [table.title] + [label for _, label in result.services] + ["All services"]
        if table.has_index:
            heading += ["Reach", "Under-representation index"]
        ws.append(heading)
        for cell in ws[1]:
            cell.font = BOLD
        for row in table.rows:
            values = [row.label] + [str(row.cells[k]) for k, _ in result.services]
            values.append(str(row.everyone))
            if table.has_index:
                values += [row.reach, float(row.index_value) if row.index_value else None]
            ws.append(values)
        if table.has_index and table.rows:
            chart = BarChart()
            chart.title = f"Under-representation index by {table.title.lower()}"
            column = len(heading)
            chart.add_data(
                Reference(ws, min_col=column, min_row=1, max_row=len(table.rows) + 1),
                titles_from_data=True,
            )
            chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(table.rows) + 1))
            ws.add_chart(chart, f"{chr(ord('A') + column + 1)}2")
        _comment(ws, commentary.get(table.key, ""))
    return book


# The PDF pack ------------------------------------------------------------------------------

BAR_WIDTH = 300  # points of the longest bar; the index scale runs from 0 to its largest value


@dataclass(frozen=True)
class Bar:
    label: str
    value: str
    width: float
    y: int


def bars(table) -> list[Bar]:
    """The index of each shown group as a horizontal bar, for the pack's chart."""
    shown = [row for row in table.rows if row.index_value is not None]
    if not shown:
        return []
    largest = max(max(row.index_value for row in shown), Decimal(1))
    return [
        Bar(row.label, row.index, float(row.index_value / largest) * BAR_WIDTH, 18 * number)
        for number, row in enumerate(shown)
    ]


def sections(result: Reach) -> list[tuple[str, str]]:
    """Each section of the pack that takes the analyst's commentary: (key, title)."""
    return [
        ("estimate", "The estimate"),
        ("services", "People seen by each service"),
        *((table.key, f"By {table.title.lower()}") for table in result.tables),
    ]


def pack_html(result: Reach, commentary: dict[str, str], *, produced_by, ward_map=None) -> str:
    tables = [
        {
            "table": table,
            "bars": (found := bars(table)),
            "height": 18 * len(found) + 8,
            "comment": commentary.get(table.key, ""),
        }
        for table in result.tables
    ]
    return render_to_string(
        "needs/pack_pdf.html",
        {
            "result": result,
            "est": result.estimate,
            "tables": tables,
            "commentary": commentary,
            "produced_by": produced_by,
            "produced_at": timezone.localtime(),
            "bar_width": BAR_WIDTH,
            "map": ward_map,
        },
    )


def pack_pdf(result: Reach, commentary: dict[str, str], *, produced_by, ward_map=None) -> bytes:
    from weasyprint import HTML

    html = pack_html(result, commentary, produced_by=produced_by, ward_map=ward_map)
    return HTML(string=html).write_pdf()


# The delivery plan as the board's workbook --------------------------------------------------

PLAN_HEADINGS = [
    "Priority",
    "Objective",
    "Live figure",
    "Last twelve months",
    "Baseline",
    "Target",
    "Suggested rating",
    "Action",
    "Owner",
    "Due by",
    "Status",
    "Rating",
    "Latest update",
]


def _in_year(value: Decimal, year: int) -> str:
    return f"{value.normalize():f} ({year} to {year + 1})"


def plan_workbook(priorities) -> Workbook:
    """One row per action (or per objective without actions), with the objective's figure."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Delivery plan"
    sheet.append(PLAN_HEADINGS)
    for cell in sheet[1]:
        cell.font = BOLD
    for priority in priorities:
        for objective in priority.objectives.all():
            shown = objective.shown_indicator
            figure = (
                [
                    shown.label,
                    float(shown.current),
                    _in_year(shown.baseline, shown.baseline_year),
                    _in_year(shown.target, shown.target_year),
                    shown.suggested.capitalize(),
                ]
                if shown
                else [None] * 5
            )
            actions = list(objective.actions.all()) or [None]
            for action in actions:
                row = [priority.title, objective.title, *figure]
                if action is not None:
                    latest = next(iter(action.updates.all()), None)
                    row += [
                        action.description,
                        action.owner.name,
                        action.due_on,
                        action.get_status_display(),
                        action.get_rag_display() if action.rag else None,
                        f"{latest.quarter_label}: {latest.text}" if latest else None,
                    ]
                sheet.append(row)
    return book
