"""Review pages: the coordinator's reviews and their stages, the owner agency's
recommendations, and the board's view of every recommendation with its status."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onestory import audit
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.forms import add_refusal, posted
from onestory.reviews import actions, rules
from onestory.reviews.access import (
    board_recommendations,
    coordinated_reviews,
    get_chronology_for_coordinator,
    get_recommendation_for_user,
    get_review_for_coordinator,
    owned_recommendations,
)
from onestory.reviews.forms import (
    ChronologyForm,
    DecisionForm,
    MoveForm,
    NotificationForm,
    PanelForm,
    RecommendationForm,
    StagesForm,
)
from onestory.reviews.models import RecommendationStatus, Review

coordinator_view = staff_view(Permission.COORDINATE_REVIEWS)


def _show_errors(form: forms.Form, error: ValidationError) -> None:
    add_refusal(form, error, full_stop=True)


def _stage(review: Review) -> str:
    chronologies = list(review.chronologies.all())
    return rules.stage(
        decision=review.decision,
        chair_name=review.chair_name,
        chronologies_asked=len(chronologies),
        chronologies_waiting=sum(1 for c in chronologies if c.received_on is None),
        draft_on=review.draft_on,
        qa_submitted_on=review.qa_submitted_on,
        qa_outcome=review.qa_outcome,
        published_on=review.published_on,
    )


@coordinator_view
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    reviews = list(coordinated_reviews(request.user).prefetch_related("chronologies"))
    audit.record(action=AuditAction.VIEW, request=request, reason=f"reviews: {len(reviews)}")
    today = timezone.localdate()
    rows = [
        {
            "review": review,
            "stage": _stage(review),
            "decision_due": rules.decision_due_on(review.notified_on),
            "decision_late": not review.decision
            and rules.decision_due_on(review.notified_on) < today,
            "review_late": review.due_on is not None
            and review.published_on is None
            and review.due_on < today,
        }
        for review in reviews
    ]
    return render(request, "reviews/list.html", {"rows": rows})


@coordinator_view
@require_http_methods(["GET", "POST"])
def notify(request: HttpRequest) -> HttpResponse:
    form = NotificationForm(posted(request))
    if form.is_valid():
        try:
            review = actions.notify_death(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, f"Review {review.reference} started")
            return redirect("reviews:review", review_id=review.pk)
    return render(
        request, "reviews/form.html", {"form": form, "title": "Record a notification of a death"}
    )


@coordinator_view
@require_GET
def review_detail(request: HttpRequest, review_id: int) -> HttpResponse:
    review = get_review_for_coordinator(request, review_id)
    audit.record(action=AuditAction.VIEW, request=request, obj=review)
    today = timezone.localdate()
    recommendations = list(review.recommendations.select_related("owner_agency"))
    return render(
        request,
        "reviews/review.html",
        {
            "review": review,
            "stage": _stage(review),
            "decision_due": rules.decision_due_on(review.notified_on),
            "chronologies": list(review.chronologies.select_related("agency")),
            "recommendations": [
                (r, rules.is_overdue(status=r.status, due_on=r.due_on, today=today))
                for r in recommendations
            ],
            "today": today,
        },
    )


def _review_form(
    request: HttpRequest,
    review_id: int,
    *,
    form_class: type[forms.Form],
    title: str,
    act: Callable,
    done: str,
    initial: Callable[[Review], dict] | None = None,
) -> HttpResponse:
    review = get_review_for_coordinator(request, review_id)
    form = form_class(posted(request), initial=initial(review) if initial else None)
    if form.is_valid():
        try:
            act(review=review, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("reviews:review", review_id=review.pk)
    return render(request, "reviews/form.html", {"form": form, "title": title, "review": review})


@coordinator_view
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, review_id: int) -> HttpResponse:
    return _review_form(
        request,
        review_id,
        form_class=DecisionForm,
        title="Decide whether to commission a review",
        act=actions.decide,
        done="Decision recorded",
    )


@coordinator_view
@require_http_methods(["GET", "POST"])
def panel(request: HttpRequest, review_id: int) -> HttpResponse:
    return _review_form(
        request,
        review_id,
        form_class=PanelForm,
        title="The chair and panel",
        act=actions.set_panel,
        done="Panel saved",
        initial=lambda r: {
            "chair_name": r.chair_name,
            "chair_independent": r.chair_independent,
            "panel": r.panel,
        },
    )


@coordinator_view
@require_http_methods(["GET", "POST"])
def chronologies(request: HttpRequest, review_id: int) -> HttpResponse:
    return _review_form(
        request,
        review_id,
        form_class=ChronologyForm,
        title="Ask agencies for chronologies",
        act=actions.ask_chronologies,
        done="Agencies asked",
    )


@coordinator_view
@require_POST
def chronology_received(request: HttpRequest, chronology_request_id: int) -> HttpResponse:
    chronology = get_chronology_for_coordinator(request, chronology_request_id)
    actions.chronology_received(chronology=chronology, by=request.user)
    messages.success(request, "Chronology marked received")
    return redirect("reviews:review", review_id=chronology.review_id)


@coordinator_view
@require_http_methods(["GET", "POST"])
def stages(request: HttpRequest, review_id: int) -> HttpResponse:
    return _review_form(
        request,
        review_id,
        form_class=StagesForm,
        title="The review's stages",
        act=actions.record_stages,
        done="Stages saved",
        initial=lambda r: {name: getattr(r, name) for name in actions.STAGE_FIELDS},
    )


@coordinator_view
@require_http_methods(["GET", "POST"])
def add_recommendation(request: HttpRequest, review_id: int) -> HttpResponse:
    return _review_form(
        request,
        review_id,
        form_class=RecommendationForm,
        title="Add a recommendation",
        act=actions.add_recommendation,
        done="Recommendation added",
    )


@staff_view(Permission.COORDINATE_REVIEWS, Permission.ASSIGN_WORK)
@require_http_methods(["GET", "POST"])
def recommendation(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    found, who = get_recommendation_for_user(request, recommendation_id)
    audit.record(action=AuditAction.VIEW, request=request, obj=found)
    moves = set()
    if who.owner:
        moves |= rules.OWNER_MOVES.get(found.status, set())
    if who.coordinator:
        moves |= rules.COORDINATOR_MOVES.get(found.status, set())
    form = MoveForm(posted(request), moves=moves, initial={"evidence": found.evidence})
    if moves and form.is_valid():
        try:
            actions.move_recommendation(recommendation=found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, "Recommendation updated")
            return redirect("reviews:recommendation", recommendation_id=found.pk)
    elif request.method == "POST" and not moves:
        form.add_error(None, "No change is open to you at this stage.")
    return render(
        request,
        "reviews/recommendation.html",
        {"recommendation": found, "form": form if moves else None, "who": who},
    )


@staff_view(Permission.ASSIGN_WORK)
@require_GET
def our_recommendations(request: HttpRequest) -> HttpResponse:
    found = list(owned_recommendations(request.user).select_related("review"))
    audit.record(
        action=AuditAction.VIEW, request=request, reason=f"owned recommendations: {len(found)}"
    )
    today = timezone.localdate()
    rows = [(r, rules.is_overdue(status=r.status, due_on=r.due_on, today=today)) for r in found]
    return render(request, "reviews/ours.html", {"rows": rows})


@staff_view(Permission.VIEW_AGGREGATES, Permission.COORDINATE_REVIEWS)
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    """Every recommendation of every commissioned review, by status, for the board."""
    found = list(
        board_recommendations(request.user)
        .select_related("review", "owner_agency")
        .only(
            "number",
            "text",
            "status",
            "due_on",
            "owner_agency__name",
            "review__reference",
            "review__pseudonym",
            "review__published_on",
        )
        .order_by("review__reference", "number")
    )
    audit.record(action=AuditAction.VIEW, request=request, reason=f"board: {len(found)}")
    today = timezone.localdate()
    counts = {label: 0 for _, label in RecommendationStatus.choices}
    overdue = 0
    rows = []
    for r in found:
        late = rules.is_overdue(status=r.status, due_on=r.due_on, today=today)
        overdue += late
        counts[r.get_status_display()] += 1
        rows.append((r, late))
    return render(
        request,
        "reviews/board.html",
        {"rows": rows, "counts": counts, "overdue": overdue, "total": len(found)},
    )
