"""The delivery plan as the board sees it: each objective's live figure beside its baseline
and target, with the rating the figure suggests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch

from onestory.needs.figures import RETURN_FIGURES, current_values, known, label
from onestory.needs.models import ActionUpdate, Objective, PlanAction, Priority
from onestory.needs.rules import elapsed, suggest_rag


@dataclass
class IndicatorView:
    label: str
    baseline: Decimal
    baseline_year: int
    target: Decimal
    target_year: int
    current: Decimal
    suggested: str
    period: str = "in the last twelve months"


def priorities(agency_id: int, today: date) -> list[Priority]:
    """The agency's plan, each objective carrying ``shown_indicator`` (or None)."""
    found = list(
        Priority.objects.filter(agency_id=agency_id).prefetch_related(
            Prefetch(
                "objectives",
                queryset=Objective.objects.select_related("indicator").prefetch_related(
                    Prefetch(
                        "actions",
                        queryset=PlanAction.objects.select_related("owner").prefetch_related(
                            Prefetch("updates", queryset=ActionUpdate.objects.order_by("-quarter"))
                        ),
                    )
                ),
            )
        )
    )
    keys = {
        objective.indicator.figure
        for priority in found
        for objective in priority.objectives.all()
        if getattr(objective, "indicator", None) is not None
    }
    figures = current_values({key for key in keys if known(key)}, today)
    for priority in found:
        for objective in priority.objectives.all():
            objective.shown_indicator = None
            indicator = getattr(objective, "indicator", None)
            if indicator is None or indicator.figure not in figures:
                continue
            value = figures[indicator.figure]
            objective.shown_indicator = IndicatorView(
                label=label(indicator.figure),
                period="" if indicator.figure in RETURN_FIGURES else "in the last twelve months",
                baseline=indicator.baseline,
                baseline_year=indicator.baseline_year,
                target=indicator.target,
                target_year=indicator.target_year,
                current=value,
                suggested=suggest_rag(
                    baseline=indicator.baseline,
                    target=indicator.target,
                    current=value,
                    elapsed=elapsed(
                        today,
                        baseline_year=indicator.baseline_year,
                        target_year=indicator.target_year,
                    ),
                ),
            )
    return found
