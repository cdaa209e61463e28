"""Figures about outcomes across the partnership: aggregate only, small counts suppressed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from onestory.cases.choices import OutcomeStage
from onestory.cases.models import OutcomeRecord
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


def outcomes_report(records=None) -> OutcomesReport:
    """Intake against exit for every case that has both. One query."""
    if records is None:
        records = OutcomeRecord.objects.filter(
            stage__in=[OutcomeStage.INTAKE, OutcomeStage.EXIT]
        ).order_by("case_id", "stage")
    by_case: dict[int, dict[str, OutcomeRecord]] = defaultdict(dict)
    for record in records:
        by_case[record.case_id][record.stage] = record
    pairs = [
        (stages[OutcomeStage.INTAKE], stages[OutcomeStage.EXIT])
        for stages in by_case.values()
        if OutcomeStage.INTAKE in stages and OutcomeStage.EXIT in stages
    ]
    return OutcomesReport(
        cases_compared=len(pairs),
        outcomes=summarise(outcome_changes(a.scores(), b.scores()) for a, b in pairs),
        abuse=summarise_abuse(abuse_changes(a.abuse(), b.abuse()) for a, b in pairs),
    )
