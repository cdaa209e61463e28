"""Risk assessments, their answers and screens, incidents, and the partnership's risk settings."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from onestory.core.registry import ORDINARY, PERSONAL, SPECIAL_CATEGORY, person_level
from onestory.risk.criteria import DEFAULT_ESCALATION_THRESHOLD
from onestory.risk.dash import ANSWER_LABELS, RISK_LEVEL_LABELS, Answer, Bands, RiskLevel
from onestory.risk.screens import SCREENS

ANSWER_CHOICES = [(answer.value, label) for answer, label in ANSWER_LABELS.items()]
SCREEN_CHOICES = [(screen.kind.value, screen.title) for screen in SCREENS.values()]
RISK_LEVEL_CHOICES = [(level.value, label) for level, label in RISK_LEVEL_LABELS.items()]


class RiskSettings(models.Model):
    """The partnership's risk bands and escalation threshold. One row; defaults if none."""

    medium_from = models.PositiveSmallIntegerField(
        default=10, validators=[MinValueValidator(1), MaxValueValidator(23)]
    )
    high_from = models.PositiveSmallIntegerField(
        default=14, validators=[MinValueValidator(2), MaxValueValidator(24)]
    )
    escalation_threshold = models.PositiveSmallIntegerField(
        default=DEFAULT_ESCALATION_THRESHOLD,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text="Incidents in 12 months that make a case meet potential escalation.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "risk settings"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(medium_from__lt=models.F("high_from")),
                name="risk_bands_in_order",
                violation_error_message="Medium must start below high.",
            )
        ]

    def __str__(self) -> str:
        return f"medium from {self.medium_from}, high from {self.high_from}"

    @classmethod
    def current(cls) -> RiskSettings:
        return cls.objects.order_by("pk").first() or cls()

    @property
    def bands(self) -> Bands:
        return Bands(medium_from=self.medium_from, high_from=self.high_from)


class IncidentKind(models.TextChoices):
    POLICE_CALL_OUT = "police", "Police call-out or notification"
    DISCLOSURE = "disclosure", "Disclosed to an agency"
    OTHER = "other", "Other"


@person_level(
    id=ORDINARY,
    person=ORDINARY,
    perpetrators=PERSONAL,
    occurred_on=PERSONAL,
    kind=PERSONAL,
    summary=SPECIAL_CATEGORY,
    agency=ORDINARY,
    recorded_by=ORDINARY,
    recorded_at=ORDINARY,
)
class Incident(models.Model):
    """A domestic abuse incident against a victim, recorded by any agency."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="incidents")
    perpetrators = models.ManyToManyField(
        "people.Person", blank=True, related_name="incidents_as_perpetrator"
    )
    occurred_on = models.DateField()
    kind = models.CharField(max_length=20, choices=IncidentKind.choices)
    summary = models.TextField(blank=True)
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["person", "occurred_on"], name="incident_person_date")]

    def __str__(self) -> str:
        return f"Incident on {self.occurred_on:%d %b %Y} (person {self.person_id})"


class AssessmentQuerySet(models.QuerySet):
    def scored(self) -> AssessmentQuerySet:
        """Assessments with a score: a declined checklist says nothing about the level."""
        return self.filter(declined=False)


class AssessmentKind(models.TextChoices):
    DASH = "dash", "DASH risk identification checklist"


@person_level(
    id=ORDINARY,
    person=ORDINARY,
    kind=ORDINARY,
    agency=ORDINARY,
    assessed_by=ORDINARY,
    assessed_at=PERSONAL,
    incident_on=PERSONAL,
    yes_count=PERSONAL,
    risk_level=PERSONAL,
    narrative=SPECIAL_CATEGORY,
    incidents_recorded_12m=PERSONAL,
    incidents_known_elsewhere_12m=PERSONAL,
    judgement_refer=PERSONAL,
    judgement_reason=SPECIAL_CATEGORY,
    visible_high_risk=PERSONAL,
    professional_judgement=PERSONAL,
    potential_escalation=PERSONAL,
    repeat=PERSONAL,
    marac_eligible=PERSONAL,
    medium_from=ORDINARY,
    high_from=ORDINARY,
    escalation_threshold=ORDINARY,
    children=PERSONAL,
    declined=PERSONAL,
    questions_not_asked=PERSONAL,
    referral=ORDINARY,
)
class RiskAssessment(models.Model):
    """One risk assessment. Every assessment is kept; the latest scored one is current.

    A person may decline the checklist: that is kept as a declined assessment, with no
    answers, no score and no level, so it is never read as "standard risk". The bands and
    threshold in force are copied onto the assessment, so its result can
    always be explained even after the partnership changes them.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="risk_assessments"
    )
    kind = models.CharField(max_length=10, choices=AssessmentKind.choices, default="dash")
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessed_at = models.DateTimeField(default=timezone.now)
    incident_on = models.DateField(help_text="The date of the incident this assessment follows.")
    yes_count = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(24)]
    )
    risk_level = models.CharField(max_length=10, choices=RISK_LEVEL_CHOICES, blank=True)
    declined = models.BooleanField(
        default=False, help_text="The person chose not to answer the checklist."
    )
    questions_not_asked = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(24)],
        help_text="Questions left with no answer at all, not even not known.",
    )
    # The front-door referral the assessment was made for, when it was started from one.
    referral = models.ForeignKey(
        "intake.Referral", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    narrative = models.TextField(blank=True)
    incidents_recorded_12m = models.PositiveIntegerField(default=0)
    incidents_known_elsewhere_12m = models.PositiveIntegerField(default=0)
    judgement_refer = models.BooleanField(default=False)
    judgement_reason = models.TextField(blank=True)
    visible_high_risk = models.BooleanField(default=False)
    professional_judgement = models.BooleanField(default=False)
    potential_escalation = models.BooleanField(default=False)
    repeat = models.BooleanField(default=False)
    marac_eligible = models.BooleanField(default=False)
    medium_from = models.PositiveSmallIntegerField()
    high_from = models.PositiveSmallIntegerField()
    escalation_threshold = models.PositiveSmallIntegerField()
    children = models.ManyToManyField(
        "people.Person", blank=True, related_name="risk_assessments_as_child"
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-assessed_at", "-id"]
        indexes = [models.Index(fields=["person", "-assessed_at"], name="assessment_person_latest")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(yes_count__lte=24), name="assessment_yes_count_at_most_24"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    declined=False,
                    risk_level__in=[level.value for level in RiskLevel],
                    yes_count__isnull=False,
                )
                | models.Q(
                    declined=True,
                    risk_level="",
                    yes_count__isnull=True,
                    marac_eligible=False,
                    questions_not_asked=0,
                ),
                name="assessment_scored_or_declined",
                violation_error_message="A declined checklist has no score and no risk level.",
            ),
            models.CheckConstraint(
                condition=models.Q(judgement_refer=False) | ~models.Q(judgement_reason=""),
                name="assessment_judgement_has_reason",
                violation_error_message="Professional judgement needs a reason.",
            ),
            models.CheckConstraint(
                condition=models.Q(marac_eligible=False)
                | models.Q(visible_high_risk=True)
                | models.Q(professional_judgement=True)
                | models.Q(potential_escalation=True)
                | models.Q(repeat=True),
                name="assessment_eligible_only_with_a_criterion",
            ),
        ]

    def __str__(self) -> str:
        state = "declined" if self.declined else self.risk_level
        return f"{self.get_kind_display()} on {self.assessed_at:%d %b %Y}: {state}"

    @property
    def state(self) -> str:
        """The risk level, or "declined" for a checklist the person declined."""
        return "declined" if self.declined else self.risk_level

    @property
    def questions_asked(self) -> int:
        return 24 - self.questions_not_asked

    @property
    def criteria(self) -> list[str]:
        names = ["visible_high_risk", "professional_judgement", "potential_escalation", "repeat"]
        return [name for name in names if getattr(self, name)]


@person_level(
    id=ORDINARY,
    assessment=ORDINARY,
    question=ORDINARY,
    answer=SPECIAL_CATEGORY,
    detail=SPECIAL_CATEGORY,
)
class DashAnswer(models.Model):
    assessment = models.ForeignKey(RiskAssessment, on_delete=models.CASCADE, related_name="answers")
    question = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    answer = models.CharField(max_length=10, choices=ANSWER_CHOICES)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["question"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question"], name="one_answer_a_question"
            ),
            models.CheckConstraint(
                condition=models.Q(question__gte=1, question__lte=24),
                name="dash_question_1_to_24",
            ),
            models.CheckConstraint(
                condition=models.Q(answer__in=[a.value for a in Answer]),
                name="dash_answer_known",
            ),
        ]

    def __str__(self) -> str:
        return f"Q{self.question}: {self.answer}"


@person_level(
    id=ORDINARY,
    assessment=ORDINARY,
    kind=ORDINARY,
    answers=SPECIAL_CATEGORY,
    yes_count=SPECIAL_CATEGORY,
    positive=SPECIAL_CATEGORY,
    notes=SPECIAL_CATEGORY,
)
class ScreenResult(models.Model):
    """A stalking or honour-based abuse screen, recorded with the assessment that called for it."""

    assessment = models.ForeignKey(RiskAssessment, on_delete=models.CASCADE, related_name="screens")
    kind = models.CharField(max_length=30, choices=SCREEN_CHOICES)
    # Answers keyed by screen question number; validated by onestory.risk.screens.
    answers = models.JSONField()
    yes_count = models.PositiveSmallIntegerField()
    positive = models.BooleanField()
    notes = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "kind"], name="one_screen_of_a_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {'positive' if self.positive else 'negative'}"
