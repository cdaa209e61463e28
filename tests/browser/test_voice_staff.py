"""Staff give a feedback link at a case's close, check the words that come back, keep the
lived-experience panel and publish "you said, we did"; every page passes axe."""

import re
from datetime import date

from playwright.sync_api import Page, expect

from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.cases.actions.cases import close_case
from onestory.voice.models import FeedbackResponse, PanelContribution, PanelMember
from tests.browser.dates import fill_date
from tests.browser.signing_in import sign_in
from tests.factories import AgencyFactory, CaseFactory, PersonFactory, UserFactory


def choose(page: Page, group: str, option: str) -> None:
    page.get_by_role("group", name=group).get_by_label(option, exact=True).check()


def test_a_link_given_at_closure_brings_back_words_a_manager_checks(page: Page, browser):
    agency = AgencyFactory(name="Kestrel Outreach", kind=AgencyKind.COMMUNITY_OUTREACH)
    worker = UserFactory(username="casey", agency=agency, role=RoleName.CASEWORKER)
    UserFactory(username="morgan", agency=agency, role=RoleName.TEAM_MANAGER)
    case = CaseFactory(person=PersonFactory(owning_agency=agency), opened_by=worker)
    close_case(case=case, reason="support_completed", by=worker)

    sign_in(page, "casey")
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="Feedback link").click()
    page.get_by_role("button", name="Give a feedback link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback link given")
    expect(page.get_by_role("img", name="QR code of the feedback link")).to_be_visible()
    link = page.locator("[data-feedback-link]").inner_text()
    assert re.search(r"/feedback/[A-Za-z0-9_-]{43}/$", link)

    # The person opens it on their own phone: no sign-in, Exit this page, once.
    survivor = browser.new_context(base_url=page.url.split("/cases/")[0])
    phone = survivor.new_page()
    phone.goto(link)
    expect(phone.get_by_role("button", name="Emergency Exit this page")).to_be_visible()
    choose(phone, "Did you feel listened to?", "Yes")
    choose(phone, "Do you feel safer than before you got in touch?", "Partly")
    choose(phone, "Did you have to tell your story again to different people?", "No")
    phone.get_by_label("What helped? (optional)").fill("Sam at Elm Road believed me.")
    phone.get_by_role("button", name="Send").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Thank you")
    survivor.close()

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "morgan")
    page.get_by_role("link", name="Feedback words to check").click()
    page.get_by_role("link", name=re.compile("Check")).click()
    choose(page, "What should happen to these words?", "Show them as edited below")
    page.get_by_label("What helped").fill("[A worker] believed me.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Nothing is waiting to be checked.")).to_be_visible()
    response = FeedbackResponse.objects.get()
    assert response.what_helped == "[A worker] believed me."

    page.goto("/service-feedback/figures/")
    expect(page.locator("caption", has_text="Kestrel Outreach")).to_contain_text(
        "fewer than 5 responses"
    )


def test_a_manager_keeps_the_panel_and_the_log(page: Page):
    agency = AgencyFactory(name="Kestrel Outreach", kind=AgencyKind.COMMUNITY_OUTREACH)
    UserFactory(username="morgan", agency=agency, role=RoleName.TEAM_MANAGER)
    sign_in(page, "morgan")

    page.get_by_role("link", name="Lived-experience panel").click()
    page.get_by_role("button", name="Add someone to the panel").click()
    page.get_by_label("The name they would like to be called").fill("Rosa")
    page.get_by_label("Phone number (optional)").fill("07700 900456")
    page.get_by_role("button", name="Add to the panel").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert not PanelMember.objects.exists()
    choose(page, "Is it safe to call this number?", "Yes")
    choose(page, "Can a voicemail be left?", "No")
    page.get_by_role("button", name="Add to the panel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rosa")

    page.get_by_label("What they took part in").fill("Reading the new leaflet")
    fill_date(page, "Date they took part", date(2026, 6, 3))
    page.get_by_label("Hours").fill("2")
    page.get_by_label("Vouchers given, in pounds (optional)").fill("20")
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_role("cell", name="Reading the new leaflet")).to_be_visible()

    page.get_by_role("link", name="They want to leave the panel").click()
    page.get_by_role("button", name="Delete their details").click()
    expect(page.get_by_text("Nobody is on the panel yet.")).to_be_visible()
    assert not PanelMember.objects.exists()
    assert PanelContribution.objects.get().member is None

    page.goto("/you-said-we-did/log/")
    choose(page, "How it was raised", "The lived-experience panel")
    page.get_by_label("You said: what survivors or the panel raised").fill(
        "The leaflet used words that blame victims."
    )
    page.get_by_label("The response").fill("Rewrite it with the panel.")
    page.get_by_label("Who owns it").fill("Communications lead")
    page.get_by_label("We did: what changed (optional until it is published)").fill(
        "The leaflet was rewritten with the panel."
    )
    fill_date(page, "Date it was raised", date(2026, 5, 20))
    page.get_by_role("button", name="Add").click()
    page.get_by_role("link", name=re.compile("The leaflet used words")).click()
    page.get_by_role("button", name="Publish on the public page").click()
    page.goto("/you-said-we-did/")
    expect(page.get_by_text("The leaflet was rewritten with the panel.")).to_be_visible()
