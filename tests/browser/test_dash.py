"""A caseworker completes a DASH assessment using only the keyboard."""

from playwright.sync_api import Page, expect

from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.risk.models import RiskAssessment
from tests.browser.signing_in import sign_in
from tests.factories import AgencyFactory, PersonFactory, UserFactory


def test_a_caseworker_completes_a_dash_with_the_keyboard(page: Page):
    agency = AgencyFactory(name="Northshire Outreach", kind=AgencyKind.COMMUNITY_OUTREACH)
    UserFactory(username="casey", agency=agency, role=RoleName.CASEWORKER)
    person = PersonFactory(owning_agency=agency, given_name="Dawn", family_name="Ashby")
    sign_in(page, "casey")
    page.goto(f"/risk/persons/{person.pk}/dash/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("DASH risk assessment")

    # Walk every question with Tab and the arrow keys: in a question's radios, Space picks
    # "Yes" and Down moves to "No"; Tab then reaches the question's "Add details" toggle,
    # and Tab again the next question's radios.
    page.get_by_role("group", name="1. Has the current incident").get_by_label("Yes").focus()
    for number in range(1, 25):
        if number > 1:
            page.keyboard.press("Tab")
        page.keyboard.press("ArrowDown" if number > 14 else "Space")
        page.keyboard.press("Tab")
    # Open the last "Add details" toggle and type into it.
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type("Threatened with a knife in the kitchen.")

    expect(page.get_by_role("group", name="1. Has the current incident")).to_be_visible()
    page.get_by_role("button", name="Save assessment").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("DASH risk assessment")
    expect(page.get_by_text("14 of 24 questions answered yes")).to_be_visible()
    expect(page.get_by_text("Visible high risk")).to_be_visible()
    assessment = RiskAssessment.objects.get(person=person)
    assert assessment.yes_count == 14
    assert assessment.risk_level == "high"
    assert assessment.answers.get(question=24).detail == "Threatened with a knife in the kitchen."
