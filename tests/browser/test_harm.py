"""Work with a person who uses harm: the perpetrator service records a police referral,
assesses him and links the victim's IDVA; he makes a threat and then misses a session, and
the IDVA sees the alert on her home page at once; later he completes the intervention."""

from datetime import date

from playwright.sync_api import Page, expect

from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.harm.models import Intervention, PartnerAlert
from tests.browser.dates import fill_date
from tests.browser.signing_in import sign_in
from tests.factories import AgencyFactory, UserFactory


def _switch(page: Page, username: str) -> None:
    page.context.clear_cookies()
    sign_in(page, username)


def test_referral_intake_a_missed_session_after_a_threat_and_completion(page: Page):
    service = AgencyFactory(name="Change Course", kind=AgencyKind.PERPETRATOR_SERVICE)
    police = AgencyFactory(name="Northshire Police", kind=AgencyKind.POLICE)
    idva_agency = AgencyFactory(name="Northshire IDVA Service", kind=AgencyKind.IDVA_SERVICE)
    # A code from an authenticator app is used once, so each sign-in is a different account.
    for key in ("owen", "oscar"):
        UserFactory(username=key, first_name=key.title(), agency=service, role=RoleName.CASEWORKER)
    UserFactory(
        username="aisha",
        first_name="Aisha",
        last_name="Rahman",
        agency=idva_agency,
        role=RoleName.CASEWORKER,
    )
    today = date.today()

    # The perpetrator worker records the police's referral.
    sign_in(page, "owen")
    page.get_by_role("link", name="People who use harm").first.click()
    page.get_by_role("link", name="Record a referral").click()
    page.get_by_role("button", name="Record the referral").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    page.get_by_label("Given name").fill("Darren")
    page.get_by_label("Family name (optional)").fill("Kell")
    page.get_by_label("Police", exact=True).check()
    page.get_by_label("Referring agency (optional)").select_option(label=police.name)
    fill_date(page, "Date the referral was received", today)
    page.get_by_label("Why they were referred (optional)").fill("Call-out after an argument.")
    page.get_by_role("button", name="Record the referral").click()
    expect(page.get_by_text("Referral recorded")).to_be_visible()
    intervention = Intervention.objects.get()

    # Intake: suitable, ambivalent, medium risk, an early response, the IDVA linked.
    page.get_by_role("link", name="Assess suitability and readiness").click()
    page.get_by_label("Yes").check()
    page.get_by_label("Ambivalent: some acknowledgement").check()
    fill_date(page, "Date of the assessment", today)
    page.get_by_label("Medium").check()
    page.get_by_label("Early response: a short one-to-one intervention").check()
    page.get_by_label("Planned length in weeks (optional)").fill("8")
    page.get_by_label("Linked partner-support worker (optional)").select_option(
        label=f"Aisha Rahman ({idva_agency.name})"
    )
    page.get_by_role("button", name="Record the assessment").click()
    expect(page.get_by_text("Assessment recorded")).to_be_visible()
    expect(page.get_by_text("A partner-support worker is linked")).to_be_visible()

    # He makes a threat, then misses his session.
    page.get_by_role("link", name="Record a risk event").click()
    page.get_by_label("A threat made to a partner").check()
    fill_date(page, "When it happened", today)
    page.get_by_label("What you know (optional)").fill("Said he would make her pay.")
    page.get_by_role("button", name="Record the event").click()
    expect(page.get_by_text("Risk event recorded")).to_be_visible()
    page.get_by_role("link", name="Record a session").click()
    fill_date(page, "Date of the session", today)
    page.get_by_label("Missed").check()
    page.get_by_role("button", name="Record the session").click()
    expect(page.get_by_text("Session recorded")).to_be_visible()
    expect(page.get_by_text("A missed session after a threat")).to_be_visible()
    assert PartnerAlert.objects.filter(kind="missed_after_threat").count() == 1

    # The IDVA sees it on her home page at once, without his worker's notes.
    _switch(page, "aisha")
    expect(page.get_by_text("Risk alerts about people using harm")).to_be_visible()
    page.get_by_role("link", name="2 new").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Risk alerts")
    expect(page.get_by_role("cell", name="A missed session after a threat")).to_be_visible()
    expect(page.get_by_text("make her pay")).to_have_count(0)
    page.get_by_role("button", name="Mark all as seen").click()
    expect(page.get_by_text("2 alerts marked as seen")).to_be_visible()

    # Weeks later he completes it, with the service's exit risk assessment.
    _switch(page, "oscar")
    page.goto(f"/harm/interventions/{intervention.pk}/")
    page.get_by_role("link", name="End the intervention").click()
    page.get_by_label("Completed", exact=True).check()
    fill_date(page, "Date it ended", today)
    page.get_by_label("Standard").check()
    page.get_by_role("button", name="Record the ending").click()
    expect(page.get_by_text("Ending recorded")).to_be_visible()
    intervention.refresh_from_db()
    assert intervention.status == "completed"
    assert intervention.risk_reviews.filter(stage="exit", level="standard").exists()
