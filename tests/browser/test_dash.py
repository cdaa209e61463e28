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


def test_an_empty_checklist_is_refused_and_a_decline_is_recorded(page: Page):
    from onestory.intake.actions import link_person
    from tests.factories import ReferralFactory

    front_door = AgencyFactory(
        name="Northshire Front Door", kind=AgencyKind.CENTRAL_POINT_OF_CONTACT
    )
    handler = UserFactory(username="dee", agency=front_door, role=RoleName.CALL_HANDLER)
    person = PersonFactory(owning_agency=front_door, given_name="Dawn", family_name="Ashby")
    referral = ReferralFactory(owning_agency=front_door, given_name="Dawn", family_name="Ashby")
    link_person(referral=referral, person=person, by=handler)
    sign_in(page, "dee")
    page.goto(f"/front-door/referrals/{referral.pk}/")
    page.get_by_role("link", name="Start a DASH risk assessment").click()
    expect(page.get_by_role("link", name=f"Back to referral {referral.reference}")).to_be_visible()

    # Nothing answered: refused, with the way to record a decline instead.
    page.get_by_role("button", name="Save assessment").click()
    expect(page).to_have_title("Error: DASH risk assessment – OneStory")
    expect(page.get_by_role("alert")).to_contain_text("No question was answered yes or no")
    assert not RiskAssessment.objects.exists()

    page.get_by_role("link", name="record that they declined it").click()
    page.get_by_label("Anything to note (optional)").fill("Not ready to talk today.")
    page.get_by_role("button", name="Record that they declined").click()
    expect(page.get_by_text("Recorded that they declined the DASH checklist.")).to_be_visible()
    expect(page.locator(".govuk-tag", has_text="Declined the checklist")).to_be_visible()
    assessment = RiskAssessment.objects.get()
    assert assessment.declined
    assert assessment.referral == referral
    page.get_by_role("link", name="Back to the referral").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(referral.reference)
