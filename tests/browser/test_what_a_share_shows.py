"""What a receiving agency reads follows the fields' classes and its share's scope.

An IDVA worker opens an onward referral whose full share the front door has replaced with a
summary share: the handover shows who the woman is and her risk level, and says plainly that
the story and her safe contact details are not part of the share. Every page is checked
with axe-core by the ``page`` fixture.
"""

from datetime import date

from playwright.sync_api import Page, expect

from onestory.access.actions import grant_share, revoke_share
from onestory.access.models import LawfulBasis, ShareScope
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.referrals.actions import send_onward_referral
from onestory.risk.actions import assess_dash
from tests.browser.signing_in import sign_in
from tests.factories import (
    AgencyFactory,
    PersonFactory,
    ReferralFactory,
    ServiceFactory,
    UserFactory,
)

STORY = "He held a knife to my throat on Saturday and said next time he would use it."


def test_a_summary_share_shows_who_she_is_and_says_what_it_leaves_out(page: Page):
    front_door = AgencyFactory(
        name="Northshire Front Door", kind=AgencyKind.CENTRAL_POINT_OF_CONTACT
    )
    idva_agency = AgencyFactory(name="Northshire IDVA Service", kind=AgencyKind.IDVA_SERVICE)
    manager = UserFactory(agency=front_door, role=RoleName.TEAM_MANAGER)
    handler = UserFactory(agency=front_door, role=RoleName.CALL_HANDLER)
    UserFactory(
        username="aisha",
        first_name="Aisha",
        last_name="Rahman",
        agency=idva_agency,
        role=RoleName.CASEWORKER,
    )
    service = ServiceFactory(
        name="Independent Domestic Violence Advisors", kind="idva", agency=idva_agency
    )
    person = PersonFactory(
        owning_agency=front_door,
        given_name="Carol",
        family_name="Danvers",
        date_of_birth=date(1986, 7, 3),
        involvement="victim",
        sex="female",
    )
    source = ReferralFactory(
        owning_agency=front_door, person=person, story=STORY, consent_idva=True
    )
    answers = {str(number): "yes" if number <= 15 else "no" for number in range(1, 25)}
    assess_dash(person=person, answers=answers, by=handler)
    referral = send_onward_referral(
        person=person,
        service=service,
        reason="She wants an IDVA with her at court.",
        basis="consent",
        needs=["idva"],
        from_referral=source,
        by=handler,
    )
    revoke_share(share=referral.share, reason="She asked us to share less.", by=manager)
    grant_share(
        person=person,
        to_agency=idva_agency,
        scope=ShareScope.SUMMARY,
        lawful_basis=LawfulBasis.CONSENT,
        reason="She agreed to a summary only.",
        by=manager,
    )

    sign_in(page, "aisha")
    page.goto(f"/onward-referrals/{referral.pk}/")
    expect(page.get_by_role("heading", name="Who they are")).to_be_visible()
    expect(page.get_by_text("Carol Danvers").first).to_be_visible()
    expect(
        page.get_by_text("The story as the front door heard it is not part of this share.")
    ).to_be_visible()
    expect(page.get_by_text(STORY)).to_have_count(0)
    expect(page.get_by_text("Immigration status")).to_have_count(0)
    expect(page.get_by_text("High risk").first).to_be_visible()
