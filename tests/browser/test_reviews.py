"""A death review as the partnership runs it: the coordinator records the notification, the
decision and a recommendation; the owner agency's manager completes it with evidence; the
coordinator closes it; the board's view shows it closed. The training pages are walked too."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from tests.browser.dates import fill_date
from tests.browser.signing_in import sign_in
from tests.factories import AgencyFactory, UserFactory


def _switch(page: Page, username: str) -> None:
    page.context.clear_cookies()
    sign_in(page, username)


def test_a_recommendation_is_worked_to_closure_and_shown_to_the_board(page: Page):
    council = AgencyFactory(name="Northshire County Council", kind=AgencyKind.COMMISSIONER)
    health = AgencyFactory(name="Northshire Health Trust", kind=AgencyKind.HEALTH)
    UserFactory(username="owen", agency=council, role=RoleName.REVIEW_COORDINATOR)
    UserFactory(username="owen2", agency=council, role=RoleName.REVIEW_COORDINATOR)
    UserFactory(username="ruth", agency=council, role=RoleName.COMMISSIONER)
    UserFactory(username="hana", agency=health, role=RoleName.TEAM_MANAGER)
    today = timezone.localdate()

    sign_in(page, "owen")
    page.get_by_role("link", name="Death reviews").first.click()
    page.get_by_role("button", name="Record a notification of a death").click()
    page.get_by_label("Pseudonym").fill("Adult A")
    page.get_by_label("Homicide").check()
    fill_date(page, "Date of death", today - timedelta(days=20))
    fill_date(page, "Date the partnership was told", today - timedelta(days=18))
    page.get_by_label("Who told the partnership").fill("Northshire Police")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Adult A")

    page.get_by_role("link", name="Decide whether to review").click()
    page.get_by_label("Commission a review", exact=True).check()
    page.get_by_label("Reasons").fill("She was killed by her former partner.")
    fill_date(page, "Date of the decision", today - timedelta(days=10))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Decision recorded")).to_be_visible()

    page.get_by_role("link", name="Add a recommendation").click()
    page.get_by_label("Recommendation", exact=True).fill(
        "Ask every patient seen alone about abuse."
    )
    page.get_by_label("Owner agency").select_option(label="Northshire Health Trust")
    page.get_by_label("Actions agreed").fill("Routine enquiry in all clinics.")
    fill_date(page, "Due by", today + timedelta(days=90))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Recommendation added")).to_be_visible()

    _switch(page, "hana")
    page.get_by_role("link", name="Review recommendations for your agency").click()
    page.get_by_role("link", name="1", exact=True).click()
    page.get_by_label("Complete, evidence given").check()
    page.get_by_label("Evidence of completion").fill("Audit of 40 clinic records: 38 asked.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Recommendation updated")).to_be_visible()

    _switch(page, "owen2")
    page.get_by_role("link", name="Death reviews").first.click()
    page.get_by_role("link", name="Recommendations for the board").click()
    expect(page.get_by_text("Complete, evidence given").last).to_be_visible()

    _switch(page, "ruth")
    page.get_by_role("link", name="Review recommendations for the board").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Review recommendations for the board"
    )
    row = page.get_by_role("row").filter(has_text="Ask every patient seen alone about abuse.")
    expect(row).to_contain_text("Northshire Health Trust")
    expect(row).to_contain_text("Complete, evidence given")
    page.get_by_role("link", name="Home").first.click()
    page.get_by_role("link", name="Training reach").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Training reach")
