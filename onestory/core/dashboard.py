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
        "Take a referral",
        "intake:take-referral",
        "Record a phone call and find the person if they are already known.",
        Permission.TAKE_REFERRAL,
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


def tiles_for(user) -> list[dict[str, str]]:
    shown = []
    for tile in TILES:
        if not tile.allowed(user):
            continue
        shown.append(
            {
                "title": tile.title,
                "url": reverse(tile.url_name),
                "description": tile.description,
                "status": tile.status(user) if tile.status else "",
            }
        )
    return shown
