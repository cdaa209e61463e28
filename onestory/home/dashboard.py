"""The home page: what each member of staff can do, with the counts that need attention.

A tile shows only when the user's role allows it. Counts are small aggregate queries about
the user's own agency; they never name a person.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from onestory.accounts.roles import Permission


def _open_referrals(user) -> str:
    from onestory.intake.access import visible_referrals
    from onestory.intake.choices import Status

    referrals = visible_referrals(user).exclude(status=Status.CLOSED)
    new = referrals.filter(status=Status.NEW).count()
    mine = referrals.filter(assigned_to=user).count()
    return f"{new} new, {mine} assigned to you"


def _unreviewed_emergency_access(user) -> str:
    from onestory.access.models import EmergencyAccess

    count = EmergencyAccess.objects.filter(
        owning_agency_id=user.agency_id, reviewed_at__isnull=True
    ).count()
    return f"{count} waiting for review"


@dataclass(frozen=True)
class Tile:
    title: str
    url_name: str
    description: str
    permission: Permission | tuple[Permission, ...] | None = None
    status: Callable[[object], str] | None = None

    def allowed(self, user) -> bool:
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
        _open_referrals,
    ),
    Tile(
        "School notices",
        "encompass:notices",
        "Operation Encompass notices to schools: those to send and those sent.",
        Permission.READ_SCHOOL_NOTICES,
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
        "Emergency reviews",
        "access:emergency-reviews",
        "Check why staff of other agencies opened your agency's records.",
        Permission.REVIEW_EMERGENCY_ACCESS,
        _unreviewed_emergency_access,
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


def attention_for(user) -> list[dict[str, str]]:
    """Counts that need the user's attention, each linking to where to act on them."""
    return [
        {"title": tile.title, "url": reverse(tile.url_name), "status": tile.status(user)}
        for tile in TILES
        if tile.status is not None and tile.allowed(user)
    ]
