"""``onestory bench --json``: measure OneStory on the configured database and print figures."""

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from onestory.demo.bench.measures import PAUSE_SECONDS
from onestory.demo.bench.runner import BenchRefused, Options, run
from onestory.demo.management.commands.synth import DEFAULT_TRUTH
from onestory.demo.partnership import DemoRefused, refuse_in_production


class Command(BaseCommand):
    help = (
        "Measure search, pages and referral intake against a real server on a loopback "
        "port, with questions made from the synthetic county's ground truth. Prints one "
        "JSON object with --json. Bounded in requests and time; needs `onestory synth` first."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--truth", type=Path, default=None, help="the synth truth file")
        parser.add_argument("--searches", type=int, default=1000, help="search questions")
        parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
        parser.add_argument("--page-requests", type=int, default=400, help="per kind of page")
        parser.add_argument("--referrals", type=int, default=100, help="referrals to send")
        parser.add_argument(
            "--max-seconds", type=float, default=120, help="time limit for each timed part"
        )
        parser.add_argument("--seed", type=int, default=1, help="seed for the questions")
        parser.add_argument(
            "--server", choices=("gunicorn", "runserver"), default="gunicorn", help="server"
        )
        parser.add_argument("--workers", type=int, default=2, help="server processes")
        parser.add_argument("--threads", type=int, default=8, help="threads per process")
        parser.add_argument(
            "--pause",
            type=float,
            default=PAUSE_SECONDS,
            help="mean seconds each page client waits between pages (0: none)",
        )
        parser.add_argument(
            "--only",
            action="append",
            choices=("search", "pages", "other"),
            default=[],
            help="time only these parts (search; the floor, timeline and case page; the rest)",
        )

    def handle(self, *args, **options) -> None:
        for name in ("searches", "clients", "page_requests", "referrals", "workers", "threads"):
            if options[name] < 1:
                raise CommandError(f"--{name.replace('_', '-')} must be at least 1.")
        if options["pause"] < 0:
            raise CommandError("--pause must not be negative.")
        plan = Options(
            truth=options["truth"] or Path(settings.VAR_DIR) / DEFAULT_TRUTH,
            searches=options["searches"],
            clients=options["clients"],
            page_requests=options["page_requests"],
            referrals=options["referrals"],
            seconds=options["max_seconds"],
            seed=options["seed"],
            server=options["server"],
            workers=options["workers"],
            threads=options["threads"],
            pause=options["pause"],
            only=frozenset(options["only"]),
        )
        try:
            refuse_in_production()
            result = run(plan, say=self._progress)
        except (BenchRefused, DemoRefused) as refused:
            raise CommandError(str(refused)) from refused
        if options["json"]:
            self.stdout.write(json.dumps(result, indent=2))
        else:
            self._show(result)

    def _progress(self, line: str) -> None:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()

    def _show(self, result: dict) -> None:
        for key, value in result.items():
            self.stdout.write(f"{key}: {json.dumps(value)}")
