"""Cases: one agency's episode of support for one person, with needs, plans, notes, outcomes."""

from onestory.cases.models.cases import Case
from onestory.cases.models.notes import CaseDocument, CaseNote
from onestory.cases.models.outcomes import OutcomeRecord
from onestory.cases.models.plans import (
    Goal,
    NeedsAssessment,
    PlanAction,
    SafetyPlan,
    TargetHardening,
)

__all__ = [
    "Case",
    "CaseDocument",
    "CaseNote",
    "Goal",
    "NeedsAssessment",
    "OutcomeRecord",
    "PlanAction",
    "SafetyPlan",
    "TargetHardening",
]
