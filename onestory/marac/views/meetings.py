"""MARACs and meetings: setting up, the schedule, the agenda, research, the discussion with
its action plan, and the minutes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onestory import audit
from onestory.access.policy import refuse
from onestory.accounts.decorators import staff_view
from onestory.accounts.models import Agency
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.forms import posted
from onestory.marac import actions, minutes, queries
from onestory.marac.access import (
    coordinated_maracs,
    get_item_for_user,
    get_marac_for_coordinator,
    get_meeting_for_user,
)
from onestory.marac.actions.plans import owner_ids
from onestory.marac.forms import (
    ActionForm,
    DiscussionForm,
    MaracForm,
    MeetingForm,
    MembersForm,
    ResearchForm,
    show_errors,
)
from onestory.marac.models import MeetingStatus, Research
from onestory.marac.views.common import coordinator_view, member_view


@coordinator_view
@require_GET
def marac_list(request: HttpRequest) -> HttpResponse:
    maracs = (
        coordinated_maracs(request.user)
        .select_related("area")
        .annotate(member_count=Count("members", distinct=True))
    )
    return render(request, "marac/marac_list.html", {"maracs": maracs})


@coordinator_view
@require_http_methods(["GET", "POST"])
def marac_new(request: HttpRequest) -> HttpResponse:
    form = MaracForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            marac = actions.create_marac(
                name=data["name"],
                area=data["area"],
                members=data["members"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{marac.name} set up. Now schedule its meetings.")
            return redirect("marac:marac", marac_id=marac.pk)
    return render(
        request,
        "marac/small_form.html",
        {
            "form": form,
            "title": "Set up a MARAC",
            "button": "Set up MARAC",
            "back_url": reverse("marac:maracs"),
        },
    )


@coordinator_view
@require_GET
def marac_detail(request: HttpRequest, marac_id: int) -> HttpResponse:
    marac = get_marac_for_coordinator(request, marac_id)
    today = timezone.localdate()
    meetings = marac.meetings.annotate(
        cases=Count("items"), discussed=Count("items", filter=Q(items__discussed_at__isnull=False))
    ).order_by("-meets_on", "-starts_at")
    return render(
        request,
        "marac/marac_detail.html",
        {
            "marac": marac,
            "members": list(marac.members.order_by("name")),
            "upcoming": [m for m in meetings if m.meets_on >= today],
            "past": [m for m in meetings if m.meets_on < today][:12],
        },
    )


@coordinator_view
@require_http_methods(["GET", "POST"])
def marac_members(request: HttpRequest, marac_id: int) -> HttpResponse:
    marac = get_marac_for_coordinator(request, marac_id)
    form = MembersForm(posted(request), initial={"members": marac.members.all()})
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_members(
                marac=marac,
                members=form.cleaned_data["members"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Members saved.")
            return redirect("marac:marac", marac_id=marac.pk)
    return render(
        request,
        "marac/small_form.html",
        {
            "form": form,
            "title": "Member agencies",
            "caption": marac.name,
            "button": "Save",
            "back_url": reverse("marac:marac", args=[marac.pk]),
        },
    )


@coordinator_view
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest, marac_id: int) -> HttpResponse:
    marac = get_marac_for_coordinator(request, marac_id)
    form = MeetingForm(posted(request), initial={"starts_at": "10:00"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = actions.schedule_meeting(
                marac=marac,
                meets_on=data["meets_on"],
                starts_at=data["starts_at"],
                venue=data["venue"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            day = meeting.meets_on
            messages.success(request, f"Meeting scheduled for {day.day} {day:%B %Y}.")
            return redirect("marac:marac", marac_id=marac.pk)
    return render(
        request,
        "marac/small_form.html",
        {
            "form": form,
            "title": "Schedule a meeting",
            "caption": marac.name,
            "button": "Schedule meeting",
            "back_url": reverse("marac:marac", args=[marac.pk]),
        },
    )


@member_view
@require_GET
def meeting_detail(request: HttpRequest, marac_meeting_id: int) -> HttpResponse:
    meeting, role = get_meeting_for_user(request, marac_meeting_id)
    items = queries.agenda(meeting)
    member_count = meeting.marac.members.count()
    rows = [
        {
            "item": item,
            "ours": next(
                (r for r in item.research.all() if r.agency_id == request.user.agency_id), None
            ),
        }
        for item in items
    ]
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=meeting,
        fields=["agenda", "victim", "criteria", "research"],
        reason=f"MARAC agenda: {len(items)} cases",
    )
    return render(
        request,
        "marac/meeting.html",
        {
            "meeting": meeting,
            "role": role,
            "rows": rows,
            "member_count": member_count,
            "today": timezone.localdate(),
        },
    )


@coordinator_view
@require_POST
def mark_held(request: HttpRequest, marac_meeting_id: int) -> HttpResponse:
    meeting, role = get_meeting_for_user(request, marac_meeting_id)
    if not role.coordinator:
        refuse(request, obj=meeting, reason="only the coordinating agency may do this")
    try:
        actions.mark_held(meeting=meeting, by=request.user, request=request)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "Meeting marked as held. You can now download the minutes.")
    item = request.POST.get("agenda_item", "")
    if item.isdigit() and meeting.items.filter(pk=item).exists():
        # Marked as held from a case's discussion page: go back there to record it.
        return redirect("marac:discussion", agenda_item_id=int(item))
    return redirect("marac:meeting", marac_meeting_id=meeting.pk)


@coordinator_view
@require_GET
def meeting_minutes(request: HttpRequest, marac_meeting_id: int) -> HttpResponse:
    meeting, role = get_meeting_for_user(request, marac_meeting_id)
    if not role.coordinator:
        refuse(request, obj=meeting, reason="only the coordinating agency may do this")
    items = queries.agenda(meeting)
    document = minutes.pdf(meeting, items, produced_by=request.user)
    for item in items:
        audit.record(
            action=AuditAction.EXPORT,
            request=request,
            obj=item,
            person_id=item.referral.victim_id,
            fields=["discussion", "research", "actions"],
            reason=f"MARAC minutes for {meeting.meets_on.isoformat()}",
        )
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="marac-minutes-{meeting.meets_on.isoformat()}.pdf"'
    )
    return response


@staff_view(Permission.REPRESENT_AT_MARAC)
@require_http_methods(["GET", "POST"])
def research(request: HttpRequest, agenda_item_id: int) -> HttpResponse:
    item, role = get_item_for_user(request, agenda_item_id)
    if not role.member:
        refuse(request, obj=item, reason="only a member agency may do this")
    mine = Research.objects.filter(item=item, agency_id=request.user.agency_id).first()
    initial = {"known": mine.known, "risks": mine.risks, "doing": mine.doing} if mine else None
    form = ResearchForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_research(item=item, **form.cleaned_data, by=request.user, request=request)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Research saved. The MARAC's members can now read it.")
            return redirect("marac:meeting", marac_meeting_id=item.meeting_id)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=item,
        person_id=item.referral.victim_id,
        fields=["victim", "research"],
    )
    return render(request, "marac/research.html", {"item": item, "form": form, "mine": mine})


def _discussion_page(request, item, *, discussion_form=None, action_form=None):
    items = queries.agenda(item.meeting)
    full = next(i for i in items if i.pk == item.pk)
    owners = Agency.objects.filter(pk__in=owner_ids(item.referral)).order_by("name")
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=item,
        person_id=item.referral.victim_id,
        fields=["research", "discussion", "actions"],
    )
    return render(
        request,
        "marac/discussion.html",
        {
            "item": full,
            "meeting": item.meeting,
            "discussion_form": discussion_form
            or DiscussionForm(initial={"discussion": item.discussion}),
            "action_form": action_form or ActionForm(owners=owners),
            "case_open": item.referral.status == "listed",
            "today": timezone.localdate(),
            "held": item.meeting.status == MeetingStatus.HELD,
            "may_mark_held": item.meeting.status == MeetingStatus.SCHEDULED
            and item.meeting.meets_on <= timezone.localdate(),
        },
    )


@coordinator_view
@require_http_methods(["GET", "POST"])
def discussion(request: HttpRequest, agenda_item_id: int) -> HttpResponse:
    item, role = get_item_for_user(request, agenda_item_id)
    if not role.coordinator:
        refuse(request, obj=item, reason="only the coordinating agency may do this")
    if request.method == "GET":
        return _discussion_page(request, item)
    form = DiscussionForm(request.POST)
    if form.is_valid():
        try:
            actions.record_discussion(
                item=item,
                discussion=form.cleaned_data["discussion"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Discussion saved. Add the action plan below.")
            return redirect("marac:discussion", agenda_item_id=item.pk)
    return _discussion_page(request, item, discussion_form=form)


@coordinator_view
@require_http_methods(["GET", "POST"])
def add_action(request: HttpRequest, agenda_item_id: int) -> HttpResponse:
    item, role = get_item_for_user(request, agenda_item_id)
    if not role.coordinator:
        refuse(request, obj=item, reason="only the coordinating agency may do this")
    if request.method == "GET":
        return redirect("marac:discussion", agenda_item_id=item.pk)
    owners = Agency.objects.filter(pk__in=owner_ids(item.referral)).order_by("name")
    form = ActionForm(request.POST, owners=owners)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.add_action(
                referral=item.referral,
                item=item,
                owning_agency=data["owning_agency"],
                description=data["description"],
                due_on=data["due_on"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Action added to the plan.")
            return redirect("marac:discussion", agenda_item_id=item.pk)
    return _discussion_page(request, item, action_form=form)
