"""A caseworker walks a case from opening to closure, with outcomes at intake and exit."""

from datetime import date

from django.utils import timezone
from playwright.sync_api import Page, expect

from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.cases.models import Case
from onestory.people import actions
from onestory.people.models import Involvement
from tests.browser.dates import fill_date
from tests.browser.signing_in import sign_in
from tests.factories import AgencyFactory, UserFactory


def choose(page: Page, group: str, option: str) -> None:
    page.get_by_role("group", name=group).get_by_label(option, exact=True).check()


def test_a_caseworker_walks_a_case_from_opening_to_closure(page: Page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agency = AgencyFactory(name="Northshire Outreach", kind=AgencyKind.COMMUNITY_OUTREACH)
    worker = UserFactory(
        username="casey",
        first_name="Casey",
        last_name="Quinn",
        agency=agency,
        role=RoleName.CASEWORKER,
    )
    person = actions.create_person(
        by=worker,
        owning_agency=agency,
        given_name="Dawn",
        family_name="Ashby",
        date_of_birth=date(1988, 2, 14),
        involvement=Involvement.VICTIM,
    )
    sign_in(page, "casey")

    # Open the case from the person's record.
    page.goto(f"/people/{person.pk}/")
    page.get_by_role("link", name="Cases", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cases")
    page.get_by_role("link", name="Open a case").click()
    expect(
        page.get_by_role("group", name="The person is").get_by_label("Victim or survivor")
    ).to_be_checked()
    page.get_by_label("What the person wants help with").fill("Help to stay at home safely.")
    page.get_by_role("button", name="Open the case").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dawn Ashby")
    expect(page.get_by_text("Not yet tried")).to_be_visible()
    case = Case.objects.get(person=person)

    # Her ratings at intake.
    page.get_by_role("link", name="Record outcomes").click()
    expect(
        page.get_by_role("group", name="When were these ratings given?").get_by_label("At intake")
    ).to_be_checked()
    page.get_by_label("Feels safer and is safer").select_option("1")
    page.get_by_label("Resilience, self-esteem and confidence").select_option("2")
    page.get_by_label("Physical abuse").select_option("happening")
    page.get_by_role("button", name="Save the outcomes").click()
    expect(page.get_by_text("Outcomes recorded")).to_be_visible()

    # An attempt, then contact.
    page.get_by_role("link", name="Add a note").first.click()
    choose(page, "Kind of note", "Attempted contact")
    choose(page, "How, for a contact or an attempted contact", "Phone call")
    page.get_by_label("Note", exact=True).fill("No answer at the safe time. No voicemail.")
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_text("Note saved")).to_be_visible()

    page.get_by_role("link", name="Add a note").first.click()
    choose(page, "Kind of note", "Contact with the person")
    choose(page, "How, for a contact or an attempted contact", "Phone call")
    page.get_by_label("Note", exact=True).fill("She has moved to 4 Rose Court with her sister.")
    page.get_by_role("button", name="Save the note").click()
    # The address-in-note warning, with the address form offered instead.
    expect(page).to_have_title("Error: Add a note – OneStory")
    expect(page.get_by_text("This note looks as if it holds an address").first).to_be_visible()
    expect(
        page.get_by_role("link", name="record their new address on the address form")
    ).to_be_visible()
    page.get_by_label("Note", exact=True).fill(
        "Spoke at last. She is staying with her sister for now."
    )
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_text("Note saved")).to_be_visible()
    expect(page.get_by_text("Active", exact=True)).to_be_visible()
    expect(page.get_by_text("after 1 attempt")).to_be_visible()

    # Needs, then a goal with an action; an action without an owner is refused.
    page.get_by_role("link", name="Assess their needs").click()
    page.get_by_label("Mental health").select_option("high")
    page.get_by_label("Physical safety at home").select_option("medium")
    page.get_by_role("button", name="Save the needs assessment").click()
    expect(page.get_by_text("Needs assessment saved")).to_be_visible()

    page.get_by_role("link", name="Add a goal").click()
    page.get_by_label("The goal, in the person's words where you can").fill(
        "Feel safe sleeping at home"
    )
    fill_date(page, "Date agreed with the person", timezone.localdate())
    page.get_by_role("button", name="Add the goal").click()
    page.get_by_role("link", name="Add an action to goal 1").click()
    page.get_by_label("What will be done").fill("Ask the council for new locks")
    fill_date(page, "Due by", timezone.localdate())
    page.get_by_role("button", name="Add the action").click()
    expect(page).to_have_title("Error: Add an action – OneStory")
    expect(page.get_by_role("alert")).to_contain_text("Say who will do this")
    page.get_by_label("Who will do it").select_option(label="Casey Quinn")
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_text("Action added to the support plan")).to_be_visible()
    page.get_by_role("link", name="Mark as done").click()
    page.get_by_role("button", name="Mark as done").click()
    expect(page.get_by_text("Action marked as done")).to_be_visible()

    # Her ratings at exit, then closing: first without a reason, which is refused.
    page.get_by_role("link", name="Record outcomes").click()
    choose(page, "When were these ratings given?", "At exit")
    page.get_by_label("Feels safer and is safer").select_option("4")
    page.get_by_label("Resilience, self-esteem and confidence").select_option("4")
    page.get_by_label("Physical abuse").select_option("stopped")
    page.get_by_role("button", name="Save the outcomes").click()
    expect(page.get_by_text("Better by 3")).to_be_visible()
    expect(page.get_by_text("Better by 2")).to_be_visible()

    page.get_by_role("link", name="Close the case").click()
    page.get_by_role("button", name="Close the case").click()
    expect(page).to_have_title("Error: Close the case – OneStory")
    expect(page.get_by_role("alert")).to_contain_text("Select why the case is closing")
    choose(page, "Why is the case closing?", "Support completed")
    page.get_by_role("button", name="Close the case").click()
    expect(page.get_by_text(f"Case {case.pk} closed")).to_be_visible()
    expect(page.locator("strong.govuk-tag", has_text="Closed")).to_be_visible()
    abuse = page.get_by_role("row", name="Physical abuse")
    expect(abuse).to_contain_text("Still happening")
    expect(abuse).to_contain_text("Stopped")

    # The story on her timeline.
    page.get_by_role("link", name="Their timeline").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Timeline")
    expect(page.get_by_role("heading", name="Case closed: Northshire Outreach")).to_be_visible()
    expect(page.get_by_role("heading", name="Case opened: Northshire Outreach")).to_be_visible()
    case.refresh_from_db()
    assert case.closure_reason == "support_completed"
    assert case.outcomes.count() == 2


def test_a_manager_uses_the_other_case_pages(page: Page, settings, tmp_path):
    """The safety plan, documents, caseloads, workers and figures, each checked by axe."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from onestory.cases import actions as case_actions

    settings.MEDIA_ROOT = tmp_path
    agency = AgencyFactory(name="Northshire Outreach", kind=AgencyKind.COMMUNITY_OUTREACH)
    UserFactory(
        username="morgan",
        first_name="Morgan",
        last_name="Lee",
        agency=agency,
        role=RoleName.TEAM_MANAGER,
    )
    worker = UserFactory(
        username="casey",
        first_name="Casey",
        last_name="Quinn",
        agency=agency,
        role=RoleName.CASEWORKER,
    )
    person = actions.create_person(
        by=worker,
        owning_agency=agency,
        given_name="Erin",
        family_name="Holt",
        involvement=Involvement.VICTIM,
    )
    case = case_actions.open_case(person=person, agency=agency, lead_worker=worker, by=worker)
    goal = case_actions.add_goal(
        case=case, description="Safe at home", agreed_on=timezone.localdate(), by=worker
    )
    case_actions.add_plan_action(
        goal=goal,
        description="Ask for locks",
        owner_worker=worker,
        due_on=timezone.localdate(),
        by=worker,
    )
    case_actions.attach_document(
        case=case,
        title="Court order",
        upload=SimpleUploadedFile("order.pdf", b"%PDF-1.4\n%%EOF\n"),
        by=worker,
    )
    sign_in(page, "morgan")

    page.get_by_role("link", name="Team caseload").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Team caseload")
    page.get_by_label("Worker").select_option(label="Casey Quinn")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("1 open case for Casey Quinn")).to_be_visible()
    page.get_by_role("link", name="Erin Holt").click()

    page.get_by_role("link", name="Change who works on the case").click()
    page.get_by_role("group", name="Other workers").get_by_label("Morgan Lee").check()
    page.get_by_role("button", name="Save workers").click()
    expect(page.get_by_text("Also: Morgan Lee")).to_be_visible()

    page.get_by_role("link", name="Update goal 1").click()
    page.get_by_role("group", name="How does the goal stand?").get_by_label("Achieved").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Goal 1: achieved")).to_be_visible()

    page.get_by_role("link", name="Safety plan").click()
    page.get_by_role("link", name="Write the safety plan").click()
    page.get_by_label("Code word").fill("Bluebell")
    page.get_by_role("button", name="Save the safety plan").click()
    expect(page.get_by_text("Bluebell")).to_be_visible()
    page.get_by_role("link", name="Record something they have asked for").click()
    page.get_by_role("group", name="What is needed").get_by_label("Fireproof letterbox").check()
    page.get_by_role("button", name="Record the request").click()
    page.get_by_role("link", name="Record as fitted").click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Fireproof letterbox: recorded as fitted")).to_be_visible()
    page.get_by_role("link", name="Back to the case").click()

    page.get_by_role("link", name="Attach a document").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Attach a document")
    page.goto(f"/cases/{case.pk}/notes/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Notes")
    page.get_by_role("link", name="My caseload").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")
    page.goto("/cases/outcomes/")  # figures are reached from the home page
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcomes: from intake to exit")
