"""Referral pages: referring a victim, a person's MARAC history, the coordinator's list and
check, listing for a meeting, declining, closing, and dealing with repeats."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from onestory import audit
from onestory.access.policy import FULL, get_person_for_user, refuse
from onestory.accounts.decorators import staff_view
from onestory.accounts.roles import Permission, roles_with
from onestory.audit.models import AuditAction
from onestory.core.forms import posted
from onestory.marac import actions, queries
from onestory.marac.access import (
    coordinated_maracs,
    get_flag_for_coordinator,
    get_marac_file,
    get_referral_for_user,
    marac_view,
    visible_referrals,
)
from onestory.marac.actions.referrals import latest_assessment
from onestory.marac.forms import (
    CloseForm,
    FlagForm,
    ListForm,
    ReasonForm,
    ReferralForm,
    show_errors,
)
from onestory.marac.models import (
    AgendaItem,
    MaracAction,
    MaracReferral,
    Meeting,
    MeetingStatus,
    ReferralStatus,
    RepeatFlag,
    Research,
)
from onestory.marac.views.common import coordinator_view, member_view

PAGE_SIZE = 50


@staff_view(Permission.REFER_TO_MARAC)
@require_http_methods(["GET", "POST"])
def refer(request: HttpRequest, person_id: int) -> HttpResponse:
    person, _ = get_person_for_user(request, person_id, need=FULL)
    today = timezone.localdate()
    connected = queries.connected_people(request.user, person)
    children = queries.child_candidates(request.user, person, connected, today)
    form = ReferralForm(posted(request), perpetrators=connected, children=children)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.refer_to_marac(
                marac=data["marac"],
                victim=person,
                perpetrators=data["perpetrators"],
                children=data["children"],
                children_in_household=data.get("children_in_household"),
                reason=data["reason"],
                judgement=data["judgement"],
                judgement_reason=data["judgement_reason"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Referral sent to the MARAC coordinator.")
            return redirect("marac:person", person_id=person.pk)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=person,
        fields=["risk_assessments", "relationships"],
        reason="MARAC referral form",
    )
    return render(
        request,
        "marac/refer.html",
        {
            "person": person,
            "form": form,
            "assessment": latest_assessment(person),
            "has_connections": connected.exists(),
        },
    )


@staff_view(Permission.VIEW_PERSON)
@require_GET
def person_file(request: HttpRequest, person_id: int) -> HttpResponse:
    file = get_marac_file(request, person_id)
    referrals = list(
        MaracReferral.objects.filter(victim=file.person)
        .select_related("marac", "referring_agency")
        .prefetch_related(
            Prefetch(
                "repeat_flags",
                queryset=RepeatFlag.objects.select_related("incident", "incident__agency"),
            )
        )
    )
    openable = set(
        visible_referrals(request.user).filter(victim=file.person).values_list("pk", flat=True)
    )
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=file.person,
        fields=["marac_referrals", "repeat_flags"],
    )
    return render(
        request,
        "marac/person_file.html",
        {
            "person": file.person,
            "full": file.full,
            "sees_person": file.grant is not None,
            "referrals": referrals,
            "openable": openable,
            "can_refer": (
                request.user.has_permission(Permission.REFER_TO_MARAC)
                and file.grant is not None
                and file.grant.full
            ),
            # Rather than no button at all: who can refer, when this role cannot.
            "who_can_refer": (
                []
                if request.user.has_permission(Permission.REFER_TO_MARAC)
                else roles_with(Permission.REFER_TO_MARAC)
            ),
        },
    )


SHOW = [
    ("submitted", "To check"),
    ("listed", "Listed"),
    ("closed", "Closed"),
    ("declined", "Not taken"),
]


@coordinator_view
@require_GET
def referral_list(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show", "submitted")
    if show not in ReferralStatus.values:
        show = "submitted"
    referrals = queries.with_case_details(
        visible_referrals(request.user).filter(
            marac__in=coordinated_maracs(request.user), status=show
        )
    ).order_by("referred_at" if show == "submitted" else "-referred_at", "id")
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        fields=["victim", "referred_on", "status", "criteria"],
        reason=f"MARAC referrals ({show}): {len(page.object_list)} shown",
    )
    return render(
        request,
        "marac/referral_list.html",
        {"page": page, "show": show, "filters": SHOW},
    )


def _referral_page(
    request: HttpRequest, referral: MaracReferral, role, *, list_form=None
) -> HttpResponse:
    items = list(
        referral.agenda_items.select_related("meeting").prefetch_related(
            Prefetch("research", queryset=Research.objects.select_related("agency", "written_by"))
        )
    )
    view = marac_view(request.user, referral, role)
    for item in items:
        everyone = list(item.research.all())
        item.shown_research = [research for research in everyone if view.shows_research(research)]
        item.research_withheld = len(everyone) - len(item.shown_research)
    referral_actions = list(
        MaracAction.objects.filter(referral=referral).select_related("owning_agency")
    )
    flags = list(referral.repeat_flags.select_related("incident", "incident__agency"))
    if list_form is None and role.coordinator and referral.is_open:
        list_form = ListForm(meetings=_upcoming(referral))
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=referral,
        person_id=referral.victim_id,
        fields=["victim", "perpetrators", "children", "reason", "criteria", "research", "actions"],
    )
    return render(
        request,
        "marac/referral_detail.html",
        {
            "referral": referral,
            "role": role,
            "perpetrators": list(referral.perpetrators.all()),
            "children": list(referral.children.all()),
            "items": items,
            "discussion_shown": view.sees(AgendaItem, "discussion"),
            "actions": referral_actions,
            "flags": flags,
            "list_form": list_form,
            "today": timezone.localdate(),
        },
    )


def _upcoming(referral: MaracReferral):
    return Meeting.objects.filter(
        marac_id=referral.marac_id,
        status=MeetingStatus.SCHEDULED,
        meets_on__gte=timezone.localdate(),
    ).order_by("meets_on", "starts_at")


@member_view
@require_GET
def referral_detail(request: HttpRequest, marac_referral_id: int) -> HttpResponse:
    referral, role = get_referral_for_user(request, marac_referral_id)
    return _referral_page(request, referral, role)


@coordinator_view
@require_http_methods(["GET", "POST"])
def list_case(request: HttpRequest, marac_referral_id: int) -> HttpResponse:
    referral, role = get_referral_for_user(request, marac_referral_id)
    if not role.coordinator:
        refuse(request, obj=referral, reason="only the coordinating agency may do this")
    if request.method == "GET":
        return redirect("marac:referral", marac_referral_id=referral.pk)
    form = ListForm(request.POST, meetings=_upcoming(referral))
    if form.is_valid():
        try:
            item = actions.list_case(
                referral=referral,
                meeting=form.cleaned_data["meeting"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            day = item.meeting.meets_on
            messages.success(request, f"Case listed for the meeting on {day.day} {day:%B %Y}.")
            return redirect("marac:referral", marac_referral_id=referral.pk)
    return _referral_page(request, referral, role, list_form=form)


def _small_form(request, *, form, title: str, caption: str, referral_id: int, button: str):
    back_url = reverse("marac:referral", args=[referral_id])
    return render(
        request,
        "marac/small_form.html",
        {"form": form, "title": title, "caption": caption, "back_url": back_url, "button": button},
    )


@coordinator_view
@require_http_methods(["GET", "POST"])
def decline(request: HttpRequest, marac_referral_id: int) -> HttpResponse:
    referral, role = get_referral_for_user(request, marac_referral_id)
    if not role.coordinator:
        refuse(request, obj=referral, reason="only the coordinating agency may do this")
    form = ReasonForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.decline_referral(
                referral=referral,
                reason=form.cleaned_data["reason"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Referral not taken to MARAC. Its MARAC shares have ended.")
            return redirect("marac:referrals")
    return _small_form(
        request,
        form=form,
        title="Do not take this referral to MARAC",
        caption=referral.victim.display_name,
        referral_id=referral.pk,
        button="Decline referral",
    )


@coordinator_view
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, marac_referral_id: int) -> HttpResponse:
    referral, role = get_referral_for_user(request, marac_referral_id)
    if not role.coordinator:
        refuse(request, obj=referral, reason="only the coordinating agency may do this")
    form = CloseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.close_case(
                referral=referral,
                note=form.cleaned_data["note"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request, "Case closed at MARAC. The member agencies' MARAC shares have ended."
            )
            return redirect("marac:referral", marac_referral_id=referral.pk)
    return _small_form(
        request,
        form=form,
        title="Close this case at MARAC",
        caption=referral.victim.display_name,
        referral_id=referral.pk,
        button="Close case",
    )


@coordinator_view
@require_http_methods(["GET", "POST"])
def repeat_flag(request: HttpRequest, repeat_flag_id: int) -> HttpResponse:
    flag = get_flag_for_coordinator(request, repeat_flag_id)
    form = FlagForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.deal_with_flag(
                flag=flag, note=form.cleaned_data["note"], by=request.user, request=request
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Repeat marked as dealt with.")
            return redirect("marac:referral", marac_referral_id=flag.referral_id)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=flag,
        person_id=flag.referral.victim_id,
        fields=["incident", "perpetrator_recorded"],
    )
    day = flag.incident.occurred_on
    return _small_form(
        request,
        form=form,
        title="Deal with a repeat",
        caption=f"Incident on {day.day} {day:%B %Y}",
        referral_id=flag.referral_id,
        button="Save",
    )
