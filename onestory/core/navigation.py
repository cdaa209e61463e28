"""The navigation shown to signed-in staff.

Each item names the permission it needs, so a user sees only the parts of the service
their role and agency may use.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    allowed: Callable[[object], bool] = lambda user: True

    def url(self) -> str:
        return reverse(self.url_name)


ITEMS: list[NavItem] = [
    NavItem("Home", "core:home"),
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
