"""``onestory synth --persons N --seed S``: fill the database with a synthetic county."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from onestory.demo.partnership import DemoRefused
from onestory.demo.synth.loader import DEFAULT_CHUNK, Plan, load

DEFAULT_TRUTH = "synth-truth.jsonl"


class Command(BaseCommand):
    help = (
        "Fill the database with a synthetic county of N person records (demo mode only), "
        "and write which records are the same real person to a truth file for `bench`. "
        "Stopping it is safe; running the same command again carries on."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--persons", type=int, required=True, help="person records to make")
        parser.add_argument(
            "--seed", type=int, default=1, help="the same seed makes the same county"
        )
        parser.add_argument(
            "--truth",
            type=Path,
            default=None,
            help=f"where to write the ground truth (default var/{DEFAULT_TRUTH})",
        )
        parser.add_argument(
            "--chunk", type=int, default=DEFAULT_CHUNK, help="person records per transaction"
        )
        parser.add_argument(
            "--audit-scale",
            type=float,
            default=0.02,
            help="audit events as a share of targets.md's 175 per record (default 0.02)",
        )

    def handle(self, *args, **options) -> None:
        if options["persons"] < 1:
            raise CommandError("--persons must be at least 1.")
        if options["chunk"] < 100:
            raise CommandError("--chunk must be at least 100.")
        if not 0 <= options["audit_scale"] <= 1:
            raise CommandError("--audit-scale must be from 0 to 1.")
        plan = Plan(
            persons=options["persons"],
            seed=options["seed"],
            truth=options["truth"] or Path(settings.VAR_DIR) / DEFAULT_TRUTH,
            chunk_size=options["chunk"],
            audit_scale=options["audit_scale"],
        )
        self.stdout.write(
            f"Making a synthetic county of {plan.persons:,} person records (seed {plan.seed}) "
            f"in {plan.chunks} chunks."
        )
        try:
            summary = load(plan, say=self._say)
        except DemoRefused as refused:
            raise CommandError(str(refused)) from refused
        except KeyboardInterrupt:
            self.stderr.write(
                "Stopped. The chunk being written was not saved; every chunk before it is. "
                "Run the same command again to carry on."
            )
            raise SystemExit(130) from None
        rows = sum(summary.rows.values())
        self.stdout.write(
            f"Done in {summary.seconds:.0f} s: {summary.chunks_loaded} chunks loaded "
            f"({summary.chunks_skipped} were already there), {rows:,} rows."
        )
        width = max((len(name) for name in summary.rows), default=0)
        for name, count in sorted(summary.rows.items()):
            self.stdout.write(f"  {name:<{width}} {count:>12,}")
        self.stdout.write(f"Ground truth: {plan.truth}")

    def _say(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()
