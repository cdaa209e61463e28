"""Risk pages: DASH, the further screens, a person's risk history, incidents, settings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from onestory import audit
from onestory.access.policy import FULL, get_person_for_user
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.intake.models import Referral
from onestory.risk import actions
from onestory.risk.criteria import CRITERION_LABELS, Criterion
from onestory.risk.dash import QUESTIONS, NothingAnswered
from onestory.risk.forms import DashForm, DeclinedForm, IncidentForm, RiskSettingsForm, ScreenForm
from onestory.risk.models import DashAnswer, RiskAssessment, RiskSettings
from onestory.risk.queries import (
    connected_people,
    get_assessment_for_user,
    require_full,
    risk_picture,
)
from onestory.risk.screens import SCREENS, ScreenKind, judgement_prompts, triggered


def _full_person(request: HttpRequest, person_id: int):
    return get_person_for_user(request, person_id, need=FULL)


@staff_view(Permission.VIEW_PERSON)
def person_risk(request: HttpRequest, person_id: int) -> HttpResponse:
    person, grant = get_person_for_user(request, person_id)
    picture = risk_picture(person)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=person,
        fields=["risk_level", "risk_assessments", "incidents"],
    )
    return render(
        request,
        "risk/person_risk.html",
        {
            "person": person,
            "grant": grant,
            "picture": picture,
            "full": grant.sees(RiskAssessment, "narrative"),
            "can_assess": request.user.has_permission(Permission.ASSESS_RISK),
        },
    )


def _referral_for(request: HttpRequest, person):
    """The front-door referral named in ``?referral=``: one of the user's agency's, about this
    person."""
    given = request.GET.get("referral", "")
    if not given.isdigit():
        return None
    return Referral.objects.filter(
        pk=given, person=person, owning_agency=request.user.agency_id
    ).first()


@staff_view(Permission.ASSESS_RISK)
@require_http_methods(["GET", "POST"])
def new_dash(request: HttpRequest, person_id: int) -> HttpResponse:
    person, _ = _full_person(request, person_id)
    referral = _referral_for(request, person)
    form = DashForm(request.POST or None, perpetrators=connected_people(request.user, person))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assessment = actions.assess_dash(
                person=person,
                answers=form.answers(),
                details=form.details(),
                narrative=data["narrative"],
                incident_on=data.get("incident_on"),
                incidents_known_elsewhere_12m=data["incidents_known_elsewhere_12m"],
                judgement_refer=data["judgement_refer"],
                judgement_reason=data["judgement_reason"],
                children=data.get("children") or [],
                perpetrators=data.get("perpetrators") or None,
                referral=referral,
                by=request.user,
                request=request,
            )
        except NothingAnswered as nothing:
            form.add_error("q1", str(nothing))
        else:
            messages.success(request, "Risk assessment saved.")
            return redirect("risk:assessment", assessment_id=assessment.pk)
    return render(
        request, "risk/dash_form.html", {"person": person, "form": form, "referral": referral}
    )


@staff_view(Permission.ASSESS_RISK)
@require_http_methods(["GET", "POST"])
def declined_dash(request: HttpRequest, person_id: int) -> HttpResponse:
    person, _ = _full_person(request, person_id)
    referral = _referral_for(request, person)
    form = DeclinedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assessment = actions.record_declined_dash(
            person=person,
            note=form.cleaned_data["note"],
            referral=referral,
            by=request.user,
            request=request,
        )
        messages.success(request, "Recorded that they declined the DASH checklist.")
        return redirect("risk:assessment", assessment_id=assessment.pk)
    return render(
        request, "risk/declined_form.html", {"person": person, "form": form, "referral": referral}
    )


@staff_view(Permission.VIEW_PERSON)
def assessment_detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment, grant = get_assessment_for_user(request, assessment_id)
    full = grant.sees(DashAnswer, "answer")
    answers = {a.question: a for a in assessment.answers.all()} if full else {}
    rows = [(q, answers.get(q.number)) for q in QUESTIONS] if full else []
    screens_done = {s.kind: s for s in assessment.screens.all()}
    answer_values = {number: a.answer for number, a in answers.items()}
    screens_due = [s for s in triggered(answer_values) if s.kind not in screens_done]
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=assessment,
        fields=["risk_level", "yes_count", "marac_criteria"] + (["answers"] if full else []),
    )
    return render(
        request,
        "risk/assessment_detail.html",
        {
            "assessment": assessment,
            "person": assessment.person,
            "full": full,
            "rows": rows,
            "criteria": [CRITERION_LABELS[Criterion(name)] for name in assessment.criteria],
            "screens_done": list(screens_done.values()),
            "screens_due": screens_due,
            "judgement_prompts": judgement_prompts(
                [kind for kind, result in screens_done.items() if result.positive],
                marac_eligible=assessment.marac_eligible,
            ),
            "can_refer": request.user.has_permission(Permission.REFER_TO_MARAC),
        },
    )


@staff_view(Permission.ASSESS_RISK)
@require_http_methods(["GET", "POST"])
def screen_form(request: HttpRequest, assessment_id: int, screen: str) -> HttpResponse:
    assessment, grant = get_assessment_for_user(request, assessment_id)
    require_full(request, assessment, grant)
    try:
        definition = SCREENS[ScreenKind(screen)]
    except ValueError:
        raise Http404("No such screen") from None
    form = ScreenForm(request.POST or None, screen=definition)
    if request.method == "POST" and form.is_valid():
        result = actions.record_screen(
            assessment=assessment,
            kind=definition.kind,
            answers=form.answers(),
            notes=form.cleaned_data["notes"],
            by=request.user,
            request=request,
        )
        outcome = "positive" if result.positive else "negative"
        messages.success(request, f"{definition.title} screen saved: {outcome}.")
        return redirect("risk:assessment", assessment_id=assessment.pk)
    return render(
        request,
        "risk/screen_form.html",
        {"assessment": assessment, "person": assessment.person, "screen": definition, "form": form},
    )


@staff_view(Permission.ASSESS_RISK)
@require_http_methods(["GET", "POST"])
def new_incident(request: HttpRequest, person_id: int) -> HttpResponse:
    person, _ = _full_person(request, person_id)
    form = IncidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.record_incident(
            person=person,
            occurred_on=form.cleaned_data["occurred_on"],
            kind=form.cleaned_data["kind"],
            summary=form.cleaned_data["summary"],
            by=request.user,
            request=request,
        )
        messages.success(request, "Incident recorded. Reassess the risk now.")
        return redirect("risk:person", person_id=person.pk)
    return render(request, "risk/incident_form.html", {"person": person, "form": form})


@staff_view(Permission.MANAGE_REFERENCE_DATA)
@require_http_methods(["GET", "POST"])
def risk_settings(request: HttpRequest) -> HttpResponse:
    current = RiskSettings.current()
    form = RiskSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_risk_settings(**form.cleaned_data, by=request.user, request=request)
        except (ValueError, ValidationError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Risk settings saved. New assessments use them.")
            return redirect("risk:settings")
    return render(request, "risk/settings.html", {"form": form})
