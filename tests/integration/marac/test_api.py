"""The MARAC API: referrals, meetings, agendas and actions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from onestory.accounts.tokens.actions import issue_token
from onestory.marac import actions
from onestory.marac.models import MaracAction, MaracReferral
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

REFERRALS = "/api/v1/marac/referrals/"


def _body(mw, **changes):
    body = {
        "marac": mw.marac.pk,
        "victim": mw.victim.pk,
        "perpetrators": [mw.perpetrator.pk],
        "children": [mw.child.pk],
        "reason": "He threatened her with a knife on Sunday.",
    }
    body.update(changes)
    return body


def test_it_refers_through_the_api(world, mw, high_risk, as_user):
    response = as_user(world.caseworker).post(REFERRALS, _body(mw), content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["criteria"] == ["visible_high_risk"]
    assert data["status"] == "submitted"
    assert data["repeat_of"] is None
    assert MaracReferral.objects.get().pk == data["id"]


def test_a_referral_without_criteria_is_a_400_and_nothing_is_saved(world, mw, as_user):
    response = as_user(world.caseworker).post(REFERRALS, _body(mw), content_type="application/json")
    assert response.status_code == 400
    assert "meets no MARAC criterion" in response.json()["criteria"][0]
    assert not MaracReferral.objects.exists()


def test_professional_judgement_is_given_with_its_reason(world, mw, as_user):
    body = _body(mw, professional_judgement={"refer": True, "reason": "Stalking is escalating."})
    response = as_user(world.caseworker).post(REFERRALS, body, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["criteria"] == ["professional_judgement"]


def test_a_person_the_referrer_cannot_see_is_refused(world, mw, high_risk, as_user):
    stranger = PersonFactory(owning_agency=world.other_agency)
    client = as_user(world.caseworker)
    response = client.post(
        REFERRALS, _body(mw, perpetrators=[stranger.pk]), content_type="application/json"
    )
    assert response.status_code == 400
    assert "perpetrators" in response.json()
    other = as_user(world.other_caseworker).post(
        REFERRALS, _body(mw), content_type="application/json"
    )
    assert other.status_code == 404


def test_an_unknown_marac_is_refused(world, mw, high_risk, as_user):
    response = as_user(world.caseworker).post(
        REFERRALS, _body(mw, marac=99999), content_type="application/json"
    )
    assert response.status_code == 400
    assert "Select the MARAC" in response.json()["marac"][0]


def test_the_meetings_list(world, mw, listed, as_user):
    for user in (world.marac_coordinator, mw.police_rep):
        data = as_user(user).get("/api/v1/marac/meetings/").json()
        assert [(m["id"], m["cases"]) for m in data] == [(mw.meeting.pk, 1)]
        assert data[0]["marac"]["name"] == "Northshire North MARAC"
    assert as_user(world.caseworker).get("/api/v1/marac/meetings/").json() == []
    assert as_user(mw.housing_rep).get("/api/v1/marac/meetings/").json() == []


def test_the_agenda_for_a_representative(world, mw, listed, as_user):
    actions.add_research(item=listed, known="Known since 2024.", by=mw.police_rep)
    url = f"/api/v1/marac/meetings/{mw.meeting.pk}/agenda"
    data = as_user(mw.police_rep).get(url).json()
    assert len(data) == 1
    case = data[0]
    assert case["victim"]["display_name"] == "Dawn Ashby"
    assert case["perpetrators"] == [{"id": mw.perpetrator.pk, "display_name": "Karl Ashby"}]
    assert case["children"] == 1
    assert case["criteria"] == ["visible_high_risk"]
    assert case["research_added_by_your_agency"] is True
    outreach = as_user(mw.outreach_rep).get(url).json()
    assert outreach[0]["research_added_by_your_agency"] is False
    assert as_user(mw.housing_rep).get(url).status_code == 404


def test_a_representative_uses_the_api_with_a_token(mw, listed, client):
    _, secret = issue_token(user=mw.police_rep, name="Police system", by=mw.police_rep)
    response = client.get(
        f"/api/v1/marac/meetings/{mw.meeting.pk}/agenda", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert response.status_code == 200
    assert response.json()[0]["victim"]["display_name"] == "Dawn Ashby"


@pytest.fixture
def police_action(world, mw, listed):
    return actions.add_action(
        referral=listed.referral,
        item=listed,
        owning_agency=mw.police,
        description="Flag the address for an urgent response.",
        due_on=timezone.localdate() + timedelta(days=3),
        by=world.marac_coordinator,
    )


def test_actions_are_listed_for_their_agency_and_the_coordinator(world, mw, police_action, as_user):
    mine = as_user(mw.police_rep).get("/api/v1/marac/actions/").json()
    assert [a["id"] for a in mine] == [police_action.pk]
    assert mine[0]["owning_agency"] == "Northshire Police"
    assert mine[0]["overdue"] is False
    assert as_user(mw.outreach_rep).get("/api/v1/marac/actions/").json() == []
    everything = as_user(world.marac_coordinator).get("/api/v1/marac/actions/").json()
    assert [a["id"] for a in everything] == [police_action.pk]


def test_the_owning_agency_updates_an_action_through_the_api(mw, police_action, as_user):
    url = f"/api/v1/marac/actions/{police_action.pk}"
    client = as_user(mw.police_rep)
    bad = client.patch(url, {"status": "finished"}, content_type="application/json")
    assert bad.status_code == 400
    response = client.patch(
        url, {"status": "done", "update_note": "Flagged."}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "done"
    police_action.refresh_from_db()
    assert police_action.update_note == "Flagged."
    assert client.get("/api/v1/marac/actions/").json() == []
    assert len(client.get("/api/v1/marac/actions/?status=all").json()) == 1


def test_another_member_cannot_update_the_action(mw, police_action, as_user):
    response = as_user(mw.outreach_rep).patch(
        f"/api/v1/marac/actions/{police_action.pk}",
        {"status": "done"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert MaracAction.objects.get().status == "not_started"
    assert (
        as_user(mw.housing_rep).get(f"/api/v1/marac/actions/{police_action.pk}").status_code == 404
    )


def test_the_schema_describes_the_marac_api(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/marac/referrals/",
        "/api/v1/marac/meetings/",
        "/api/v1/marac/meetings/{marac_meeting_id}/agenda",
        "/api/v1/marac/actions/",
        "/api/v1/marac/actions/{marac_action_id}",
        "/api/v1/marac/quarterly",
    ):
        assert path in paths, path
