"""Population, survey rates and the partnership's delivery plan.

None of these is person-level: the population and the rates are published aggregates, and
the delivery plan is the partnership's own work programme.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from onestory.needs.bands import Band
from onestory.needs.rules import quarter_label


class SexChoice(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"


class PopulationCount(models.Model):
    """ONS's mid-year estimate of the people of one sex and age (or age band) in an area."""

    area = models.ForeignKey("accounts.Area", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(help_text="The mid-year the estimate is for.")
    sex = models.CharField(max_length=6, choices=SexChoice.choices)
    age_from = models.PositiveSmallIntegerField()
    age_to = models.PositiveSmallIntegerField(null=True, blank=True, help_text="None: and over.")
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["area", "year", "sex", "age_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "year", "sex", "age_from"], name="population_once_per_age"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area_id} {self.year} {self.sex} {self.age_from}"

    @property
    def band(self) -> Band:
        return (self.age_from, self.age_to)


class PrevalenceRate(models.Model):
    """A survey's share of people of one sex and age band who experienced domestic abuse in
    the last year. ``series`` names the question version and age range (the Crime Survey
    changed its questions from the year ending March 2024), so that rates of different
    series are never added together."""

    series = models.CharField(max_length=80)
    survey_year = models.PositiveSmallIntegerField(help_text="The survey year ends in March.")
    sex = models.CharField(max_length=6, choices=SexChoice.choices)
    age_from = models.PositiveSmallIntegerField()
    age_to = models.PositiveSmallIntegerField(null=True, blank=True)
    percent = models.DecimalField(max_digits=6, decimal_places=3)

    class Meta:
        ordering = ["series", "survey_year", "sex", "age_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "survey_year", "sex", "age_from"], name="rate_once_per_band"
            )
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.survey_year} {self.sex} {self.age_from}: {self.percent}%"

    @property
    def band(self) -> Band:
        return (self.age_from, self.age_to)


class Boundary(models.Model):
    """An area's outline, from a GeoJSON file: polygons of rings of [longitude, latitude]."""

    area = models.OneToOneField("accounts.Area", on_delete=models.CASCADE, related_name="+")
    polygons = models.JSONField()
    loaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["area"]

    def __str__(self) -> str:
        return f"Boundary of {self.area_id}"


class Commentary(models.Model):
    """An analyst's words on one section of an area's needs assessment for a year, kept by
    their agency and carried into the pack."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey("accounts.Area", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    section = models.CharField(max_length=40)
    text = models.TextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "commentaries"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "area", "year", "section"], name="one_commentary_a_section"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area_id} {self.year} {self.section}"


# The delivery plan -----------------------------------------------------------------------


class Rag(models.TextChoices):
    NONE = "", "Not rated"
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    STOPPED = "stopped", "Stopped"


class Priority(models.Model):
    """One of the strategy's priorities, held by the agency that leads the plan."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("Priority", max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return self.title


class Objective(models.Model):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField("Objective", max_length=300)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    """Ties an objective to a live figure, with where it started and where it should get to."""

    objective = models.OneToOneField(Objective, on_delete=models.CASCADE, related_name="indicator")
    figure = models.CharField("Live figure", max_length=40)
    baseline = models.DecimalField(max_digits=12, decimal_places=2)
    target = models.DecimalField(max_digits=12, decimal_places=2)
    baseline_year = models.PositiveSmallIntegerField(
        help_text="The financial year (starting April) the baseline was measured in."
    )
    target_year = models.PositiveSmallIntegerField(
        help_text="The financial year (starting April) the target is for."
    )

    def __str__(self) -> str:
        return f"{self.figure}: {self.baseline} to {self.target}"


class PlanAction(models.Model):
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField("Action", max_length=400)
    owner = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="Owner"
    )
    due_on = models.DateField("Due by")
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    rag = models.CharField("Rating", max_length=5, choices=Rag.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description


class ActionUpdate(models.Model):
    """A quarter's word on an action: what happened, its status and rating then."""

    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="updates")
    quarter = models.CharField(max_length=6, help_text="Like 2026Q1: the financial quarter.")
    text = models.TextField("What happened this quarter")
    status = models.CharField(max_length=20, choices=ActionStatus.choices)
    rag = models.CharField("Rating", max_length=5, choices=Rag.choices)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-quarter", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["action", "quarter"], name="one_update_a_quarter")
        ]

    def __str__(self) -> str:
        return f"{self.quarter}: {self.text[:40]}"

    @property
    def quarter_label(self) -> str:
        return quarter_label(self.quarter)
