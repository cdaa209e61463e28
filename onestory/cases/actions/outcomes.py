"""The person's ratings of the partnership's outcomes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from onestory import audit
from onestory.audit.models import AuditAction
from onestory.cases.choices import AbuseStatus, OutcomeStage
from onestory.cases.models import Case, OutcomeRecord
from onestory.cases.models.outcomes import ABUSE_FIELDS, SCORE_FIELDS
from onestory.cases.outcomes import score_problems


@transaction.atomic
def record_outcomes(
    *,
    case: Case,
    stage: str,
    scores: Mapping[str, int | None],
    abuse: Mapping[str, str] | None = None,
    recorded_on: dt.date | None = None,
    notes: str = "",
    by,
) -> OutcomeRecord:
    """Record the person's own ratings at intake, a review or exit, and whether each kind
    of abuse has stopped. A score off the 1 to 5 scale is refused; so is a second set at
    intake or at exit."""
    abuse = dict(abuse or {})
    problems: dict[str, str] = {}
    if stage not in OutcomeStage.values:
        problems["stage"] = "Choose when these ratings were given"
    elif (
        stage in (OutcomeStage.INTAKE, OutcomeStage.EXIT)
        and case.outcomes.filter(stage=stage).exists()
    ):
        problems["stage"] = (
            f"Ratings {OutcomeStage(stage).label.lower()} are already recorded: record a review"
        )
    problems |= {SCORE_FIELDS.get(k, k): v for k, v in score_problems(scores).items()}
    for key, answer in abuse.items():
        if key not in ABUSE_FIELDS:
            problems[key] = "This is not one of the kinds of abuse asked about"
        elif answer not in AbuseStatus.values:
            problems[ABUSE_FIELDS[key]] = "Choose an answer from the list"
    recorded_on = recorded_on or timezone.localdate()
    if recorded_on > timezone.localdate():
        problems["recorded_on"] = "The date cannot be in the future"
    if problems:
        raise ValidationError(problems)
    if not any(v is not None and v != "" for v in scores.values()) and not any(abuse.values()):
        raise ValidationError("Give at least one rating or answer.")
    record = OutcomeRecord(
        case=case,
        stage=stage,
        recorded_on=recorded_on,
        recorded_by=by,
        notes=(notes or "").strip(),
        **{SCORE_FIELDS[k]: (v if v != "" else None) for k, v in scores.items()},
        **{ABUSE_FIELDS[k]: v for k, v in abuse.items()},
    )
    record.full_clean()
    record.save()
    audit.record(
        action=AuditAction.CREATE,
        by=by,
        obj=record,
        person_id=case.person_id,
        fields={"stage", "recorded_on", "notes", *SCORE_FIELDS.values(), *ABUSE_FIELDS.values()},
    )
    return record
