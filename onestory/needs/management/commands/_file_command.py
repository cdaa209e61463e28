"""What ``load-population`` and ``load-prevalence`` share: read a UTF-8 CSV file, hand its
lines to a loader that saves all or nothing, and say what happened."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from onestory.needs.actions import FileInvalid


class LoadFileCommand(BaseCommand):
    """A command that loads one CSV file; subclasses name the loader and what it loads."""

    what = "rows"  # what the loader saves, for the closing message

    def load(self, lines: Iterable[str]) -> int:  # pragma: no cover - each command defines it
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the CSV file (UTF-8) to load")

    def handle(self, *args, file: Path, **options) -> None:
        try:
            with file.open(encoding="utf-8-sig", newline="") as lines:
                saved = self.load(lines)
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
        self.stdout.write(f"Loaded {saved:,} {self.what} from {file}.")


def loader(load: Callable[..., int]) -> Callable[[LoadFileCommand, Iterable[str]], int]:
    """A loader action as the command's ``load``."""

    def run(self: LoadFileCommand, lines: Iterable[str]) -> int:
        return load(lines=lines)

    return run
