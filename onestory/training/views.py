"""Training pages: courses, sessions and attendance for the keeper; an agency's stated
workforce; and the year's reach figures for the board's report."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from onestory import audit
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.forms import posted
from onestory.training import actions
from onestory.training.access import get_session_for_keeper, kept_sessions
from onestory.training.figures import reach_for_year
from onestory.training.forms import (
    AttendanceForm,
    CourseForm,
    FeedbackForm,
    SessionForm,
    WorkforceForm,
)
from onestory.training.models import Course, Workforce
from onestory.training.reach import financial_year

keeper_view = staff_view(Permission.COORDINATE_REVIEWS)


def _show(form, error: ValidationError) -> None:
    for name, problems in error.message_dict.items():
        for message in problems:
            form.add_error(name if name in form.fields else None, f"{message}.")


@keeper_view
@require_GET
def sessions(request: HttpRequest) -> HttpResponse:
    found = list(kept_sessions(request.user).select_related("course")[:100])
    audit.record(action=AuditAction.VIEW, request=request, reason=f"training: {len(found)}")
    return render(request, "training/sessions.html", {"sessions": found})


@keeper_view
@require_http_methods(["GET", "POST"])
def courses(request: HttpRequest) -> HttpResponse:
    form = CourseForm(posted(request))
    if form.is_valid():
        try:
            course = actions.add_course(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _show(form, error)
        else:
            messages.success(request, f"{course.name} added")
            return redirect("training:courses")
    return render(
        request, "training/courses.html", {"form": form, "courses": list(Course.objects.all())}
    )


@keeper_view
@require_http_methods(["GET", "POST"])
def new_session(request: HttpRequest) -> HttpResponse:
    form = SessionForm(posted(request))
    if form.is_valid():
        try:
            session = actions.record_session(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _show(form, error)
        else:
            messages.success(request, "Session recorded")
            return redirect("training:session", session_id=session.pk)
    return render(request, "training/form.html", {"form": form, "title": "Record a session"})


@keeper_view
@require_http_methods(["GET", "POST"])
def session(request: HttpRequest, session_id: int) -> HttpResponse:
    found = get_session_for_keeper(request, session_id)
    audit.record(action=AuditAction.VIEW, request=request, obj=found)
    which = request.POST.get("which") if request.method == "POST" else None
    attendance = AttendanceForm(request.POST if which == "attendance" else None)
    feedback = FeedbackForm(
        request.POST if which == "feedback" else None,
        initial={
            "feedback_count": found.feedback_count or None,
            "feedback_mean": found.feedback_mean,
        },
    )
    form, act = (
        (attendance, actions.record_attendance)
        if which == "attendance"
        else (feedback, actions.record_feedback)
    )
    if which in ("attendance", "feedback") and form.is_valid():
        try:
            act(session=found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _show(form, error)
        else:
            messages.success(request, "Saved")
            return redirect("training:session", session_id=found.pk)
    return render(
        request,
        "training/session.html",
        {
            "session": found,
            "rows": list(found.attendance.select_related("agency")),
            "attendance": attendance,
            "feedback": feedback,
            "errors": [f for f in (attendance, feedback) if f.errors],
        },
    )


@staff_view(Permission.ASSIGN_WORK)
@require_http_methods(["GET", "POST"])
def workforce(request: HttpRequest) -> HttpResponse:
    year = financial_year(timezone.localdate())
    form = WorkforceForm(posted(request), initial={"year": year})
    if form.is_valid():
        try:
            actions.state_workforce(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _show(form, error)
        else:
            messages.success(request, "Workforce saved")
            return redirect("training:workforce")
    stated = list(Workforce.objects.filter(agency_id=request.user.agency_id).order_by("-year"))
    return render(request, "training/workforce.html", {"form": form, "stated": stated})


@staff_view(Permission.VIEW_AGGREGATES, Permission.COORDINATE_REVIEWS)
@require_GET
def reach(request: HttpRequest) -> HttpResponse:
    this_year = financial_year(timezone.localdate())
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        year = this_year
    if not 2000 <= year <= 2100:
        year = this_year
    figures = reach_for_year(year)
    audit.record(action=AuditAction.VIEW, request=request, reason=f"training reach {year}")
    return render(
        request,
        "training/reach.html",
        {"figures": figures, "year": year, "years": range(this_year, this_year - 5, -1)},
    )
