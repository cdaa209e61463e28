"""``onestory directory import FILE`` and ``onestory directory export [FILE]``.

Both speak Open Referral UK JSON (see ``onestory/directory/oruk.py``). An import checks the
whole file first: if any service is wrong, every problem is listed and nothing is saved.
Loading a file again updates the services it names. An export never holds where safe
accommodation is.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from onestory import audit
from onestory.audit.models import AuditAction
from onestory.directory.importing import DirectoryFileInvalid, load_directory
from onestory.directory.models import Service
from onestory.directory.oruk import service_json


class Command(BaseCommand):
    help = "Import or export the services directory as Open Referral UK JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="import|export")
        load = actions.add_parser("import", help="load services from an Open Referral UK file")
        load.add_argument("file", type=Path, help="the JSON file (UTF-8) to load")
        save = actions.add_parser("export", help="write every service as Open Referral UK JSON")
        save.add_argument(
            "file", type=Path, nargs="?", help="where to write it (default: the screen)"
        )

    def handle(self, *args, action: str, file: Path | None, **options) -> None:
        if action == "import":
            self._import(file)
        else:
            self._export(file)

    def _import(self, file: Path) -> None:
        try:
            with file.open(encoding="utf-8-sig") as stream:
                summary = load_directory(stream)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}.") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file} is not UTF-8 text. Nothing was saved.") from error
        except DirectoryFileInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{file} has {len(invalid.problems)} problem(s); nothing was saved."
            ) from invalid
        self.stdout.write(
            f"Loaded {summary.created + summary.updated} services from {file}: "
            f"{summary.created} new, {summary.updated} updated."
        )

    def _export(self, file: Path | None) -> None:
        services = [service_json(s) for s in Service.objects.with_details().order_by("name", "id")]
        text = json.dumps(services, indent=2, ensure_ascii=False) + "\n"
        audit.record(
            action=AuditAction.EXPORT,
            reason=f"services directory exported: {len(services)} services",
            channel="command",
        )
        if file is None:
            self.stdout.write(text, ending="")
            return
        try:
            file.write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {file}: {error.strerror or error}.") from error
        self.stderr.write(f"Wrote {len(services)} services to {file}.")
