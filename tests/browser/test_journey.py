"""The story told once, end to end: a survivor's online self-referral, triage at the front
door, a DASH, an onward referral to the IDVA service, the IDVA's case and MARAC referral,
the MARAC meeting and its minutes, and an Operation Encompass notice read and acknowledged
by the child's school. The public use the keyboard alone; axe checks every page."""

from datetime import date, timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Page, expect

from onestory.accounts.models import AgencyKind, AreaLevel
from onestory.accounts.roles import RoleName
from onestory.cases.models import Case
from onestory.encompass.models import EncompassNotice
from onestory.intake.models import Referral
from onestory.marac.models import MaracAction, MaracReferral
from onestory.people.models import Person, Relationship
from onestory.referrals.models import OnwardReferral
from tests.browser.dates import fill_date
from tests.browser.signing_in import sign_in
from tests.browser.test_self_referral import tab_to, type_into
from tests.factories import (
    AgencyFactory,
    AreaFactory,
    MaracFactory,
    MeetingFactory,
    SchoolFactory,
    ServiceFactory,
    UserFactory,
)

STORY = "He put his hands round my neck on Friday and said he would kill me if I left."


def _partnership():
    county = AreaFactory(code="E10000900", name="Northshire", level=AreaLevel.LOCAL_AUTHORITY)
    front_door = AgencyFactory(
        name="Northshire Front Door", kind=AgencyKind.CENTRAL_POINT_OF_CONTACT
    )
    idva_agency = AgencyFactory(name="Northshire IDVA Service", kind=AgencyKind.IDVA_SERVICE)
    police = AgencyFactory(name="Northshire Police", kind=AgencyKind.POLICE)
    academy = AgencyFactory(name="Millbrook Academy", kind=AgencyKind.EDUCATION)
    people = {
        "dee": (front_door, RoleName.CALL_HANDLER, "Dee", "Handler"),
        "aisha": (idva_agency, RoleName.CASEWORKER, "Aisha", "Rahman"),
        "coordinator": (front_door, RoleName.MARAC_COORDINATOR, "Cora", "Ward"),
        "chair": (front_door, RoleName.MARAC_COORDINATOR, "Chris", "Hale"),
        "pc_rep": (police, RoleName.MARAC_REPRESENTATIVE, "Omar", "Khan"),
        # A colleague at the police hub: an account signs in once a test (one-use codes).
        "pc_hub": (police, RoleName.CALL_HANDLER, "Hana", "Okoro"),
        "dsl": (academy, RoleName.SCHOOL_SAFEGUARDING_LEAD, "Daniel", "Oyelaran"),
    }
    for username, (agency, role, first, last) in people.items():
        UserFactory(username=username, agency=agency, role=role, first_name=first, last_name=last)
    idva = ServiceFactory(
        name="Independent Domestic Violence Advisors",
        kind="idva",
        agency=idva_agency,
        risk_levels=["high"],
        minimum_age=16,
    )
    idva.areas.set([county])
    school = SchoolFactory(name="Millbrook Academy", agency=academy)
    school.locations.create(name="Millbrook Academy", address="Mill Lane", town="Harrowmere")
    marac = MaracFactory(
        name="Northshire MARAC", coordinating_agency=front_door, members=[idva_agency, police]
    )
    meeting = MeetingFactory(marac=marac, meets_on=timezone.localdate(), venue="Room 4")
    return marac, meeting


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def _waiting(page: Page, queue: str):
    """The link of one queue under "Your work waiting" on the home page."""
    return page.locator("#work-waiting .govuk-summary-list__row", has_text=queue).get_by_role(
        "link"
    )


def _self_referral(page: Page) -> None:
    """The survivor, with the keyboard alone."""
    page.goto("/")
    tab_to(page, page.get_by_role("button", name="Get in touch online"))
    page.keyboard.press("Enter")
    expect(page).to_have_title("Before you start – OneStory")
    tab_to(page, page.get_by_role("button", name="Continue"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_label("I need help for myself"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Continue"))
    page.keyboard.press("Enter")

    expect(page).to_have_title("Your details – OneStory")
    type_into(page, page.get_by_label("Your first name, or a name you would like us to use"), "Jo")
    type_into(page, page.get_by_label("Your last name (optional)"), "Ashby")
    type_into(page, page.get_by_label("Day"), "27")
    page.keyboard.press("Tab")
    page.keyboard.type("3")
    page.keyboard.press("Tab")
    page.keyboard.type("1985")
    area = page.get_by_label("Which area do you live in? (optional)")
    tab_to(page, area)
    area.select_option(label="Northshire")
    type_into(page, page.get_by_label("Tell us what is happening"), STORY)
    type_into(page, page.get_by_label("Phone number (optional)"), "07700 900123")
    safe_to_call = page.get_by_role("group", name="Is it safe for us to call this number?")
    tab_to(page, safe_to_call.get_by_label("Yes"))
    page.keyboard.press("Space")
    voicemail = page.get_by_role("group", name="Can we leave a voicemail?")
    tab_to(page, voicemail.get_by_label("Yes"))
    page.keyboard.press("ArrowDown")
    type_into(page, page.get_by_label("When is it safe for us to contact you?"), "Mornings")
    tab_to(page, page.get_by_label("An independent domestic violence advisor (IDVA)"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Send"))
    page.keyboard.press("Enter")
    expect(page).to_have_title("Sent – OneStory")
    expect(page.get_by_text(STORY)).to_have_count(0)


def _dash(page: Page, person: Person) -> None:
    """Fifteen of the twenty-four questions answered yes: visible high risk."""
    page.goto(f"/people/{person.pk}/")
    page.get_by_role("link", name="Risk history").first.click()
    page.get_by_role("link", name="Start a DASH assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("DASH risk assessment")
    page.get_by_role("group", name="1. Has the current incident").get_by_label("Yes").focus()
    for number in range(1, 25):
        if number > 1:
            page.keyboard.press("Tab")
        page.keyboard.press("ArrowDown" if number > 15 else "Space")
        page.keyboard.press("Tab")
    page.get_by_role("button", name="Save assessment").click()
    expect(page.get_by_text("15 of 24 questions answered yes")).to_be_visible()


def test_the_story_told_once_from_the_public_form_to_the_school(page: Page):
    marac, meeting = _partnership()

    # 1. A survivor refers herself online.
    _self_referral(page)
    referral = Referral.objects.get()
    assert referral.story == STORY

    # 2. The call handler sees it waiting, creates her record from it, and assesses risk.
    sign_in(page, "dee")
    expect(_waiting(page, "Front door referrals")).to_contain_text("1 new")
    _waiting(page, "Front door referrals").click()
    page.get_by_role("link", name=referral.reference).click()
    page.get_by_role("button", name="Find the person or create a record").click()
    page.get_by_label("Create a new person from these details").check()
    page.get_by_role("button", name="Link").click()
    person = Person.objects.get()
    assert (person.given_name, person.family_name) == ("Jo", "Ashby")
    # What she told us is carried over to her record, so no one asks again.
    assert person.date_of_birth == date(1985, 3, 27)
    assert person.contact_methods.filter(value__contains="900123").exists()
    _dash(page, person)

    # 3. She finds the service that fits and refers Jo on.
    page.goto(f"/front-door/referrals/{referral.pk}/")
    page.get_by_role("button", name="Find a service for them").click()
    page.get_by_role("button", name="Refer them to Independent Domestic Violence Advisors").click()
    page.get_by_label("Housing", exact=True).check()
    page.get_by_label("Why are you referring them to this service?").fill(
        "High risk after strangulation and threats to kill; she asked for an IDVA."
    )
    agreed = page.get_by_label("The person agreed to this referral")
    if agreed.count():
        agreed.check()
    page.get_by_role("button", name="Send the referral").click()
    expect(
        page.get_by_text("Referral sent to Independent Domestic Violence Advisors")
    ).to_be_visible()
    _sign_out(page)

    # 4. The IDVA sees it waiting on her home page, accepts it, and the case is opened.
    sign_in(page, "aisha")
    expect(_waiting(page, "Onward referrals received")).to_contain_text(
        "1 waiting for you to accept or decline"
    )
    _waiting(page, "Onward referrals received").click()
    page.get_by_role("link", name="Jo Ashby").click()
    expect(page.get_by_text(STORY)).to_be_visible()
    page.get_by_role("button", name="Accept the referral").click()
    expect(page.get_by_text("Referral accepted: case opened")).to_be_visible()
    page.get_by_role("link", name="Go to Jo Ashby's case").click()
    case = Case.objects.get()
    assert case.person == person
    assert case.onward_referral == OnwardReferral.objects.get()
    expect(page).to_have_url(f"{page.url.split('/cases/')[0]}/cases/{case.pk}/")
    # The needs ticked on the referral are the case's first needs record.
    expect(page.get_by_text("Reported at referral on")).to_be_visible()
    expect(page.locator("li", has_text="Housing")).to_be_visible()

    # 5. She adds the person using harm and Jo's daughter, by name and date of birth.
    page.goto(f"/people/{person.pk}/")
    page.get_by_role("link", name="Add a connection").click()
    page.get_by_label("How are they connected to this person?").select_option(
        label="Were in an intimate relationship"
    )
    page.get_by_label("Their given name").fill("Karl")
    page.get_by_label("Their family name").fill("Ashby")
    fill_date(page, "Their date of birth, if known", date(1984, 6, 2))
    page.get_by_role("button", name="Find them").click()
    page.get_by_label("them as someone new").check()
    page.get_by_role("button", name="Add the connection").click()
    expect(page.get_by_text("Connection added")).to_be_visible()
    born = timezone.localdate() - timedelta(days=8 * 365)
    page.get_by_role("link", name="Add a connection").click()
    page.get_by_label("How are they connected to this person?").select_option(label="Parent of")
    page.get_by_label("Their given name").fill("Lily")
    page.get_by_label("Their family name").fill("Ashby")
    fill_date(page, "Their date of birth, if known", born)
    page.get_by_role("button", name="Find them").click()
    page.get_by_label("them as someone new").check()
    page.get_by_role("button", name="Add the connection").click()
    expect(page.get_by_role("link", name="Karl Ashby")).to_be_visible()
    karl = Person.objects.get(given_name="Karl")
    lily = Person.objects.get(given_name="Lily")
    assert Relationship.objects.filter(person=person, other_person=karl).exists()

    # 6. ... and refers Jo to MARAC.
    page.get_by_role("link", name="MARAC history").click()
    page.get_by_role("link", name="Refer to MARAC").click()
    page.get_by_label("MARAC", exact=True).select_option(label="Northshire MARAC")
    page.get_by_role("group", name="The person or people using harm").get_by_label(
        "Karl Ashby"
    ).check()
    page.get_by_role("group", name="Children in the household").get_by_label("Lily Ashby").check()
    page.get_by_label("What has happened, and why this case needs MARAC").fill(
        "Non-fatal strangulation and threats to kill; he knows where she works."
    )
    page.get_by_role("button", name="Send referral").click()
    expect(page.get_by_text("Referral sent to the MARAC coordinator.")).to_be_visible()
    marac_referral = MaracReferral.objects.get()
    assert marac_referral.referring_agency == case.agency
    assert set(marac_referral.children.all()) == {lily}
    _sign_out(page)

    # 7. The coordinator sees it to check, and lists it for today's meeting.
    sign_in(page, "coordinator")
    expect(_waiting(page, "MARAC referrals")).to_contain_text("1 to check")
    page.get_by_role("link", name="MARAC", exact=True).click()
    page.get_by_role("link", name="Jo Ashby").click()
    expect(page.get_by_text("Visible high risk")).to_be_visible()
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="List for this meeting").click()
    expect(page.get_by_text("Case listed for the meeting")).to_be_visible()
    _sign_out(page)

    # 8. At the meeting: the discussion, an action for the police, and the minutes.
    sign_in(page, "chair")
    page.goto(f"/marac/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Record discussion for item 1").click()
    page.get_by_role("button", name="Mark the meeting as held").click()
    expect(page.get_by_text("Meeting marked as held")).to_be_visible()
    page.get_by_label("What the meeting discussed").fill(
        "Police to tell Lily's school; IDVA to support a non-molestation order."
    )
    page.get_by_role("button", name="Save discussion").click()
    expect(page.get_by_text("Discussion saved")).to_be_visible()
    page.get_by_label("Agency that owns the action").select_option(label="Northshire Police")
    page.get_by_label("What needs to be done").fill("Send an Operation Encompass notice.")
    fill_date(page, "Due by", timezone.localdate() + timedelta(days=1))
    page.get_by_role("button", name="Add action").click()
    expect(page.get_by_text("Action added to the plan.")).to_be_visible()
    assert MaracAction.objects.get().owning_agency.name == "Northshire Police"
    page.get_by_role("link", name="Back to the agenda").click()
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download minutes (PDF)").click()
    assert Path(downloading.value.path()).read_bytes().startswith(b"%PDF-")
    _sign_out(page)

    # 9. The police's MARAC representative sees the action due, and records the notice.
    sign_in(page, "pc_rep")
    expect(_waiting(page, "MARAC actions")).to_contain_text("1 due in the next")
    page.get_by_role("link", name="School notices").click()
    page.get_by_role("button", name="Record a police notification").click()
    page.get_by_label("Name of the victim").fill("Jo Ashby")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Jo Ashby").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a police notification")
    yesterday = timezone.localdate() - timedelta(days=1)
    page.get_by_label("Police reference").fill("NP/007731/26")
    fill_date(page, "Date of the incident", yesterday)
    page.get_by_label("Time of the incident").fill("22:40")
    page.get_by_label("Brief circumstances, written for the school").fill(
        "Police were called to a domestic incident at home last night. Lily was there."
    )
    page.get_by_label("Lily Ashby, born").check()
    school_box = page.get_by_role("combobox", name="Lily Ashby's school")
    school_box.fill("millbrook")
    page.get_by_role("option", name="Millbrook Academy, Harrowmere").click()
    page.get_by_role("button", name="Record notification").click()
    expect(page.get_by_text("1 school notice ready to send.")).to_be_visible()
    page.get_by_role("link", name="Open the notice for Lily Ashby").click()
    page.get_by_role("button", name="Record that it was sent").click()
    page.get_by_label("Secure email").check()
    if not page.get_by_role("group", name="Date sent").get_by_label("Day").input_value():
        fill_date(page, "Date sent", timezone.localdate())
    page.get_by_role("button", name="Record sending").click()
    expect(page.get_by_text("Sending recorded.")).to_be_visible()
    expect(page.get_by_text("Not confirmed yet.")).to_be_visible()
    _sign_out(page)

    # 10. The school's safeguarding lead reads the notice written for the school, and
    # confirms it arrived, which the police then see.
    sign_in(page, "dsl")
    expect(_waiting(page, "School notices")).to_contain_text("1 new for your school")
    _waiting(page, "School notices").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notices for your school")
    page.get_by_role("link", name="Lily Ashby").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A notice for you")
    expect(page.get_by_text("Lily was there.")).to_be_visible()
    expect(page.get_by_text("Omar Khan")).to_be_visible()
    expect(page.get_by_text(STORY)).to_have_count(0)
    page.get_by_role("button", name="Confirm I have this notice").click()
    expect(page.get_by_text("The sender can now see that you have the notice.")).to_be_visible()
    notice = EncompassNotice.objects.get()
    assert notice.acknowledged_by.username == "dsl"
    assert notice.sent_by.username == "pc_rep"
    assert marac_referral.marac == marac
    _sign_out(page)

    # 11. At the police, the notice now shows that the school has it.
    sign_in(page, "pc_hub")
    page.get_by_role("link", name="School notices").click()
    page.get_by_role("link", name="Sent").click()
    expect(page.get_by_role("cell", name="Confirmed")).to_be_visible()
    page.get_by_role("link", name="Lily Ashby").click()
    expect(
        page.get_by_text("Daniel Oyelaran at Millbrook Academy confirmed they have it")
    ).to_be_visible()
