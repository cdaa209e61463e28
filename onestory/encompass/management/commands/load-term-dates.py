"""``onestory load-term-dates FILE``: load local authorities' school term dates from CSV."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from onestory.encompass.terms import COLUMNS, TermFileInvalid, load_terms


class Command(BaseCommand):
    help = (
        "Load school term dates for Operation Encompass from a CSV file with the columns "
        + ", ".join(COLUMNS)
        + ". The whole file is checked first: if any line is wrong, every problem is listed "
        "and nothing is saved. Each local authority in the file has its term dates replaced."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the CSV file (UTF-8) to load")

    def handle(self, *args, file: Path, **options) -> None:
        try:
            with file.open(encoding="utf-8-sig", newline="") as lines:
                summary = load_terms(lines)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}.") from error
        except UnicodeDecodeError as error:
            raise CommandError(
                f"{file} is not UTF-8 text; save it as CSV (UTF-8). Nothing was saved."
            ) from error
        except TermFileInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{file} has {len(invalid.problems)} problem(s); nothing was saved."
            ) from invalid
        self.stdout.write(
            f"Loaded {summary.terms} terms for {summary.local_authorities} local "
            f"authorit{'y' if summary.local_authorities == 1 else 'ies'} from {file}."
        )
