"""``onestory linkage-import FILE``: import one agency's extract in the shared data standard."""

import getpass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from onestory.linkage import actions, standard
from onestory.linkage.management.commands._common import agency_named
from onestory.linkage.models import Extract, ExtractStatus


class Command(BaseCommand):
    help = (
        "Import an extract (CSV, UTF-8, one file per source) in the partnership's data "
        "standard (docs/linkage-data-standard.md). The whole file is checked first: if any "
        "line is wrong, every problem is listed by line and nothing is saved. Stopped part "
        "way (Ctrl+C), the same command carries on where it stopped; --abandon removes the "
        "unfinished import instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--agency", required=True, help="the agency that runs the linkage")
        parser.add_argument(
            "--source",
            required=True,
            choices=sorted(standard.Source.ALL),
            help="the kind of source",
        )
        parser.add_argument("--supplier", required=True, help="who supplied the file")
        parser.add_argument("--chunk", type=int, default=1000, metavar="N")
        parser.add_argument("--abandon", action="store_true")

    def handle(
        self,
        *args,
        file: Path,
        agency: str,
        source: str,
        supplier: str,
        chunk: int,
        abandon: bool,
        verbosity: int,
        **options,
    ) -> None:
        holder = agency_named(agency)
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}.") from error
        if abandon:
            import hashlib

            extract = Extract.objects.filter(
                agency=holder, digest=hashlib.sha256(content).hexdigest()
            ).first()
            if extract is None or extract.status == ExtractStatus.COMPLETE:
                raise CommandError("There is no unfinished import of this file to abandon.")
            count = actions.abandon_extract(extract=extract, by_name=getpass.getuser())
            self.stdout.write(f"Abandoned the unfinished import: {count} records removed.")
            return

        def progress(done: int, total: int) -> None:
            if verbosity >= 1:
                self.stderr.write(f"Saved {done:,} of {total:,} records")

        try:
            imported = actions.import_extract(
                content=content,
                file_name=file.name,
                agency=holder,
                source=source,
                supplier=supplier,
                by_name=getpass.getuser(),
                today=timezone.localdate(),
                chunk=max(chunk, 1),
                progress=progress,
            )
        except UnicodeDecodeError as error:
            raise CommandError(f"{file} is not UTF-8 text; nothing was saved.") from error
        except actions.ExtractInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{file} has {len(invalid.problems)} problem(s); nothing was saved."
            ) from invalid
        except actions.AlreadyImported as again:
            raise CommandError(f"{again} Nothing was saved.") from again
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except KeyboardInterrupt:
            raise CommandError(
                "Stopped. Run the same command again to carry on, or with --abandon to remove "
                "what was saved; until then none of it is used."
            ) from None
        carried = f" (carried on after {imported.resumed_from:,})" if imported.resumed_from else ""
        self.stdout.write(
            f"Imported {imported.records:,} records from {file.name}{carried}: extract "
            f"{imported.extract.pk}."
        )
