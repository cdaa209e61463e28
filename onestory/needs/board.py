"""The delivery plan's figures in the board's quarterly report: each objective's live figure
at the quarter's end beside its baseline and target, with the rating it suggests, and the
plan's actions by the rating their keepers gave them for the quarter.

``NeedsConfig.ready()`` registers this with the report (``returns.board.register_section``),
which stands on a floor below and never imports the plan. The plan belongs to the agency that
keeps it, so the section shows it only to that agency's staff (decision 0075); the report
built for anyone else, or by the command, has no plan section."""

from __future__ import annotations

from onestory.marac.quarterly import Quarter
from onestory.needs.models import ActionUpdate, PlanAction, Rag
from onestory.needs.plan import priorities
from onestory.needs.rules import quarter_of
from onestory.returns.board import BoardRow, BoardTable

NOT_UPDATED = "not_updated"


def _number(value) -> str:
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def plan_section(quarter: Quarter, agency_id: int | None) -> list[BoardTable]:
    if agency_id is None:
        return []
    plan = priorities(agency_id, quarter.end)
    if not plan:
        return []
    rows = []
    for priority in plan:
        for objective in priority.objectives.all():
            shown = objective.shown_indicator
            if shown is None:
                continue
            rows.append(
                BoardRow(
                    f"{objective.title}: {shown.label} (from {_number(shown.baseline)} in "
                    f"{shown.baseline_year} to {_number(shown.target)} by {shown.target_year})",
                    f"{_number(shown.current)}, {dict(Rag.choices)[shown.suggested]}",
                )
            )
    # Each action's rating for the financial quarter the calendar quarter is (they coincide).
    code = quarter_of(quarter.end)
    rated = dict(
        ActionUpdate.objects.filter(
            quarter=code, action__objective__priority__agency_id=agency_id
        ).values_list("action_id", "rag")
    )
    counts = {value: 0 for value, _ in Rag.choices if value} | {NOT_UPDATED: 0}
    for action_id in PlanAction.objects.filter(
        objective__priority__agency_id=agency_id, created_at__date__lte=quarter.end
    ).values_list("pk", flat=True):
        counts[rated.get(action_id) or NOT_UPDATED] += 1
    labels = [(value, label) for value, label in Rag.choices if value] + [
        (NOT_UPDATED, "No update for the quarter")
    ]
    return [
        BoardTable("plan_indicators", "Delivery plan: live figures at the quarter's end", rows),
        BoardTable(
            "plan_actions",
            "Delivery plan: actions by their rating for the quarter",
            # Counts of the plan's own actions: nobody is counted, so none is hidden.
            [BoardRow(label, f"{counts[value]:,}", counts[value]) for value, label in labels],
            chart=True,
        ),
    ]
