"""The person's own ratings of the partnership's outcomes, at intake, review and exit."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from onestory.cases.choices import AbuseStatus, OutcomeStage
from onestory.cases.outcomes import ABUSE_KINDS, OUTCOMES, SCALE_HIGH, SCALE_LOW
from onestory.core.registry import ORDINARY, PERSONAL, SPECIAL_CATEGORY, person_level

SCORE_FIELDS = {key: f"score_{key}" for key, _ in OUTCOMES}
ABUSE_FIELDS = {key: f"abuse_{key}" for key, _ in ABUSE_KINDS}


def _score(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label,
        null=True,
        blank=True,
        validators=[MinValueValidator(SCALE_LOW), MaxValueValidator(SCALE_HIGH)],
    )


def _abuse(label: str) -> models.CharField:
    return models.CharField(label, max_length=16, choices=AbuseStatus.choices, blank=True)


_LABELS = dict(OUTCOMES) | {f"abuse:{k}": v for k, v in ABUSE_KINDS}


@person_level(
    id=ORDINARY,
    case=ORDINARY,
    stage=PERSONAL,
    recorded_on=PERSONAL,
    recorded_by=ORDINARY,
    recorded_at=ORDINARY,
    notes=SPECIAL_CATEGORY,
    **{name: SPECIAL_CATEGORY for name in SCORE_FIELDS.values()},
    **{name: SPECIAL_CATEGORY for name in ABUSE_FIELDS.values()},
)
class OutcomeRecord(models.Model):
    """One set of ratings. A case has at most one at intake and one at exit, and any reviews."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="outcomes")
    stage = models.CharField("When", max_length=10, choices=OutcomeStage.choices)
    recorded_on = models.DateField("Date asked", default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    score_safety = _score(_LABELS["safety"])
    score_wellbeing = _score(_LABELS["wellbeing"])
    score_economic = _score(_LABELS["economic"])
    score_resilience = _score(_LABELS["resilience"])
    score_relationships = _score(_LABELS["relationships"])
    score_behaviour = _score(_LABELS["behaviour"])
    abuse_physical = _abuse(_LABELS["abuse:physical"])
    abuse_sexual = _abuse(_LABELS["abuse:sexual"])
    abuse_threats = _abuse(_LABELS["abuse:threats"])
    abuse_coercive_control = _abuse(_LABELS["abuse:coercive_control"])
    abuse_economic = _abuse(_LABELS["abuse:economic"])
    abuse_emotional = _abuse(_LABELS["abuse:emotional"])
    abuse_stalking = _abuse(_LABELS["abuse:stalking"])
    notes = models.TextField("Anything the person said about how things have changed", blank=True)

    class Meta:
        ordering = ["recorded_on", "recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=OutcomeStage.values), name="outcome_stage_known"
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True})
                    | Q(**{f"{name}__gte": SCALE_LOW, f"{name}__lte": SCALE_HIGH}),
                    name=f"outcome_{name}_on_scale",
                    violation_error_message=f"Scores run from {SCALE_LOW} to {SCALE_HIGH}.",
                )
                for name in SCORE_FIELDS.values()
            ],
            models.CheckConstraint(
                condition=Q(
                    **{f"{name}__in": AbuseStatus.values for name in ABUSE_FIELDS.values()}
                ),
                name="outcome_abuse_answers_known",
            ),
            models.UniqueConstraint(
                fields=["case", "stage"],
                condition=Q(stage__in=[OutcomeStage.INTAKE, OutcomeStage.EXIT]),
                name="one_intake_and_one_exit_outcome",
                violation_error_message="Outcomes at this stage are already recorded.",
            ),
        ]

    def __str__(self) -> str:
        return f"Outcomes {self.get_stage_display().lower()} for case {self.case_id}"

    def scores(self) -> dict[str, int | None]:
        return {key: getattr(self, field) for key, field in SCORE_FIELDS.items()}

    def abuse(self) -> dict[str, str]:
        return {key: getattr(self, field) for key, field in ABUSE_FIELDS.items()}
