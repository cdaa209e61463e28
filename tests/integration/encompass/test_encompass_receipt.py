"""Operation Encompass by the police's MARAC representative, and the school's side: a notice
written for the school, who sent it, and its receipt confirmed, which the sender sees.
"""

import pytest
from django.urls import reverse
from django.utils.html import escape

from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditEvent
from onestory.encompass import actions
from onestory.encompass.models import EncompassNotice, EncompassNotification
from tests.factories import AgencyFactory, UserFactory
from tests.integration.encompass.test_encompass_notices import _lead_of
from tests.integration.encompass.test_encompass_record import (
    EncompassWorld,
    form_data,
    last_night,
    make_encompass_world,
    record_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ew(world) -> EncompassWorld:
    return make_encompass_world(world)


@pytest.fixture
def police_rep(ew):
    return UserFactory(
        username="police_rep",
        first_name="Priya",
        last_name="Shah",
        agency=ew.police,
        role=RoleName.MARAC_REPRESENTATIVE,
    )


@pytest.fixture
def notice(ew, police_rep) -> EncompassNotice:
    notification = actions.record_notification(
        victim=ew.victim,
        police_reference="NP/004512/26",
        occurred_at=last_night(),
        circumstances="Police were called to a domestic incident at home. Lily was there.",
        children={ew.child: ew.school},
        perpetrators=[ew.perpetrator],
        by=police_rep,
    )
    return notification.notices.get()


def test_the_police_marac_representative_records_a_notification_and_its_sending(
    ew, police_rep, as_user
):
    client = as_user(police_rep)
    home = client.get(reverse("home:home")).content.decode()
    assert f'href="{reverse("encompass:notices")}"' in home
    listing = client.get(reverse("encompass:notices")).content.decode()
    assert "Record a police notification" in listing
    assert client.get(reverse("encompass:find")).status_code == 200

    response = client.post(record_url(ew.victim), form_data(ew))
    notification = EncompassNotification.objects.get()
    assert response.status_code == 302
    assert notification.agency == ew.police
    assert notification.recorded_by == police_rep
    notice = notification.notices.get()

    sent = client.post(
        reverse("encompass:sent", args=[notice.pk]),
        {
            "method": "secure_email",
            "dsl_name": "Mrs Okafor",
            "sent_on": last_night().date().isoformat(),
            "sent_time": "23:45",
        },
    )
    notice.refresh_from_db()
    assert sent.status_code == 302, sent.content.decode()[:2000]
    assert notice.sent_by == police_rep


def test_a_marac_representative_elsewhere_records_nothing_and_is_not_offered_notices(
    world, ew, as_user
):
    client = as_user(world.representative)  # at an outreach service
    home = client.get(reverse("home:home")).content.decode()
    assert f'href="{reverse("encompass:notices")}"' not in home
    page = client.get(reverse("encompass:find"))
    assert page.status_code == 200
    assert "recorded by the police or" in page.content.decode()
    refused = client.post(record_url(ew.victim), form_data(ew))
    assert refused.status_code == 404  # the police's victim is not theirs to see
    assert not EncompassNotification.objects.exists()


def test_the_school_reads_a_notice_written_for_it_and_confirms_receipt(
    ew, notice, police_rep, as_user
):
    lead = _lead_of(ew.school, "millbrook_dsl")
    client = as_user(lead)
    listing = client.get(reverse("encompass:notices")).content.decode()
    assert "Notices for your school" in listing
    assert "Lily Ashby" in listing
    assert "Northshire Police" in listing

    url = reverse("encompass:notice", args=[notice.pk])
    page = client.get(url).content.decode()
    assert "A notice for you" in page
    assert '<dt class="govuk-summary-list__key">From</dt>' in page
    assert "Northshire Police" in page
    assert "Priya Shah" in page  # who prepared it, as it is not yet sent
    assert "Confirm I have this notice" in page
    assert "Record that it was sent" not in page
    assert "Who to tell" not in page

    confirmed = client.post(reverse("encompass:received", args=[notice.pk]))
    assert confirmed.status_code == 302
    notice.refresh_from_db()
    assert notice.acknowledged_by == lead
    assert notice.acknowledged_at is not None
    assert AuditEvent.objects.filter(
        action="update", object_type="encompass.encompassnotice", person_id=ew.child.pk
    ).exists()
    after = client.get(url).content.decode()
    assert "You confirmed you have this notice" in after
    assert "Confirm I have this notice" not in after
    # It has moved from the new notices to those received.
    assert "Lily Ashby" not in client.get(reverse("encompass:notices")).content.decode()
    received = client.get(reverse("encompass:notices") + "?show=received").content.decode()
    assert "Lily Ashby" in received

    # The sender sees the receipt, on the notice and in the list.
    sender = as_user(police_rep)
    seen = sender.get(url).content.decode()
    assert "Received by the school" in seen
    # Names like O'Sullivan are escaped in the page.
    assert f"{escape(lead.get_full_name())} at Millbrook Academy confirmed they have it" in seen
    assert "Confirmed" in sender.get(reverse("encompass:notices")).content.decode()


def test_confirming_twice_keeps_the_first_confirmation(ew, notice, as_user):
    lead = _lead_of(ew.school, "millbrook_dsl")
    colleague = UserFactory(
        username="deputy_dsl", agency=lead.agency, role=RoleName.SCHOOL_SAFEGUARDING_LEAD
    )
    as_user(lead).post(reverse("encompass:received", args=[notice.pk]))
    notice.refresh_from_db()
    first = notice.acknowledged_at
    as_user(colleague).post(reverse("encompass:received", args=[notice.pk]))
    notice.refresh_from_db()
    assert notice.acknowledged_by == lead
    assert notice.acknowledged_at == first


def test_only_the_school_confirms_receipt(world, ew, notice, police_rep, as_user):
    _lead_of(ew.school, "millbrook_dsl")
    url = reverse("encompass:received", args=[notice.pk])
    # The sender reads the notice but is not the school: refused, with who can.
    refused = as_user(police_rep).post(url)
    assert refused.status_code == 403
    assert "Only the school the notice is for" in refused.content.decode()
    # Another school does not know the notice exists.
    other = as_user(_lead_of(ew.other_school, "fenside_dsl"))
    assert other.post(url).status_code == 404
    # A role that does not read notices is told who can.
    wrong_role = as_user(world.commissioner).post(url)
    assert wrong_role.status_code == 403
    assert "School safeguarding lead" in wrong_role.content.decode()
    # A GET is not how receipt is confirmed.
    assert as_user(police_rep).get(url).status_code == 405
    notice.refresh_from_db()
    assert notice.acknowledged_at is None


def test_the_api_gives_the_sender_the_time_of_receipt(ew, notice, police_rep, as_user):
    lead = _lead_of(ew.school, "millbrook_dsl")
    actions.acknowledge_notice(notice=notice, by=lead)
    body = (
        as_user(police_rep)
        .get(
            reverse("api:marac-encompass-notice", args=[notice.pk]), HTTP_ACCEPT="application/json"
        )
        .json()
    )
    assert body["received_at"] is not None


def test_a_school_agency_kind_alone_does_not_open_notices(ew, notice, as_user):
    """A school's notices are for the agency its directory entry names, not any school."""
    unlinked = AgencyFactory(name="Another Academy", kind=AgencyKind.EDUCATION)
    lead = UserFactory(
        username="unlinked_dsl", agency=unlinked, role=RoleName.SCHOOL_SAFEGUARDING_LEAD
    )
    client = as_user(lead)
    assert client.get(reverse("encompass:notice", args=[notice.pk])).status_code == 404


def test_a_schools_own_system_confirms_receipt_through_the_api(ew, notice, police_rep, as_user):
    lead = _lead_of(ew.school, "millbrook_dsl")
    url = reverse("api:marac-encompass-notice-received", args=[notice.pk])
    # The sender cannot confirm for the school; another school does not know the notice.
    refused = as_user(police_rep).post(url, content_type="application/json")
    assert refused.status_code == 403
    other = as_user(_lead_of(ew.other_school, "fenside_dsl"))
    assert other.post(url, content_type="application/json").status_code == 404
    notice.refresh_from_db()
    assert notice.acknowledged_at is None

    answer = as_user(lead).post(url, content_type="application/json")
    assert answer.status_code == 200
    assert answer.json()["received_at"] is not None
    notice.refresh_from_db()
    assert notice.acknowledged_by == lead
