"""Operation Encompass in the browser: the police record an incident with a child, find the
child's school among many by typing part of its name, and the school's safeguarding lead
reads the notice."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.encompass.models import EncompassNotice
from onestory.people.models import Relationship
from tests.browser.dates import fill_date
from tests.browser.signing_in import sign_in
from tests.factories import AgencyFactory, PersonFactory, SchoolFactory, UserFactory

# A county lists hundreds of schools; enough here to need finding, and two that start alike.
OTHER_SCHOOLS = [f"{place} Primary School" for place in ("Ashby", "Brook", "Castle", "Dale")] * 10


def test_the_police_notify_a_school_that_reads_the_notice(page: Page):
    police = AgencyFactory(name="Northshire Police", kind=AgencyKind.POLICE)
    UserFactory(username="hub_officer", agency=police, role=RoleName.CALL_HANDLER)
    academy = AgencyFactory(name="Millbrook Academy", kind=AgencyKind.EDUCATION)
    UserFactory(username="millbrook_dsl", agency=academy, role=RoleName.SCHOOL_SAFEGUARDING_LEAD)
    school = SchoolFactory(name="Millbrook Academy", agency=academy)
    school.locations.create(name="Millbrook Academy", address="Mill Lane", town="Harrowmere")
    SchoolFactory(name="Millbrook Infant School").locations.create(town="Fenside")
    for name in OTHER_SCHOOLS:
        SchoolFactory(name=name)
    victim = PersonFactory(owning_agency=police, given_name="Dawn", family_name="Ashby")
    child = PersonFactory(
        owning_agency=police,
        given_name="Lily",
        family_name="Ashby",
        date_of_birth=timezone.localdate() - timedelta(days=8 * 365),
    )
    Relationship.objects.create(person=victim, other_person=child, kind="parent_of")
    yesterday = timezone.localdate() - timedelta(days=1)

    # The police safeguarding hub records last night's incident.
    sign_in(page, "hub_officer")
    page.get_by_role("link", name="School notices").click()
    page.get_by_role("button", name="Record a police notification").click()
    page.get_by_label("Name of the victim").fill("Dawn Ashby")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Dawn Ashby").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a police notification")
    # The school select has become a box that finds a school as you type.
    school_box = page.get_by_role("combobox", name="Lily Ashby's school")
    expect(school_box).to_have_class(re.compile(r"\bautocomplete__input\b"))
    expect(page.locator(f"select#id_school_{child.pk}-select")).to_be_hidden()
    page.get_by_label("Police reference").fill("NP/004512/26")
    fill_date(page, "Date of the incident", yesterday)
    page.get_by_label("Time of the incident").fill("23:15")
    page.get_by_label("Brief circumstances, written for the school").fill(
        "Police were called to a domestic incident at home late last night. Lily was there."
    )

    # A school chosen and then typed over with words that name no school is no choice: the
    # form says what is missing.
    page.get_by_label("Lily Ashby, born").check()
    school_box.fill("millbrook inf")
    page.get_by_role("option", name="Millbrook Infant School, Fenside").click()
    expect(school_box).to_have_value("Millbrook Infant School, Fenside")
    school_box.fill("Hogwarts")
    expect(page.get_by_role("option", name="No school found.")).to_be_visible()
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Record notification").click()
    expect(
        page.get_by_role("link", name="Select Lily Ashby's school, or choose 'Not at a school")
    ).to_be_visible()
    assert not EncompassNotice.objects.exists()
    expect(school_box).to_have_value("")
    expect(school_box).to_have_attribute(
        "aria-describedby", re.compile(rf"\bid_school_{child.pk}-error\b")
    )

    # Lily's school, with the keyboard alone: from her tick box move on to the school box,
    # type part of its name and take the match.
    page.get_by_label("Lily Ashby, born").focus()
    page.keyboard.press("Tab")
    expect(school_box).to_be_focused()
    page.keyboard.type("millbrook")
    expect(page.get_by_role("option", name="Millbrook Academy, Harrowmere")).to_be_visible()
    expect(page.get_by_role("option", name="Millbrook Infant School, Fenside")).to_be_visible()
    page.keyboard.type(" ac")
    expect(page.get_by_role("option")).to_have_count(1)
    page.keyboard.press("Enter")
    expect(school_box).to_have_value("Millbrook Academy, Harrowmere")
    expect(page.get_by_role("option")).to_have_count(0)
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Record notification").click()

    expect(page.get_by_text("1 school notice ready to send.")).to_be_visible()
    notice = EncompassNotice.objects.get()
    assert (notice.child, notice.school) == (child, school)
    page.get_by_role("link", name="Open the notice for Lily Ashby").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("School notice for Lily Ashby")
    page.get_by_role("button", name="Sign out").click()

    # The school's designated safeguarding lead finds it among the school's notices.
    sign_in(page, "millbrook_dsl")
    page.get_by_role("link", name="School notices").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notices for your school")
    expect(page.get_by_role("cell", name="Northshire Police")).to_be_visible()
    page.get_by_role("link", name="Lily Ashby").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A notice for you")
    expect(page.get_by_text("Lily was there.")).to_be_visible()
    expect(page.get_by_text("NP/004512/26")).to_be_visible()
    expect(page.get_by_text("Mill Lane")).to_have_count(0)
    expect(page.get_by_role("link", name="Record that it was sent")).to_have_count(0)
    expect(page.get_by_role("link", name="Back to notices for your school")).to_be_visible()


def test_the_school_picker_works_without_javascript(browser, live_server, transactional_db):
    """With scripts off the school is a plain select, and the notification is still
    recorded. (The shared page fixture needs scripts for its accessibility check.)"""
    police = AgencyFactory(name="Northshire Police", kind=AgencyKind.POLICE)
    UserFactory(username="hub_officer", agency=police, role=RoleName.CALL_HANDLER)
    school = SchoolFactory(name="Millbrook Academy")
    victim = PersonFactory(owning_agency=police, given_name="Dawn", family_name="Ashby")
    child = PersonFactory(
        owning_agency=police,
        given_name="Lily",
        family_name="Ashby",
        date_of_birth=timezone.localdate() - timedelta(days=8 * 365),
    )
    Relationship.objects.create(person=victim, other_person=child, kind="parent_of")
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", java_script_enabled=False
    )
    try:
        page = context.new_page()
        sign_in(page, "hub_officer")
        page.goto(f"/marac/encompass/people/{victim.pk}/new/")
        page.get_by_label("Police reference").fill("NP/004512/26")
        yesterday = timezone.localdate() - timedelta(days=1)
        fill_date(page, "Date of the incident", yesterday)
        page.get_by_label("Time of the incident").fill("23:15")
        page.get_by_label("Brief circumstances, written for the school").fill(
            "Police were called to a domestic incident at home. Lily was there."
        )
        page.get_by_label("Lily Ashby, born").check()
        expect(page.locator(f"select#id_school_{child.pk}")).to_be_visible()
        page.get_by_label("Lily Ashby's school").select_option(label="Millbrook Academy")
        page.get_by_role("button", name="Record notification").click()
        expect(page.get_by_text("1 school notice ready to send.")).to_be_visible()
        assert EncompassNotice.objects.get().school == school
    finally:
        context.close()
