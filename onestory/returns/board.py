"""The partnership board's quarterly report: front-door contacts and referrals by source and
channel, waiting times to first contact, each MARAC's quarter against the benchmark of 40
cases a year per 10,000 adult women, safe accommodation (occupancy, requests and why they
failed, move-on), work with people who use harm (referrals, starts, endings, risk from
intake to exit, breaches, partner-support links and alerts), case outcomes from intake to
exit (``outcomes``) and repeat referrals.
Counts of people only, small ones hidden as in every published figure.

Apps above this one add their own sections (the delivery plan's figures, kept by ``needs``)
by registering from their ``AppConfig.ready()`` with ``register_section``: this app never
imports them (decision 0030's floors)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Font

from onestory.accommodation import figures as accommodation_figures
from onestory.cases.choices import ClosureReason
from onestory.harm import figures as harm_figures
from onestory.intake import figures as intake_figures
from onestory.intake import queries as intake_queries
from onestory.intake.choices import Channel, Source
from onestory.marac import quarterly
from onestory.marac.models import Marac
from onestory.marac.queries import quarterly_figures
from onestory.returns import outcomes as case_outcomes
from onestory.returns import queries


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


# (quarter, the viewer's agency or None) -> the section's tables. The agency lets a section
# show what belongs to one agency (its delivery plan) to that agency's own staff only.
Section = Callable[[quarterly.Quarter, int | None], list[BoardTable]]

_SECTIONS: dict[str, tuple[int, Section]] = {}


def register_section(name: str, section: Section, *, order: int) -> None:
    """Add ``section`` to every board report after the report's own tables (registering a
    name again replaces it); ``order`` keeps sections in the same order however apps start."""
    _SECTIONS[name] = (order, section)


def sections() -> list[tuple[str, Section]]:
    return [
        (name, section)
        for name, (_order, section) in sorted(
            _SECTIONS.items(), key=lambda item: (item[1][0], item[0])
        )
    ]


def _cells(caption: str, key: str, labels, counts: dict[str, int], *, chart: bool) -> BoardTable:
    cells = intake_figures.suppress_table({value: counts.get(value, 0) for value, _ in labels})
    rows = [
        BoardRow(label, str(cells[value]), None if cells[value].hidden else cells[value].count)
        for value, label in labels
    ]
    return BoardTable(key, caption, rows, chart=chart)


def _of(label: str, part: int, whole: int) -> BoardRow:
    """``part`` of ``whole``: the part is hidden when it, or the rest of the whole, is under
    5 (either would point to a few people)."""
    if whole < intake_figures.SMALLEST_SHOWN:
        return BoardRow(label, f"{intake_figures.HIDDEN} in all")
    if min(part, whole - part) < intake_figures.SMALLEST_SHOWN:
        return BoardRow(label, f"not shown, of {whole:,}")
    return BoardRow(label, f"{part:,} of {whole:,}", part)


def _case_outcome_tables(quarter: quarterly.Quarter) -> list[BoardTable]:
    found = queries.case_outcomes_for(quarter.start, quarter.end)
    tables = [
        BoardTable(
            "cases_closed",
            "Cases closed",
            [BoardRow("Victims' cases closed", str(intake_figures.suppress(found.closed)))],
        ),
        _cells(
            "Why cases closed",
            "closure_reasons",
            [*ClosureReason.choices, ("", "No reason recorded")],
            found.by_reason,
            chart=True,
        ),
        _cells(
            "Risk level at intake and at closure",
            "risk_change",
            case_outcomes.RISK_CHANGES,
            found.risk_change,
            chart=True,
        ),
        BoardTable(
            "high_risk",
            "Cases at high risk",
            [
                BoardRow(
                    "High risk at intake",
                    str(intake_figures.suppress(found.high_at_intake)),
                ),
                BoardRow(
                    "High risk at closure",
                    str(intake_figures.suppress(found.high_at_closure)),
                ),
            ],
        ),
    ]
    rated = [
        BoardRow(
            "Cases closed with the person's ratings at intake and at exit",
            str(intake_figures.suppress(found.rated_at_both)),
        )
    ]
    rated += [
        _of(f"{totals.label}: better at exit", totals.better, totals.compared)
        for totals in found.outcomes
    ]
    tables.append(BoardTable("outcome_ratings", "Outcomes from intake to exit", rated, chart=True))
    tables.append(
        BoardTable(
            "abuse_stopped",
            "Abuse happening at intake that had stopped by exit",
            [
                _of(totals.label, totals.stopped, totals.happening_at_start)
                for totals in found.abuse
            ],
            chart=True,
        )
    )
    linked, repeats = queries.repeat_referrals_for(quarter.start, quarter.end)
    tables.append(
        BoardTable(
            "repeat_referrals",
            "Repeat referrals to the front door",
            [
                BoardRow(
                    "Referrals linked to a person", str(intake_figures.suppress(linked)), None
                ),
                _of(
                    "Of those, the person was referred in the twelve months before", repeats, linked
                ),
                BoardRow(
                    "Repeat referral rate", intake_figures.share(repeats, linked, suppressed=True)
                ),
            ],
        )
    )
    return tables


def _harm_tables(found: harm_figures.HarmFigures) -> list[BoardTable]:
    """Work with people who use harm in the quarter, hidden below 5 as its own page hides."""

    def row(label: str, count: int) -> BoardRow:
        hidden = 0 < count < harm_figures.SUPPRESS_BELOW
        return BoardRow(label, harm_figures.shown(count), None if hidden else count)

    return [
        BoardTable(
            "harm",
            "Work with people who use harm",
            [
                row("Referrals received", found.referrals_total),
                row("Interventions started", found.starts),
                BoardRow(
                    "Starts with a partner-support worker linked",
                    found.partner_link_rate or ("none started" if not found.starts else "hidden"),
                ),
                row("Risk alerts sent to partner-support workers", found.alerts),
                row("Breaches of orders recorded", found.breaches),
            ],
        ),
        BoardTable(
            "harm_endings",
            "How interventions ended",
            [row(ending.label, ending.count) for ending in found.endings],
            chart=True,
        ),
        BoardTable(
            "harm_risk",
            "Risk from intake to exit, interventions that ended",
            [row(change.label, change.count) for change in found.risk_change],
            chart=True,
        ),
    ]


def build(quarter: quarterly.Quarter, *, agency_id: int | None = None) -> BoardReport:
    """The report for ``quarter``; ``agency_id`` is the viewer's agency, for sections that
    show an agency's own work (None from the command: those sections say nothing)."""
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
    report.tables += _harm_tables(harm_figures.figures(start, end))
    report.tables += _case_outcome_tables(quarter)
    for _name, section in sections():
        report.tables += section(quarter, agency_id)
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
