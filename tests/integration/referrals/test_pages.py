"""The routing, sending and onward-referral pages: works, wrong role, other agency, anonymous."""

import pytest
from django.urls import reverse

from onestory.referrals.models import OnwardReferral
from tests.integration.referrals.conftest import assess

pytestmark = pytest.mark.django_db


# --- Routing ---------------------------------------------------------------------------------


def test_routing_from_a_triaged_referral_explains_each_service(partnership, as_user):
    assess(partnership.victim, "high", partnership.desk)
    url = reverse("referrals:for-referral", args=[partnership.front_door_referral.pk])
    response = as_user(partnership.desk).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Recommended: their latest risk assessment is high" in html
    assert "refer them to MARAC as well" in html
    assert "IDVA Service" in html
    assert "Takes women" in html
    # The programme does not fit a victim, and says why.
    assert "a victim or survivor is never referred here" in html
    refer = reverse("referrals:send", args=[partnership.victim.pk, partnership.idva.pk])
    assert refer in html


def test_routing_keeps_to_a_bounded_number_of_queries(
    partnership, as_user, django_assert_max_num_queries
):
    from tests.factories import ServiceFactory

    for number in range(10):
        ServiceFactory(name=f"Extra {number}").areas.set([partnership.district])
    url = reverse("referrals:for-referral", args=[partnership.front_door_referral.pk])
    client = as_user(partnership.desk)
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200


def test_routing_takes_the_workers_choice_of_area_and_needs(partnership, as_user):
    url = reverse("referrals:for-referral", args=[partnership.front_door_referral.pk])
    response = as_user(partnership.desk).get(
        url, {"area": partnership.elsewhere.pk, "needs": ["safe_accommodation"]}
    )
    html = response.content.decode()
    assert "Services that meet their needs" in html
    assert "Coldwater Fen" in html
    assert "needs=safe_accommodation" in html


def test_routing_from_a_referral_not_yet_linked_offers_signposting(world, partnership, as_user):
    from tests.factories import ReferralFactory, ServiceFactory

    ServiceFactory(name="Law Clinic", kind="legal", referral_route="signpost", agency=None)
    loose = ReferralFactory(owning_agency=world.central, area=partnership.ward)
    html = (
        as_user(partnership.desk)
        .get(reverse("referrals:for-referral", args=[loose.pk]))
        .content.decode()
    )
    assert "Link this referral to a person record to refer them" in html
    assert "?signpost=" in html


def test_routing_for_a_person(partnership, as_user):
    url = reverse("referrals:for-person", args=[partnership.victim.pk])
    response = as_user(partnership.desk).get(url)
    assert response.status_code == 200
    assert "Find a service" in response.content.decode()


def test_routing_pages_refuse_other_agencies_and_wrong_roles(world, partnership, as_user, client):
    by_referral = reverse("referrals:for-referral", args=[partnership.front_door_referral.pk])
    by_person = reverse("referrals:for-person", args=[partnership.victim.pk])
    assert as_user(world.caseworker).get(by_referral).status_code == 403  # may not triage
    assert as_user(world.manager).get(by_referral).status_code == 404  # another agency's
    assert as_user(world.caseworker).get(by_person).status_code == 404
    assert as_user(world.commissioner).get(by_person).status_code == 403
    assert client.get(by_person).status_code == 302


# --- Sending ---------------------------------------------------------------------------------


def send_url(partnership, service):
    url = reverse("referrals:send", args=[partnership.victim.pk, service.pk])
    return f"{url}?referral={partnership.front_door_referral.pk}"


def test_the_send_page_sends_once_and_closes_triage(partnership, as_user):
    client = as_user(partnership.desk)
    url = send_url(partnership, partnership.outreach)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "they agreed to their details going to this kind of service" in html
    assert "That agreement will be used for this referral" in html
    # One answer only: the consent question gives way to the one on file.
    assert 'name="consent"' not in html
    assert "Not asked about this referral" not in html
    assert 'name="consent_withdrawn"' in html
    assert "how to contact them safely, and their current address" in html
    answers = {
        "submission_token": "a-token-from-the-page",
        "needs": ["outreach"],
        "reason": "She would like someone to talk to about staying safe.",
        "basis": "consent",
        "referral": partnership.front_door_referral.pk,
        "close_front_door_referral": "on",
    }
    first = client.post(url, answers)
    second = client.post(url, answers)  # the same form sent twice
    referral = OnwardReferral.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == reverse("referrals:detail", args=[referral.pk])
    assert referral.from_referral == partnership.front_door_referral
    partnership.front_door_referral.refresh_from_db()
    assert partnership.front_door_referral.outcome == "referred_on"


def test_consent_withdrawn_since_the_front_door_needs_another_basis(partnership, as_user):
    client = as_user(partnership.desk)
    url = send_url(partnership, partnership.outreach)
    answers = {
        "submission_token": "withdrawn-token-123",
        "needs": ["outreach"],
        "reason": "Support to stay safe.",
        "basis": "consent",
        "consent_withdrawn": "on",
        "referral": partnership.front_door_referral.pk,
    }
    response = client.post(url, answers)
    assert "They did not agree to this referral" in response.content.decode()
    assert not OnwardReferral.objects.exists()


def test_without_consent_on_file_the_form_asks(partnership, as_user):
    html = as_user(partnership.desk).get(send_url(partnership, partnership.children))
    html = html.content.decode()
    assert "No consent to share with this kind of service is on file" in html
    assert 'name="consent"' in html
    assert 'name="consent_withdrawn"' not in html


def test_the_send_page_shows_refusals_against_the_fields(partnership, as_user):
    client = as_user(partnership.desk)
    url = send_url(partnership, partnership.children)
    response = client.post(
        url,
        {
            "submission_token": "t-1234567890",
            "reason": "",
            "consent": "refused",
            "basis": "consent",
            "referral": partnership.front_door_referral.pk,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    assert "Say why you are referring them" in html
    assert not OnwardReferral.objects.exists()
    response = client.post(
        url,
        {
            "submission_token": "t-1234567890",
            "reason": "Help",
            "consent": "given",
            "consent_note": "Today",
            "basis": "consent",
            "referral": partnership.front_door_referral.pk,
        },
    )
    assert "Takes ages 4 to 17" in response.content.decode()
    assert not OnwardReferral.objects.exists()


def test_the_send_page_refuses_others(world, partnership, as_user, client):
    url = send_url(partnership, partnership.outreach)
    assert as_user(world.caseworker).get(url).status_code == 404  # cannot see her
    assert as_user(world.commissioner).get(url).status_code == 403
    assert client.get(url).status_code == 302
    missing = reverse("referrals:send", args=[partnership.victim.pk, 999_999])
    assert as_user(partnership.desk).get(missing).status_code == 404


# --- The referral's page and its changes -----------------------------------------------------


def test_the_receiver_accepts_on_the_page(world, send, as_user):
    referral = send()
    client = as_user(world.caseworker)
    html = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert "Accept the referral" in html
    assert "Withdraw the referral" not in html
    response = client.post(
        reverse("referrals:accept", args=[referral.pk]),
        {"accept-lead_worker": world.caseworker.pk, "accept-note": "I will call her."},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == "accepted"
    html = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert "from sent to accepted" in html
    assert "I will call her." in html


def test_a_change_answers_a_get_with_the_referrals_page(world, send, as_user):
    referral = send()
    response = as_user(world.caseworker).get(reverse("referrals:accept", args=[referral.pk]))
    assert response["Location"] == reverse("referrals:detail", args=[referral.pk])


def test_declining_without_a_reason_shows_the_error(world, send, as_user):
    referral = send()
    response = as_user(world.caseworker).post(reverse("referrals:decline", args=[referral.pk]), {})
    assert response.status_code == 200
    assert "Select why you are declining this referral" in response.content.decode()


def test_the_sender_withdraws_and_may_revoke_on_the_page(partnership, send, as_user):
    referral = send()
    html = (
        as_user(partnership.desk_manager)
        .get(reverse("referrals:detail", args=[referral.pk]))
        .content.decode()
    )
    assert reverse("access:revoke-share", args=[referral.share.pk]) in html
    client = as_user(partnership.desk)
    assert (
        "Accept the referral"
        not in client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    )
    response = client.post(
        reverse("referrals:withdraw", args=[referral.pk]), {"withdraw-note": "She moved away."}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == "withdrawn"


def test_the_wrong_side_is_refused(world, partnership, send, as_user):
    referral = send()
    response = as_user(partnership.desk).post(reverse("referrals:accept", args=[referral.pk]), {})
    assert response.status_code == 403
    response = as_user(world.caseworker).post(
        reverse("referrals:withdraw", args=[referral.pk]), {"withdraw-note": "No"}
    )
    assert response.status_code == 403
    referral.refresh_from_db()
    assert referral.status == "sent"


def test_other_agencies_get_404_and_visitors_sign_in(world, send, as_user, client):
    referral = send()
    detail = reverse("referrals:detail", args=[referral.pk])
    assert as_user(world.other_caseworker).get(detail).status_code == 404
    assert as_user(world.commissioner).get(detail).status_code == 403
    assert client.get(detail).status_code == 302


def test_the_list_shows_received_and_sent(
    world, partnership, send, as_user, django_assert_max_num_queries
):
    send()
    send(service=partnership.refuge)
    receiver = as_user(world.caseworker)
    with django_assert_max_num_queries(15):
        html = receiver.get(reverse("referrals:list")).content.decode()
    assert "Dawn Ashby" in html
    assert "Willow Refuge" not in html  # not this agency's
    sender = as_user(partnership.desk)
    html = sender.get(reverse("referrals:list"), {"show": "sent"}).content.decode()
    assert "Outreach Support" in html
    assert "Willow Refuge" in html
    assert "There are no referrals" in sender.get(reverse("referrals:list")).content.decode()


def test_routing_keeps_the_records_area_unless_the_worker_changes_it(partnership, as_user):
    partnership.outreach.areas.set([partnership.elsewhere])
    client = as_user(partnership.desk)
    url = reverse("referrals:for-person", args=[partnership.victim.pk])
    html = client.get(url, {"needs": ["outreach"]}).content.decode()
    assert "Does not cover Harrowmere Castle" in html
    html = client.get(url, {"area": "", "needs": ["outreach"]}).content.decode()
    assert "Where they live is not known" in html


def test_the_needs_ticked_become_the_cases_first_needs_record(world, send, as_user):
    from onestory.cases.models import Case, NeedsAssessment

    referral = send(needs=["outreach", "housing", "legal"])
    client = as_user(world.caseworker)
    handover = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert "Housing" in handover
    assert "Legal advice" in handover
    client.post(
        reverse("referrals:accept", args=[referral.pk]),
        {"accept-lead_worker": world.caseworker.pk, "accept-note": ""},
    )
    case = Case.objects.get(onward_referral=referral)
    needs = NeedsAssessment.objects.get(case=case)
    assert needs.reported_needs == ["outreach", "housing", "legal"]
    assert needs.onward_referral == referral
    assert needs.assessed_by == referral.sent_by
    assert not any(level for _area, _label, level in needs.levels())
    page = client.get(reverse("cases:case", args=[case.pk])).content.decode()
    assert "Reported at referral on" in page
    assert "Legal advice" in page
    assert "Their needs have not been assessed here yet" in page
    timeline = client.get(reverse("timeline:person", args=[case.person_id])).content.decode()
    assert "Needs reported at referral" in timeline
    assert "Community outreach, Housing, Legal advice" in timeline


def test_an_agency_already_supporting_the_person_gets_the_needs_on_its_open_case(
    world, send, as_user
):
    from onestory.cases.actions import open_case
    from onestory.cases.models import Case, NeedsAssessment

    referral = send(needs=["housing", "legal"])
    existing = open_case(person=referral.person, agency=world.agency, by=world.caseworker)
    client = as_user(world.caseworker)
    client.post(
        reverse("referrals:accept", args=[referral.pk]),
        {"accept-lead_worker": world.caseworker.pk, "accept-note": ""},
    )
    referral.refresh_from_db()
    assert referral.status == "accepted"
    assert not Case.objects.filter(onward_referral=referral).exists()
    needs = NeedsAssessment.objects.get(case=existing)
    assert needs.reported_needs == ["housing", "legal"]
    assert needs.onward_referral == referral
    page = client.get(reverse("cases:case", args=[existing.pk])).content.decode()
    assert "Reported at referral on" in page
    assert "Legal advice" in page
