"""A call handler takes a referral by phone, finds the person already known, and triages it."""

from datetime import date

from playwright.sync_api import Page, expect

from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.intake.models import Referral
from onestory.people.models import Person
from tests.browser.signing_in import sign_in
from tests.factories import AgencyFactory, PersonFactory, UserFactory


def test_a_call_handler_takes_a_call_finds_the_person_and_triages(page: Page):
    front_door = AgencyFactory(
        name="Northshire Front Door", kind=AgencyKind.CENTRAL_POINT_OF_CONTACT
    )
    UserFactory(
        username="dee",
        first_name="Dee",
        last_name="Handler",
        agency=front_door,
        role=RoleName.CALL_HANDLER,
    )
    known = PersonFactory(
        owning_agency=front_door,
        given_name="Margaret",
        family_name="Hughes",
        date_of_birth=date(1979, 4, 12),
    )
    sign_in(page, "dee")

    page.get_by_role("link", name="Take a referral").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Take a referral")
    page.get_by_label("The person themselves (victim or survivor)").check()
    # As the name is typed, people already known who may be her are listed.
    page.get_by_label("First name, or the name they use").fill("Peggy")
    page.get_by_label("Last name (optional)").fill("Hughes")
    page.get_by_label("Day").fill("12")
    page.get_by_label("Month").fill("4")
    page.get_by_label("Year").fill("1979")
    candidate = page.get_by_label("Margaret Hughes, born 12 April 1979")
    expect(candidate).to_be_visible()
    candidate.check()

    page.get_by_label("What is happening, in their words where you can").fill(
        "Her ex-partner keeps turning up at her work and threatening her."
    )
    page.get_by_role("group", name="How urgent is this?").get_by_label("High").check()
    page.get_by_label("Phone number (optional)").fill("07700 900456")
    page.get_by_role("group", name="Is it safe to call this number?").get_by_label("Yes").check()
    page.get_by_role("group", name="Can a voicemail be left?").get_by_label("No").check()
    page.get_by_label("Community outreach support").check()
    page.get_by_role("button", name="Save referral").click()

    # Linked to someone known, the call's new details are offered for her record.
    referral = Referral.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text("Link to Margaret Hughes")
    expect(page.get_by_text(f"Referral {referral.reference} saved.")).to_be_visible()
    phone = page.get_by_label("Phone: 07700 900456: safe to call yes, voicemail no")
    expect(phone).to_be_checked()
    page.get_by_role("button", name="Link and take the chosen details").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(referral.reference)
    expect(
        page.get_by_text("Referral linked to Margaret Hughes and took 1 new detail")
    ).to_be_visible()
    assert list(known.contact_methods.values_list("value", "safe_to_use")) == [
        ("07700 900456", True)
    ]
    expect(page.get_by_role("link", name="Margaret Hughes", exact=True)).to_be_visible()
    assert referral.person == known
    assert Person.objects.count() == 1

    page.get_by_role("button", name="Take this referral").click()
    expect(page.get_by_text("This referral is assigned to you.")).to_be_visible()

    page.get_by_role("group", name="How was contact made?").get_by_label("Phone call").check()
    page.get_by_role("button", name="Record first contact").click()
    expect(page.get_by_text("First contact recorded.")).to_be_visible()
    expect(page.get_by_text("Contacted in time")).to_be_visible()

    page.get_by_role("group", name="Outcome of triage").get_by_label("Referred on").check()
    page.get_by_label("Reason for this outcome").fill(
        "Wants support to stay safe at work; referred to outreach with her consent."
    )
    page.get_by_role("button", name="Record outcome and close").click()
    expect(page.get_by_text("Outcome recorded and referral closed.")).to_be_visible()

    referral.refresh_from_db()
    assert referral.status == "closed"
    assert referral.outcome == "referred_on"
    assert referral.first_contact_method == "phone"

    page.get_by_role("link", name="Front door", exact=True).click()
    page.get_by_role("link", name="Closed").click()
    expect(page.get_by_role("link", name=referral.reference)).to_be_visible()
