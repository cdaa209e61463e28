"""Every change to case work: keyword arguments, an explicit ``by``, one transaction, and
an audit event naming the fields touched (never their values).

Each action refuses bad input with ``ValidationError`` keyed by argument name, and saves
nothing when it refuses.
"""

from onestory.cases.actions.cases import (
    change_workers,
    close_case,
    open_case,
    record_reported_needs,
)
from onestory.cases.actions.notes import add_note, attach_document
from onestory.cases.actions.outcomes import record_outcomes
from onestory.cases.actions.plans import (
    add_goal,
    add_plan_action,
    complete_plan_action,
    record_hardening_fitted,
    record_needs,
    request_hardening,
    save_safety_plan,
    set_goal_status,
)

__all__ = [
    "add_goal",
    "add_note",
    "add_plan_action",
    "attach_document",
    "change_workers",
    "close_case",
    "complete_plan_action",
    "open_case",
    "record_hardening_fitted",
    "record_needs",
    "record_outcomes",
    "record_reported_needs",
    "request_hardening",
    "save_safety_plan",
    "set_goal_status",
]
