"""From triage to an accepted referral: the front door refers a woman at high risk to the IDVA
service, and the IDVA sees her story without asking again, then accepts."""

from datetime import date

from playwright.sync_api import Page, expect

from onestory.accounts.models import AgencyKind, AreaLevel
from onestory.accounts.roles import RoleName
from onestory.referrals.models import OnwardReferral
from onestory.risk.actions import assess_dash
from tests.browser.signing_in import sign_in
from tests.factories import (
    AgencyFactory,
    AreaFactory,
    PersonFactory,
    ReferralFactory,
    ServiceFactory,
    UserFactory,
)

STORY = "He held a knife to my throat on Saturday and said next time he would use it."


def test_from_triage_to_an_accepted_referral_seen_by_the_receiving_worker(page: Page):
    county = AreaFactory(code="E10000900", name="Northshire", level=AreaLevel.LOCAL_AUTHORITY)
    ward = AreaFactory(code="E05901001", name="Harrowmere Castle", parent=county)
    front_door = AgencyFactory(
        name="Northshire Front Door", kind=AgencyKind.CENTRAL_POINT_OF_CONTACT
    )
    idva_agency = AgencyFactory(name="Northshire IDVA Service", kind=AgencyKind.IDVA_SERVICE)
    handler = UserFactory(
        username="dee",
        first_name="Dee",
        last_name="Handler",
        agency=front_door,
        role=RoleName.CALL_HANDLER,
    )
    UserFactory(
        username="aisha",
        first_name="Aisha",
        last_name="Rahman",
        agency=idva_agency,
        role=RoleName.CASEWORKER,
    )
    idva = ServiceFactory(
        name="Independent Domestic Violence Advisors",
        kind="idva",
        agency=idva_agency,
        risk_levels=["high"],
        minimum_age=16,
    )
    idva.areas.set([county])
    person = PersonFactory(
        owning_agency=front_door,
        given_name="Carol",
        family_name="Danvers",
        date_of_birth=date(1986, 7, 3),
        involvement="victim",
        sex="female",
    )
    referral = ReferralFactory(
        owning_agency=front_door,
        person=person,
        given_name="Carol",
        family_name="Danvers",
        area=ward,
        story=STORY,
        consent_idva=True,
    )
    answers = {str(number): "yes" if number <= 15 else "no" for number in range(1, 25)}
    assess_dash(person=person, answers=answers, by=handler)

    # The call handler finds the service that fits, from the referral she is triaging.
    sign_in(page, "dee")
    page.goto(f"/front-door/referrals/{referral.pk}/")
    page.get_by_role("button", name="Find a service for them").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a service")
    expect(page.get_by_text("refer them to MARAC as well")).to_be_visible()
    recommended = page.get_by_text("Recommended: their latest risk assessment is high")
    expect(recommended).to_be_visible()
    page.get_by_role("button", name="Refer them to Independent Domestic Violence Advisors").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Refer to Independent Domestic Violence Advisors"
    )
    expect(page.get_by_text("That agreement will be used for this referral")).to_be_visible()
    expect(page.get_by_text("Not asked about this referral")).to_have_count(0)
    page.get_by_label("Independent domestic violence advisor").first.check()
    page.get_by_label("Housing", exact=True).check()
    page.get_by_label("Why are you referring them to this service?").fill(
        "High risk after threats with a knife; she wants help with a non-molestation order."
    )
    page.get_by_label("The person agreed to this referral").check()
    page.get_by_role("button", name="Send the referral").click()

    expect(
        page.get_by_text("Referral sent to Independent Domestic Violence Advisors")
    ).to_be_visible()
    onward = OnwardReferral.objects.get()
    assert onward.status == "sent"
    referral.refresh_from_db()
    assert referral.outcome == "referred_on"

    # The IDVA sees the referral with the story already told, and accepts it.
    page.context.clear_cookies()
    sign_in(page, "aisha")
    page.goto("/onward-referrals/")
    page.get_by_role("link", name="Carol Danvers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Carol Danvers")
    expect(page.get_by_text(STORY)).to_be_visible()
    expect(page.get_by_text("15 of 24")).to_be_visible()
    page.get_by_role("button", name="Accept the referral").click()

    expect(page.get_by_text("Referral accepted")).to_be_visible()
    expect(page.locator(".govuk-tag", has_text="Accepted")).to_be_visible()
    onward.refresh_from_db()
    assert onward.status == "accepted"
    assert onward.waiting_time is not None

    # The case opened starts with the needs ticked on the referral.
    page.goto(f"/cases/{onward.case.pk}/")
    expect(page.get_by_text("Reported at referral on")).to_be_visible()
    expect(page.locator("li", has_text="Housing")).to_be_visible()


def test_a_caseworker_finds_a_school_and_its_safeguarding_lead_in_the_directory(page: Page):
    from onestory.demo import partnership as demo
    from onestory.directory.importing import load_demo_directory

    with demo.AREAS_FILE.open(encoding="utf-8", newline="") as lines:
        demo.load_areas(lines)
    agencies = demo._load_agencies()
    load_demo_directory()
    UserFactory(username="sam", agency=agencies[demo.OUTREACH], role=RoleName.CASEWORKER)
    sign_in(page, "sam")
    page.goto("/directory/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Services directory")
    page.get_by_label("Kind of support").select_option("school")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Millbrook Academy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Millbrook Academy")
    expect(page.get_by_text("Mr Daniel Oyelaran")).to_be_visible()


def test_an_administrator_adds_a_service_to_the_directory(page: Page):
    council = AgencyFactory(name="Northshire County Council", kind=AgencyKind.COMMISSIONER)
    AreaFactory(code="E10000900", name="Northshire", level=AreaLevel.LOCAL_AUTHORITY)
    UserFactory(username="alex", agency=council, role=RoleName.SYSTEM_ADMINISTRATOR)
    sign_in(page, "alex")
    page.goto("/directory/manage/")
    page.get_by_role("button", name="Add a service").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a service")
    page.get_by_role("button", name="Add the service").click()
    expect(
        page.get_by_text("Choose the organisation that runs it, or name a new one").first
    ).to_be_visible()
    page.get_by_label("Name of the service").fill("Northshire Stalking Advocacy")
    page.get_by_label("Or the name of a new organisation").fill("Safe Steps Trust")
    page.get_by_label("Kind of support").select_option("idva")
    page.get_by_label("High").check()
    page.get_by_label("Northshire").check()
    page.get_by_role("button", name="Add the service").click()
    expect(page.get_by_text("Northshire Stalking Advocacy added to the directory")).to_be_visible()
    page.get_by_role("link", name="Contacts (0)").click()
    page.get_by_label("Name", exact=True).fill("Jo Black")
    page.get_by_label("Email (optional)").fill("jo@safesteps.example")
    page.get_by_role("button", name="Add the contact").click()
    expect(page.get_by_text("Contact added")).to_be_visible()
