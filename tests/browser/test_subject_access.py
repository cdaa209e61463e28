"""A team manager answers a subject access request from the person's page: the form asks
for the request's reference, and the PDF downloads."""

from datetime import date

from playwright.sync_api import Page, expect

from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditAction, AuditEvent
from onestory.people import actions
from onestory.people.models import Involvement
from tests.browser.signing_in import sign_in
from tests.factories import AgencyFactory, UserFactory


def test_a_manager_downloads_everything_held_about_a_person(page: Page):
    agency = AgencyFactory(name="Northshire Outreach", kind=AgencyKind.COMMUNITY_OUTREACH)
    manager = UserFactory(username="morgan", agency=agency, role=RoleName.TEAM_MANAGER)
    person = actions.create_person(
        by=manager,
        owning_agency=agency,
        given_name="Dawn",
        family_name="Ashby",
        date_of_birth=date(1988, 2, 14),
        involvement=Involvement.VICTIM,
    )
    sign_in(page, "morgan")
    page.goto(f"/people/{person.pk}/")
    page.get_by_role("link", name="Answer a subject access request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Answer a subject access request")

    page.get_by_role("button", name="Download the PDF").click()
    expect(page.get_by_role("link", name="Enter the request's reference")).to_be_visible()

    page.get_by_label("The request's reference").fill("SAR-2026-014")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the PDF").click()
    assert download.value.suggested_filename == f"subject-access-person-{person.pk}.pdf"
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, person_id=person.pk, reason__startswith="subject access"
    ).exists()
