"""The public start page, "Exit this page", and signing in, in a real browser."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from playwright.sync_api import Page, expect

from onestory.accounts.roles import RoleName
from tests.factories import AgencyFactory, UserFactory, totp_code

PASSWORD = "a long test password"  # what UserFactory sets


@pytest.fixture
def neutral_site(settings):
    """A stand-in for the neutral site "Exit this page" leads to, on another loopback origin.

    Tests never reach the internet, so the exit destination is pointed at this server.
    """
    visited: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            visited.append(self.path)
            body = b"<!doctype html><html lang='en'><title>Weather</title><h1>Weather</h1></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EXIT_URL = f"http://127.0.0.1:{server.server_port}/weather"
    yield settings.EXIT_URL, visited
    server.shutdown()
    server.server_close()


def test_it_shows_the_start_page_with_exit_this_page(page: Page):
    page.goto("/")
    expect(page).to_have_title("Get support – OneStory")
    expect(page.get_by_role("heading", level=1)).to_have_text("Get support")
    expect(page.get_by_role("button", name="Emergency Exit this page")).to_be_visible()


def test_it_leaves_the_site_when_exit_this_page_is_pressed(page: Page, neutral_site):
    exit_url, visited = neutral_site
    page.goto("/")
    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(exit_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Weather")
    assert "/weather" in visited


def test_it_leaves_the_site_when_shift_is_pressed_three_times(page: Page, neutral_site):
    exit_url, visited = neutral_site
    page.goto("/staying-safe-online/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Staying safe online")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(exit_url)
    assert "/weather" in visited


def _caseworker() -> None:
    UserFactory(username="caseworker", agency=AgencyFactory(), role=RoleName.CASEWORKER)


def test_it_signs_a_member_of_staff_in_and_out(page: Page):
    _caseworker()
    page.goto("/account/sign-in/")
    page.get_by_label("Username").fill("caseworker")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code from your authenticator app").fill(totp_code())
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Home")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")


def test_it_shows_a_clear_error_for_a_wrong_password(page: Page):
    _caseworker()
    page.goto("/account/sign-in/")
    page.get_by_label("Username").fill("caseworker")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_title("Error: Sign in – OneStory")
    expect(page.get_by_role("alert")).to_contain_text("Enter a correct username and password")
