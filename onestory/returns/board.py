"""The partnership board's quarterly report: front-door contacts and referrals by source and
channel, waiting times to first contact, each MARAC's quarter against the benchmark of 40
cases a year per 10,000 adult women, and safe accommodation (occupancy, requests and why
they failed, move-on). Counts only, small ones hidden as in every published figure."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Font

from onestory.accommodation import figures as accommodation_figures
from onestory.intake import figures as intake_figures
from onestory.intake import queries as intake_queries
from onestory.intake.choices import Channel, Source
from onestory.marac import quarterly
from onestory.marac.models import Marac
from onestory.marac.queries import quarterly_figures


@dataclass(frozen=True)
class BoardRow:
    label: str
    shown: str
    count: float | None = None  # the published figure as a number, for the charts


@dataclass(frozen=True)
class BoardTable:
    key: str
    caption: str
    rows: list[BoardRow]
    chart: bool = False

    @property
    def widest(self) -> float:
        return max((row.count or 0 for row in self.rows), default=0) or 1


@dataclass
class BoardReport:
    quarter: quarterly.Quarter
    tables: list[BoardTable] = field(default_factory=list)


def _cells(caption: str, key: str, labels, counts: dict[str, int], *, chart: bool) -> BoardTable:
    cells = intake_figures.suppress_table({value: counts.get(value, 0) for value, _ in labels})
    rows = [
        BoardRow(label, str(cells[value]), None if cells[value].hidden else cells[value].count)
        for value, label in labels
    ]
    return BoardTable(key, caption, rows, chart=chart)


def build(quarter: quarterly.Quarter) -> BoardReport:
    report = BoardReport(quarter)
    start, end = quarter.start, quarter.end
    counts = intake_queries.counts(start, end)
    total = intake_figures.suppress(counts.total)
    report.tables.append(
        BoardTable(
            "front_door",
            "The front door",
            [
                BoardRow("Referrals and contacts received", str(total), None),
                BoardRow(
                    "Referred on (to a service or the MARAC)",
                    str(intake_figures.suppress(counts.referred_on)),
                ),
                BoardRow(
                    "Median time to first contact",
                    intake_figures.median_hours(
                        [
                            (contact - received).total_seconds() / 3600
                            for received, contact, _ in counts.first_contacts
                        ],
                        suppressed=True,
                    ),
                ),
            ],
        )
    )
    report.tables.append(
        _cells("Referrals by source", "by_source", Source.choices, counts.by_source, chart=True)
    )
    report.tables.append(
        _cells("Referrals by channel", "by_channel", Channel.choices, counts.by_channel, chart=True)
    )

    marac_rows = []
    for marac in Marac.objects.select_related("area").order_by("name"):
        published = quarterly.publish(quarterly_figures(marac, quarter), suppressed=True)
        cases = published.counts["cases_discussed"]
        rate = published.per_10000_a_year
        repeat = published.repeat_rate
        marac_rows += [
            BoardRow(
                f"{marac.name}: cases discussed",
                intake_figures.HIDDEN if cases is None else f"{cases:,}",
                cases,
            ),
            BoardRow(
                f"{marac.name}: cases a year per 10,000 adult women "
                f"(benchmark {quarterly.EXPECTED_PER_10000_A_YEAR})",
                "not shown" if rate is None else f"{rate:.1f}",
            ),
            BoardRow(
                f"{marac.name}: repeat cases",
                "not shown" if repeat is None else f"{round(100 * repeat)}%",
            ),
        ]
    report.tables.append(BoardTable("marac", "MARAC", marac_rows))

    accommodation = accommodation_figures.figures(start, end)
    occupied = sum(used for _, used, _ in accommodation.schemes)
    vacant = sum(free for _, _, free in accommodation.schemes)
    occupancy = f"{round(100 * occupied / (occupied + vacant))}%" if occupied + vacant else "none"
    report.tables.append(
        BoardTable(
            "accommodation",
            "Safe accommodation",
            [
                BoardRow("Nights occupied", f"{occupied:,}", occupied),
                BoardRow("Nights vacant", f"{vacant:,}", vacant),
                BoardRow("Occupancy", occupancy),
                BoardRow("Sanctuary installs surveyed", accommodation.installs_shown),
            ],
        )
    )
    for key, caption, rows in (
        ("asks", "Schemes asked for a place, by outcome", accommodation.asks),
        ("scheme_reasons", "Why schemes declined a household", accommodation.scheme_reasons),
        ("survivor_reasons", "Why survivors declined an offer", accommodation.survivor_reasons),
        ("move_on", "Where households moved on to", accommodation.move_on),
    ):
        report.tables.append(
            BoardTable(
                key,
                caption,
                [
                    BoardRow(
                        row.label,
                        row.shown,
                        None if 0 < row.count < accommodation_figures.SUPPRESS_BELOW else row.count,
                    )
                    for row in rows
                ],
                chart=True,
            )
        )
    return report


def csv_text(report: BoardReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["quarter", "table", "figure", "value"])
    for table in report.tables:
        for row in table.rows:
            writer.writerow([report.quarter.code, table.caption, row.label, row.shown])
    return out.getvalue()


def workbook_bytes(report: BoardReport) -> bytes:
    from onestory.returns.exports import fixed_zip_times

    book = Workbook()
    fixed = datetime(report.quarter.end.year, report.quarter.end.month, report.quarter.end.day)
    book.properties.created = book.properties.modified = fixed
    sheet = book.active
    sheet.title = report.quarter.code
    sheet.append([f"Partnership board report: {report.quarter.title}"])
    sheet["A1"].font = Font(bold=True, size=14)
    for table in report.tables:
        sheet.append([])
        sheet.append([table.caption])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        for row in table.rows:
            sheet.append([row.label, row.shown])
    sheet.column_dimensions["A"].width = 80
    sheet.column_dimensions["B"].width = 24
    out = io.BytesIO()
    book.save(out)
    return fixed_zip_times(out.getvalue(), fixed)


def pdf_bytes(report: BoardReport) -> bytes:
    """The report as one PDF, its bar charts drawn as SVG from the published figures."""
    from django.template.loader import render_to_string

    # Imported here: WeasyPrint loads its fonts and libraries on first use.
    from weasyprint import HTML

    return HTML(string=render_to_string("returns/board_pdf.html", {"report": report})).write_pdf()
