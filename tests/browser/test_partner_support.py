"""The perpetrator service's own partner-support worker: linked because the partner has no
IDVA or outreach worker, she finds the risk alert on her home page and marks it seen."""

from datetime import date

from playwright.sync_api import Page, expect

from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.harm import actions
from onestory.harm.choices import EventKind, InterventionType, Readiness, RiskLevel, Source
from tests.browser.signing_in import sign_in
from tests.factories import AgencyFactory, UserFactory


def test_the_partner_support_worker_hears_of_a_threat(page: Page):
    service = AgencyFactory(name="Change Course", kind=AgencyKind.PERPETRATOR_SERVICE)
    worker = UserFactory(username="owen", agency=service, role=RoleName.CASEWORKER)
    UserFactory(
        username="bronwen", first_name="Bronwen", agency=service, role=RoleName.PARTNER_SUPPORT
    )
    today = date.today()
    intervention = actions.record_referral(
        by=worker, source=Source.SELF, referred_on=today, given_name="Darren", family_name="Kell"
    )
    actions.assess(
        by=worker,
        intervention=intervention,
        suitable=True,
        readiness=Readiness.READY,
        assessed_on=today,
        risk_level=RiskLevel.MEDIUM,
        intervention_type=InterventionType.HELP_SEEKING,
    )
    actions.record_risk_event(
        by=worker,
        intervention=intervention,
        kind=EventKind.THREAT,
        occurred_on=today,
        notes="Said he would make her pay.",
    )

    sign_in(page, "bronwen")
    expect(page.get_by_text("Risk alerts about people using harm")).to_be_visible()
    page.get_by_role("link", name="1 new").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Risk alerts")
    expect(page.get_by_role("cell", name="A threat made to a partner")).to_be_visible()
    expect(page.get_by_text("make her pay")).to_have_count(0)
    page.get_by_role("button", name="Mark all as seen").click()
    expect(page.get_by_text("1 alert marked as seen")).to_be_visible()
