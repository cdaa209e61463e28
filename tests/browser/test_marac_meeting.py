"""A MARAC meeting in the browser: listing a referral, research, the discussion and its
action plan, marking the meeting held, and the minutes."""

from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Page, expect

from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.marac.actions import refer_to_marac
from onestory.marac.models import MaracAction, Research
from onestory.people.models import Relationship
from onestory.risk.actions import assess_dash
from tests.browser.dates import fill_date
from tests.browser.signing_in import sign_in
from tests.factories import AgencyFactory, MaracFactory, MeetingFactory, PersonFactory, UserFactory


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def test_a_meeting_runs_from_agenda_to_minutes(page: Page):
    outreach = AgencyFactory(name="Northshire Outreach", kind=AgencyKind.COMMUNITY_OUTREACH)
    police = AgencyFactory(name="Northshire Police", kind=AgencyKind.POLICE)
    central = AgencyFactory(name="Northshire Front Door", kind=AgencyKind.CENTRAL_POINT_OF_CONTACT)
    caseworker = UserFactory(username="casey", agency=outreach, role=RoleName.CASEWORKER)
    # Two coordinators: one checks the referral, the other runs the meeting. (A code from an
    # authenticator app is used once, so one account does not sign in twice in a test.)
    UserFactory(username="coordinator", agency=central, role=RoleName.MARAC_COORDINATOR)
    UserFactory(username="chair", agency=central, role=RoleName.MARAC_COORDINATOR)
    UserFactory(username="pc_rep", agency=police, role=RoleName.MARAC_REPRESENTATIVE)
    marac = MaracFactory(
        name="Northshire North MARAC", coordinating_agency=central, members=[outreach, police]
    )
    meeting = MeetingFactory(marac=marac, meets_on=timezone.localdate(), venue="Room 4")
    victim = PersonFactory(owning_agency=outreach, given_name="Dawn", family_name="Ashby")
    perpetrator = PersonFactory(owning_agency=outreach, given_name="Karl", family_name="Ashby")
    Relationship.objects.create(person=victim, other_person=perpetrator, kind="former_spouse")
    answers = {str(n): ("yes" if n <= 15 else "no") for n in range(1, 25)}
    assess_dash(person=victim, answers=answers, by=caseworker)
    refer_to_marac(
        marac=marac,
        victim=victim,
        perpetrators=[perpetrator],
        reason="He tried to strangle her after she asked him to leave.",
        by=caseworker,
    )

    # The coordinator checks the referral and lists it for today's meeting.
    sign_in(page, "coordinator")
    page.get_by_role("link", name="MARAC", exact=True).click()
    expect(page.get_by_role("heading", name="Referrals to check (1)")).to_be_visible()
    page.get_by_role("link", name="Dawn Ashby").click()
    expect(page.get_by_text("Visible high risk")).to_be_visible()
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="List for this meeting").click()
    expect(page.get_by_text("Case listed for the meeting")).to_be_visible()
    _sign_out(page)

    # The police representative adds research from the agenda.
    sign_in(page, "pc_rep")
    page.get_by_role("link", name="MARAC", exact=True).click()
    page.get_by_role("link", name=f"{meeting.meets_on.day} {meeting.meets_on:%B %Y}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Agenda for")
    page.get_by_role("link", name="Add research for item 1").click()
    page.get_by_label("What your agency knows about the people in this case").fill(
        "Three call-outs since June; he is on bail."
    )
    page.get_by_role("button", name="Save research").click()
    expect(page.get_by_text("Research saved")).to_be_visible()
    assert Research.objects.get().agency == police
    _sign_out(page)

    # Once the meeting has been held the other coordinator marks it so from the case's page,
    # then records the discussion and the action plan.
    sign_in(page, "chair")
    page.goto(f"/marac/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Record discussion for item 1").click()
    expect(page.get_by_text("Three call-outs since June; he is on bail.")).to_be_visible()
    expect(page.get_by_label("What the meeting discussed")).to_have_count(0)
    page.get_by_role("button", name="Mark the meeting as held").click()
    expect(page.get_by_text("Meeting marked as held")).to_be_visible()
    page.get_by_label("What the meeting discussed").fill(
        "Police to apply for a protection order; outreach to offer a sanctuary scheme."
    )
    page.get_by_role("button", name="Save discussion").click()
    expect(page.get_by_text("Discussion saved")).to_be_visible()

    # An action without a due date is refused, with the message beside the field.
    page.get_by_label("Agency that owns the action").select_option(label="Northshire Police")
    page.get_by_label("What needs to be done").fill("Apply for a protection order.")
    page.get_by_role("button", name="Add action").click()
    expect(page.get_by_role("link", name="Enter the date the action is due by.")).to_be_visible()
    assert not MaracAction.objects.exists()
    fill_date(page, "Due by", timezone.localdate() + timedelta(days=14))
    page.get_by_role("button", name="Add action").click()
    expect(page.get_by_text("Action added to the plan.")).to_be_visible()
    expect(page.get_by_role("cell", name="Apply for a protection order.")).to_be_visible()

    # The minutes of the held meeting come as a PDF.
    page.get_by_role("link", name="Back to the agenda").click()
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download minutes (PDF)").click()
    download = downloading.value
    assert download.suggested_filename == f"marac-minutes-{meeting.meets_on.isoformat()}.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF-")


def test_referring_and_the_coordinators_pages_work_in_the_browser(page: Page):
    outreach = AgencyFactory(name="Northshire Outreach", kind=AgencyKind.COMMUNITY_OUTREACH)
    central = AgencyFactory(name="Northshire Front Door", kind=AgencyKind.CENTRAL_POINT_OF_CONTACT)
    UserFactory(username="casey", agency=outreach, role=RoleName.CASEWORKER)
    UserFactory(username="coordinator", agency=central, role=RoleName.MARAC_COORDINATOR)
    marac = MaracFactory(
        name="Northshire North MARAC", coordinating_agency=central, members=[outreach]
    )
    victim = PersonFactory(owning_agency=outreach, given_name="Dawn", family_name="Ashby")
    perpetrator = PersonFactory(owning_agency=outreach, given_name="Karl", family_name="Ashby")
    Relationship.objects.create(person=victim, other_person=perpetrator, kind="former_spouse")

    # A caseworker refers on professional judgement; without a reason it is refused.
    sign_in(page, "casey")
    page.goto(f"/marac/people/{victim.pk}/")
    expect(page.get_by_text("has not been referred to a MARAC")).to_be_visible()
    page.get_by_role("link", name="Refer to MARAC").click()
    page.get_by_label("MARAC", exact=True).select_option(label="Northshire North MARAC")
    page.get_by_label("Karl Ashby").check()
    page.get_by_label("What has happened, and why this case needs MARAC").fill(
        "He has found her new flat and waits outside."
    )
    page.get_by_role("button", name="Send referral").click()
    expect(page.get_by_role("link", name="This referral meets no MARAC criterion")).to_be_visible()
    page.get_by_label("I am also referring on my professional judgement").check()
    page.get_by_label("Reason for your professional judgement").fill(
        "Stalking is escalating since he was released."
    )
    page.get_by_role("button", name="Send referral").click()
    expect(page.get_by_text("Referral sent to the MARAC coordinator.")).to_be_visible()
    expect(page.get_by_text("Professional judgement")).to_be_visible()
    _sign_out(page)

    # The coordinator schedules a meeting, and looks at the actions and quarterly data.
    sign_in(page, "coordinator")
    page.goto("/marac/maracs/")
    page.get_by_role("link", name="Northshire North MARAC").click()
    page.get_by_role("link", name="Schedule a meeting").click()
    next_month = timezone.localdate() + timedelta(days=30)
    fill_date(page, "Date", next_month)
    page.get_by_label("Where (optional)").fill("Room 4")
    page.get_by_role("button", name="Schedule meeting").click()
    expect(page.get_by_text("Meeting scheduled for")).to_be_visible()
    page.goto("/marac/actions/")
    expect(page.get_by_text("There are no actions to show here.")).to_be_visible()
    page.goto(f"/marac/quarterly/?marac={marac.pk}&quarter=2025Q1")
    expect(
        page.get_by_role("heading", name="Northshire North MARAC: January to March 2025")
    ).to_be_visible()
