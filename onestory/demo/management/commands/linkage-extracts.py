"""``onestory linkage-extracts --households N --out DIR``: agencies' extracts from the
synthetic county, with its truth file, for the linkage to be tried and measured on."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from onestory.demo.linkage_extracts import generate, write


class Command(BaseCommand):
    help = (
        "Write one extract per source (police, health, housing, children's and adults' "
        "social care, the partnership) of N synthetic households, with realistic slips, and "
        "truth.csv saying which records are the same real person."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--households", type=int, default=100)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--out", type=Path, required=True)

    def handle(self, *args, households: int, seed: int, out: Path, **options) -> None:
        generated = generate(households, seed=seed, today=timezone.localdate())
        for path in write(generated, out):
            self.stdout.write(str(path))
        self.stdout.write(f"{generated.records:,} records of {households:,} households.")
