"""The applicant's identity never leaves the police disclosure team.

A marker is planted in every field that says who applied (and in whom the disclosure was
made to, who may be the applicant). Then every page and API operation that takes no
parameter, or names the application, its checks or the people it links, is read as: the
agency working with the subject, its manager, the agency asked for a check, the police
force's staff outside the disclosure team, another force's disclosure team, and every role
of the test world. None of them may meet the marker; the team itself does (so the test can
fail). The subject access documents of the subject and of the person at risk, and the whole
audit log, are searched too.
"""

from __future__ import annotations

from datetime import date

import pytest

from onestory.access.policy import grant_for
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditEvent
from onestory.disclosure import actions
from onestory.disclosure.models import APPLICANT_FIELDS, Application
from onestory.records import subject_access
from tests.conftest import sign_in
from tests.factories import AgencyFactory, PersonFactory, ShareFactory, UserFactory
from tests.integration.access.test_permission_matrix import all_endpoints
from tests.integration.access.url_params import URL_PARAMS

pytestmark = pytest.mark.django_db

MARK = "QZMARKERQZ"
FOLLOWED = {"application_id", "agency_check_id", "person_id"}


@pytest.fixture
def planted(world):
    police = AgencyFactory(name="Northshire Police", kind=AgencyKind.POLICE)
    officer = UserFactory(username="dc_ward", agency=police, role=RoleName.DISCLOSURE_OFFICER)
    programme = AgencyFactory(name="Changing Paths", kind=AgencyKind.PERPETRATOR_SERVICE)
    his_worker = UserFactory(username="his_worker", agency=programme, role=RoleName.CASEWORKER)
    his_manager = UserFactory(username="his_manager", agency=programme, role=RoleName.TEAM_MANAGER)
    subject = PersonFactory(owning_agency=programme, given_name="Gavin", family_name="Rook")
    at_risk = PersonFactory(owning_agency=world.agency, given_name="Mina", family_name="Rook")
    ShareFactory(person=subject, to_agency=police, granted_by=his_manager)
    ShareFactory(person=at_risk, to_agency=police, granted_by=world.manager)
    # The person at risk's record is also shared with the subject's programme (as a MARAC
    # might), so its staff reach her pages too.
    ShareFactory(person=at_risk, to_agency=programme, granted_by=world.manager)

    application = actions.start_application(
        route="ask",
        asker="third_party",
        applicant_name=f"Bernadette {MARK} Quill",
        applicant_relationship=f"Her mother {MARK}",
        applicant_contact=f"07700 900456 {MARK}",
        applicant_notes=f"Lives two doors down {MARK}",
        subject_name="Gavin Rook",
        at_risk_name="Mina Rook",
        concern="He took her phone and her bank card.",
        first_contact_on=date(2026, 6, 1),
        by=officer,
    )
    actions.link_person(application=application, which="subject", person=subject, by=officer)
    actions.link_person(application=application, which="at_risk", person=at_risk, by=officer)
    actions.record_meeting(
        application=application,
        meeting_on=date(2026, 6, 3),
        identity_checked=True,
        identity_notes=f"Passport {MARK}",
        by=officer,
    )
    actions.record_risk_assessment(
        application=application, risk_assessed_on=date(2026, 6, 4), risk_level="high", by=officer
    )
    checks = actions.ask_checks(
        application=application, agencies=[programme, world.agency], by=officer
    )
    actions.reply_to_check(
        check=checks[0], reply="holds", information="On the programme since May.", by=his_worker
    )
    actions.record_decision(
        application=application,
        decision="disclose",
        decision_reasons="Previous partners hurt.",
        decided_by="Police, IDVA service, probation",
        decision_on=date(2026, 6, 8),
        by=officer,
    )
    actions.record_disclosure(
        application=application,
        disclosed_on=date(2026, 6, 9),
        disclosed_to="other",
        disclosed_to_name=f"Her mother {MARK}",
        safety_plan="Code word with her mother.",
        service_offered=True,
        service_offered_name="Northshire IDVA Service",
        by=officer,
    )
    application.refresh_from_db()
    for field in APPLICANT_FIELDS:
        assert MARK in getattr(application, field), f"{field} has no marker"
    assert MARK in application.identity_notes
    readers = {
        "the subject's programme worker": his_worker,
        "the subject's programme manager": his_manager,
        "a police MARAC representative": UserFactory(
            agency=police, role=RoleName.MARAC_REPRESENTATIVE
        ),
        "a police team manager": UserFactory(agency=police, role=RoleName.TEAM_MANAGER),
        "another force's disclosure officer": UserFactory(
            agency=AgencyFactory(kind=AgencyKind.POLICE), role=RoleName.DISCLOSURE_OFFICER
        ),
        **world.users(),
    }
    return {
        "application": application,
        "officer": officer,
        "subject": subject,
        "at_risk": at_risk,
        "checks": {check.agency_id: check for check in checks},
        "readers": readers,
    }


def _paths(planted, world, user) -> list[str]:
    """Every page and API operation taking no parameter or only those that reach the
    application: its own pages, the check to the user's agency, the people it links."""
    check = planted["checks"].get(user.agency_id) or next(iter(planted["checks"].values()))
    values = {
        "application_id": [planted["application"].pk],
        "agency_check_id": [check.pk],
        "person_id": [planted["subject"].pk, planted["at_risk"].pk],
    }
    paths = []
    for endpoint in all_endpoints():
        if not set(endpoint.params) <= FOLLOWED or "get" not in endpoint.methods():
            continue
        route = "/" + endpoint.route
        variants = [route]
        for param in endpoint.params:
            variants = [
                v.replace(f"<int:{param}>", str(value)).replace(f"<{param}>", str(value))
                for v in variants
                for value in values[param]
            ]
        paths += variants
    return sorted(set(paths))


def test_the_applicant_is_seen_by_the_disclosure_team_only(planted, world, client):
    application = planted["application"]
    team = sign_in(client.__class__(), planted["officer"])
    page = team.get(f"/disclosure/{application.pk}/").content.decode()
    assert MARK in page, "the disclosure team must see who applied"

    read = 0
    for label, user in planted["readers"].items():
        reader = sign_in(client.__class__(), user)
        for path in _paths(planted, world, user):
            response = reader.get(path)
            if response.status_code >= 500:
                pytest.fail(f"{label} GET {path}: {response.status_code}")
            body = response.content.decode(errors="replace")
            assert MARK not in body, f"{label} met the applicant at {path}"
            read += 1
    print(
        f"\napplicant marker: {read} pages and API answers read by {len(planted['readers'])} users"
    )
    assert read > 200, f"only {read} pages read"


def test_the_check_page_reaches_the_partner_without_the_applicant(planted, client):
    check = planted["checks"][planted["subject"].owning_agency_id]
    worker = sign_in(client.__class__(), planted["readers"]["the subject's programme worker"])
    page = worker.get(f"/disclosure/checks/{check.pk}/").content.decode()
    assert "Gavin Rook" in page
    assert MARK not in page
    assert "Right to ask" not in page


@pytest.mark.parametrize("who", ["subject", "at_risk"])
def test_subject_access_documents_leave_the_application_out(planted, world, who):
    person = planted[who]
    manager = planted["readers"]["the subject's programme manager"]
    if who == "at_risk":
        manager = world.manager
    grant = grant_for(manager, person)
    document = subject_access.gather(person, grant)
    text = subject_access.html(document, produced_by=manager, reference="SAR-1")
    assert MARK not in text
    named = {s.title: s.named_on for s in document.sections}
    # Listed by number for whoever answers the request to review, never copied in.
    assert named.get("Disclosure applications") == [planted["application"].pk]
    assert set(named.get("Disclosure checks")) == {c.pk for c in planted["checks"].values()}


def test_the_audit_log_holds_no_applicant_detail(planted):
    for event in AuditEvent.objects.all():
        assert MARK not in " ".join(str(v) for v in vars(event).values())


def test_no_url_parameter_is_left_unfollowed():
    # A new parameter naming a disclosure object must be followed by the walk above.
    disclosure_params = {
        p for e in all_endpoints() if e.route.startswith("disclosure/") for p in e.params
    }
    assert disclosure_params <= FOLLOWED
    assert set(URL_PARAMS) >= FOLLOWED


def test_only_the_team_reads_an_application(planted, world, client):
    application: Application = planted["application"]
    for user in planted["readers"].values():
        response = sign_in(client.__class__(), user).get(f"/disclosure/{application.pk}/")
        assert response.status_code in (403, 404)
