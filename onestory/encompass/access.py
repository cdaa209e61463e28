"""Who may record police notifications for schools, and who sees them: the one place the
Operation Encompass pages and API fetch them from.

- Recording needs the ``RECORD_POLICE_NOTIFICATIONS`` permission at a police agency or at
  the front door (the central point of contact). The roles that triage (call handlers, team
  managers) have it, and so does the MARAC representative, who at the police is often the
  one who sorts the force's domestic abuse notifications. At any other agency the
  permission records nothing. Caseworkers and commissioners do not have it.
- A notification concerns children, so only the agency that recorded it sees it, and only
  staff whose role may record notifications (knowing a child's school is part of that).
- A notice is seen by the agency that prepared it (staff who may see its notifications),
  and by the school it is for when that school's directory entry is linked to a
  partnership agency: staff there whose role may read school notices (the school's
  safeguarding lead) see their own school's notices and nothing else (not the
  notification, which names the victim). A school with no agency gets its notices outside
  OneStory. Only the agency that prepared a notice records its sending.
- Anyone else gets 404, and the refusal is audited, so a notice's existence does not leak.
"""

from __future__ import annotations

from typing import NoReturn

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from onestory.access.policy import refuse
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import Permission
from onestory.encompass.models import EncompassNotice, EncompassNotification

RECORDING_AGENCY_KINDS = frozenset({AgencyKind.POLICE, AgencyKind.CENTRAL_POINT_OF_CONTACT})


def _may_see(user) -> bool:
    return (
        user.is_authenticated
        and user.agency_id is not None
        and user.has_permission(Permission.RECORD_POLICE_NOTIFICATIONS)
    )


def may_see_notifications(user) -> bool:
    """Whether ``user``'s role works with police notifications (rather than only reading
    the notices for a school)."""
    return _may_see(user)


def may_record(user) -> bool:
    """Whether ``user`` may record police notifications (their agency is the police or the
    front door)."""
    return _may_see(user) and user.agency.kind in RECORDING_AGENCY_KINDS


def holds(user, notification: EncompassNotification) -> bool:
    """Whether ``user``'s agency recorded ``notification`` (and their role may see it)."""
    return _may_see(user) and notification.agency_id == user.agency_id


def may_record_sending(user, notice: EncompassNotice) -> bool:
    """Whether ``user`` may record that ``notice`` went to the school: the agency that
    prepared it sends it; the school itself only reads it."""
    return may_record(user) and holds(user, notice.notification)


def visible_notifications(user) -> QuerySet[EncompassNotification]:
    if not _may_see(user):
        return EncompassNotification.objects.none()
    return EncompassNotification.objects.filter(agency_id=user.agency_id)


def reads_as_school(user, notice: EncompassNotice) -> bool:
    """Whether ``user`` reads ``notice`` as the school it is for (and so may acknowledge it)."""
    return may_read_notices(user) and notice.school.agency_id == user.agency_id


def has_notices_page(user) -> bool:
    """Whether the school notices page is any use to ``user``: they record notifications
    at the police or front door, or they only read notices (a school's safeguarding lead).
    Staff who may record at another agency would find nothing there."""
    if not may_read_notices(user):
        return False
    return may_record(user) or not user.has_permission(Permission.RECORD_POLICE_NOTIFICATIONS)


def may_read_notices(user) -> bool:
    return (
        user.is_authenticated
        and user.agency_id is not None
        and user.has_permission(Permission.READ_SCHOOL_NOTICES)
    )


def visible_notices(user) -> QuerySet[EncompassNotice]:
    """The notices ``user``'s agency prepared, and those for a school linked to it."""
    if not may_read_notices(user):
        return EncompassNotice.objects.none()
    mine = Q(school__agency_id=user.agency_id)
    if _may_see(user):
        mine |= Q(notification__agency_id=user.agency_id)
    return EncompassNotice.objects.filter(mine)


def _refuse(request: HttpRequest, what: str) -> NoReturn:
    refuse(request, reason=f"{what} not visible")


def get_notification_for_user(request: HttpRequest, notification_id: int) -> EncompassNotification:
    notification = (
        visible_notifications(request.user)
        .filter(pk=notification_id)
        .select_related("victim", "agency", "recorded_by", "referral")
        .first()
    )
    if notification is None:
        _refuse(request, f"police notification {notification_id}")
    return notification


def get_notice_for_user(request: HttpRequest, notice_id: int) -> EncompassNotice:
    notice = (
        visible_notices(request.user)
        .filter(pk=notice_id)
        .select_related(
            "notification",
            "notification__agency",
            "child",
            "school",
            "sent_by",
            "prepared_by",
            "acknowledged_by",
        )
        .first()
    )
    if notice is None:
        _refuse(request, f"school notice {notice_id}")
    return notice
