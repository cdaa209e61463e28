"""A caseworker finds a person already known, from a nickname and a muddled date of birth."""

from datetime import date

from playwright.sync_api import Page, expect

from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.people import actions
from onestory.people.models import AddressKind, Involvement
from tests.browser.signing_in import sign_in
from tests.factories import AgencyFactory, UserFactory


def test_a_caseworker_finds_a_person_and_opens_their_record(page: Page):
    agency = AgencyFactory(name="Northshire Outreach", kind=AgencyKind.COMMUNITY_OUTREACH)
    worker = UserFactory(username="casey", agency=agency, role=RoleName.CASEWORKER)
    known = actions.create_person(
        by=worker,
        owning_agency=agency,
        given_name="Elizabeth",
        family_name="Carter-Lowe",
        date_of_birth=date(1986, 7, 4),
        involvement=Involvement.VICTIM,
    )
    actions.record_address(
        by=worker, person=known, kind=AddressKind.REFUGE, line_1="2 Hidden Way", postcode="NE7 7AA"
    )
    sign_in(page, "casey")

    page.get_by_role("link", name="Find a person").click()
    expect(page).to_have_title("Find a person – OneStory")
    page.get_by_label("Name").fill("Liz Lowe")
    page.get_by_label("Date of birth (optional)").fill("7/4/1986")
    page.get_by_role("button", name="Search").click()

    expect(page.get_by_role("heading", name="1 possible match")).to_be_visible()
    results = page.get_by_role("table")
    expect(results).to_contain_text("Liz is a short form of Elizabeth")
    expect(results).to_contain_text("Date of birth matches with day and month swapped")
    expect(results).not_to_contain_text("Hidden Way")

    page.get_by_role("link", name="Elizabeth Carter-Lowe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Elizabeth Carter-Lowe")
    expect(page.get_by_text("Secret: never share or print")).to_be_visible()


def test_a_search_with_a_bad_date_explains_the_problem(page: Page):
    agency = AgencyFactory(name="Northshire Outreach", kind=AgencyKind.COMMUNITY_OUTREACH)
    UserFactory(username="casey", agency=agency, role=RoleName.CASEWORKER)
    sign_in(page, "casey")
    page.goto("/people/search/")
    page.get_by_label("Name").fill("Liz Lowe")
    page.get_by_label("Date of birth (optional)").fill("31/2/1986")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_title("Error: Find a person – OneStory")
    expect(page.get_by_role("alert")).to_contain_text("The date of birth must be a real date")


def test_a_manager_merges_two_records_after_checking_both(page: Page):
    agency = AgencyFactory(name="Northshire Outreach", kind=AgencyKind.COMMUNITY_OUTREACH)
    manager = UserFactory(username="morgan", agency=agency, role=RoleName.TEAM_MANAGER)
    kept = actions.create_person(
        by=manager, owning_agency=agency, given_name="Robert", family_name="Nash"
    )
    duplicate = actions.create_person(
        by=manager,
        owning_agency=agency,
        given_name="Bob",
        family_name="Nash",
        date_of_birth=date(1971, 3, 9),
    )
    sign_in(page, "morgan")
    page.goto(f"/people/{kept.pk}/details/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Change details")
    page.goto(f"/people/{kept.pk}/")
    page.get_by_role("button", name="Merge with another record").click()
    page.get_by_label("Reference number of the other record").fill(str(duplicate.pk))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check and merge two records")
    page.get_by_label(f"Robert Nash, reference {kept.pk}").check()
    page.get_by_label("Why are these the same person?").fill("Same date of birth and GP.")
    page.get_by_label("Type MERGE to confirm").fill("MERGE")
    page.get_by_role("button", name="Merge the records").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Robert Nash")
    expect(page.get_by_text(f"Person {duplicate.pk} was merged into this record")).to_be_visible()
