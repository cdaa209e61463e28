"""Operation Encompass pages: the notices to send, recording a police notification, and
preparing a child's school notice later. The notice itself is in ``encompass_notices``.

Every page needs the ``RECORD_POLICE_NOTIFICATIONS`` permission (see
``onestory.encompass.access`` for why); notifications and notices are fetched only
through that module."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from onestory import audit
from onestory.access.policy import FULL, get_person_for_user
from onestory.access.search import find_candidates
from onestory.accounts.decorators import staff_view
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction
from onestory.core.forms import posted
from onestory.directory.models import Service
from onestory.encompass import actions, rules
from onestory.encompass.access import (
    get_notification_for_user,
    may_record,
    may_see_notifications,
    visible_notices,
)
from onestory.encompass.forms import (
    FindVictimForm,
    NotificationForm,
    PrepareNoticeForm,
)
from onestory.intake.access import visible_referrals
from onestory.marac import queries
from onestory.marac.forms import show_errors

encompass_view = staff_view(Permission.RECORD_POLICE_NOTIFICATIONS)
# Notices are also read by the school they are for (see encompass.access).
notice_view = staff_view(Permission.READ_SCHOOL_NOTICES)

PAGE_SIZE = 50
FOUND_SHOWN = 20


def _schools():
    """The schools a notice can go to, by name (a county has hundreds)."""
    return Service.objects.schools().active().order_by(Lower("name"), "name", "id")


def not_here(request: HttpRequest) -> HttpResponse:
    """For staff who may triage at an agency that does not record police notifications."""
    if request.method == "POST":
        audit.record(
            action=AuditAction.REFUSED,
            request=request,
            reason="only the police or the front door record police notifications",
        )
        raise PermissionDenied("Police notifications are recorded by the police or the front door.")
    return render(request, "encompass/not_here.html")


def _rows(notices, now):
    return [
        {
            "notice": notice,
            "status": rules.notice_status(due_at=notice.due_at, sent_at=notice.sent_at, now=now),
        }
        for notice in notices
    ]


@notice_view
@require_GET
def notice_list(request: HttpRequest) -> HttpResponse:
    """For those who send notices: still to send (overdue first, then by when they are due),
    or sent. For a school: the notices for it, new ones (receipt not yet confirmed) first."""
    if not may_see_notifications(request.user):
        return _school_list(request)
    show = "sent" if request.GET.get("show") == "sent" else "to_send"
    found = visible_notices(request.user).select_related("notification", "child", "school")
    if show == "sent":
        found = found.filter(sent_at__isnull=False).order_by("-sent_at", "-id")
    else:
        found = found.filter(sent_at__isnull=True).order_by("due_at", "id")
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    rows = _rows(page.object_list, now)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        fields=["child", "school", "police_reference", "due_at", "sent_at"],
        reason=f"school notices ({show.replace('_', ' ')}): {len(rows)} shown",
    )
    return render(
        request,
        "encompass/list.html",
        {
            "rows": rows,
            "page": page,
            "show": show,
            "may_record": may_record(request.user),
            "overdue": sum(1 for row in rows if row["status"] == rules.OVERDUE),
        },
    )


def _school_list(request: HttpRequest) -> HttpResponse:
    show = "received" if request.GET.get("show") == "received" else "new"
    found = visible_notices(request.user).select_related("notification__agency", "child", "school")
    if show == "received":
        found = found.filter(acknowledged_at__isnull=False).order_by("-acknowledged_at", "-id")
    else:
        found = found.filter(acknowledged_at__isnull=True).order_by("-prepared_at", "-id")
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        fields=["child", "school", "police_reference", "acknowledged_at"],
        reason=f"notices for the school ({show}): {len(page.object_list)} shown",
    )
    return render(request, "encompass/school_list.html", {"page": page, "show": show})


@encompass_view
@require_GET
def find_victim(request: HttpRequest) -> HttpResponse:
    """Step one of recording: find the victim's record."""
    if not may_record(request.user):
        return not_here(request)
    asked = "name" in request.GET
    form = FindVictimForm(request.GET if asked else None)
    candidates = None
    if asked and form.is_valid():
        candidates = find_candidates(
            request.user, name=form.cleaned_data["name"], limit=FOUND_SHOWN, request=request
        )
    return render(
        request,
        "encompass/find.html",
        {
            "form": form,
            "candidates": candidates,
            "may_add": request.user.has_permission(Permission.EDIT_PERSON),
        },
    )


def _known_schools(user, children) -> dict[int, int]:
    """Each child's school from their latest notice at this agency, to offer again."""
    known: dict[int, int] = {}
    latest = (
        visible_notices(user)
        .filter(child__in=children, school__in=_schools())
        .order_by("child_id", "-prepared_at", "-id")
        .values_list("child_id", "school_id")
    )
    for child_id, school_id in latest:
        known.setdefault(child_id, school_id)
    return known


@encompass_view
@require_http_methods(["GET", "POST"])
def record(request: HttpRequest, person_id: int) -> HttpResponse:
    """Step two: the police notification, the children and their schools."""
    person, _ = get_person_for_user(request, person_id, need=FULL)
    if not may_record(request.user):
        return not_here(request)
    today = timezone.localdate()
    connected = queries.connected_people(request.user, person)
    children = list(queries.child_candidates(request.user, person, connected, today))
    perpetrators = connected.exclude(pk__in=[child.pk for child in children])
    referrals = visible_referrals(request.user).filter(
        person=person, referrer_agency_kind=AgencyKind.POLICE
    )
    schools = _schools()
    form = NotificationForm(
        posted(request),
        children=children,
        perpetrators=perpetrators,
        referrals=referrals,
        schools=schools,
        known_schools=_known_schools(request.user, children),
        initial={"occurred_on": today},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            notification = actions.record_notification(
                victim=person,
                police_reference=data["police_reference"],
                occurred_at=form.occurred_at(),
                circumstances=data["circumstances"],
                children=form.chosen_children(schools),
                perpetrators=data.get("perpetrators") or [],
                referral=data.get("referral"),
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            count = notification.notices.count()
            messages.success(
                request,
                "Police notification recorded. "
                + (
                    f"{count} school notice{'s' if count != 1 else ''} ready to send."
                    if count
                    else "No school notices are needed."
                ),
            )
            return redirect("encompass:notification", notification.pk)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=person,
        fields=["relationships", "encompass_notices"],
        reason="police notification form",
    )
    return render(
        request,
        "encompass/record.html",
        {"person": person, "form": form, "has_schools": schools.exists()},
    )


@encompass_view
@require_GET
def notification_detail(request: HttpRequest, encompass_notification_id: int) -> HttpResponse:
    notification = get_notification_for_user(request, encompass_notification_id)
    notices = {
        notice.child_id: notice
        for notice in notification.notices.select_related("school", "sent_by")
    }
    now = timezone.now()
    children = [
        {
            "child": child,
            "notice": notices.get(child.pk),
            "status": (
                rules.notice_status(
                    due_at=notices[child.pk].due_at,
                    sent_at=notices[child.pk].sent_at,
                    now=now,
                )
                if child.pk in notices
                else None
            ),
        }
        for child in notification.children.order_by("family_name", "given_name", "id")
    ]
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=notification,
        person_id=notification.victim_id,
        fields=["police_reference", "occurred_at", "circumstances", "children", "notices"],
    )
    return render(
        request,
        "encompass/notification.html",
        {
            "notification": notification,
            "children": children,
            "may_prepare": may_record(request.user)
            and any(row["notice"] is None for row in children),
        },
    )


@encompass_view
@require_http_methods(["GET", "POST"])
def prepare(request: HttpRequest, encompass_notification_id: int) -> HttpResponse:
    """A notice for a child recorded without a school, once the school is known."""
    notification = get_notification_for_user(request, encompass_notification_id)
    if not may_record(request.user):
        return not_here(request)
    waiting = notification.children.exclude(
        pk__in=notification.notices.values("child_id")
    ).order_by("family_name", "given_name", "id")
    if not waiting.exists():
        messages.info(request, "Every child on this notification already has a notice.")
        return redirect("encompass:notification", notification.pk)
    schools = _schools()
    form = PrepareNoticeForm(posted(request), children=waiting, schools=schools)
    if request.method == "POST" and form.is_valid():
        try:
            notice = actions.prepare_notice(
                notification=notification,
                child=form.cleaned_data["child"],
                school=form.cleaned_data["school"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Notice ready to send.")
            return redirect("encompass:notice", notice.pk)
    audit.record(
        action=AuditAction.VIEW,
        request=request,
        obj=notification,
        person_id=notification.victim_id,
        fields=["children"],
        reason="preparing a school notice",
    )
    return render(
        request,
        "encompass/prepare.html",
        {"notification": notification, "form": form, "has_schools": schools.exists()},
    )
