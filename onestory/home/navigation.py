"""The navigation shown to signed-in staff.

Each item names the permission it needs, so a user sees only the parts of the service
their role and agency may use.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from onestory.accommodation.access import may_use_board
from onestory.accounts.roles import Permission
from onestory.encompass.access import has_notices_page


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    allowed: Callable[[object], bool] = lambda user: True

    def url(self) -> str:
        return reverse(self.url_name)


# The menu holds the day-to-day work. Figures, reviews, the audit log and reference data are
# reached from the home page, so the menu stays short enough to read.
ITEMS: list[NavItem] = [
    NavItem("Home", "home:home"),
    NavItem(
        "Find a person",
        "people:search",
        lambda user: user.has_permission(Permission.SEARCH_PERSONS),
    ),
    NavItem("Front door", "intake:queue", lambda user: user.has_permission(Permission.TRIAGE)),
    NavItem(
        "My caseload",
        "cases:my-caseload",
        lambda user: user.has_permission(Permission.WORK_CASES),
    ),
    NavItem(
        "Team caseload",
        "cases:team-caseload",
        lambda user: user.has_permission(Permission.ASSIGN_WORK),
    ),
    NavItem(
        "Onward referrals",
        "referrals:list",
        lambda user: user.has_permission(Permission.VIEW_PERSON),
    ),
    NavItem(
        "Services directory",
        "directory:services",
        lambda user: user.has_permission(Permission.VIEW_PERSON),
    ),
    NavItem("Vacancies", "accommodation:vacancies", may_use_board),
    NavItem("Placements", "accommodation:placements", may_use_board),
    NavItem(
        "Take a referral",
        "intake:take-referral",
        lambda user: user.has_permission(Permission.TAKE_REFERRAL),
    ),
    NavItem(
        "MARAC",
        "marac:dashboard",
        lambda user: (
            user.has_permission(Permission.COORDINATE_MARAC)
            or user.has_permission(Permission.REPRESENT_AT_MARAC)
        ),
    ),
    NavItem("School notices", "encompass:notices", lambda user: has_notices_page(user)),
    NavItem(
        "Disclosure applications",
        "disclosure:applications",
        lambda user: user.has_permission(Permission.HANDLE_DISCLOSURES),
    ),
    NavItem(
        "Death reviews",
        "reviews:list",
        lambda user: user.has_permission(Permission.COORDINATE_REVIEWS),
    ),
    NavItem(
        "Emergency access",
        "access:emergency",
        lambda user: user.has_permission(Permission.EMERGENCY_ACCESS),
    ),
    NavItem(
        "Staff accounts",
        "accounts:staff",
        lambda user: (
            user.has_permission(Permission.MANAGE_TEAM_ACCOUNTS)
            or user.has_permission(Permission.MANAGE_ALL_ACCOUNTS)
        ),
    ),
]


def for_request(request: HttpRequest) -> list[dict[str, object]]:
    user = request.user
    if not user.is_authenticated:
        return []
    items = []
    for item in ITEMS:
        if not item.allowed(user):
            continue
        url = item.url()
        items.append({"label": item.label, "url": url, "current": request.path == url})
    return items
