"""``onestory load-prevalence FILE``: load survey prevalence rates."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from onestory.needs.actions import FileInvalid, load_rates
from onestory.needs.files import RATE_COLUMNS


class Command(BaseCommand):
    help = (
        "Load survey prevalence rates (the share of people who experienced domestic abuse in "
        "the last year) with the columns "
        + ", ".join(RATE_COLUMNS)
        + ": the series names the question version and ages (the Crime Survey changed its "
        "questions from the year ending March 2024), survey_year is the year the survey "
        "year ends in March, rate is a percentage. All or nothing; each series and year in "
        "the file replaces what was held for it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the CSV file (UTF-8) to load")

    def handle(self, *args, file: Path, **options) -> None:
        try:
            with file.open(encoding="utf-8-sig", newline="") as lines:
                saved = load_rates(lines=lines)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}.") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file} is not UTF-8 text; nothing was saved.") from error
        except FileInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{file} has {len(invalid.problems)} problem(s); nothing was saved."
            ) from invalid
        self.stdout.write(f"Loaded {saved:,} survey rates from {file}.")
