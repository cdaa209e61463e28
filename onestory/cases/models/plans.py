"""Needs, the support plan (goals and actions), and the safety plan."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from onestory.cases.choices import GoalStatus, HardeningMeasure, NeedArea, NeedLevel
from onestory.core.registry import (
    LOCATION_SECRET,
    ORDINARY,
    PERSONAL,
    SPECIAL_CATEGORY,
    person_level,
)

NEED_FIELDS = tuple(area.value for area in NeedArea)


def _level(area: NeedArea) -> models.CharField:
    return models.CharField(area.label, max_length=10, choices=NeedLevel.choices, blank=True)


@person_level(
    id=ORDINARY,
    case=ORDINARY,
    assessed_on=PERSONAL,
    assessed_by=ORDINARY,
    recorded_at=ORDINARY,
    notes=SPECIAL_CATEGORY,
    onward_referral=ORDINARY,
    reported_needs=SPECIAL_CATEGORY,
    **{name: SPECIAL_CATEGORY for name in NEED_FIELDS},
)
class NeedsAssessment(models.Model):
    """What the person needs help with, each area with a level. The latest is current.

    A case opened from an onward referral starts with the needs ticked on the referral, as a
    record "reported at referral": ``reported_needs`` holds them (kinds of support, as the
    directory lists them) and no area has a level until the worker assesses them.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="needs")
    assessed_on = models.DateField(default=timezone.localdate)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    mental_health = _level(NeedArea.MENTAL_HEALTH)
    substance_use = _level(NeedArea.SUBSTANCE_USE)
    housing = _level(NeedArea.HOUSING)
    legal = _level(NeedArea.LEGAL)
    children = _level(NeedArea.CHILDREN)
    money = _level(NeedArea.MONEY)
    immigration = _level(NeedArea.IMMIGRATION)
    safety_at_home = _level(NeedArea.SAFETY_AT_HOME)
    health = _level(NeedArea.HEALTH)
    education_work = _level(NeedArea.EDUCATION_WORK)
    isolation = _level(NeedArea.ISOLATION)
    notes = models.TextField("Anything else about their needs", blank=True)
    onward_referral = models.ForeignKey(
        "referrals.OnwardReferral",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The onward referral whose needs this records, when reported at referral.",
    )
    reported_needs = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-assessed_on", "-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{name}__in": NeedLevel.values for name in NEED_FIELDS}),
                name="needs_levels_known",
            )
        ]

    def __str__(self) -> str:
        return f"Needs for case {self.case_id} on {self.assessed_on:%d %b %Y}"

    @property
    def reported_at_referral(self) -> bool:
        return self.onward_referral_id is not None

    def reported_labels(self) -> list[str]:
        from onestory.directory.choices import SupportKind  # the directory's words for needs

        labels = dict(SupportKind.choices)
        return [labels.get(need, need) for need in self.reported_needs]

    def levels(self) -> list[tuple[str, str, str]]:
        """(area, label, level) for every area, in order."""
        return [(area.value, area.label, getattr(self, area.value)) for area in NeedArea]


@person_level(
    id=ORDINARY,
    case=ORDINARY,
    description=SPECIAL_CATEGORY,
    agreed_on=PERSONAL,
    status=PERSONAL,
    created_by=ORDINARY,
    created_at=ORDINARY,
    updated_at=ORDINARY,
)
class Goal(models.Model):
    """Something the person wants to achieve, agreed with them."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="goals")
    description = models.TextField("The goal, in the person's words where you can")
    agreed_on = models.DateField("Agreed with the person on")
    status = models.CharField(max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(description=""), name="goal_has_description"),
        ]

    def __str__(self) -> str:
        return f"Goal {self.pk} of case {self.case_id}"


@person_level(
    id=ORDINARY,
    goal=ORDINARY,
    description=SPECIAL_CATEGORY,
    owner_worker=ORDINARY,
    owner_other=PERSONAL,
    due_on=PERSONAL,
    done_at=PERSONAL,
    done_by=ORDINARY,
    created_by=ORDINARY,
    created_at=ORDINARY,
)
class PlanAction(models.Model):
    """A step towards a goal, with the person who will take it and when by."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField("What will be done")
    owner_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_actions",
    )
    owner_other = models.CharField(
        "Someone else", max_length=200, blank=True, help_text="For example, the person, or Housing"
    )
    due_on = models.DateField("Due by")
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["due_on", "done_at"], name="plan_action_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_worker__isnull=False) | ~Q(owner_other=""),
                name="plan_action_has_an_owner",
                violation_error_message="Say who will do this.",
            ),
            models.CheckConstraint(condition=~Q(description=""), name="plan_action_described"),
        ]

    def __str__(self) -> str:
        return f"Action {self.pk} (goal {self.goal_id})"

    @property
    def owner_name(self) -> str:
        return str(self.owner_worker) if self.owner_worker_id else self.owner_other

    def is_overdue(self, today=None) -> bool:
        return self.done_at is None and self.due_on < (today or timezone.localdate())


@person_level(
    id=ORDINARY,
    case=ORDINARY,
    safe_contacts=LOCATION_SECRET,
    escape_plan=LOCATION_SECRET,
    code_word=LOCATION_SECRET,
    notes=LOCATION_SECRET,
    updated_at=ORDINARY,
    updated_by=ORDINARY,
)
class SafetyPlan(models.Model):
    """How the person stays safe: people to call, a way out, a code word.

    Every part of it can lead to the person, so it is all location-secret.
    """

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="safety_plan")
    safe_contacts = models.TextField(
        "Safe contacts",
        blank=True,
        help_text="People the person can turn to in an emergency, and how to reach them.",
    )
    escape_plan = models.TextField(
        "Escape plan",
        blank=True,
        help_text="How they would leave in a hurry: where to go, what to take, who helps.",
    )
    code_word = models.CharField(
        "Code word",
        max_length=60,
        blank=True,
        help_text="A word that tells family, friends or neighbours to call for help.",
    )
    notes = models.TextField("Anything else in the plan", blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"Safety plan for case {self.case_id}"


@person_level(
    id=ORDINARY,
    case=ORDINARY,
    measure=LOCATION_SECRET,
    details=LOCATION_SECRET,
    requested_on=LOCATION_SECRET,
    fitted_on=LOCATION_SECRET,
    requested_by=ORDINARY,
    fitted_recorded_by=ORDINARY,
)
class TargetHardening(models.Model):
    """A change to the person's home to keep someone out: asked for, then fitted."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="hardening")
    measure = models.CharField("What is needed", max_length=20, choices=HardeningMeasure.choices)
    details = models.CharField("Details", max_length=300, blank=True)
    requested_on = models.DateField("Asked for on", default=timezone.localdate)
    fitted_on = models.DateField("Fitted on", null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    fitted_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["requested_on", "id"]
        verbose_name_plural = "target hardening"
        constraints = [
            models.CheckConstraint(
                condition=Q(fitted_on__isnull=True) | Q(fitted_on__gte=models.F("requested_on")),
                name="hardening_fitted_after_asked",
                violation_error_message="It cannot be fitted before it was asked for.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_measure_display()} for case {self.case_id}"
