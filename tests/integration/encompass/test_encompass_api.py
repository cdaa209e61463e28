"""The Operation Encompass API: listing school notices, fetching one, and recording that it
was sent, with the same rule as the pages for who sees what.

Beside the Encompass world: Millbrook Academy's directory entry is linked to an agency of
its own, whose safeguarding lead (the school safeguarding lead role) reads the school's
notices. Fenside Primary School has no agency.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from onestory.accounts.models import AgencyKind, User
from onestory.accounts.roles import RoleName
from onestory.accounts.tokens.actions import issue_token
from onestory.audit.models import AuditEvent
from onestory.encompass import actions
from onestory.encompass.models import EncompassNotice
from onestory.people.models import Address, ContactMethod
from tests.factories import AgencyFactory, PersonFactory, UserFactory
from tests.integration.encompass.test_encompass_record import (
    EncompassWorld,
    last_night,
    make_encompass_world,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("before_school")]

NOTICES = "/api/v1/marac/encompass/notices/"
# What a notice carries, and nothing else.
NOTICE_KEYS = {
    "id",
    "school",
    "due_at",
    "status",
    "recorded_late",
    "police_reference",
    "occurred_at",
    "circumstances",
    "child_name",
    "child_date_of_birth",
    "sent_at",
    "method",
    "dsl_name",
    "received_at",
}


def _notice_url(notice: EncompassNotice) -> str:
    return f"{NOTICES}{notice.pk}"


def _sent_url(notice: EncompassNotice) -> str:
    return f"{NOTICES}{notice.pk}/sent"


@dataclass
class Notices:
    ew: EncompassWorld
    lead: User
    at_millbrook: EncompassNotice
    at_fenside: EncompassNotice


@pytest.fixture
def notices(world) -> Notices:
    """Last night's notification: Lily at Millbrook Academy, Noah at Fenside Primary School.
    The victim's record holds an address and a phone number that must never reach a school."""
    ew = make_encompass_world(world)
    school_agency = AgencyFactory(name="Millbrook Academy", kind=AgencyKind.EDUCATION)
    ew.school.agency = school_agency
    ew.school.save(update_fields=["agency"])
    lead = UserFactory(
        username="millbrook_dsl", agency=school_agency, role=RoleName.SCHOOL_SAFEGUARDING_LEAD
    )
    Address.objects.create(person=ew.victim, kind="home", line_1="14 Oak Road", postcode="NE1 4AB")
    ContactMethod.objects.create(person=ew.victim, kind="phone", value="07700 900123")
    notification = actions.record_notification(
        victim=ew.victim,
        police_reference="NP/004512/26",
        occurred_at=last_night(),
        circumstances="Police were called to a domestic incident at home. Lily was there.",
        children={ew.child: ew.school, ew.baby: ew.other_school},
        perpetrators=[ew.perpetrator],
        by=ew.officer,
    )
    return Notices(
        ew=ew,
        lead=lead,
        at_millbrook=notification.notices.get(child=ew.child),
        at_fenside=notification.notices.get(child=ew.baby),
    )


@pytest.fixture
def api():
    """``api(user)``: a client sending a fresh API token of ``user``."""

    def make(user: User) -> Client:
        _, plain = issue_token(user=user, name="Encompass test", by=user)
        return Client(headers={"Authorization": f"Bearer {plain}"})

    return make


def _sending(**changes) -> dict:
    body = {
        "method": "secure_email",
        "dsl_name": "Ms Priya Shah",
        "sent_at": (timezone.now() - timedelta(minutes=5)).isoformat(),
    }
    body.update(changes)
    return {key: value for key, value in body.items() if value is not None}


# --- Listing ---------------------------------------------------------------------------------


def test_it_lists_the_notices_the_police_prepared(notices, api):
    response = api(notices.ew.officer).get(NOTICES)
    assert response.status_code == 200, response.content
    listed = response.json()
    assert [n["id"] for n in listed] == [notices.at_millbrook.pk, notices.at_fenside.pk]
    lily = listed[0]
    assert set(lily) == NOTICE_KEYS
    assert lily["school"] == {"id": notices.ew.school.pk, "name": "Millbrook Academy"}
    assert lily["police_reference"] == "NP/004512/26"
    assert lily["child_name"] == "Lily Ashby"
    assert lily["child_date_of_birth"] == notices.ew.child.date_of_birth.isoformat()
    assert lily["status"] == "due"
    assert (lily["sent_at"], lily["method"], lily["dsl_name"]) == (None, "", "")
    viewed = AuditEvent.objects.get(action="view", actor_id=notices.ew.officer.pk)
    assert viewed.reason == "school notices (to send): 2 listed"
    assert "police_reference" in viewed.fields


def test_a_notice_never_carries_an_address_or_anyone_elses_details(notices, api):
    client = api(notices.ew.officer)
    for url in (NOTICES, _notice_url(notices.at_millbrook)):
        text = client.get(url).content.decode()
        for secret in ("14 Oak Road", "NE1 4AB", "07700 900123", "Dawn", "Karl", "dsl@"):
            assert secret not in text, f"{secret} in {url}"


def test_a_schools_lead_sees_only_its_schools_notices(notices, api):
    client = api(notices.lead)
    listed = client.get(NOTICES).json()
    assert [n["id"] for n in listed] == [notices.at_millbrook.pk]
    assert client.get(_notice_url(notices.at_millbrook)).status_code == 200
    assert client.get(_notice_url(notices.at_fenside)).status_code == 404
    refused = AuditEvent.objects.get(action="refused", actor_id=notices.lead.pk)
    assert refused.reason == f"school notice {notices.at_fenside.pk} not visible"


def test_another_agency_sees_none_of_the_notices(notices, api):
    client = api(notices.ew.other_force_officer)
    assert client.get(NOTICES).json() == []
    assert client.get(_notice_url(notices.at_millbrook)).status_code == 404
    response = client.post(
        _sent_url(notices.at_millbrook), _sending(), content_type="application/json"
    )
    assert response.status_code == 404
    assert (
        AuditEvent.objects.filter(
            action="refused", actor_id=notices.ew.other_force_officer.pk
        ).count()
        == 2
    )


def test_it_lists_the_sent_notices_latest_first_a_page_at_a_time(notices, api):
    client = api(notices.ew.officer)
    for notice in (notices.at_fenside, notices.at_millbrook):
        response = client.post(_sent_url(notice), _sending(), content_type="application/json")
        assert response.status_code == 200, response.content
    sent = client.get(NOTICES, {"show": "sent"}).json()
    assert [n["id"] for n in sent] == [notices.at_millbrook.pk, notices.at_fenside.pk]
    assert client.get(NOTICES).json() == []
    second = client.get(NOTICES, {"show": "sent", "per_page": 1, "page": 2}).json()
    assert [n["id"] for n in second] == [notices.at_fenside.pk]
    assert client.get(NOTICES, {"show": "sent", "page": 9}).json() == []


def test_it_refuses_an_unknown_choice_of_list(notices, api):
    response = api(notices.ew.officer).get(NOTICES, {"show": "everything"})
    assert response.status_code == 400
    assert "show" in response.json()


# --- One notice ------------------------------------------------------------------------------


def test_it_shows_one_notice_and_audits_the_view(notices, api):
    response = api(notices.ew.officer).get(_notice_url(notices.at_millbrook))
    assert response.status_code == 200
    assert response.json()["circumstances"].endswith("Lily was there.")
    viewed = AuditEvent.objects.get(action="view", object_type="encompass.encompassnotice")
    assert (viewed.person_id, viewed.object_id) == (
        notices.ew.child.pk,
        str(notices.at_millbrook.pk),
    )
    assert "circumstances" in viewed.fields


def test_an_overdue_notice_says_so(notices, api):
    notice = notices.at_millbrook
    notice.due_at = timezone.now() - timedelta(minutes=1)
    notice.save(update_fields=["due_at"])
    data = api(notices.ew.officer).get(_notice_url(notices.at_millbrook)).json()
    assert data["status"] == "overdue"


# --- Recording the sending -------------------------------------------------------------------


def test_it_records_that_a_notice_was_sent(notices, api):
    client = api(notices.ew.officer)
    response = client.post(
        _sent_url(notices.at_millbrook), _sending(), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["status"], data["method"], data["dsl_name"]) == (
        "sent",
        "secure_email",
        "Ms Priya Shah",
    )
    notice = EncompassNotice.objects.get(pk=notices.at_millbrook.pk)
    assert (notice.sent_by, notice.method) == (notices.ew.officer, "secure_email")
    updated = AuditEvent.objects.get(action="update", object_type="encompass.encompassnotice")
    assert updated.person_id == notices.ew.child.pk
    # Once is enough.
    again = client.post(
        _sent_url(notices.at_millbrook), _sending(), content_type="application/json"
    )
    assert again.status_code == 400
    assert "already recorded" in str(again.json())


def test_a_sending_without_a_time_is_sent_now(notices, api):
    before = timezone.now()
    response = api(notices.ew.officer).post(
        _sent_url(notices.at_millbrook),
        _sending(sent_at=None, method="phone"),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    notice = EncompassNotice.objects.get(pk=notices.at_millbrook.pk)
    assert notice.sent_at >= before
    assert notice.method == "phone"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"method": None}, "method", "required"),
        ({"method": "carrier pigeon"}, "method", "not a valid choice"),
        ({"dsl_name": "  "}, "dsl_name", "may not be blank"),
        ("future", "sent_at", "cannot be in the future"),
        ("before", "sent_at", "before the incident"),
    ],
)
def test_it_refuses_a_sending_with_bad_answers(notices, api, changes, field, message):
    if changes == "future":
        changes = {"sent_at": (timezone.now() + timedelta(hours=2)).isoformat()}
    elif changes == "before":
        changes = {"sent_at": (last_night() - timedelta(hours=1)).isoformat()}
    response = api(notices.ew.officer).post(
        _sent_url(notices.at_millbrook), _sending(**changes), content_type="application/json"
    )
    assert response.status_code == 400
    assert message in response.json()[field][0]
    assert EncompassNotice.objects.get(pk=notices.at_millbrook.pk).sent_at is None


def test_a_schools_lead_may_not_record_the_sending(notices, api):
    response = api(notices.lead).post(
        _sent_url(notices.at_millbrook), _sending(), content_type="application/json"
    )
    assert response.status_code == 403
    assert EncompassNotice.objects.get(pk=notices.at_millbrook.pk).sent_at is None
    # The lead's role records no sending at all: refused before the notice is looked at.
    assert AuditEvent.objects.filter(action="refused", actor_id=notices.lead.pk).exists()


# --- Who may ask -----------------------------------------------------------------------------


def test_a_role_that_does_not_triage_gets_403(world, notices, api):
    client = api(world.caseworker)
    assert client.get(NOTICES).status_code == 403
    assert client.get(_notice_url(notices.at_millbrook)).status_code == 403


def test_a_school_with_no_agency_has_no_one_reading_its_notices(world, notices, api):
    # A team manager at some other agency is not Fenside's lead.
    stranger = UserFactory(
        agency=AgencyFactory(kind=AgencyKind.EDUCATION), role=RoleName.TEAM_MANAGER
    )
    assert api(stranger).get(NOTICES).json() == []


def test_anonymous_callers_are_asked_to_authenticate(notices):
    client = Client()
    assert client.get(NOTICES).status_code == 401
    assert client.get(_notice_url(notices.at_millbrook)).status_code == 401
    response = client.post(
        _sent_url(notices.at_millbrook), _sending(), content_type="application/json"
    )
    assert response.status_code == 401


def test_the_list_has_a_bounded_number_of_queries(notices, api, django_assert_max_num_queries):
    from tests.factories import EncompassNoticeFactory, EncompassNotificationFactory

    for _ in range(5):
        more = EncompassNotificationFactory(
            victim=PersonFactory(owning_agency=notices.ew.police), recorded_by=notices.ew.officer
        )
        EncompassNoticeFactory(notification=more, school=notices.ew.school)
    client = api(notices.ew.officer)
    with django_assert_max_num_queries(12):
        assert len(client.get(NOTICES).json()) == 7
