"""The home page: the work waiting for each member of staff, counted, and what else they
can do.

A queue or tile shows only when the user's role allows it. Counts are small aggregate
queries through each app's access rules, about the user's own agency; they never name a
person.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from onestory.accounts.roles import Permission


def _front_door(user) -> list[tuple[int, str]]:
    from django.db.models import Count, Q

    from onestory.intake.access import visible_referrals
    from onestory.intake.choices import Status

    counts = (
        visible_referrals(user)
        .exclude(status=Status.CLOSED)
        .aggregate(
            new=Count("pk", filter=Q(status=Status.NEW)),
            mine=Count("pk", filter=Q(assigned_to=user)),
        )
    )
    return [(counts["new"], "new"), (counts["mine"], "assigned to you")]


def _onward_received(user) -> list[tuple[int, str]]:
    from onestory.referrals.access import visible_onward_referrals
    from onestory.referrals.choices import Status

    waiting = visible_onward_referrals(user).filter(to_agency_id=user.agency_id, status=Status.SENT)
    return [(waiting.count(), "waiting for you to accept or decline")]


def _placements(user) -> list[tuple[int, str]]:
    from onestory.accommodation.queries import waiting_for

    found = waiting_for(user.agency_id)
    counts = [(found["offers"], "offered, waiting for the survivor to decide")]
    if found["runs_schemes"]:
        counts = [
            (found["to_answer"], "waiting for an answer from your schemes"),
            *counts,
            (found["to_arrive"], "accepted, not yet arrived"),
        ]
    return counts


def _marac_to_check(user) -> list[tuple[int, str]]:
    from onestory.marac.access import visible_referrals
    from onestory.marac.models import ReferralStatus

    waiting = visible_referrals(user).filter(
        status=ReferralStatus.SUBMITTED, marac__coordinating_agency_id=user.agency_id
    )
    return [(waiting.count(), "to check")]


def _marac_actions(user) -> list[tuple[int, str]]:
    from datetime import timedelta

    from django.conf import settings
    from django.db.models import Count, Q
    from django.utils import timezone

    from onestory.marac.access import visible_actions
    from onestory.marac.models import OPEN_STATUSES

    today = timezone.localdate()
    soon = today + timedelta(days=settings.MARAC_REMINDER_DAYS)
    counts = (
        visible_actions(user)
        .filter(status__in=OPEN_STATUSES)
        .aggregate(
            overdue=Count("pk", filter=Q(due_on__lt=today)),
            due=Count("pk", filter=Q(due_on__gte=today, due_on__lte=soon)),
        )
    )
    return [
        (counts["overdue"], "overdue"),
        (counts["due"], f"due in the next {settings.MARAC_REMINDER_DAYS} days"),
    ]


def _school_notices(user) -> list[tuple[int, str]]:
    from onestory.encompass.access import may_see_notifications, visible_notices

    if may_see_notifications(user):
        return [(visible_notices(user).filter(sent_at__isnull=True).count(), "to send")]
    new = visible_notices(user).filter(acknowledged_at__isnull=True).count()
    return [(new, "new for your school")]


def _unreviewed_emergency_access(user) -> list[tuple[int, str]]:
    from onestory.access.models import EmergencyAccess

    count = EmergencyAccess.objects.filter(
        owning_agency_id=user.agency_id, reviewed_at__isnull=True
    ).count()
    return [(count, "waiting for review")]


def _harm_alerts(user) -> list[tuple[int, str]]:
    from onestory.harm.access import alerts_for

    return [(alerts_for(user).filter(seen_at__isnull=True).count(), "new")]


def _has_harm_alerts(user) -> bool:
    """A perpetrator service's own partner-support worker always; staff who work on cases
    once they have been sent a risk alert, or are linked to an intervention as the
    partner-support worker."""
    from onestory.harm.access import alerts_for, linked_interventions

    if user.has_permission(Permission.SUPPORT_PARTNERS):
        return True
    if not user.has_permission(Permission.WORK_CASES):
        return False
    return alerts_for(user).exists() or linked_interventions(user).exists()


def _runs_perpetrator_work(user) -> bool:
    from onestory.harm.access import may_take_referrals

    return may_take_referrals(user)


def _has_notices_page(user) -> bool:
    from onestory.encompass.access import has_notices_page

    return has_notices_page(user)


def _has(*permissions: Permission) -> Callable[[object], bool]:
    return lambda user: any(user.has_permission(permission) for permission in permissions)


@dataclass(frozen=True)
class Queue:
    """Work waiting for this user, counted: each count links to where to act on it."""

    title: str
    url_name: str
    allowed: Callable[[object], bool]
    counts: Callable[[object], list[tuple[int, str]]]
    query: str = ""

    def url(self) -> str:
        return reverse(self.url_name) + self.query


QUEUES: list[Queue] = [
    Queue("Front door referrals", "intake:queue", _has(Permission.TRIAGE), _front_door),
    Queue(
        "Onward referrals received",
        "referrals:list",
        _has(Permission.WORK_CASES),
        _onward_received,
        "?show=received",
    ),
    Queue(
        "Placement requests",
        "accommodation:placements",
        lambda user: (
            user.agency_id is not None
            and user.has_permission(Permission.WORK_CASES)
            and user.has_permission(Permission.TAKE_REFERRAL)
        ),
        _placements,
    ),
    Queue(
        "MARAC referrals",
        "marac:referrals",
        _has(Permission.COORDINATE_MARAC),
        _marac_to_check,
    ),
    Queue(
        "MARAC actions",
        "marac:actions",
        _has(Permission.COORDINATE_MARAC, Permission.REPRESENT_AT_MARAC),
        _marac_actions,
    ),
    Queue("School notices", "encompass:notices", _has_notices_page, _school_notices),
    Queue("Risk alerts about people using harm", "harm:alerts", _has_harm_alerts, _harm_alerts),
    Queue(
        "Emergency access",
        "access:emergency-reviews",
        _has(Permission.REVIEW_EMERGENCY_ACCESS),
        _unreviewed_emergency_access,
    ),
]


@dataclass(frozen=True)
class Tile:
    title: str
    url_name: str
    description: str
    permission: Permission | tuple[Permission, ...] | None = None
    when: Callable[[object], bool] | None = None

    def allowed(self, user) -> bool:
        if self.when is not None and not self.when(user):
            return False
        if self.permission is None:
            return True
        wanted = self.permission if isinstance(self.permission, tuple) else (self.permission,)
        return any(user.has_permission(permission) for permission in wanted)


TILES: list[Tile] = [
    Tile(
        "Front door",
        "intake:queue",
        "New referrals by urgency, with the first-contact clock.",
        Permission.TRIAGE,
    ),
    Tile(
        "School notices",
        "encompass:notices",
        "Operation Encompass notices to schools: those to send and those sent.",
        Permission.READ_SCHOOL_NOTICES,
        _has_notices_page,
    ),
    Tile(
        "Take a referral",
        "intake:take-referral",
        "Record a phone call and find the person if they are already known.",
        Permission.TAKE_REFERRAL,
    ),
    Tile(
        "My caseload",
        "cases:my-caseload",
        "Your open cases with their risk level, last contact and overdue actions.",
        Permission.WORK_CASES,
    ),
    Tile(
        "People who use harm",
        "harm:list",
        "Referrals, assessments, sessions, risk and orders for the people your service works with.",
        Permission.WORK_CASES,
        _runs_perpetrator_work,
    ),
    Tile(
        "Family cases",
        "harm:families",
        "Whole-family working: the families you work with, who is in each and their plan.",
        Permission.WORK_CASES,
    ),
    Tile(
        "Team caseload",
        "cases:team-caseload",
        "Your team's open cases, by worker.",
        Permission.ASSIGN_WORK,
    ),
    Tile(
        "Onward referrals",
        "referrals:list",
        "Referrals your agency has sent to other services, and those sent to you.",
        Permission.VIEW_PERSON,
    ),
    Tile(
        "Services directory",
        "directory:services",
        "Services in the partnership and beyond, who they take and how to refer.",
        Permission.VIEW_PERSON,
    ),
    Tile(
        "Safe accommodation figures",
        "accommodation:figures",
        "Occupancy, requests by outcome and reason, stays, move-on, sanctuary and fund spend.",
        Permission.VIEW_AGGREGATES,
    ),
    Tile(
        "Figures for work with people who use harm",
        "harm:figures",
        "Referrals, starts, endings by reason, risk change, breaches and partner support.",
        Permission.VIEW_AGGREGATES,
    ),
    Tile(
        "Safe Start Fund",
        "accommodation:fund",
        "Your agency's grants and the budget left for the year.",
        Permission.ASSIGN_WORK,
    ),
    Tile(
        "Find a person",
        "people:search",
        "Search by name, date of birth, postcode or NHS number.",
        Permission.SEARCH_PERSONS,
    ),
    Tile(
        "Record a new person",
        "people:new",
        "Add someone your agency is working with who is not yet known.",
        Permission.EDIT_PERSON,
    ),
    Tile(
        "MARAC",
        "marac:dashboard",
        "Referrals to check, meetings, repeats flagged and actions due.",
        (Permission.COORDINATE_MARAC, Permission.REPRESENT_AT_MARAC),
    ),
    Tile(
        "MARAC actions",
        "marac:actions",
        "Your agency's open MARAC actions, overdue ones first.",
        (Permission.COORDINATE_MARAC, Permission.REPRESENT_AT_MARAC),
    ),
    Tile(
        "MARAC quarterly data",
        "marac:quarterly",
        "Meetings, cases, repeats and who is referred, per MARAC and quarter.",
        Permission.VIEW_AGGREGATES,
    ),
    Tile(
        "Disclosure applications",
        "disclosure:applications",
        "Clare's Law applications by either route, their steps and those overdue.",
        Permission.HANDLE_DISCLOSURES,
    ),
    Tile(
        "Disclosure checks",
        "disclosure:agency-checks",
        "What the police disclosure team has asked your agency about a person.",
        Permission.VIEW_PERSON,
    ),
    Tile(
        "Death reviews",
        "reviews:list",
        "Notifications of deaths, decisions, panels, chronologies and recommendations.",
        Permission.COORDINATE_REVIEWS,
    ),
    Tile(
        "Review recommendations for your agency",
        "reviews:ours",
        "Recommendations of death reviews your agency owns: progress and evidence.",
        Permission.ASSIGN_WORK,
    ),
    Tile(
        "Review recommendations for the board",
        "reviews:board",
        "Every recommendation of the partnership's death reviews, with its status.",
        (Permission.VIEW_AGGREGATES, Permission.COORDINATE_REVIEWS),
    ),
    Tile(
        "Training",
        "training:sessions",
        "Courses, sessions, and who attended by agency and role.",
        Permission.COORDINATE_REVIEWS,
    ),
    Tile(
        "Training reach",
        "training:reach",
        "People and agencies trained in the year, against each agency's workforce.",
        (Permission.VIEW_AGGREGATES, Permission.COORDINATE_REVIEWS),
    ),
    Tile(
        "Your agency's workforce for training",
        "training:workforce",
        "How many of your staff should be trained each year.",
        Permission.ASSIGN_WORK,
    ),
    Tile(
        "Emergency reviews",
        "access:emergency-reviews",
        "Check why staff of other agencies opened your agency's records.",
        Permission.REVIEW_EMERGENCY_ACCESS,
    ),
    Tile(
        "Possible links",
        "linkage:queue",
        "Records from other agencies' extracts that may be people you know: decide each pair.",
        Permission.MERGE_PERSONS,
    ),
    Tile(
        "Front-door figures",
        "intake:figures",
        "Contacts and referrals by source, channel and outcome, for any dates.",
        Permission.VIEW_AGGREGATES,
    ),
    Tile(
        "Outcome figures",
        "cases:outcomes-report",
        "How people's own ratings changed from the start to the end of support.",
        Permission.VIEW_AGGREGATES,
    ),
    Tile(
        "Needs assessment",
        "needs:assessment",
        "Estimated people affected in any area and year, and who the services reach.",
        Permission.VIEW_AGGREGATES,
    ),
    Tile(
        "Delivery plan",
        "needs:plan",
        "The strategy's priorities, objectives and actions, held to live figures.",
        Permission.VIEW_AGGREGATES,
    ),
    Tile(
        "Safe accommodation return",
        "returns:index",
        "The year's statutory return to the ministry, counted from the records.",
        Permission.VIEW_AGGREGATES,
    ),
    Tile(
        "Board report",
        "returns:board",
        "The partnership board's quarterly figures: front door, MARAC, safe accommodation, "
        "case outcomes and the delivery plan.",
        Permission.VIEW_AGGREGATES,
    ),
    Tile(
        "Survivors' feedback",
        "voice:figures",
        "How people said it went, by service and quarter, and their own words once checked.",
        Permission.VIEW_AGGREGATES,
    ),
    Tile(
        "Feedback words to check",
        "voice:to-check",
        "People's own words about your service, to check before the board sees them.",
        Permission.ASSIGN_WORK,
    ),
    Tile(
        "Lived-experience panel",
        "voice:panel",
        "People who shape the services: safe contact, taking part, hours and vouchers.",
        Permission.ASSIGN_WORK,
    ),
    Tile(
        "You said, we did",
        "voice:log",
        "What survivors and the panel raised, the response and what changed.",
        Permission.VIEW_AGGREGATES,
    ),
    Tile(
        "Audit log",
        "access:audit-log",
        "Who read or changed which record, and when.",
        Permission.VIEW_AUDIT,
    ),
    Tile(
        "Staff accounts",
        "accounts:staff",
        "Add accounts, change roles, switch accounts off, reset two-step verification.",
        (Permission.MANAGE_TEAM_ACCOUNTS, Permission.MANAGE_ALL_ACCOUNTS),
    ),
    Tile(
        "Manage the directory",
        "directory:manage",
        "Add and change services, and import or export the directory.",
        Permission.MANAGE_REFERENCE_DATA,
    ),
    Tile(
        "Risk settings",
        "risk:settings",
        "The partnership's DASH risk bands and escalation threshold.",
        Permission.MANAGE_REFERENCE_DATA,
    ),
    Tile(
        "API tokens",
        "tokens:list",
        "Tokens that let a partner system use the API as you.",
        Permission.USE_API,
    ),
    Tile("Roles", "accounts:roles", "What each role in the partnership can do."),
]


def tiles_for(user, *, leave_out: set[str] = frozenset()) -> list[dict[str, str]]:
    """The tiles this user may use, except those already in the navigation (``leave_out``)."""
    shown = []
    for tile in TILES:
        url = reverse(tile.url_name)
        if not tile.allowed(user) or url in leave_out:
            continue
        shown.append({"title": tile.title, "url": url, "description": tile.description})
    return shown


def queues_for(user) -> list[dict[str, object]]:
    """The user's own queues with their counts, each linking to where to act on them."""
    shown = []
    for queue in QUEUES:
        if not queue.allowed(user):
            continue
        counts = [{"count": count, "words": words} for count, words in queue.counts(user)]
        shown.append(
            {
                "title": queue.title,
                "url": queue.url(),
                "counts": counts,
                "waiting": sum(item["count"] for item in counts),
            }
        )
    return shown
