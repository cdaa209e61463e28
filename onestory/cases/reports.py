"""Figures about outcomes across the partnership: aggregate only, small counts suppressed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from onestory.cases.choices import OutcomeStage
from onestory.cases.models import OutcomeRecord
from onestory.cases.models.outcomes import ABUSE_FIELDS, SCORE_FIELDS
from onestory.cases.outcomes import (
    AbuseTotals,
    OutcomeTotals,
    abuse_changes,
    outcome_changes,
    summarise,
    summarise_abuse,
)


@dataclass
class OutcomesReport:
    cases_compared: int
    outcomes: list[OutcomeTotals]
    abuse: list[AbuseTotals]


def outcomes_report() -> OutcomesReport:
    """Intake against exit for every case that has both. One query, read as plain rows (a
    county has hundreds of thousands of ratings: making a model object of each took most of
    the time)."""
    scores, abuse = list(SCORE_FIELDS.items()), list(ABUSE_FIELDS.items())
    rows = (
        OutcomeRecord.objects.filter(stage__in=[OutcomeStage.INTAKE, OutcomeStage.EXIT])
        .order_by("case_id", "stage", "recorded_at", "id")
        .values_list("case_id", "stage", *(f for _, f in scores), *(f for _, f in abuse))
    )
    by_case: dict[int, dict[str, tuple]] = defaultdict(dict)
    for row in rows.iterator(chunk_size=10_000):
        by_case[row[0]][row[1]] = row[2:]  # the latest of each stage counts

    def ratings(values: tuple) -> tuple[dict, dict]:
        return (
            {key: value for (key, _), value in zip(scores, values, strict=False)},
            {key: value for (key, _), value in zip(abuse, values[len(scores) :], strict=True)},
        )

    pairs = [
        (ratings(stages[OutcomeStage.INTAKE]), ratings(stages[OutcomeStage.EXIT]))
        for stages in by_case.values()
        if OutcomeStage.INTAKE in stages and OutcomeStage.EXIT in stages
    ]
    return OutcomesReport(
        cases_compared=len(pairs),
        outcomes=summarise(outcome_changes(a[0], b[0]) for a, b in pairs),
        abuse=summarise_abuse(abuse_changes(a[1], b[1]) for a, b in pairs),
    )
