"""Reviews after a death related to domestic abuse (domestic homicide reviews, widening to
suicides and other deaths where abuse is suspected), and the training that reaches the
partnership's workforce.

A review holds the least personal data it can: the person who died is named by a pseudonym
(``Adult A``), no review links to a person's record, and nothing here is a person-level
model. A review belongs to the agency that coordinates it for the community safety
partnership; its recommendations each have an owner agency, which tracks them to closure.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class DeathKind(models.TextChoices):
    HOMICIDE = "homicide", "Homicide"
    SUICIDE = "suicide", "Suicide"
    OTHER = "other", "Another death where abuse is suspected"


class ReviewDecision(models.TextChoices):
    COMMISSION = "commission", "Commission a review"
    NO_REVIEW = "no_review", "Do not commission a review"


class QualityOutcome(models.TextChoices):
    ACCEPTED = "accepted", "Accepted for publication"
    RESUBMIT = "resubmit", "Asked to resubmit"


class Review(models.Model):
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="death_reviews"
    )
    reference = models.CharField(max_length=30, unique=True)
    pseudonym = models.CharField(
        max_length=60, help_text="How the review names the person who died, like Adult A"
    )
    death_kind = models.CharField("kind of death", max_length=20, choices=DeathKind.choices)
    died_on = models.DateField("date of death")
    notified_on = models.DateField("date the partnership was told")
    notified_by = models.CharField("who told the partnership", max_length=200)

    decision = models.CharField(max_length=20, choices=ReviewDecision.choices, blank=True)
    decision_on = models.DateField("date of the decision", null=True, blank=True)
    decision_reasons = models.TextField("reasons for the decision", blank=True)
    due_on = models.DateField("review to be finished by", null=True, blank=True)

    chair_name = models.CharField("chair", max_length=200, blank=True)
    chair_independent = models.BooleanField("the chair is independent", default=False)
    panel = models.TextField("panel members", blank=True)

    first_panel_on = models.DateField("first panel meeting", null=True, blank=True)
    draft_on = models.DateField("draft report finished", null=True, blank=True)
    qa_submitted_on = models.DateField("sent for quality assurance", null=True, blank=True)
    qa_outcome = models.CharField(
        "quality assurance outcome", max_length=20, choices=QualityOutcome.choices, blank=True
    )
    published_on = models.DateField("published", null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-notified_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(published_on__isnull=True) | Q(qa_outcome="accepted"),
                name="reviews_published_only_after_quality_assurance",
            ),
        ]

    def __str__(self) -> str:
        return f"Review {self.reference} ({self.pseudonym})"


class ChronologyRequest(models.Model):
    """An agency asked for its chronology of contact with the people in the review."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="chronologies")
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    asked_on = models.DateField()
    due_on = models.DateField("due")
    received_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["agency__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "agency"], name="reviews_one_chronology_per_agency"
            )
        ]

    def __str__(self) -> str:
        return f"Chronology request {self.pk}"


class RecommendationStatus(models.TextChoices):
    OPEN = "open", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete, evidence given"
    CLOSED = "closed", "Closed"


class Recommendation(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField("recommendation")
    owner_agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="review_recommendations"
    )
    actions = models.TextField("actions agreed", blank=True)
    due_on = models.DateField("due")
    status = models.CharField(
        max_length=20, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN
    )
    evidence = models.TextField("evidence of completion", blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["review_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "number"], name="reviews_recommendation_numbers_unique"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "in_progress"]) | ~Q(evidence=""),
                name="reviews_completion_has_evidence",
            ),
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number} of {self.review.reference}"
