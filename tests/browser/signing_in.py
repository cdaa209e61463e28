"""Signing a test user in through the real pages: password, then the authenticator code."""

from playwright.sync_api import Page, expect

from tests.factories import totp_code

PASSWORD = "a long test password"  # what UserFactory sets


def enter_password(page: Page, username: str) -> None:
    page.goto("/account/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def sign_in(page: Page, username: str) -> None:
    enter_password(page, username)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Enter your two-step verification code"
    )
    page.get_by_label("Code from your authenticator app").fill(totp_code())
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Home")
