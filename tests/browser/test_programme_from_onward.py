"""The perpetrator service turns an onward referral it accepted into a referral to its
programme in one step: who referred him, when and why are carried, nothing typed again."""

from django.utils import timezone
from playwright.sync_api import Page, expect

from onestory.access.models import ShareScope
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.harm.models import Intervention
from tests.browser.signing_in import sign_in
from tests.factories import (
    AgencyFactory,
    OnwardReferralFactory,
    PersonFactory,
    ServiceFactory,
    ShareFactory,
    UserFactory,
)


def test_a_programme_referral_from_an_accepted_onward_referral(page: Page):
    service = AgencyFactory(name="Change Course", kind=AgencyKind.PERPETRATOR_SERVICE)
    UserFactory(username="owen", agency=service, role=RoleName.CASEWORKER)
    police = AgencyFactory(name="Northshire Police", kind=AgencyKind.POLICE)
    him = PersonFactory(owning_agency=police, given_name="Darren", family_name="Kell")
    ShareFactory(person=him, to_agency=service, scope=ShareScope.FULL)
    onward = OnwardReferralFactory(
        person=him,
        service=ServiceFactory(agency=service, kind="perpetrator", name="Change Course"),
        reason="Third call-out this year; he agreed to be referred.",
        status="accepted",
        accepted_at=timezone.now(),
    )

    sign_in(page, "owen")
    page.goto(f"/onward-referrals/{onward.pk}/")
    page.get_by_role(
        "link", name="Refer to the programme, carrying this referral's details"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Refer to the programme")
    expect(page.get_by_text("Police: Northshire Police")).to_be_visible()
    page.get_by_role("button", name="Record the referral to the programme").click()
    expect(page.get_by_text("Referral to the programme recorded")).to_be_visible()
    expect(page.get_by_text("Third call-out this year")).to_be_visible()
    assert Intervention.objects.get().onward_referral == onward
