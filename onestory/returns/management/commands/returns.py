"""``onestory returns``: write the statutory return for a financial year and the board's
report for a quarter, as workbooks and CSV files, from a schedule (cron) or by hand.

    onestory returns --year 2025-26 --quarter 2026Q1 --out /srv/reports

Run twice for a closed period, it writes the same bytes. Each file written appends an
audit event of the export.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from onestory import audit
from onestory.audit.models import AuditAction
from onestory.marac.quarterly import parse_quarter
from onestory.returns import board, exports, report
from onestory.returns.periods import parse_year


class Command(BaseCommand):
    help = "Write the statutory return for a year and the board report for a quarter."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", help="A financial year, like 2025-26.")
        parser.add_argument("--quarter", help="A calendar quarter, like 2026Q1.")
        parser.add_argument("--out", required=True, type=Path, help="The folder to write to.")

    def handle(self, *args, **options) -> None:
        if not options["year"] and not options["quarter"]:
            raise CommandError("Give --year, --quarter or both.")
        try:
            year = parse_year(options["year"]) if options["year"] else None
            quarter = parse_quarter(options["quarter"]) if options["quarter"] else None
        except ValueError as error:
            raise CommandError(str(error)) from error
        out: Path = options["out"]
        if not out.is_dir():
            raise CommandError(f"{out} is not a folder.")
        files: list[tuple[str, bytes, str]] = []
        if year is not None:
            built = report.build(year)
            stem = f"safe-accommodation-return-{year.code}"
            files += [
                (f"{stem}.xlsx", exports.workbook_bytes(built), f"statutory return {year.code}"),
                (f"{stem}.csv", exports.csv_text(built).encode(), f"statutory return {year.code}"),
            ]
        if quarter is not None:
            built_board = board.build(quarter)
            stem = f"board-report-{quarter.code}"
            files += [
                (f"{stem}.xlsx", board.workbook_bytes(built_board), f"board report {quarter.code}"),
                (
                    f"{stem}.csv",
                    board.csv_text(built_board).encode(),
                    f"board report {quarter.code}",
                ),
            ]
        for name, data, what in files:
            try:
                (out / name).write_bytes(data)
            except OSError as error:
                raise CommandError(
                    f"Cannot write {out / name}: {error.strerror or error}."
                ) from error
            audit.record(
                action=AuditAction.EXPORT, reason=f"{what} written to {name}", channel="command"
            )
            self.stdout.write(f"Wrote {out / name}")
