"""Whole-family working: the IDVA opens a family case from her client's page, adds the
child with what the child said, and a goal for the child; a goal for nobody is refused; she
finds the family again in her list of family cases; the figures page opens for a
commissioner."""

from datetime import date

from playwright.sync_api import Page, expect

from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.harm.models import FamilyGoal
from onestory.people.models import Relationship
from tests.browser.signing_in import sign_in
from tests.factories import AgencyFactory, PersonFactory, UserFactory


def test_a_family_case_with_a_childs_own_words_and_a_goal(page: Page):
    idva = AgencyFactory(name="Northshire IDVA Service", kind=AgencyKind.IDVA_SERVICE)
    UserFactory(username="aisha", first_name="Aisha", agency=idva, role=RoleName.CASEWORKER)
    council = AgencyFactory(name="Northshire County Council", kind=AgencyKind.COMMISSIONER)
    UserFactory(username="ruth", agency=council, role=RoleName.COMMISSIONER)
    mother = PersonFactory(owning_agency=idva, given_name="Leanne", family_name="Whitfield")
    child = PersonFactory(
        owning_agency=idva,
        given_name="Mia",
        family_name="Whitfield",
        date_of_birth=date(2016, 2, 11),
    )
    Relationship.objects.create(person=mother, other_person=child, kind="parent_of")

    sign_in(page, "aisha")
    page.goto(f"/people/{mother.pk}/")
    page.get_by_role("link", name="Open a family case").click()
    page.get_by_label("Adult experiencing abuse").check()
    page.get_by_role("button", name="Open the family case").click()
    expect(page.get_by_text("Family case opened")).to_be_visible()

    page.get_by_role("link", name="Add a member").click()
    page.get_by_label("Who").select_option(label="Mia Whitfield")
    page.get_by_label("Child or young person").check()
    page.get_by_label("What they say, in their own words (optional)").fill(
        "I want to stay at my school."
    )
    page.get_by_role("button", name="Add them").click()
    expect(page.get_by_text("I want to stay at my school.")).to_be_visible()

    page.get_by_role("link", name="Add a goal to the family plan").click()
    page.get_by_label("The goal").fill("Stay at the same school")
    page.get_by_role("button", name="Add the goal").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Choose a member of this family")).to_be_visible()
    page.get_by_label("Whose goal it is").select_option(
        label="Mia Whitfield (child or young person)"
    )
    page.get_by_role("button", name="Add the goal").click()
    expect(page.get_by_text("Goal added to the family plan")).to_be_visible()
    assert FamilyGoal.objects.get().member.person == child

    # Her family cases, from her home page, with the filters a lead practitioner uses.
    page.goto("/home/")
    page.get_by_role("link", name="Family cases").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Family cases")
    expect(page.get_by_text("1 led by you")).to_be_visible()
    page.get_by_label("Children").select_option(label="No children")
    page.get_by_role("button", name="Show family cases").click()
    expect(page.get_by_text("No family cases match the filters.")).to_be_visible()
    page.get_by_role("link", name="Clear the filters").click()
    expect(page.get_by_role("cell", name="Mia Whitfield (child or young person)")).to_be_visible()
    page.get_by_role(
        "link", name=f"Family case {FamilyGoal.objects.get().member.family_id}"
    ).click()
    expect(page.get_by_text("I want to stay at my school.")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, "ruth")
    page.get_by_role("link", name="Figures for work with people who use harm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Figures for work with people who use harm"
    )
