"""The MARAC dashboard, the actions list (overdue ones highlighted) and updating an action."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from onestory import audit
from onestory.accounts.models import Agency
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.forms import posted
from onestory.marac import actions, queries
from onestory.marac.access import (
    get_action_for_user,
    role_in,
    visible_actions,
    visible_maracs,
    visible_referrals,
)
from onestory.marac.forms import ActionUpdateForm, show_errors
from onestory.marac.models import OPEN_STATUSES, ActionStatus, Meeting, ReferralStatus
from onestory.marac.views.common import member_view

PAGE_SIZE = 50
LIST_LIMIT = 20


@member_view
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    days = settings.MARAC_REMINDER_DAYS
    coordinator = user.has_permission(Permission.COORDINATE_MARAC)
    maracs = visible_maracs(user)
    meetings = (
        Meeting.objects.filter(marac__in=maracs, meets_on__gte=today, status="scheduled")
        .select_related("marac")
        .annotate(
            cases=Count("items", distinct=True),
            researched=Count(
                "items",
                filter=Q(items__research__agency_id=user.agency_id),
                distinct=True,
            ),
        )
        .order_by("meets_on", "starts_at")[:6]
    )
    mine = visible_actions(user)
    soon = queries.action_rows(queries.due_soon(mine, today, days)[:LIST_LIMIT], today)
    context = {
        "coordinator": coordinator,
        "meetings": meetings,
        "soon": soon,
        "reminder_days": days,
        "overdue": mine.filter(status__in=OPEN_STATUSES, due_on__lt=today).count(),
        "open_actions": mine.filter(status__in=OPEN_STATUSES).count(),
        "has_maracs": maracs.exists(),
    }
    if coordinator:
        referrals = visible_referrals(user)
        waiting = queries.with_case_details(referrals.filter(status=ReferralStatus.SUBMITTED))
        context["to_check"] = waiting.order_by("referred_at", "id")[:LIST_LIMIT]
        context["to_check_count"] = waiting.count()
        context["flags"] = queries.open_flags(referrals)[:LIST_LIMIT]
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        fields=["victim", "referred_on", "repeat_flags", "actions"],
        reason="MARAC dashboard",
    )
    return render(request, "marac/dashboard.html", context)


@member_view
@require_GET
def action_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    show = "done" if request.GET.get("show") == "done" else "open"
    found = visible_actions(user)
    found = (
        found.filter(status__in=OPEN_STATUSES)
        if show == "open"
        else found.exclude(status__in=OPEN_STATUSES)
    )
    coordinator = user.has_permission(Permission.COORDINATE_MARAC)
    agencies, agency_id = [], None
    if coordinator:
        agencies = Agency.objects.filter(
            pk__in=visible_actions(user).values("owning_agency_id")
        ).order_by("name")
        try:
            agency_id = int(request.GET.get("agency", ""))
        except ValueError:
            agency_id = None
        if agency_id:
            found = found.filter(owning_agency_id=agency_id)
    ordered = queries.actions_with_details(found).order_by(
        "due_on" if show == "open" else "-due_on", "id"
    )
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = queries.action_rows(page.object_list, today)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        fields=["description", "due_on", "status", "victim"],
        reason=f"MARAC actions ({show}): {len(rows)} shown",
    )
    return render(
        request,
        "marac/action_list.html",
        {
            "rows": rows,
            "page": page,
            "show": show,
            "coordinator": coordinator,
            "agencies": agencies,
            "agency_id": agency_id,
        },
    )


@member_view
@require_http_methods(["GET", "POST"])
def action_detail(request: HttpRequest, marac_action_id: int) -> HttpResponse:
    action, may_update = get_action_for_user(request, marac_action_id)
    coordinator = role_in(request.user, action.referral.marac).coordinator
    form = ActionUpdateForm(
        posted(request),
        initial={"status": action.status, "note": action.update_note, "due_on": action.due_on},
        may_move_date=coordinator,
    )
    if request.method == "POST":
        if not may_update:
            audit.record(
                action=AuditAction.REFUSED,
                request=request,
                obj=action,
                person_id=action.referral.victim_id,
                reason="MARAC action owned by another agency",
            )
            raise PermissionDenied("Only the owning agency or the coordinator may update this.")
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.update_action(
                    action=action,
                    status=data["status"],
                    note=data["note"],
                    due_on=data.get("due_on"),
                    by=request.user,
                    request=request,
                )
            except ValidationError as error:
                show_errors(form, error)
            else:
                messages.success(request, "Action updated.")
                return redirect("marac:actions")
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=action,
        person_id=action.referral.victim_id,
        fields=["description", "due_on", "status", "update_note"],
    )
    today = timezone.localdate()
    return render(
        request,
        "marac/action_detail.html",
        {
            "action": action,
            "form": form,
            "may_update": may_update,
            "overdue": action.is_open and action.due_on < today,
            "done": ActionStatus.DONE,
        },
    )
