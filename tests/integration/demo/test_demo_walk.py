"""Every demo account follows every link its home page shows: none leads to a dead end.

A role meets the service first through its home page and menu. A link shown there that
answers "not found", "not allowed" or an error is a dead end for that role, so each one is
opened as the account that was shown it, and a person page or case page reached from the
home page is followed one step further.
"""

from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from onestory.accounts.models import User
from onestory.demo.bench.measures import signed_in_client

pytestmark = pytest.mark.django_db

# Links that do something other than show a page to this account.
NOT_PAGES = ("/accounts/sign-out", "/static/", "/media/", "/api/", "/admin/")
ONE_STEP_FURTHER = ("/people/", "/cases/", "/harm/", "/accommodation/", "/marac/")


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        href = dict(attrs).get("href") if tag == "a" else None
        if not href:
            return
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            return
        if parts.path.startswith(NOT_PAGES) or parts.path.endswith((".pdf", ".xlsx", ".csv")):
            return
        self.found.append(parts.path + (f"?{parts.query}" if parts.query else ""))


def links_on(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return list(dict.fromkeys(parser.found))


def test_every_link_a_demo_account_is_shown_opens_for_it():
    call_command("load_demo", stdout=StringIO())
    dead_ends = []
    walked = 0
    for user in User.objects.filter(is_active=True).order_by("username"):
        client = signed_in_client(user)
        home = client.get("/")
        assert home.status_code == 200, user.username
        seen = {"/"}
        queue = [(path, 0) for path in links_on(home.content.decode())]
        while queue:
            path, depth = queue.pop(0)
            if path in seen:
                continue
            seen.add(path)
            response = client.get(path)
            walked += 1
            if response.status_code in (301, 302):
                continue  # a step that moves on (a language, a sign-in step)
            if response.status_code != 200:
                dead_ends.append(f"{user.username} ({user.role}): {path} -> {response.status_code}")
                continue
            if depth == 0 and path.startswith(ONE_STEP_FURTHER):
                html = response.content.decode()
                queue += [(p, 1) for p in links_on(html) if p.startswith(ONE_STEP_FURTHER)]
    assert walked > 100
    assert not dead_ends, "\n".join(dead_ends)
