"""A place in a refuge: a worker asks two refuges at once; one declines for lack of space and
the other offers a room; the survivor accepts it, which withdraws nothing left open; the
refuge records her arrival and, later, her departure with where she moved on to."""

from datetime import date

from playwright.sync_api import Page, expect

from onestory.accommodation.models import PlacementRequest, Stay
from onestory.accounts.models import AgencyKind, AreaLevel
from onestory.accounts.roles import RoleName
from onestory.people.models import Relationship
from tests.browser.signing_in import sign_in
from tests.factories import (
    AgencyFactory,
    AreaFactory,
    PersonFactory,
    SchemeFactory,
    UnitFactory,
    UserFactory,
)


def _refuge(keys: tuple[str, ...], name: str, town: str, area=None):
    agency = AgencyFactory(name=f"{name} Trust", kind=AgencyKind.SAFE_ACCOMMODATION)
    # A code from an authenticator app is used once, so each sign-in is a different account.
    for key in keys:
        worker = UserFactory(
            username=key, first_name=key.title(), agency=agency, role=RoleName.CASEWORKER
        )
    scheme = SchemeFactory(
        agency=agency,
        name=name,
        town=town,
        area=area,
        address=f"1 Hidden Way, {town}",
        created_by=worker,
    )
    UnitFactory(scheme=scheme, name="Family room", bed_spaces=3, max_children=2)
    return scheme


def _switch(page: Page, username: str) -> None:
    page.context.clear_cookies()
    sign_in(page, username)


def test_a_request_to_two_refuges_ends_in_a_stay_and_a_move_on(page: Page):
    outreach = AgencyFactory(name="Kestrel Outreach", kind=AgencyKind.COMMUNITY_OUTREACH)
    for key in ("nadia", "maya"):
        UserFactory(username=key, first_name=key.title(), agency=outreach, role=RoleName.CASEWORKER)
    county = AreaFactory(code="E10000099", name="Northshire", level=AreaLevel.LOCAL_AUTHORITY)
    district = AreaFactory(code="E07000999", name="Westbury", level="district", parent=county)
    harbour = _refuge(("hannah",), "Harbour House", "Eastmouth")
    _refuge(("olu", "oskar"), "Oak Lodge", "Westbury", area=district)
    survivor = PersonFactory(
        owning_agency=outreach,
        given_name="Marta",
        family_name="Nowak",
        sex="female",
        first_language="Polish",
        involvement="victim",
    )
    daughter = PersonFactory(
        owning_agency=outreach, given_name="Zofia", sex="female", date_of_birth=date(2019, 1, 5)
    )
    Relationship.objects.create(person=survivor, other_person=daughter, kind="parent_of")

    # The outreach worker asks both refuges at once, from what the record already says.
    sign_in(page, "nadia")
    page.goto(f"/people/{survivor.pk}/")
    page.get_by_role("link", name="Ask for a place in safe accommodation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for a place")
    expect(page.get_by_label("Children (optional)")).to_have_value("girl 7")
    page.get_by_label("Harbour House, Eastmouth (refuge)").check()
    page.get_by_label("Oak Lodge, Westbury (refuge)").check()
    page.get_by_label("Where the household is coming from").fill("Northtown")
    page.get_by_label("District they are coming from").select_option(label="Westbury")
    page.get_by_role("button", name="Ask for a place").click()
    expect(page.get_by_text("Places asked for")).to_be_visible()
    placement = PlacementRequest.objects.get()
    assert harbour.address not in page.content()

    # Harbour House has no space.
    _switch(page, "hannah")
    page.goto(f"/accommodation/placements/{placement.pk}/")
    page.get_by_role("link", name="Answer for Harbour House").click()
    page.get_by_label("Decline").check()
    page.get_by_label("Why you cannot take them").select_option("no_space")
    page.get_by_role("button", name="Send the answer").click()
    expect(page.get_by_text("Answer recorded")).to_be_visible()

    # Oak Lodge offers its family room.
    _switch(page, "olu")
    expect(page.get_by_text("1 waiting for an answer from your schemes")).to_be_visible()
    page.goto("/accommodation/placements/")
    expect(page.get_by_role("cell", name="Your answer")).to_be_visible()
    page.get_by_role("link", name=f"Request {placement.pk}").click()
    page.get_by_role("link", name="Answer for Oak Lodge").click()
    page.get_by_label("Offer a unit").check()
    page.get_by_label("Unit offered").select_option(label="Family room")
    page.get_by_role("button", name="Send the answer").click()
    expect(page.get_by_text("Answer recorded")).to_be_visible()

    # Marta accepts the room; a worker at her outreach service records it.
    _switch(page, "maya")
    page.goto(f"/accommodation/placements/{placement.pk}/")
    expect(page.get_by_text("No space")).to_be_visible()
    page.get_by_role("link", name="Record their answer to Oak Lodge").click()
    page.get_by_label("They accept the place").check()
    page.get_by_label("They agree to Oak Lodge Trust seeing who they are").check()
    page.get_by_role("button", name="Record their answer").click()
    expect(page.get_by_text("Their answer is recorded")).to_be_visible()
    expect(page.get_by_text("Place accepted")).to_be_visible()

    # Oak Lodge records her arrival, and later her departure to a social tenancy.
    _switch(page, "oskar")
    page.goto(f"/accommodation/placements/{placement.pk}/")
    page.get_by_role("link", name="Record their arrival at Oak Lodge").click()
    expect(page.get_by_label("Children (optional)")).to_have_value("girl 7")
    page.get_by_role("button", name="Record the arrival").click()
    expect(page.get_by_text("Arrival recorded")).to_be_visible()
    # She agreed to share who she is, so the refuge sees her name; her needs come with her.
    expect(page.locator("dl").first).to_contain_text("Marta Nowak")
    expect(page.get_by_role("heading", name="What the household needs")).to_be_visible()
    expect(page.get_by_text("0 nights so far")).to_be_visible()
    page.get_by_label("Advocacy and safety planning").check()
    page.get_by_label("Children's support").check()
    page.get_by_role("button", name="Save the support").click()
    expect(page.get_by_text("Support saved")).to_be_visible()
    page.get_by_role("link", name="Record their departure").click()
    page.get_by_label("Planned move on").check()
    page.get_by_label("Social rent").check()
    page.get_by_role("button", name="Record the departure").click()
    expect(page.get_by_text("Departure recorded")).to_be_visible()
    expect(page.get_by_text("moved on to social rent")).to_be_visible()

    stay = Stay.objects.get()
    assert stay.move_on == "social_rent"
    assert stay.support_given == ["advocacy", "children"]
    placement.refresh_from_db()
    assert (placement.from_in_area, placement.placed_in_area) == (True, True)
