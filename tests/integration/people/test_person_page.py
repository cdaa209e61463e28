"""The person page shows only what the viewer's grant allows; secret sections not at all."""

import pytest
from django.urls import reverse

from onestory.access.models import ShareScope
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditAction, AuditEvent
from onestory.people.merging import merge_persons
from tests.conftest import idle_stamp_due
from tests.factories import AgencyFactory, EmergencyAccessFactory, ShareFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRET_WORDS = [
    "Addresses",
    "12 Hidden Lane",
    "NE2 7QT",
    "Contacting them safely",
    "07700 900982",
    "Lavender",
    "Weekdays 10am",
]
SPECIAL = [
    "About them",
    "Other ethnic group: Arab",
    "Muslim",
    "Connections",
    "Yusuf",
    "Victim or survivor",
]
PERSONAL = ["Amira Haddad", "17 May 1990", "943 476 5919", "Khalil", "Arabic, needs an interpreter"]


def page_of(client, person):
    response = client.get(reverse("people:person", args=[person.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_whole_record_to_the_holding_caseworker(world, as_user, full_record):
    html = page_of(as_user(world.caseworker), full_record)
    for text in PERSONAL + SPECIAL + SECRET_WORDS:
        assert text in html, text
    assert "Secret: never share or print" in html
    assert "Contact this person only through Dana Reyes at Northshire Outreach" in html
    assert "Personally connected under the Domestic Abuse Act 2021" in html
    assert reverse("people:add-address", args=[full_record.pk]) in html


def test_it_leaves_out_secret_sections_for_a_role_that_may_not_see_them(
    world, as_user, full_record
):
    html = page_of(as_user(world.representative), full_record)
    for text in PERSONAL + SPECIAL:
        assert text in html, text
    for text in SECRET_WORDS:
        assert text not in html, text
    assert "secret" not in html.lower()
    # The professional route is how anyone must make contact, so everyone sees it.
    assert "Contact this person only through Dana Reyes" in html
    assert reverse("people:add-address", args=[full_record.pk]) not in html


def test_another_agency_gets_not_found_without_a_share(world, as_user, full_record):
    response = as_user(world.other_caseworker).get(reverse("people:person", args=[full_record.pk]))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.REFUSED, person_id=full_record.pk).exists()


def test_a_summary_share_shows_who_the_person_is_and_nothing_more(world, as_user, full_record):
    ShareFactory(
        person=full_record,
        to_agency=world.other_agency,
        scope=ShareScope.SUMMARY,
        granted_by=world.caseworker,
    )
    html = page_of(as_user(world.other_caseworker), full_record)
    for text in PERSONAL:
        assert text in html, text
    for text in SPECIAL + SECRET_WORDS:
        assert text not in html, text
    assert "Change details" not in html


def test_a_full_share_without_location_shows_special_but_not_secret(world, as_user, full_record):
    ShareFactory(
        person=full_record,
        to_agency=world.other_agency,
        scope=ShareScope.FULL,
        granted_by=world.caseworker,
    )
    html = page_of(as_user(world.other_caseworker), full_record)
    for text in PERSONAL + SPECIAL:
        assert text in html, text
    for text in SECRET_WORDS:
        assert text not in html, text
    # The child is held by the home agency and not shared: named, but not linked.
    child = full_record.relationships.get().other_person
    assert "Yusuf Haddad" in html
    assert reverse("people:person", args=[child.pk]) not in html


def test_a_share_that_carries_location_shows_the_address(world, as_user, full_record):
    ShareFactory(
        person=full_record,
        to_agency=world.other_agency,
        scope=ShareScope.FULL,
        includes_location=True,
        granted_by=world.caseworker,
    )
    html = page_of(as_user(world.other_caseworker), full_record)
    for text in SECRET_WORDS:
        assert text in html, text
    assert reverse("people:add-address", args=[full_record.pk]) not in html


def test_a_perpetrator_service_never_sees_location_even_when_shared(world, as_user, full_record):
    service = AgencyFactory(name="Change Programme", kind=AgencyKind.PERPETRATOR_SERVICE)
    worker = UserFactory(username="change_worker", agency=service, role=RoleName.CASEWORKER)
    ShareFactory(
        person=full_record,
        to_agency=service,
        scope=ShareScope.FULL,
        includes_location=True,
        granted_by=world.caseworker,
    )
    html = page_of(as_user(worker), full_record)
    assert "Amira Haddad" in html
    for text in SECRET_WORDS:
        assert text not in html, text


def test_emergency_access_shows_the_banner_but_no_location(world, as_user, full_record):
    EmergencyAccessFactory(person=full_record, user=world.other_caseworker)
    html = page_of(as_user(world.other_caseworker), full_record)
    assert "You are seeing this record under emergency access" in html
    for text in SECRET_WORDS:
        assert text not in html, text


def test_it_refuses_a_role_that_may_not_see_people(world, as_user, person):
    url = reverse("people:person", args=[person.pk])
    assert as_user(world.commissioner).get(url).status_code == 403
    assert as_user(world.admin).get(url).status_code == 403


def test_it_sends_anonymous_visitors_to_sign_in(client, person):
    response = client.get(reverse("people:person", args=[person.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_it_audits_the_view_by_field_name(world, as_user, full_record):
    page_of(as_user(world.representative), full_record)
    event = AuditEvent.objects.filter(action=AuditAction.VIEW, person_id=full_record.pk).first()
    assert "date_of_birth" in event.fields
    assert "addresses" not in event.fields
    assert not any("Haddad" in field for field in event.fields)


def test_a_merged_record_leads_to_the_one_kept(world, as_user, person, full_record):
    from onestory.people import actions

    duplicate = actions.create_person(
        by=world.caseworker, owning_agency=world.agency, given_name="Amira", family_name="Hadad"
    )
    merge_persons(by=world.manager, keep=person, merge=duplicate)
    response = as_user(world.caseworker).get(reverse("people:person", args=[duplicate.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person", args=[person.pk])


def test_it_shows_the_page_in_few_queries(
    world, as_user, full_record, django_assert_max_num_queries
):
    client = as_user(world.manager)
    with django_assert_max_num_queries(13):
        page_of(client, full_record)
    # Once a minute a request also stamps the idle clock in the session: one more query.
    idle_stamp_due(client)
    with django_assert_max_num_queries(14):
        page_of(client, full_record)
