"""A survivor refers themselves online with the keyboard alone, and can leave at any moment."""

import pytest
from playwright.sync_api import Locator, Page, expect

from onestory.accounts.models import AgencyKind
from onestory.intake.models import Referral
from tests.factories import AgencyFactory

MOST_TABS = 250


@pytest.fixture
def front_door(transactional_db):
    return AgencyFactory(name="Northshire Front Door", kind=AgencyKind.CENTRAL_POINT_OF_CONTACT)


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until ``target`` has the focus, as a keyboard user would."""
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {target}")


def type_into(page: Page, target: Locator, text: str) -> None:
    tab_to(page, target)
    page.keyboard.type(text)


def test_a_survivor_refers_themselves_with_the_keyboard_only(page: Page, front_door):
    page.goto("/")
    tab_to(page, page.get_by_role("button", name="Get in touch online"))
    page.keyboard.press("Enter")

    expect(page).to_have_title("Before you start – OneStory")
    expect(page.get_by_text("press the Shift key 3 times")).to_be_visible()
    tab_to(page, page.get_by_role("button", name="Continue"))
    page.keyboard.press("Enter")

    expect(page).to_have_title("Get in touch – OneStory")
    tab_to(page, page.get_by_label("I need help for myself"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Continue"))
    page.keyboard.press("Enter")

    expect(page).to_have_title("Your details – OneStory")
    type_into(page, page.get_by_label("Your first name, or a name you would like us to use"), "Jo")
    type_into(page, page.get_by_label("Day"), "27")
    page.keyboard.press("Tab")
    page.keyboard.type("3")
    page.keyboard.press("Tab")
    page.keyboard.type("1985")
    children = page.get_by_role("group", name="Do any children live with you?")
    tab_to(page, children.get_by_label("Yes"))
    page.keyboard.press("Space")
    type_into(page, page.get_by_label("Their names and ages (optional)"), "Amy, 7")
    page.keyboard.press("Enter")
    page.keyboard.type("Ben 4")
    type_into(page, page.get_by_label("Tell us what is happening"), "He takes my wages.")
    type_into(page, page.get_by_label("Phone number (optional)"), "07700 900123")
    safe_to_call = page.get_by_role("group", name="Is it safe for us to call this number?")
    tab_to(page, safe_to_call.get_by_label("Yes"))
    page.keyboard.press("Space")
    voicemail = page.get_by_role("group", name="Can we leave a voicemail?")
    tab_to(page, voicemail.get_by_label("Yes"))
    page.keyboard.press("ArrowDown")  # moves to, and picks, "No"
    text = page.get_by_role("group", name="Can we send you a text message? (optional)")
    tab_to(page, text.get_by_label("Yes"))
    page.keyboard.press("Space")
    type_into(page, page.get_by_label("When is it safe for us to contact you?"), "Weekday mornings")
    tab_to(page, page.get_by_label("Community outreach support"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Send"))
    page.keyboard.press("Enter")

    expect(page).to_have_title("Sent – OneStory")
    referral = Referral.objects.get()
    expect(page.get_by_text(referral.reference)).to_be_visible()
    expect(page.get_by_text("He takes my wages.")).to_have_count(0)
    assert referral.given_name == "Jo"
    assert referral.date_of_birth.isoformat() == "1985-03-27"
    assert (referral.safe_to_call, referral.voicemail_allowed) == (True, False)
    assert referral.safe_to_text is True
    assert referral.children == [{"name": "Amy", "age": 7}, {"name": "Ben", "age": 4}]
    assert referral.consented_services() == ["outreach"]
    assert {cookie["name"] for cookie in page.context.cookies()} <= {"csrftoken"}


def _part_way_through(page: Page) -> None:
    page.goto("/contact-us/form/")
    page.get_by_label("I need help for myself").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Your first name, or a name you would like us to use").fill("Jo")
    page.get_by_label("Tell us what is happening").fill("Something I have not sent yet.")


def test_exit_this_page_works_part_way_through_the_form(page: Page, front_door, neutral_site):
    exit_url, visited = neutral_site
    _part_way_through(page)
    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(exit_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Weather")
    assert "/weather" in visited
    assert not Referral.objects.exists()


def test_pressing_shift_three_times_leaves_part_way_through(page: Page, front_door, neutral_site):
    exit_url, visited = neutral_site
    _part_way_through(page)
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(exit_url)
    assert "/weather" in visited
    assert not Referral.objects.exists()
