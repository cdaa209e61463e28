"""``onestory load-areas FILE``: load local authorities, districts and wards from a CSV file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from onestory.accounts.areas import (
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    AreaFileInvalid,
    load_areas,
)


class Command(BaseCommand):
    help = (
        "Load areas from a CSV file with the columns "
        + ", ".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
        + " (the last optional). The whole file is checked first: if any line is wrong, "
        "every problem is listed and nothing is saved. Safe to run again; safe to stop."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the CSV file (UTF-8) to load")
        parser.add_argument(
            "--progress-every",
            type=int,
            default=1000,
            metavar="N",
            help="report progress every N rows (default 1000)",
        )

    def handle(self, *args, file: Path, progress_every: int, verbosity: int, **options) -> None:
        if progress_every < 1:
            raise CommandError("--progress-every must be 1 or more.")
        self._every = progress_every
        progress = self._report_progress if verbosity >= 1 else None
        try:
            with file.open(encoding="utf-8-sig", newline="") as lines:
                summary = load_areas(lines, progress=progress, every=progress_every)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}.") from error
        except UnicodeDecodeError as error:
            raise CommandError(
                f"{file} is not UTF-8 text; save it as CSV (UTF-8). Nothing was saved."
            ) from error
        except AreaFileInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{file} has {len(invalid.problems)} problem(s); nothing was saved."
            ) from invalid
        except KeyboardInterrupt:
            raise CommandError("Stopped; nothing was saved.") from None
        self.stdout.write(
            f"Loaded {summary.total} areas from {file}: {summary.created} new, "
            f"{summary.updated} changed, {summary.unchanged} unchanged."
        )

    def _report_progress(self, done: int, total: int | None) -> None:
        if total is None:
            self.stderr.write(f"Checked {done:,} rows")
        elif total > self._every:  # a file saved in one go needs no progress report
            self.stderr.write(f"Saved {done:,} of {total:,} areas")
