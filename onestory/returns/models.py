"""A year's return: what the commissioner entered, who checked it, and which questions the
ministry asks as mandatory that year. The figures themselves are never stored: they are
counted afresh from the records each time (``rules.compute``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class StatutoryReturn(models.Model):
    """The return for one financial year (from 1 April ``first_year``) and the council's area."""

    first_year = models.PositiveSmallIntegerField("Financial year starting", unique=True)
    area = models.ForeignKey(
        "accounts.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-first_year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(checked_at__isnull=True) | models.Q(checked_by__isnull=False),
                name="returns_checked_by_someone",
            )
        ]

    def __str__(self) -> str:
        return f"Return {self.first_year}-{(self.first_year + 1) % 100:02d}"


class EnteredAnswer(models.Model):
    """An answer no record knows (spend by source, quality, strategy), as entered."""

    statutory_return = models.ForeignKey(
        StatutoryReturn, on_delete=models.CASCADE, related_name="answers"
    )
    key = models.CharField(max_length=80)
    value = models.CharField(max_length=200)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField()

    class Meta:
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["statutory_return", "key"], name="returns_answer_once")
        ]

    def __str__(self) -> str:
        return self.key


class QuestionSetting(models.Model):
    """Whether the ministry asks a question as mandatory or voluntary in one year."""

    first_year = models.PositiveSmallIntegerField("Financial year starting")
    key = models.CharField(max_length=80)
    mandatory = models.BooleanField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField()

    class Meta:
        ordering = ["first_year", "key"]
        constraints = [
            models.UniqueConstraint(fields=["first_year", "key"], name="returns_setting_once")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.first_year})"
