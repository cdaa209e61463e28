"""``onestory load-population FILE``: load ONS mid-year population estimates."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from onestory.needs.actions import FileInvalid, load_population


class Command(BaseCommand):
    help = (
        "Load ONS mid-year population estimates by area, sex and single year of age (or age "
        "band), one column per year (ONS's layout: ladcode21, laname21, country, sex, age, "
        "population_2021, ...). The areas must be loaded already. The whole file is checked "
        "first: if any line is wrong, every problem is listed and nothing is saved. Each "
        "area and year in the file replaces what was held for it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the CSV file (UTF-8) to load")

    def handle(self, *args, file: Path, **options) -> None:
        try:
            with file.open(encoding="utf-8-sig", newline="") as lines:
                saved = load_population(lines=lines)
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
        self.stdout.write(f"Loaded {saved:,} population figures from {file}.")
