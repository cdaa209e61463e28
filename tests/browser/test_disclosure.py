"""A right-to-ask application under Clare's Law, from first contact to disclosure: a
friend asks about a woman's new partner; the disclosure team meets her, assesses the risk
and asks the probation service, which answers without ever seeing who asked; the team
decides to disclose and records the disclosure with a safety plan."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.disclosure.models import Application
from tests.browser.dates import fill_date
from tests.browser.signing_in import sign_in
from tests.factories import AgencyFactory, UserFactory


def test_a_right_to_ask_application_from_contact_to_disclosure(page: Page):
    police = AgencyFactory(name="Northshire Police", kind=AgencyKind.POLICE)
    UserFactory(username="dcward", agency=police, role=RoleName.DISCLOSURE_OFFICER)
    UserFactory(username="dcward2", agency=police, role=RoleName.DISCLOSURE_OFFICER)
    probation = AgencyFactory(name="Northshire Probation", kind=AgencyKind.PROBATION)
    UserFactory(username="pojones", agency=probation, role=RoleName.CASEWORKER)
    today = timezone.localdate()

    sign_in(page, "dcward")
    page.get_by_role("link", name="Disclosure applications").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Disclosure applications")
    page.get_by_role("button", name="Start an application").click()
    page.get_by_label("Right to ask").check()
    fill_date(page, "Date of first contact", today - timedelta(days=3))
    page.get_by_label("Someone else: a parent, friend, neighbour or other").check()
    page.get_by_label("Applicant's full name").fill("Rosa Delgado")
    page.get_by_label("Applicant's relationship to the person at risk").fill("Her friend")
    page.get_by_label("How to contact the applicant safely").fill("07700 900321, weekday mornings")
    page.get_by_label("Name of the person asked about").fill("Carl Fenwick")
    page.get_by_label("Name of the person at risk").fill("Jodie Marsh")
    page.get_by_label("What prompted the application").fill(
        "He tracks her phone and she has stopped seeing her friends."
    )
    page.get_by_role("button", name="Start application").click()
    expect(page.get_by_text("started")).to_be_visible()
    application = Application.objects.get()
    expect(page.get_by_text("Rosa Delgado")).to_be_visible()

    page.get_by_role("link", name="Record the meeting").click()
    fill_date(page, "Date of the meeting", today - timedelta(days=2))
    page.get_by_label("The applicant's identity was checked").check()
    page.get_by_label("Documents seen").fill("Driving licence")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Meeting recorded")).to_be_visible()

    page.get_by_role("link", name="Record the risk assessment").click()
    fill_date(page, "Date of the risk assessment", today - timedelta(days=1))
    page.get_by_label("High").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Risk assessment recorded")).to_be_visible()

    page.get_by_role("link", name="Ask agencies what they hold").click()
    page.get_by_label("Northshire Probation").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert").get_by_text("Agencies asked")).to_be_visible()

    # The probation officer answers from the home page, and never sees who asked.
    page.context.clear_cookies()
    sign_in(page, "pojones")
    page.get_by_role("link", name="Disclosure checks").click()
    page.get_by_role("link", name="Carl Fenwick").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Disclosure check")
    assert "Rosa Delgado" not in page.content()
    page.get_by_label("We hold relevant information").check()
    page.get_by_label("What your agency holds").fill(
        "Convicted of assaulting a former partner in 2021; on licence until 2025."
    )
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_text("Reply sent to the police disclosure team")).to_be_visible()

    # Another officer of the team (a code is used once per account) takes it on.
    page.context.clear_cookies()
    sign_in(page, "dcward2")
    page.goto(f"/disclosure/{application.pk}/")
    expect(page.get_by_text("Convicted of assaulting a former partner")).to_be_visible()
    page.get_by_role("link", name="Record the decision").click()
    page.get_by_label("Disclose", exact=True).check()
    page.get_by_label("Reasons for the decision").fill(
        "Previous violence to a partner; she is at risk and does not know."
    )
    page.get_by_label("Who took the decision").fill("Police, probation, IDVA service")
    fill_date(page, "Date of the decision", today)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Decision recorded")).to_be_visible()

    page.get_by_role("link", name="Record the disclosure").click()
    fill_date(page, "Date of the disclosure", today)
    page.get_by_label("The person at risk", exact=True).check()
    page.get_by_label("Safety plan made with the person told").fill(
        "Code word with her friend; the IDVA calls tomorrow morning."
    )
    page.get_by_label("A specialist domestic abuse service was offered").check()
    page.get_by_label("Service offered").fill("Northshire IDVA Service")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Disclosure recorded")).to_be_visible()

    application.refresh_from_db()
    assert application.closed
    assert application.disclosed_by.username == "dcward2"
    page.get_by_role("link", name="All applications").click()
    expect(page.get_by_text("Closed: disclosed")).to_be_visible()
