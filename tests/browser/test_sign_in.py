"""Signing in with a password and an authenticator app code, in a real browser."""

from base64 import b32decode

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from onestory.accounts.roles import RoleName
from tests.browser.signing_in import enter_password, sign_in
from tests.factories import AgencyFactory, UserFactory, totp_code


@pytest.fixture
def agency():
    return AgencyFactory(name="Northshire Outreach")


def test_a_manager_signs_in_and_sees_staff_accounts(page: Page, agency):
    UserFactory(username="manager", agency=agency, role=RoleName.TEAM_MANAGER)
    sign_in(page, "manager")
    menu = page.get_by_role("navigation", name="Menu")
    expect(menu.get_by_role("link", name="Staff accounts")).to_be_visible()


def test_a_caseworker_signs_in_without_staff_accounts(page: Page, agency):
    UserFactory(username="caseworker", agency=agency, role=RoleName.CASEWORKER)
    sign_in(page, "caseworker")
    menu = page.get_by_role("navigation", name="Menu")
    expect(menu.get_by_role("link", name="Home")).to_be_visible()
    expect(menu.get_by_role("link", name="Staff accounts")).to_have_count(0)


def test_it_explains_a_wrong_code(page: Page, agency):
    UserFactory(username="caseworker", agency=agency, role=RoleName.CASEWORKER)
    enter_password(page, "caseworker")
    page.get_by_label("Code from your authenticator app").fill("12345")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title("Error: Enter your two-step verification code – OneStory")
    expect(page.get_by_role("alert")).to_contain_text("The code must be 6 digits")


def test_a_new_member_of_staff_sets_up_an_authenticator_app(page: Page, agency):
    newcomer = UserFactory(username="newcomer", agency=agency, role=RoleName.CASEWORKER)
    TOTPDevice.objects.filter(user=newcomer).delete()
    enter_password(page, "newcomer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-step verification")
    expect(
        page.get_by_role("img", name="QR code to scan with your authenticator app")
    ).to_be_visible()
    page.get_by_text("I cannot scan the QR code").click()
    key = page.locator("#setup-key").inner_text().replace(" ", "")
    page.get_by_label("Code from your authenticator app").fill(totp_code(b32decode(key).hex()))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Home")
    expect(page.get_by_text("Two-step verification is set up.")).to_be_visible()


def test_a_manager_adds_an_account(page: Page, agency):
    UserFactory(username="manager", agency=agency, role=RoleName.TEAM_MANAGER)
    sign_in(page, "manager")
    page.get_by_role("link", name="Staff accounts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff accounts")
    page.get_by_role("button", name="Add an account").click()
    page.get_by_label("Username").fill("robin")
    page.get_by_label("First name").fill("Robin")
    page.get_by_label("Last name").fill("Ashworth")
    page.get_by_label("Work email address").fill("robin@outreach.example")
    page.get_by_label("Job title").fill("Outreach worker")
    page.get_by_label("Caseworker").check()
    page.get_by_label("Temporary password").fill("violet harbour lantern 42")
    page.get_by_role("button", name="Add account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Robin Ashworth")
    page.get_by_role("link", name="Back to staff accounts").click()
    expect(page.get_by_role("cell", name="robin", exact=True)).to_be_visible()


def test_a_forgotten_password_is_reset_through_an_emailed_link(page: Page, agency):
    import re

    from django.core import mail

    UserFactory(
        username="forgetful",
        agency=agency,
        role=RoleName.CASEWORKER,
        email="forgetful@outreach.example.org",
    )
    page.goto("/account/sign-in/")
    page.get_by_role("link", name="I have forgotten my password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset your password")
    page.get_by_label("Your work email address").fill("forgetful@outreach.example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set a new password")
    page.get_by_label("New password", exact=True).fill("a brand new long password 2026")
    page.get_by_label("Enter the new password again").fill("a brand new long password 2026")
    page.get_by_role("button", name="Set the password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your password has been changed")
    # Signing in still needs the authenticator app's code after the new password.
    page.get_by_role("link", name="Sign in", exact=True).click()
    page.get_by_label("Username").fill("forgetful")
    page.get_by_label("Password").fill("a brand new long password 2026")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Enter your two-step verification code"
    )
