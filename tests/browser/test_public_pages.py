"""The public start page, "Exit this page", and signing in, in a real browser."""

from playwright.sync_api import Page, expect

from onestory.accounts.roles import RoleName
from tests.factories import AgencyFactory, UserFactory, totp_code

PASSWORD = "a long test password"  # what UserFactory sets


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
