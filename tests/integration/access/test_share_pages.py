"""The pages for sharing a record and revoking a share, and the sharing part of the person page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from onestory.access.models import Share, ShareScope
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditAction
from tests.factories import AgencyFactory, PersonFactory, ShareFactory, UserFactory
from tests.integration.access.helpers import events_since, last_event_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(world):
    return PersonFactory(owning_agency=world.agency, given_name="Ada", family_name="Lovelace")


@pytest.fixture
def active_share(world, person):
    return ShareFactory(
        person=person,
        to_agency=world.other_agency,
        scope=ShareScope.FULL,
        granted_by=world.caseworker,
    )


def share_url(person) -> str:
    return reverse("access:share", args=[person.pk])


def revoke_url(share) -> str:
    return reverse("access:revoke-share", args=[share.pk])


def person_url(person) -> str:
    return reverse("people:person", args=[person.pk])


def api_url(person) -> str:
    return reverse("api:person", args=[person.pk])


GOOD_FORM = {
    "scope": "full",
    "lawful_basis": "safeguarding",
    "reason": "High risk: the IDVA service is taking the case.",
    "expires_on": "",
}


# Sharing a record


def test_it_shows_the_share_form_to_the_holding_agency(world, as_user, person):
    response = as_user(world.caseworker).get(share_url(person))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Share this record – OneStory</title>" in html
    assert world.other_agency.name in html
    assert world.agency.name not in html.split('id="id_to_agency"')[1].split("</select>")[0]
    assert world.council.name not in html  # commissioners see figures only


def test_it_refuses_the_share_form_to_a_role_without_the_permission(world, as_user, person):
    assert as_user(world.commissioner).get(share_url(person)).status_code == 403


def test_it_hides_the_share_form_from_another_agency(world, as_user, person):
    assert as_user(world.other_caseworker).get(share_url(person)).status_code == 404


def test_it_hides_the_share_form_from_an_agency_that_receives_a_share(
    world, as_user, person, active_share
):
    marker = last_event_id()
    assert as_user(world.other_caseworker).get(share_url(person)).status_code == 404
    assert events_since(marker).filter(action=AuditAction.REFUSED, person_id=person.pk).exists()


def test_it_sends_anonymous_visitors_from_the_share_form_to_sign_in(client, world, person):
    response = client.get(share_url(person))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_it_shares_a_record_from_the_form(world, as_user, person):
    client = as_user(world.caseworker)
    data = {**GOOD_FORM, "to_agency": world.other_agency.pk, "expires_on": "31/12/2099"}
    response = client.post(share_url(person), data)
    assert response.status_code == 302
    assert response["Location"] == person_url(person)
    made = Share.objects.get(person=person)
    assert made.to_agency == world.other_agency
    assert made.scope == ShareScope.FULL
    assert timezone.localtime(made.expires_at).date().isoformat() == "2100-01-01"
    assert (
        f"Record shared with {world.other_agency.name}"
        in client.get(person_url(person)).content.decode()
    )
    assert as_user(world.other_caseworker).get(person_url(person)).status_code == 200


def test_it_explains_what_is_missing_and_shares_nothing(world, as_user, person):
    response = as_user(world.caseworker).post(share_url(person), {"expires_on": "31/02/2030"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Share this record – OneStory</title>" in html
    assert "Select the agency to share this record with" in html
    assert "Select how much of the record to share" in html
    assert "Select the lawful basis for sharing" in html
    assert "Share until must be a real date" in html
    assert not Share.objects.filter(person=person).exists()


def test_it_shows_the_rules_refusals_next_to_the_fields(world, as_user, person):
    service = AgencyFactory(name="Change Programme", kind=AgencyKind.PERPETRATOR_SERVICE)
    data = {
        **GOOD_FORM,
        "to_agency": service.pk,
        "lawful_basis": "marac",
        "reason": "",
        "includes_location": "on",
        "expires_on": (timezone.localdate() - timedelta(days=1)).strftime("%d/%m/%Y"),
    }
    response = as_user(world.caseworker).post(share_url(person), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_includes_location-error"' in html
    assert "never shared with a perpetrator service" in html
    assert 'id="id_reason-error"' in html
    assert 'id="id_expires_on-error"' in html
    assert not Share.objects.filter(person=person).exists()


def test_it_refuses_an_agency_that_is_not_on_the_list(world, as_user, person):
    data = {**GOOD_FORM, "to_agency": world.agency.pk}
    response = as_user(world.caseworker).post(share_url(person), data)
    assert response.status_code == 200
    assert "Select an agency from the list" in response.content.decode()


def test_it_shows_the_share_form_in_few_queries(
    world, as_user, person, django_assert_max_num_queries
):
    client = as_user(world.caseworker)
    with django_assert_max_num_queries(12):
        assert client.get(share_url(person)).status_code == 200


# The sharing part of the person page


def test_it_lists_active_shares_on_the_person_page_for_the_holding_agency(
    world, as_user, person, active_share
):
    ShareFactory(
        person=person,
        to_agency=world.central,
        revoked_at=timezone.now(),
    )
    html = as_user(world.manager).get(person_url(person)).content.decode()
    assert "Sharing" in html
    assert world.other_agency.name in html
    assert revoke_url(active_share) in html
    assert share_url(person) in html
    assert world.central.name not in html  # a revoked share is not listed


def test_it_offers_no_revoke_button_to_a_caseworker(world, as_user, person, active_share):
    html = as_user(world.caseworker).get(person_url(person)).content.decode()
    assert world.other_agency.name in html
    assert revoke_url(active_share) not in html
    assert share_url(person) in html


def test_it_shows_no_sharing_to_the_receiving_agency(world, as_user, person, active_share):
    html = as_user(world.other_caseworker).get(person_url(person)).content.decode()
    assert 'id="sharing"' not in html
    assert revoke_url(active_share) not in html
    assert share_url(person) not in html


def test_it_shows_the_person_page_with_shares_in_few_queries(
    world, as_user, person, django_assert_max_num_queries
):
    for name in ("Agency A", "Agency B", "Agency C"):
        ShareFactory(person=person, to_agency=AgencyFactory(name=name), granted_by=world.caseworker)
    client = as_user(world.manager)
    with django_assert_max_num_queries(15):
        assert client.get(person_url(person)).status_code == 200


# Revoking a share


def test_it_shows_the_revoke_page_to_a_manager_at_the_holding_agency(
    world, as_user, person, active_share
):
    response = as_user(world.manager).get(revoke_url(active_share))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Revoke the share with {world.other_agency.name}" in html


def test_it_refuses_the_revoke_page_to_a_role_without_the_permission(world, as_user, active_share):
    assert as_user(world.caseworker).get(revoke_url(active_share)).status_code == 403


def test_it_hides_the_revoke_page_from_the_receiving_agency(world, as_user, active_share):
    receiving_manager = UserFactory(agency=world.other_agency, role=RoleName.TEAM_MANAGER)
    client = as_user(receiving_manager)
    assert client.get(revoke_url(active_share)).status_code == 404
    assert client.post(revoke_url(active_share), {"reason": "Mine now"}).status_code == 404
    active_share.refresh_from_db()
    assert active_share.revoked_at is None


def test_it_hides_the_revoke_page_from_a_third_agency(world, as_user, active_share):
    third_manager = UserFactory(agency=world.central, role=RoleName.TEAM_MANAGER)
    assert as_user(third_manager).get(revoke_url(active_share)).status_code == 404


def test_it_answers_404_for_a_share_that_does_not_exist(world, as_user):
    assert as_user(world.manager).get("/access/shares/999999999/revoke/").status_code == 404


def test_it_sends_anonymous_visitors_from_the_revoke_page_to_sign_in(client, active_share):
    response = client.get(revoke_url(active_share))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_it_needs_a_reason_to_revoke(world, as_user, active_share):
    response = as_user(world.manager).post(revoke_url(active_share), {"reason": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Revoke a share – OneStory</title>" in html
    assert "Enter why you are revoking this share" in html
    active_share.refresh_from_db()
    assert active_share.revoked_at is None


def test_it_takes_effect_on_the_very_next_request(world, as_user, person, active_share):
    receiver = as_user(world.other_caseworker)
    assert receiver.get(person_url(person)).status_code == 200
    assert receiver.get(api_url(person)).status_code == 200

    response = as_user(world.manager).post(
        revoke_url(active_share), {"reason": "Consent withdrawn this morning."}
    )
    assert response.status_code == 302
    assert response["Location"] == person_url(person)

    assert receiver.get(person_url(person)).status_code == 404
    assert receiver.get(api_url(person)).status_code == 404


def test_it_says_when_a_share_has_already_ended(world, as_user, active_share):
    active_share.revoked_at = timezone.now()
    active_share.save()
    response = as_user(world.manager).get(revoke_url(active_share))
    html = response.content.decode()
    assert response.status_code == 200
    assert "This share has ended" in html
    response = as_user(world.manager).post(revoke_url(active_share), {"reason": "Again"})
    assert "already been revoked" in response.content.decode()


def test_it_stops_an_expired_share_without_anyone_acting(world, as_user, person, active_share):
    receiver = as_user(world.other_caseworker)
    active_share.expires_at = timezone.now() + timedelta(hours=1)
    active_share.save()
    assert receiver.get(person_url(person)).status_code == 200
    active_share.expires_at = timezone.now() - timedelta(seconds=1)
    active_share.save()
    assert receiver.get(person_url(person)).status_code == 404
    assert receiver.get(api_url(person)).status_code == 404
