"""Who sees a MARAC case: representatives of member agencies, only while it is listed."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditEvent
from onestory.marac import actions
from onestory.marac.models import Research
from tests.factories import AgencyFactory, MaracFactory, MeetingFactory, UserFactory
from tests.integration.marac.conftest import discuss

pytestmark = pytest.mark.django_db


def _urls(item) -> dict[str, str]:
    return {
        "referral": reverse("marac:referral", args=[item.referral_id]),
        "agenda": reverse("marac:meeting", args=[item.meeting_id]),
        "research": reverse("marac:research", args=[item.pk]),
        "person": reverse("people:person", args=[item.referral.victim_id]),
        "api agenda": f"/api/v1/marac/meetings/{item.meeting_id}/agenda",
    }


def test_a_member_agencys_representative_sees_the_listed_case(mw, listed, as_user):
    client = as_user(mw.police_rep)
    for name, url in _urls(listed).items():
        response = client.get(url)
        assert response.status_code == 200, name
    assert "Dawn Ashby" in client.get(_urls(listed)["agenda"]).content.decode()


def test_a_case_not_yet_listed_is_not_seen_by_representatives(mw, high_risk, refer, as_user):
    referral = refer()
    client = as_user(mw.police_rep)
    assert client.get(reverse("marac:referral", args=[referral.pk])).status_code == 404
    assert client.get(reverse("people:person", args=[mw.victim.pk])).status_code == 404


def test_a_representative_sees_the_case_only_until_it_is_closed(world, mw, listed, as_user):
    client = as_user(mw.police_rep)
    assert client.get(_urls(listed)["referral"]).status_code == 200
    discuss(listed, world.marac_coordinator)
    actions.close_case(referral=listed.referral, by=world.marac_coordinator)
    for name in ("referral", "research", "person"):
        assert client.get(_urls(listed)[name]).status_code == 404, name
    # The agenda itself stays, but the closed case no longer names anyone to them.
    agenda = client.get(_urls(listed)["agenda"]).content.decode()
    assert "Dawn Ashby" not in agenda
    assert "Closed at MARAC" in agenda
    api = client.get(_urls(listed)["api agenda"]).json()
    assert api == []
    assert AuditEvent.objects.filter(action="refused", actor_username="police_rep").exists()


def test_a_non_member_agencys_representative_gets_404(mw, listed, as_user):
    client = as_user(mw.housing_rep)
    for name, url in _urls(listed).items():
        assert client.get(url).status_code == 404, name


def test_a_representative_sees_only_their_own_marac(world, mw, listed, as_user):
    other_marac = MaracFactory(coordinating_agency=world.central, members=[mw.housing])
    elsewhere = MeetingFactory(marac=other_marac)
    client = as_user(mw.police_rep)
    assert client.get(reverse("marac:meeting", args=[elsewhere.pk])).status_code == 404
    meetings = client.get("/api/v1/marac/meetings/").json()
    assert [m["id"] for m in meetings] == [mw.meeting.pk]


def test_another_coordinating_agency_gets_404(world, mw, listed, as_user):
    outsider = UserFactory(agency=world.other_agency, role="marac_coordinator")
    client = as_user(outsider)
    assert client.get(_urls(listed)["referral"]).status_code == 404
    assert client.get(_urls(listed)["agenda"]).status_code == 404
    assert client.get(reverse("marac:discussion", args=[listed.pk])).status_code == 404


def test_caseworkers_of_member_agencies_do_not_see_research(world, mw, listed, as_user):
    # The case is shared with the police agency, but only its MARAC representative sits on
    # the MARAC: a police caseworker may see the person, never the MARAC's research.
    police_worker = UserFactory(agency=mw.police, role="caseworker")
    client = as_user(police_worker)
    assert client.get(_urls(listed)["person"]).status_code == 200
    assert client.get(_urls(listed)["referral"]).status_code == 403
    assert client.get(_urls(listed)["research"]).status_code == 403


def test_research_from_a_non_member_agency_is_refused_and_nothing_is_saved(mw, listed):
    with pytest.raises(ValidationError) as refused:
        actions.add_research(item=listed, known="We housed them in 2024.", by=mw.housing_rep)
    assert "not a member of this MARAC" in str(refused.value)
    assert not Research.objects.exists()


def test_a_member_adds_research_that_members_read(world, mw, listed, as_user):
    client = as_user(mw.police_rep)
    url = reverse("marac:research", args=[listed.pk])
    refused = client.post(url, {"known": ""})
    assert "Enter what your agency knows" in refused.content.decode()
    response = client.post(
        url, {"known": "Three call-outs since June.", "risks": "Bail conditions breached."}
    )
    assert response.status_code == 302
    research = Research.objects.get()
    assert research.agency == mw.police
    page = as_user(world.marac_coordinator).get(_urls(listed)["referral"]).content.decode()
    assert "Three call-outs since June." in page
    outreach = as_user(mw.outreach_rep).get(_urls(listed)["referral"]).content.decode()
    assert "Three call-outs since June." in outreach


def test_research_closes_once_the_case_is_discussed(world, mw, listed, as_user):
    discuss(listed, world.marac_coordinator)
    response = as_user(mw.police_rep).post(
        reverse("marac:research", args=[listed.pk]), {"known": "Late news."}
    )
    assert "research for it is closed" in response.content.decode()
    assert not Research.objects.exists()


def test_shares_follow_the_membership(world, mw, listed, as_user):
    client = as_user(mw.housing_rep)
    assert client.get(_urls(listed)["person"]).status_code == 404
    actions.set_members(
        marac=mw.marac, members=[world.agency, mw.police, mw.housing], by=world.marac_coordinator
    )
    assert client.get(_urls(listed)["person"]).status_code == 200
    actions.set_members(marac=mw.marac, members=[world.agency], by=world.marac_coordinator)
    assert client.get(_urls(listed)["person"]).status_code == 404
    assert as_user(mw.police_rep).get(_urls(listed)["person"]).status_code == 404


def test_research_is_not_added_after_the_meeting(world, mw, listed):
    from onestory.marac.models import Meeting

    Meeting.objects.filter(pk=mw.meeting.pk).update(status="held")
    listed.meeting.refresh_from_db()
    with pytest.raises(ValidationError, match="already taken place"):
        actions.add_research(item=listed, known="Late news.", by=mw.police_rep)


def test_a_perpetrator_service_member_reads_only_what_its_summary_share_reaches(
    world, mw, high_risk, refer, as_user
):
    # Listing shares the victim with a perpetrator service as a summary only (decision 25);
    # the research of other agencies is special-category, so its representative is told
    # that it exists, never what it says. Its own research it always sees.
    from onestory.marac.actions import list_case

    programme = AgencyFactory(name="Change Programme", kind=AgencyKind.PERPETRATOR_SERVICE)
    mw.marac.members.add(programme)
    programme_rep = UserFactory(agency=programme, role=RoleName.MARAC_REPRESENTATIVE)
    item = list_case(referral=refer(), meeting=mw.meeting, by=world.marac_coordinator)
    actions.add_research(item=item, known="Three call-outs since June.", by=mw.police_rep)
    actions.add_research(item=item, known="He started the course in May.", by=programme_rep)
    page = as_user(programme_rep).get(_urls(item)["referral"]).content.decode()
    assert "He started the course in May." in page
    assert "Three call-outs since June." not in page
    assert "Research from 1 other agency is not part of your agency" in page
    # A member with a full share, and the coordinator, read both.
    for reader in (mw.outreach_rep, world.marac_coordinator):
        page = as_user(reader).get(_urls(item)["referral"]).content.decode()
        assert "Three call-outs since June." in page
        assert "He started the course in May." in page
