"""The commissioner builds the year's safe accommodation return: reads it, follows a figure to
what lies behind it, enters what no record knows, marks it checked and downloads the
workbook; then opens the board's quarterly report and downloads it too."""

import io
import re
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from onestory.accommodation.actions import placements, stays
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.marac.quarterly import recent_quarters
from onestory.returns.periods import year_of
from tests.browser.signing_in import sign_in
from tests.factories import (
    AgencyFactory,
    AreaFactory,
    PersonFactory,
    SchemeFactory,
    UnitFactory,
    UserFactory,
)


def _a_household_in_a_refuge() -> None:
    outreach = AgencyFactory(name="Kestrel Outreach", kind=AgencyKind.COMMUNITY_OUTREACH)
    worker = UserFactory(username="nadia", agency=outreach, role=RoleName.CASEWORKER)
    refuge = AgencyFactory(name="Harbour Trust", kind=AgencyKind.SAFE_ACCOMMODATION)
    staff = UserFactory(username="hannah", agency=refuge, role=RoleName.CASEWORKER)
    # In the partnership's district, so commissioned: the return counts it.
    northtown = AreaFactory(code="E07000998", name="Northtown", level="district")
    scheme = SchemeFactory(agency=refuge, name="Harbour House", area=northtown, created_by=staff)
    unit = UnitFactory(scheme=scheme, name="Family room", bed_spaces=3, max_children=2)
    UnitFactory(scheme=scheme, name="Garden room", bed_spaces=2, max_children=1)
    person = PersonFactory(owning_agency=outreach, given_name="Marta", sex="female")
    placement = placements.request_placement(
        person=person,
        schemes=[scheme],
        adult_sex="woman",
        adults=1,
        from_area="Northtown",
        from_district=northtown,
        by=worker,
    )
    ask = placement.asks.get()
    placements.answer_ask(ask=ask, answer="offered", unit=unit, by=staff)
    placements.answer_offer(ask=ask, answer="taken", by=worker)
    ask.refresh_from_db()
    stays.record_arrival(ask=ask, arrived_on=date.today(), by=staff)


def test_the_commissioner_builds_the_return_and_downloads_it(page: Page):
    _a_household_in_a_refuge()
    UserFactory(username="cora", first_name="Cora", last_name="Hale", role=RoleName.COMMISSIONER)
    year = year_of(date.today())

    sign_in(page, "cora")
    page.get_by_role("link", name="Safe accommodation return").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Safe accommodation return")
    page.get_by_label("Financial year").select_option(year.code)
    page.get_by_role("button", name="Show the return").click()
    expect(page.get_by_role("heading", name=f"{year.code}: {year.title}")).to_be_visible()
    expect(page.get_by_text("Not yet marked as checked.")).to_be_visible()

    # A figure leads to what it counted; a commissioner sees the count, never a person.
    page.get_by_role("link", name=re.compile(r"records counted for 4\.1$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "4.1 Households supported in safe accommodation"
    )
    expect(page.get_by_text("Your role sees figures, not people")).to_be_visible()
    assert "Marta" not in page.content()
    page.get_by_role("link", name="Back to the return").click()

    # What no record knows.
    page.get_by_role("link", name="Enter the answers the records cannot give").click()
    page.get_by_label("Spend from the council's own funds").fill("a lot")
    page.get_by_role("button", name="Save the answers").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    page.get_by_label("Schemes meeting a recognised quality standard").fill("1")
    page.get_by_label("Yes").check()
    page.get_by_label("Date the strategy was published").fill(f"{year.first}-05-01")
    page.get_by_label("Date the needs assessment was last completed").fill(f"{year.first}-04-20")
    page.get_by_label("Meetings of the local partnership board in the year").fill("4")
    page.get_by_label("Spend from the Part 4 safe accommodation grant").fill("820,000")
    page.get_by_label("Spend from the council's own funds").fill("125000.50")
    page.get_by_role("button", name="Save the answers").click()
    expect(page.get_by_text("The answers are saved.")).to_be_visible()
    expect(page.get_by_role("cell", name="£820,000.00")).to_be_visible()

    page.get_by_role("button", name="Mark the return as checked").click()
    expect(page.get_by_text(f"The return for {year.code} is marked as checked.")).to_be_visible()
    expect(page.get_by_text("Checked by Cora Hale on")).to_be_visible()

    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download the workbook (XLSX)").click()
    download = downloading.value
    assert download.suggested_filename == f"safe-accommodation-return-{year.code}.xlsx"
    book = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert book["Cover"]["B6"].value == "Cora Hale"
    supported = {
        row[1]: row[3] for row in book["4 Supported"].iter_rows(min_row=3, values_only=True)
    }
    assert supported["Households supported in safe accommodation"] == "fewer than 5"
    availability = {
        row[1]: row[3] for row in book["1 Availability"].iter_rows(min_row=3, values_only=True)
    }
    assert availability["Refuge: units"] == "fewer than 5"
    finance = {row[1]: row[3] for row in book["11 Finance"].iter_rows(min_row=3, values_only=True)}
    assert finance["Spend from the Part 4 safe accommodation grant"] == 820000

    # The board's quarterly report.
    page.goto("/home/")
    page.get_by_role("link", name="Board report").click()
    quarter = recent_quarters(date.today(), 1)[0]
    page.get_by_label("Quarter").select_option(quarter.code)
    page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_role("heading", name=quarter.title)).to_be_visible()
    expect(page.get_by_role("table", name="Safe accommodation")).to_be_visible()
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download the report (PDF)").click()
    assert downloading.value.suggested_filename == f"board-report-{quarter.code}.pdf"
    assert Path(downloading.value.path()).read_bytes().startswith(b"%PDF-")
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download the report (XLSX)").click()
    book = load_workbook(io.BytesIO(Path(downloading.value.path()).read_bytes()))
    assert book.active["A1"].value == f"Partnership board report: {quarter.title}"


def test_a_board_member_and_the_commissioner_read_the_board_report(page: Page):
    """A team manager on the board reads the quarter's case outcomes and downloads the PDF;
    the commissioner, whose council keeps the delivery plan, also sees the plan's figures."""
    from decimal import Decimal

    from onestory.cases.actions.cases import close_case, open_case
    from onestory.needs import actions as plan

    outreach = AgencyFactory(name="Kestrel Outreach", kind=AgencyKind.COMMUNITY_OUTREACH)
    worker = UserFactory(username="nadia", agency=outreach, role=RoleName.CASEWORKER)
    UserFactory(username="bram", agency=outreach, role=RoleName.TEAM_MANAGER)
    council = AgencyFactory(name="Northshire Council", kind=AgencyKind.COMMISSIONER)
    cora = UserFactory(username="cora", agency=council, role=RoleName.COMMISSIONER)
    for name in ("Marta", "Nell"):
        person = PersonFactory(owning_agency=outreach, given_name=name, sex="female")
        case = open_case(person=person, agency=outreach, by=worker)
        close_case(case=case, reason="support_completed", by=worker)
    priority = plan.add_priority(title="Victims and survivors", by=cora)
    plan.add_objective(
        priority=priority,
        title="More people reach the front door",
        figure="front_door_referrals",
        baseline=Decimal(100),
        target=Decimal(150),
        baseline_year=2024,
        target_year=2027,
        by=cora,
    )
    quarter = recent_quarters(date.today(), 1)[0]

    sign_in(page, "bram")
    page.get_by_role("link", name="Board report").click()
    page.get_by_label("Quarter").select_option(quarter.code)
    page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_role("table", name="Why cases closed")).to_be_visible()
    expect(page.get_by_role("table", name="Risk level at intake and at closure")).to_be_visible()
    expect(page.get_by_role("table", name="Outcomes from intake to exit")).to_be_visible()
    expect(page.get_by_role("table", name="Repeat referrals to the front door")).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("Delivery plan"))).to_have_count(0)
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download the report (PDF)").click()
    assert Path(downloading.value.path()).read_bytes().startswith(b"%PDF-")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, "cora")
    page.goto(f"/returns/board/?quarter={quarter.code}")
    plan_table = page.get_by_role("table", name="Delivery plan: live figures at the quarter's end")
    expect(plan_table).to_contain_text("More people reach the front door")
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download the report (XLSX)").click()
    book = load_workbook(io.BytesIO(Path(downloading.value.path()).read_bytes()))
    labels = [row[0] for row in book.active.iter_rows(values_only=True)]
    assert "Delivery plan: actions by their rating for the quarter" in labels
    assert "Victims' cases closed" in labels
