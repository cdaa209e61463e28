"""A team manager works through the linkage review queue: reads why the model suggested a
pair, confirms one as the same person, and rejects another, with the keyboard and mouse."""

from datetime import date

from playwright.sync_api import Page, expect

from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.linkage.models import LinkStatus, SourceRecord
from onestory.people import actions
from onestory.people.models import Involvement
from tests.browser.signing_in import sign_in
from tests.factories import AgencyFactory, UserFactory
from tests.integration.linkage.helpers import make_link, untrained_model


def test_a_manager_confirms_one_pair_and_rejects_another(page: Page):
    agency = AgencyFactory(name="Northshire Front Door", kind=AgencyKind.CENTRAL_POINT_OF_CONTACT)
    manager = UserFactory(username="morgan", agency=agency, role=RoleName.TEAM_MANAGER)
    sarah = actions.create_person(
        by=manager,
        owning_agency=agency,
        given_name="Sarah",
        family_name="Jones",
        date_of_birth=date(1990, 3, 4),
        involvement=Involvement.VICTIM,
    )
    untrained_model(agency)
    confirm = make_link(agency, person=sarah, left="P1")
    reject = make_link(agency, left="H3", right="H4")

    sign_in(page, "morgan")
    page.get_by_role("link", name="Possible links").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Possible links to review")
    expect(page.get_by_role("table")).to_contain_text("OneStory record")

    page.get_by_role("link", name="See what the model weighs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The linkage model")
    expect(page.get_by_role("table", name="Date of birth")).to_contain_text("Day and month swapped")
    page.get_by_role("link", name="Back to the pairs to review").click()

    page.locator(f'a[href="/linkage/pairs/{confirm.pk}/"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Are these the same person?")
    expect(page.get_by_role("table", name="Why the model suggested them")).to_contain_text(
        "Date of birth"
    )
    # Saving with no answer says what to do.
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Select whether these records are the same person"
    )
    page.get_by_label("Yes, they are the same person: link them").check()
    page.get_by_label("Why (optional)").fill("Same date of birth and phone; checked with police.")
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text("Linked: the records are now one person.")).to_be_visible()

    page.locator(f'a[href="/linkage/pairs/{reject.pk}/"]').click()
    page.get_by_label("No, they are different people: never suggest this pair again").press("Space")
    page.get_by_role("button", name="Save decision").press("Enter")
    expect(page.get_by_text("There are no pairs waiting for a decision.")).to_be_visible()
    page.get_by_role("link", name="See what the confirmed links found").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What linking found")

    confirm.refresh_from_db()
    reject.refresh_from_db()
    assert (confirm.status, reject.status) == (LinkStatus.CONFIRMED, LinkStatus.REJECTED)
    assert SourceRecord.objects.get(record_id="P1").person == sarah


def test_a_caseworker_sees_the_records_linked_to_her_and_who_decided(page: Page):
    from onestory.linkage import actions as linkage_actions

    agency = AgencyFactory(name="Northshire Front Door", kind=AgencyKind.CENTRAL_POINT_OF_CONTACT)
    manager = UserFactory(username="morgan", agency=agency, role=RoleName.TEAM_MANAGER)
    UserFactory(username="casey", agency=agency, role=RoleName.CASEWORKER)
    sarah = actions.create_person(
        by=manager,
        owning_agency=agency,
        given_name="Sarah",
        family_name="Jones",
        date_of_birth=date(1990, 3, 4),
        involvement=Involvement.VICTIM,
    )
    untrained_model(agency)
    linkage_actions.confirm_link(
        link=make_link(agency, person=sarah, left="P1"), by=manager, reason="Same phone"
    )
    linkage_actions.reject_link(link=make_link(agency, left="P1", right="H2"), by=manager)

    sign_in(page, "casey")
    page.goto(f"/people/{sarah.pk}/")
    page.get_by_role("link", name="Agency records linked to them").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agency records linked to them")
    table = page.get_by_role("table", name="1 linked record")
    expect(table).to_contain_text("record P1")
    expect(table).to_contain_text("Confirmed by")
    expect(page.get_by_role("list").filter(has_text="Rejected:")).to_contain_text("record H2")
    page.get_by_role("link", name="Back to Sarah Jones").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sarah Jones")
