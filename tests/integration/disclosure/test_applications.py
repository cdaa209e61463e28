"""A disclosure application through its steps, on the pages, as the police disclosure team."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from onestory.audit.models import AuditAction, AuditEvent
from onestory.disclosure import actions
from onestory.disclosure.models import AgencyCheck, Application
from tests.conftest import sign_in
from tests.factories import ApplicationFactory, PersonFactory, ShareFactory, UserFactory

pytestmark = pytest.mark.django_db


def _date(prefix: str, day: date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def test_it_takes_a_right_to_ask_application_from_contact_to_disclosure(client, officer, world):
    sign_in(client, officer)
    response = client.post(
        "/disclosure/new/",
        {
            "route": "ask",
            **_date("first_contact_on", date(2026, 6, 1)),
            "asker": "third_party",
            "applicant_name": "Bernadette Quill",
            "applicant_relationship": "Her mother",
            "applicant_contact": "07700 900456 after 6pm",
            "subject_name": "Gavin Rook",
            "at_risk_name": "Mina Rook",
            "concern": "He took her phone and her bank card.",
        },
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.reference == f"DVDS-2026-{application.pk:05d}"
    page = client.get(f"/disclosure/{application.pk}/").content.decode()
    assert "Bernadette Quill" in page
    # Targets from 1 June 2026: 10 working days to the meeting, 28 days to the disclosure.
    assert "15 June 2026" in page
    assert "29 June 2026" in page

    base = f"/disclosure/{application.pk}"
    ok = client.post(
        f"{base}/meeting/",
        {**_date("meeting_on", date(2026, 6, 5)), "identity_checked": "on"},
    )
    assert ok.status_code == 302
    ok = client.post(
        f"{base}/risk/", {**_date("risk_assessed_on", date(2026, 6, 8)), "risk_level": "high"}
    )
    assert ok.status_code == 302
    ok = client.post(f"{base}/checks/", {"agencies": [world.agency.pk, world.other_agency.pk]})
    assert ok.status_code == 302
    assert AgencyCheck.objects.filter(application=application).count() == 2

    # The outreach service answers its check on its own page.
    check = AgencyCheck.objects.get(application=application, agency=world.agency)
    partner = sign_in(client.__class__(), world.caseworker)
    answered = partner.post(
        f"/disclosure/checks/{check.pk}/", {"reply": "holds", "information": "Two call-outs."}
    )
    assert answered.status_code == 302

    ok = client.post(
        f"{base}/decision/",
        {
            "decision": "disclose",
            "decision_reasons": "Two previous partners hurt; violence is escalating.",
            "decided_by": "Police, IDVA service",
            **_date("decision_on", date(2026, 6, 9)),
        },
    )
    assert ok.status_code == 302, ok.content.decode()[:2000]
    ok = client.post(
        f"{base}/disclosure/",
        {
            **_date("disclosed_on", date(2026, 6, 10)),
            "disclosed_to": "at_risk",
            "safety_plan": "Code word with her mother; the IDVA calls tomorrow.",
            "service_offered": "on",
            "service_offered_name": "Northshire IDVA Service",
        },
    )
    assert ok.status_code == 302, ok.content.decode()[:2000]
    application.refresh_from_db()
    assert application.closed
    assert application.disclosed_by == officer
    listing = client.get("/disclosure/").content.decode()
    assert "Closed: disclosed" in listing
    assert (
        AuditEvent.objects.filter(
            object_type="disclosure.application", action=AuditAction.UPDATE
        ).count()
        == 4
    )


def test_it_refuses_a_step_out_of_order_with_a_message(client, officer):
    application = ApplicationFactory(agency=officer.agency, created_by=officer)
    sign_in(client, officer)
    response = client.post(
        f"/disclosure/{application.pk}/decision/",
        {
            "decision": "disclose",
            "decision_reasons": "r",
            "decided_by": "Police",
            **_date("decision_on", date(2026, 6, 10)),
        },
    )
    assert response.status_code == 200
    assert "Meet the applicant and check their identity" in response.content.decode()
    application.refresh_from_db()
    assert application.decision == ""


def test_it_lists_overdue_applications_first(client, officer):
    late = ApplicationFactory(
        agency=officer.agency, created_by=officer, first_contact_on=date(2026, 5, 1)
    )
    fresh = ApplicationFactory(
        agency=officer.agency, created_by=officer, first_contact_on=timezone.localdate()
    )
    sign_in(client, officer)
    page = client.get("/disclosure/").content.decode()
    overdue, _, rest = page.partition("Open, on time")
    assert late.reference in overdue
    assert fresh.reference not in overdue
    assert fresh.reference in rest


def test_an_application_becomes_overdue_the_day_after_its_target(client, officer):
    # First contact on Friday 22 May 2026: 10 working days skip the late May bank holiday,
    # so the meeting is due on Monday 8 June, and is overdue from Tuesday 9 June.
    application = ApplicationFactory(
        agency=officer.agency, created_by=officer, first_contact_on=date(2026, 5, 22)
    )
    sign_in(client, officer)
    with time_machine.travel(date(2026, 6, 8), tick=False):
        assert "Overdue" not in client.get(f"/disclosure/{application.pk}/").content.decode()
    with time_machine.travel(date(2026, 6, 9), tick=False):
        assert "Overdue" in client.get(f"/disclosure/{application.pk}/").content.decode()


def test_a_right_to_know_application_has_no_applicant(officer):
    with pytest.raises(ValidationError) as refused:
        actions.start_application(
            route="know",
            applicant_name="Someone",
            subject_name="G Rook",
            at_risk_name="M Rook",
            concern="Intelligence of previous violence",
            first_contact_on=date(2026, 6, 10),
            by=officer,
        )
    assert "route" in refused.value.message_dict
    application = actions.start_application(
        route="know",
        subject_name="G Rook",
        at_risk_name="M Rook",
        concern="Intelligence of previous violence",
        first_contact_on=date(2026, 6, 10),
        by=officer,
    )
    assert application.asker == ""
    assert application.applicant_name == ""


def test_it_links_a_known_person_only_through_the_policy(client, officer, world):
    known = PersonFactory(owning_agency=world.agency)
    hidden = PersonFactory(owning_agency=world.other_agency)
    ShareFactory(person=known, to_agency=officer.agency, granted_by=world.caseworker)
    application = ApplicationFactory(agency=officer.agency, created_by=officer)
    sign_in(client, officer)
    refused = client.post(
        f"/disclosure/{application.pk}/link/", {"which": "subject", "person_id": hidden.pk}
    )
    assert refused.status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.REFUSED, person_id=hidden.pk).exists()
    ok = client.post(
        f"/disclosure/{application.pk}/link/", {"which": "subject", "person_id": known.pk}
    )
    assert ok.status_code == 302
    application.refresh_from_db()
    assert application.subject_person == known
    page = client.get(f"/disclosure/{application.pk}/").content.decode()
    assert f"/people/{known.pk}/" in page
    with pytest.raises(PermissionDenied):
        actions.link_person(application=application, which="at_risk", person=hidden, by=officer)


def test_only_the_disclosure_team_writes(world, officer):
    application = ApplicationFactory(agency=officer.agency, created_by=officer)
    colleague_elsewhere = UserFactory(role="disclosure_officer")
    for user in (world.caseworker, world.manager, colleague_elsewhere):
        with pytest.raises(PermissionDenied):
            actions.record_risk_assessment(
                application=application,
                risk_assessed_on=date(2026, 6, 10),
                risk_level="high",
                by=user,
            )


def test_the_team_sees_a_partner_late_with_its_reply(client, officer, world):
    from tests.factories import AgencyCheckFactory

    application = ApplicationFactory(agency=officer.agency, created_by=officer)
    AgencyCheckFactory(
        application=application, agency=world.agency, due_on=timezone.localdate() - timedelta(1)
    )
    sign_in(client, officer)
    page = client.get(f"/disclosure/{application.pk}/").content.decode()
    assert "No reply yet" in page
    assert "Overdue" in page
