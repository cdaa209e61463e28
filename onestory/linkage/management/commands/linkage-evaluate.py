"""``onestory linkage-evaluate --truth FILE``: how well the model links, against known truth."""

import csv
import resource
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from onestory.linkage import engine, queries, rules
from onestory.linkage.management.commands._common import agency_named
from onestory.linkage.models import LinkageModel

THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95, 0.99)


class Command(BaseCommand):
    help = (
        "Score the agency's records with its latest model and print precision, recall and "
        "F1 at several thresholds against a truth file (CSV: source, record_id, person: "
        "records with the same person are one real person), then the threshold chosen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True)
        parser.add_argument("--truth", type=Path, required=True)

    def handle(self, *args, agency: str, truth: Path, verbosity: int, **options) -> None:
        holder = agency_named(agency)
        model = LinkageModel.objects.filter(agency=holder).first()
        if model is None:
            raise CommandError("Train a model first: onestory linkage-train.")
        started = time.perf_counter()
        keys = {
            (source, record_id): queries.record_key(pk)
            for pk, source, record_id in queries.source_records(holder).values_list(
                "pk", "extract__source", "record_id"
            )
        }
        known: dict[str, str] = {}
        with Path(truth).open(encoding="utf-8", newline="") as lines:
            for line in csv.DictReader(lines):
                key = keys.get((line["source"], line["record_id"]))
                if key is not None:
                    known[key] = line["person"]
        if not known:
            raise CommandError("No record in the truth file has been imported.")
        say = (lambda m: self.stderr.write(m)) if verbosity >= 1 else None
        found = engine.predict(
            queries.linkage_persons(holder), model.settings, threshold=min(THRESHOLDS), progress=say
        )
        forbidden = rules.victim_harm_pairs(queries.event_parts(holder))
        scored = [
            (f["unique_id_l"], f["unique_id_r"], f["match_probability"])
            for f in found
            if frozenset((f["unique_id_l"], f["unique_id_r"])) not in forbidden
        ]
        results = rules.sweep(scored, known, THRESHOLDS)
        joined = rules.sweep_people(scored, known, THRESHOLDS, forbidden=forbidden)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"{len(known):,} records in the truth, {results[0].truly:,} true pairs; "
            f"model {model.version}"
        )
        self.stdout.write("Pairs suggested:")
        self._table(results)
        self.stdout.write("People the links make (records joined through another count):")
        self._table(joined)
        chosen = rules.best(results)
        self.stdout.write(
            f"chosen threshold {chosen.threshold:.2f}: precision {chosen.precision:.3f}, "
            f"recall {chosen.recall:.3f}, F1 {chosen.f1:.3f}"
        )
        person = next(s for s in joined if s.threshold == chosen.threshold)
        self.stdout.write(
            f"people at {person.threshold:.2f}: precision {person.precision:.3f}, "
            f"recall {person.recall:.3f}, F1 {person.f1:.3f}"
        )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(f"scored in {elapsed:.1f}s; peak memory {peak:.0f} MiB")

    def _table(self, results: list[rules.Scores]) -> None:
        self.stdout.write("threshold  pairs  precision  recall  F1")
        for s in results:
            self.stdout.write(
                f"{s.threshold:9.2f}  {s.found:5d}  {s.precision:9.3f}  {s.recall:6.3f}  {s.f1:.3f}"
            )
