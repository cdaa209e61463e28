"""Disclosure scheme pages: the police disclosure team's applications and their steps, and
the partner agency's page for answering a check. Thin: access from ``disclosure.access``,
writes through ``disclosure.actions``."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from onestory import audit
from onestory.access.policy import get_person_for_user
from onestory.accounts.decorators import staff_view
from onestory.accounts.models import Agency
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.forms import posted
from onestory.disclosure import actions, progress
from onestory.disclosure.access import (
    CHECK_COLUMNS,
    checks_for,
    get_application_for_team,
    get_check_for_agency,
    linked,
    team_applications,
)
from onestory.disclosure.forms import (
    ApplicationForm,
    ChecksForm,
    DecisionForm,
    DisclosureForm,
    LinkForm,
    MeetingForm,
    ReplyForm,
    RiskForm,
    show_errors,
)
from onestory.disclosure.timetable import is_overdue, next_step

team_view = staff_view(Permission.HANDLE_DISCLOSURES)


@team_view
@require_GET
def application_list(request: HttpRequest) -> HttpResponse:
    """The team's open applications, the overdue first, and those closed lately."""
    applications = list(
        team_applications(request.user).prefetch_related("checks").order_by("first_contact_on")
    )
    today = timezone.localdate()
    rows = []
    for application in applications:
        states = progress.states(application, today)
        rows.append(
            {
                "application": application,
                "next": next_step(states),
                "overdue": is_overdue(states),
            }
        )
    open_rows = [r for r in rows if not r["application"].closed]
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        reason=f"disclosure applications: {len(rows)} listed",
    )
    return render(
        request,
        "disclosure/list.html",
        {
            "overdue": [r for r in open_rows if r["overdue"]],
            "on_time": [r for r in open_rows if not r["overdue"]],
            "closed": [r for r in rows if r["application"].closed][-20:],
        },
    )


@team_view
@require_http_methods(["GET", "POST"])
def new_application(request: HttpRequest) -> HttpResponse:
    form = ApplicationForm(posted(request))
    if form.is_valid():
        data = form.cleaned_data
        try:
            application = actions.start_application(by=request.user, **data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Application {application.reference} started")
            return redirect("disclosure:application", application_id=application.pk)
    return render(request, "disclosure/new.html", {"form": form})


@team_view
@require_GET
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    application = get_application_for_team(request, application_id)
    audit.record(action=AuditAction.VIEW, request=request, obj=application)
    states = progress.states(application)
    return render(
        request,
        "disclosure/application.html",
        {
            "application": application,
            "states": states,
            "checks": list(application.checks.all()),
            "subject_record": linked(request.user, application.subject_person),
            "at_risk_record": linked(request.user, application.at_risk_person),
            "today": timezone.localdate(),
        },
    )


def _step_page(
    request: HttpRequest,
    application_id: int,
    *,
    form_class: type[forms.Form],
    title: str,
    act: Callable,
    done: str,
    initial: dict | None = None,
    form_kwargs: dict | None = None,
) -> HttpResponse:
    application = get_application_for_team(request, application_id)
    form = form_class(posted(request), initial=initial, **(form_kwargs or {}))
    if form.is_valid():
        try:
            act(application=application, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("disclosure:application", application_id=application.pk)
    return render(
        request, "disclosure/step.html", {"application": application, "form": form, "title": title}
    )


@team_view
@require_http_methods(["GET", "POST"])
def meeting(request: HttpRequest, application_id: int) -> HttpResponse:
    return _step_page(
        request,
        application_id,
        form_class=MeetingForm,
        title="Record the face-to-face meeting",
        act=actions.record_meeting,
        done="Meeting recorded",
    )


@team_view
@require_http_methods(["GET", "POST"])
def risk(request: HttpRequest, application_id: int) -> HttpResponse:
    return _step_page(
        request,
        application_id,
        form_class=RiskForm,
        title="Record the risk assessment",
        act=actions.record_risk_assessment,
        done="Risk assessment recorded",
    )


@team_view
@require_http_methods(["GET", "POST"])
def checks(request: HttpRequest, application_id: int) -> HttpResponse:
    partners = Agency.objects.filter(is_active=True).exclude(pk=request.user.agency_id)
    return _step_page(
        request,
        application_id,
        form_class=ChecksForm,
        title="Ask partner agencies what they hold",
        act=actions.ask_checks,
        done="Agencies asked",
        form_kwargs={"agencies": partners.order_by("name")},
    )


@team_view
@require_http_methods(["GET", "POST"])
def decision(request: HttpRequest, application_id: int) -> HttpResponse:
    return _step_page(
        request,
        application_id,
        form_class=DecisionForm,
        title="Record the multi-agency decision",
        act=actions.record_decision,
        done="Decision recorded",
    )


@team_view
@require_http_methods(["GET", "POST"])
def disclose(request: HttpRequest, application_id: int) -> HttpResponse:
    return _step_page(
        request,
        application_id,
        form_class=DisclosureForm,
        title="Record the disclosure",
        act=actions.record_disclosure,
        done="Disclosure recorded",
    )


@team_view
@require_http_methods(["GET", "POST"])
def link(request: HttpRequest, application_id: int) -> HttpResponse:
    """Link the subject or the person at risk to a record the officer may see."""
    application = get_application_for_team(request, application_id)
    form = LinkForm(posted(request))
    if form.is_valid():
        if not form.cleaned_data["which"]:
            form.add_error("which", "Choose whose record it is.")
        elif not form.cleaned_data["person_id"]:
            form.add_error("person_id", "Enter the record number.")
        else:
            person, _ = get_person_for_user(request, form.cleaned_data["person_id"])
            actions.link_person(
                application=application,
                which=form.cleaned_data["which"],
                person=person,
                by=request.user,
            )
            messages.success(request, "Record linked")
            return redirect("disclosure:application", application_id=application.pk)
    return render(
        request,
        "disclosure/step.html",
        {"application": application, "form": form, "title": "Link a record already known"},
    )


# --- Partner agencies -------------------------------------------------------------------


partner_view = staff_view(Permission.VIEW_PERSON)


@partner_view
@require_GET
def agency_checks(request: HttpRequest) -> HttpResponse:
    """The checks sent to the user's agency, the unanswered first."""
    found = list(
        checks_for(request.user)
        .select_related("application__agency")
        .only(*CHECK_COLUMNS)
        .order_by("replied_on", "due_on", "pk")
    )
    audit.record(
        action=AuditAction.VIEW, request=request, reason=f"disclosure checks: {len(found)}"
    )
    today = timezone.localdate()
    return render(
        request,
        "disclosure/agency_checks.html",
        {
            "waiting": [c for c in found if c.replied_on is None],
            "answered": [c for c in found if c.replied_on is not None],
            "today": today,
        },
    )


@partner_view
@require_http_methods(["GET", "POST"])
def agency_check(request: HttpRequest, agency_check_id: int) -> HttpResponse:
    check = get_check_for_agency(request, agency_check_id)
    audit.record(action=AuditAction.VIEW, request=request, obj=check)
    form = ReplyForm(posted(request)) if check.replied_on is None else None
    if form is not None and form.is_valid():
        try:
            actions.reply_to_check(check=check, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Reply sent to the police disclosure team")
            return redirect("disclosure:agency-checks")
    return render(
        request,
        "disclosure/agency_check.html",
        {"check": check, "form": form, "today": timezone.localdate()},
    )
