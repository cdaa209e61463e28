"""A manager merges two records of the same person, after checking both side by side."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from onestory.access.models import Share
from onestory.audit.models import AuditAction, AuditEvent
from onestory.people import actions
from onestory.people.merging import merge_persons
from onestory.people.models import AddressKind, NameKind, Person, PersonName, Relationship
from tests.factories import AgencyFactory, PersonFactory, ShareFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(world):
    by = world.caseworker
    first = actions.create_person(
        by=by,
        owning_agency=world.agency,
        given_name="Chloe",
        family_name="Barnes",
        date_of_birth=dt.date(1994, 8, 8),
    )
    second = actions.create_person(
        by=by,
        owning_agency=world.agency,
        given_name="Chloe",
        family_name="Barns",
        nhs_number="9434765919",
        police_reference="NP/22/1234",
    )
    actions.add_name(by=by, person=second, kind=NameKind.PREVIOUS, family_name="Ward")
    actions.record_address(
        by=by, person=second, kind=AddressKind.REFUGE, line_1="1 Safe Row", postcode="NE6 1AA"
    )
    actions.record_relationship(
        by=by,
        person=second,
        other_person=PersonFactory(owning_agency=world.agency, date_of_birth=dt.date(1990, 1, 1)),
        kind="former_intimate_partner",
    )
    return first, second


def confirm_url(first, second):
    return reverse("people:merge-confirm", args=[first.pk, second.pk])


def test_it_asks_for_the_other_record_then_shows_both_side_by_side(world, as_user, pair):
    first, second = pair
    client = as_user(world.manager)
    assert client.get(reverse("people:merge", args=[first.pk])).status_code == 200
    response = client.post(reverse("people:merge", args=[first.pk]), {"other_reference": second.pk})
    assert response["Location"] == confirm_url(first, second)
    html = client.get(confirm_url(first, second)).content.decode()
    assert "Chloe Barnes" in html
    assert "Chloe Barns" in html
    assert "1 Safe Row" in html  # the manager's team may see both records' addresses
    assert "Type MERGE to confirm" in html


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("abc", "Enter a reference number using digits only"),
        ("999999", "Your agency holds no unmerged record with that reference"),
    ],
)
def test_it_explains_a_bad_reference(world, as_user, pair, reference, message):
    first, _ = pair
    response = as_user(world.manager).post(
        reverse("people:merge", args=[first.pk]), {"other_reference": reference}
    )
    assert message in response.content.decode()


def test_it_refuses_the_same_record_twice(world, as_user, pair):
    first, _ = pair
    response = as_user(world.manager).post(
        reverse("people:merge", args=[first.pk]), {"other_reference": first.pk}
    )
    assert "Enter the reference of a different record" in response.content.decode()


def test_it_will_not_merge_another_agencys_record(world, as_user, pair):
    first, _ = pair
    theirs = PersonFactory(owning_agency=world.other_agency)
    response = as_user(world.manager).post(
        reverse("people:merge", args=[first.pk]), {"other_reference": theirs.pk}
    )
    assert "Your agency holds no unmerged record" in response.content.decode()
    assert as_user(world.manager).get(confirm_url(first, theirs)).status_code == 404


def test_it_merges_only_when_merge_is_typed(world, as_user, pair):
    first, second = pair
    data = {"keep": first.pk, "reason": "Same NHS number on the GP letter", "confirm": "merge it"}
    response = as_user(world.manager).post(confirm_url(first, second), data)
    assert "Type MERGE to confirm" in response.content.decode()
    second.refresh_from_db()
    assert second.merged_into is None


def test_it_merges_keeping_both_histories(world, as_user, pair):
    first, second = pair
    data = {"keep": first.pk, "reason": "Same NHS number on the GP letter", "confirm": "MERGE"}
    response = as_user(world.manager).post(confirm_url(first, second), data)
    assert response["Location"] == reverse("people:person", args=[first.pk])
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.merged_into == first
    assert second.merged_by == world.manager
    # Everything recorded on the duplicate now belongs to the record kept.
    assert first.addresses.get().line_1 == "1 Safe Row"
    assert Relationship.objects.get().person == first
    assert set(PersonName.objects.filter(person=first).values_list("family_name", flat=True)) == {
        "Ward",
        "Barns",
    }
    # Gaps in the kept record are filled; what it had stays.
    assert (first.nhs_number, first.police_reference) == ("9434765919", "NP/22/1234")
    assert first.date_of_birth == dt.date(1994, 8, 8)
    # Both records have the merge in their audit history.
    for person in (first, second):
        assert AuditEvent.objects.filter(
            action=AuditAction.UPDATE, person_id=person.pk, actor_id=world.manager.pk
        ).exists()
    page = as_user(world.manager).get(reverse("people:person", args=[second.pk]))
    assert page["Location"] == reverse("people:person", args=[first.pk])


def test_the_other_record_can_be_the_one_kept(world, as_user, pair):
    first, second = pair
    data = {"keep": second.pk, "reason": "Same person", "confirm": "MERGE"}
    as_user(world.manager).post(confirm_url(first, second), data)
    first.refresh_from_db()
    assert first.merged_into == second


def test_shares_stay_with_the_record_they_were_given_for(world, pair):
    first, second = pair
    share = ShareFactory(person=second, to_agency=AgencyFactory(name="Housing"))
    merge_persons(by=world.manager, keep=first, merge=second)
    share.refresh_from_db()
    assert share.person == second
    assert not Share.objects.filter(person=first).exists()


def test_a_relationship_between_the_two_records_stays_behind(world, pair):
    first, second = pair
    actions.record_relationship(
        by=world.caseworker, person=first, other_person=second, kind="relative"
    )
    merge_persons(by=world.manager, keep=first, merge=second)
    assert Relationship.objects.filter(person=first, other_person=second).exists()


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("same", "Choose two different records."),
        ("merged", "One of these records has already been merged into another."),
        ("other_agency", "You can only merge records your agency holds."),
    ],
)
def test_the_action_refuses_impossible_merges(world, pair, setup, message):
    first, second = pair
    if setup == "same":
        keep, merge = first, first
    elif setup == "merged":
        merge_persons(by=world.manager, keep=first, merge=second)
        keep, merge = PersonFactory(owning_agency=world.agency), second
    else:
        keep, merge = first, PersonFactory(owning_agency=world.other_agency)
    with pytest.raises(ValidationError) as refused:
        merge_persons(by=world.manager, keep=keep, merge=merge)
    assert refused.value.messages == [message]


def test_a_caseworker_may_not_merge(world, as_user, pair):
    first, second = pair
    assert (
        as_user(world.caseworker).get(reverse("people:merge", args=[first.pk])).status_code == 403
    )
    assert as_user(world.caseworker).get(confirm_url(first, second)).status_code == 403
    with pytest.raises(ValidationError):
        merge_persons(by=world.caseworker, keep=first, merge=second)


def test_another_agencys_manager_gets_not_found(world, as_user, pair):
    from onestory.accounts.roles import RoleName
    from tests.factories import UserFactory

    first, second = pair
    manager = UserFactory(
        username="idva_manager", agency=world.other_agency, role=RoleName.TEAM_MANAGER
    )
    assert as_user(manager).get(reverse("people:merge", args=[first.pk])).status_code == 404
    assert as_user(manager).get(confirm_url(first, second)).status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, pair):
    first, second = pair
    response = client.get(confirm_url(first, second))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_the_merged_record_is_found_no_more(world, pair):
    from onestory.access.search import find_candidates

    first, second = pair
    merge_persons(by=world.manager, keep=first, merge=second)
    found = find_candidates(world.manager, name="Chloe Ward")
    assert [candidate.person for candidate in found] == [first]
    assert Person.objects.filter(merged_into=first).count() == 1
