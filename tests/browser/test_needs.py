"""A commissioner reads the needs assessment for a ward, with its map of reach, saves her
commentary for the pack, then builds the delivery plan: a priority, an objective following
a live figure, an action and its quarterly update."""

import json

from playwright.sync_api import Page, expect

from onestory.accounts.areas import load_areas
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.needs.actions import load_boundaries, load_population, load_rates
from onestory.needs.models import ActionUpdate, Commentary, PlanAction
from tests.browser.signing_in import sign_in
from tests.factories import AgencyFactory, UserFactory

AREAS = """code,name,level,parent_code
E10000900,Northshire,local_authority,
E07000901,Harrowmere,district,E10000900
E05901001,Harrowmere Castle,ward,E07000901
"""
POPULATION = """code,sex,age,population_2026
E05901001,2,16-24,1000
E05901001,2,25-74,4000
E05901001,1,16-24,1000
E05901001,1,25-74,4000
"""
RATES = """series,survey_year,sex,age_band,rate
CSEW 16-74 before 2024,2026,F,16-24,10
CSEW 16-74 before 2024,2026,F,25-74,5
CSEW 16-74 before 2024,2026,M,16-24,4
CSEW 16-74 before 2024,2026,M,25-74,2.5
"""

CASTLE = [[-1.2, 52.2], [-1.1, 52.2], [-1.1, 52.3], [-1.2, 52.3], [-1.2, 52.2]]
WARDS = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"WD22CD": "E05901001"},
            "geometry": {"type": "Polygon", "coordinates": [CASTLE]},
        }
    ],
}


def test_the_assessment_and_the_delivery_plan(page: Page):
    council = AgencyFactory(name="Northshire County Council", kind=AgencyKind.COMMISSIONER)
    AgencyFactory(name="Kestrel Outreach", kind=AgencyKind.COMMUNITY_OUTREACH)
    UserFactory(username="priya", first_name="Priya", agency=council, role=RoleName.COMMISSIONER)
    load_areas(AREAS.splitlines())
    load_population(lines=POPULATION.splitlines())
    load_rates(lines=RATES.splitlines())
    load_boundaries(lines=[json.dumps(WARDS)])

    sign_in(page, "priya")
    page.get_by_role("link", name="Needs assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Needs assessment")
    page.get_by_label("Year (the financial year starting in April of)").select_option("2026")
    page.get_by_label("Area").select_option(label="Harrowmere Castle (E05901001)")
    page.get_by_label("Survey rates").select_option(
        label="CSEW 16-74 before 2024, year ending March 2026"
    )
    page.get_by_role("button", name="Show the assessment").click()
    expect(page.locator("#estimate")).to_contain_text(
        "An estimated 440 people aged 16 to 74 experienced domestic abuse in the year: "
        "300 women and 140 men."
    )
    expect(page.get_by_role("table", name="By sex", exact=True)).to_be_visible()
    expect(
        page.get_by_role("img", name="Map of reach by ward in Harrowmere Castle")
    ).to_be_visible()
    expect(page.get_by_role("table", name="By ward", exact=True)).to_be_visible()
    page.get_by_label("Commentary: The estimate (optional)").fill("Much as last year.")
    page.get_by_role("button", name="Save the commentary").click()
    expect(page.get_by_text("Commentary saved. The pack carries it.")).to_be_visible()
    expect(page.get_by_label("Commentary: The estimate (optional)")).to_have_value(
        "Much as last year."
    )
    assert Commentary.objects.get().text == "Much as last year."
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the pack (PDF)").click()
    assert download.value.suggested_filename == "needs-assessment-E05901001-2026.pdf"

    page.get_by_role("link", name="Home").first.click()
    page.get_by_role("link", name="Delivery plan").click()
    page.get_by_role("link", name="Add a priority").click()
    page.get_by_label("Priority", exact=True).fill("Victims and survivors reach help early")
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_role("heading", name="Priority 1: Victims and survivors reach help early")
    ).to_be_visible()

    page.get_by_role("link", name="Add an objective").click()
    page.get_by_label("Objective", exact=True).fill("More people contact the front door")
    page.get_by_label("Live figure to follow (optional)").select_option(
        label="Referrals to the front door"
    )
    page.get_by_label("Baseline (optional)", exact=True).fill("320")
    page.get_by_label("Year of the baseline (optional)").select_option(index=5)
    page.get_by_label("Target (optional)", exact=True).fill("400")
    page.get_by_label("Year of the target (optional)").select_option(index=7)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".indicator-current")).to_have_text("0")
    expect(page.locator(".indicator-rag")).to_have_text("Red")

    page.get_by_role("link", name="Add an action").click()
    page.get_by_label("Action", exact=True).fill("Publicise the front door in GP surgeries")
    page.get_by_label("Owner").select_option(label="Kestrel Outreach")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year", exact=True).fill("2030")
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_role("cell", name="Publicise the front door in GP surgeries", exact=True)
    ).to_be_visible()

    page.get_by_role("link", name="Add a quarterly update").click()
    page.get_by_label("What happened this quarter").fill("Posters in forty surgeries")
    page.get_by_label("In progress").check()
    page.get_by_label("Amber").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Posters in forty surgeries")).to_be_visible()
    action = PlanAction.objects.get()
    assert (action.status, action.rag) == ("in_progress", "amber")
    assert ActionUpdate.objects.get().text == "Posters in forty surgeries"
