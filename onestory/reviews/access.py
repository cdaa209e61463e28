"""Who may see and change reviews: the one place views fetch them from.

- A review is seen in full by the staff of its coordinating agency whose role coordinates
  reviews. Anyone else asking for it gets 404, audited.
- A recommendation is also reached by its owner agency's team managers (the role that
  assigns work), who record progress and evidence; they see the review's reference and
  pseudonym, nothing else of it.
- The board's view (commissioners and analysts, who see figures, and review coordinators)
  lists every recommendation with its owner and status: no person is named there, only
  pseudonyms.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from onestory.access.policy import refuse
from onestory.accounts.roles import Permission
from onestory.reviews.models import ChronologyRequest, Recommendation, Review


def may_coordinate(user) -> bool:
    return (
        user.is_authenticated
        and user.agency_id is not None
        and user.has_permission(Permission.COORDINATE_REVIEWS)
    )


def may_own(user) -> bool:
    return (
        user.is_authenticated
        and user.agency_id is not None
        and user.has_permission(Permission.ASSIGN_WORK)
    )


def coordinated_reviews(user) -> QuerySet[Review]:
    if not may_coordinate(user):
        return Review.objects.none()
    return Review.objects.filter(agency_id=user.agency_id)


def get_review_for_coordinator(request: HttpRequest, review_id: int) -> Review:
    review = coordinated_reviews(request.user).filter(pk=review_id).first()
    if review is None:
        refuse(request, reason=f"review {review_id} not visible")
    return review


def get_chronology_for_coordinator(request: HttpRequest, chronology_id: int) -> ChronologyRequest:
    found = (
        ChronologyRequest.objects.filter(
            pk=chronology_id, review__in=coordinated_reviews(request.user)
        )
        .select_related("review")
        .first()
    )
    if found is None:
        refuse(request, reason=f"chronology request {chronology_id} not visible")
    return found


@dataclass(frozen=True)
class RecommendationSides:
    coordinator: bool
    owner: bool


def sides(user, recommendation: Recommendation) -> RecommendationSides:
    return RecommendationSides(
        coordinator=may_coordinate(user) and recommendation.review.agency_id == user.agency_id,
        owner=may_own(user) and recommendation.owner_agency_id == user.agency_id,
    )


def get_recommendation_for_user(
    request: HttpRequest, recommendation_id: int
) -> tuple[Recommendation, RecommendationSides]:
    recommendation = (
        Recommendation.objects.filter(pk=recommendation_id)
        .select_related("review", "owner_agency", "updated_by")
        .first()
    )
    found = sides(request.user, recommendation) if recommendation is not None else None
    if found is None or not (found.coordinator or found.owner):
        refuse(request, reason=f"recommendation {recommendation_id} not visible")
    return recommendation, found


def owned_recommendations(user) -> QuerySet[Recommendation]:
    if not may_own(user):
        return Recommendation.objects.none()
    return Recommendation.objects.filter(owner_agency_id=user.agency_id)


def board_recommendations(user) -> QuerySet[Recommendation]:
    """Every recommendation of every commissioned review, for the board's view."""
    if not (user.has_permission(Permission.VIEW_AGGREGATES) or may_coordinate(user)):
        return Recommendation.objects.none()
    return Recommendation.objects.filter(Q(review__decision="commission"))
