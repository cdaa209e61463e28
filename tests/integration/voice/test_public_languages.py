"""The public pages in every configured language: nothing left in English, Arabic and Urdu
right to left, the language chosen by the address alone (decision 0066)."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings

from onestory.accounts.models import Area, AreaLevel
from onestory.cases.actions.cases import close_case
from onestory.voice import actions
from onestory.voice.actions import panel
from onestory.voice.models import LogEntry
from tests.factories import AreaFactory, CaseFactory, PersonFactory
from tools.compile_messages import problems

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
RIGHT_TO_LEFT = {"ar", "ur"}
LOCALE = Path(settings.LOCALE_PATHS[0])

# Words a language writes as English does: checked as right, not left untranslated.
SAME_AS_ENGLISH = {"ro": {"Beta", "Important"}}

# Attributes a person hears or sees, as well as the text between tags.
READ_ATTRIBUTES = {"aria-label", "title", "alt", "placeholder"}


class _Text(HTMLParser):
    """The text a person reads or hears on a page, one piece per text node or attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.pieces: list[str] = []
        self._skipping = 0
        self.html_attrs: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.html_attrs = {k: v or "" for k, v in attrs}
        if tag in ("script", "style", "svg"):
            self._skipping += 1
        for name, value in attrs:
            if value and (name in READ_ATTRIBUTES or name.startswith("data-i18n")):
                self.pieces.append(" ".join(value.split()))

    def handle_endtag(self, tag):
        if tag in ("script", "style", "svg") and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self._skipping:
            self.pieces.append(text)


def _read(response) -> _Text:
    parser = _Text()
    parser.feed(response.content.decode())
    return parser


def _words(piece: str) -> bool:
    """Whether a piece holds words at all (not "999", "!", or a reference number)."""
    return len(re.findall(r"[A-Za-z]{2,}", piece)) > 0


def _prefix(code: str) -> str:
    return "" if code == settings.LANGUAGE_CODE else f"/{code}"


def _state(response) -> str:
    found = re.search(r'name="form_state" value="([^"]+)"', response.content.decode())
    assert found
    return found.group(1)


@pytest.fixture
def public_pages(world):
    """Every public page and state a person can reach, as a function of the language."""
    AreaFactory(name="Eastbrook", level=AreaLevel.DISTRICT)  # the area question is asked
    person = PersonFactory(owning_agency=world.agency)
    case = close_case(
        case=CaseFactory(person=person, opened_by=world.caseworker),
        reason="support_completed",
        by=world.caseworker,
    )
    token = actions.give_link_for_case(case=case, by=world.caseworker).token
    entry = panel.add_log_entry(
        agency=world.council,
        by=world.commissioner,
        raised_through="panel",
        you_said="The first call came too late.",
        response="The front door now calls back within a day.",
        owner="Front door manager",
        what_changed="Call-backs within one working day.",
        raised_on=dt.date(2026, 5, 1),
    )
    panel.publish_log_entry(entry=entry, by=world.commissioner)

    def pages(client, code: str) -> dict:
        p = _prefix(code)
        found = {
            "start": client.get(f"{p}/"),
            "staying safe online": client.get(f"{p}/staying-safe-online/"),
            "before you start": client.get(f"{p}/contact-us/"),
            "who is it about": client.get(f"{p}/contact-us/form/"),
            "who is it about, unanswered": client.post(f"{p}/contact-us/form/", {}),
            "who is it about, expired": client.post(
                f"{p}/contact-us/form/", {"form_state": "changed"}
            ),
        }
        details = client.post(f"{p}/contact-us/form/", {"source": "self"})
        found["self-referral"] = details
        state = _state(details)
        found["self-referral, with problems"] = client.post(
            f"{p}/contact-us/form/",
            {
                "form_state": state,
                "given_name": "",
                "safe_to_call": "yes",
                "safe_to_email": "yes",
                "approximate_age": "many",
                "children_in_household": "no",
                "children_count": "2",
                "postcode": "nowhere",
                "interpreter_needed": "yes",
            },
        )
        found["feedback"] = client.get(f"{p}/feedback/{token}/")
        found["feedback, unanswered"] = client.post(f"{p}/feedback/{token}/", {})
        found["feedback link not usable"] = client.get(f"{p}/feedback/not-a-link/")
        found["you said, we did"] = client.get(f"{p}/you-said-we-did/")
        return found

    return pages


def _allowed(world) -> set[str]:
    """Words that stay the same in every language: names of places and of the service."""
    names = {settings.SERVICE_NAME, *Area.objects.values_list("name", flat=True)}
    names |= {name for _code, name in settings.LANGUAGES}
    for said, did in LogEntry.objects.values_list("you_said", "what_changed"):
        names |= {said, did}  # the board's own words, shown as written (marked lang="en-gb")
    return names


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_public_page_is_left_in_english(code, public_pages, world, client):
    english = {name: _read(r) for name, r in public_pages(client, settings.LANGUAGE_CODE).items()}
    translated = public_pages(client, code)
    allowed = _allowed(world)
    left = {}
    for name, response in translated.items():
        assert response.status_code in (200, 410), f"{name}: {response.status_code}"
        page = _read(response)
        assert page.html_attrs.get("lang") == code, name
        expected_dir = "rtl" if code in RIGHT_TO_LEFT else "ltr"
        assert page.html_attrs.get("dir") == expected_dir, name
        same = set(page.pieces) & set(english[name].pieces)
        same -= SAME_AS_ENGLISH.get(code, set())
        untranslated = sorted(p for p in same if _words(p) and p not in allowed)
        if untranslated:
            left[name] = untranslated
    assert not left, f"left in English in {code}: {left}"


def test_the_english_pages_really_are_compared(public_pages, world, client):
    """The check above finds English text when there is some (a guard against a check that
    could never fail): the English pages read as English pages."""
    pages = public_pages(client, settings.LANGUAGE_CODE)
    start = _read(pages["start"])
    assert "Get support" in start.pieces
    assert start.html_attrs == {"lang": "en-gb", "dir": "ltr", "class": "govuk-template"}
    problems_page = " ".join(_read(pages["self-referral, with problems"]).pieces)
    assert "Enter a phone number, or say it is not safe to email" not in problems_page
    assert "Enter your first name, or a name we can use" in problems_page


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_catalogue_entry_is_translated_with_its_placeholders(code):
    po = polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))
    assert len(po) > 150
    assert problems(po) == []
    assert "review" in po.header  # marked as a draft until a fluent speaker signs it off


def test_the_compiled_catalogues_are_there():
    for code in LANGUAGES:
        compiled = LOCALE / code / "LC_MESSAGES" / "django.mo"
        assert compiled.exists(), f"run `make install` to compile {code}"


def test_the_language_comes_from_the_address_only(client, world):
    """No cookie and no browser setting picks the language; the address does."""
    page = client.get("/contact-us/", HTTP_ACCEPT_LANGUAGE="pl")
    assert _read(page).html_attrs["lang"] == "en-gb"
    client.cookies["django_language"] = "ar"
    page = client.get("/contact-us/")
    assert _read(page).html_attrs["lang"] == "en-gb"
    page = client.get("/pl/contact-us/")
    assert _read(page).html_attrs["lang"] == "pl"
    assert "django_language" not in page.cookies
    assert set(page.cookies) <= {"csrftoken"}


def test_the_switcher_links_the_same_page_in_each_language(client, world):
    html = client.get("/ar/contact-us/form/").content.decode()
    assert 'href="/contact-us/form/" lang="en-gb"' in html
    assert 'href="/pl/contact-us/form/" lang="pl"' in html
    assert 'href="/ur/contact-us/form/" lang="ur"' in html
    assert 'action="/ar/contact-us/form/"' in html  # the form keeps its language


def test_staff_pages_stay_in_english(client, world):
    from tests.conftest import sign_in

    page = sign_in(client, world.caseworker).get("/home/", HTTP_ACCEPT_LANGUAGE="ar")
    assert _read(page).html_attrs["lang"] == "en-gb"


def test_exit_this_page_works_in_every_language(client, world):
    for code in LANGUAGES:
        response = client.get(f"/{code}/exit/")
        assert response.status_code == 302
        assert response["Location"] == settings.EXIT_URL


@pytest.mark.parametrize(("prefix", "kept"), [("/ar", "ar"), ("/ur", "ur"), ("", "")])
def test_staff_see_the_language_a_referral_came_in(prefix, kept, client, world):
    from onestory.accounts.roles import RoleName
    from onestory.intake.models import Referral
    from tests.conftest import sign_in
    from tests.factories import UserFactory

    details = client.post(f"{prefix}/contact-us/form/", {"source": "self"})
    sent = client.post(
        f"{prefix}/contact-us/form/",
        {
            "form_state": _state(details),
            "given_name": "Amina",
            "phone": "07700 900123",
            "safe_to_call": "yes",
        },
    )
    assert sent.status_code == 200
    referral = Referral.objects.get()
    assert referral.form_language == kept
    handler = UserFactory(
        username="front_door_handler", agency=world.central, role=RoleName.CALL_HANDLER
    )
    page = sign_in(client.__class__(), handler).get(f"/front-door/referrals/{referral.pk}/")
    html = page.content.decode()
    if kept == "ar":
        assert "Form filled in" in html
        assert "Arabic (العربية)" in html
    elif kept == "":
        assert "Form filled in" not in html
