"""Opening a case: directly by the agency, or from an accepted onward referral."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from onestory.access.models import ShareScope
from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditAction, AuditEvent
from onestory.cases import actions
from onestory.cases.choices import CaseStatus, PersonRole
from onestory.cases.models import Case
from onestory.people.models import Involvement
from tests.factories import PersonFactory, ShareFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_it_opens_a_case_led_by_a_worker_and_audits_it(world, victim):
    case = actions.open_case(
        person=victim,
        agency=world.agency,
        lead_worker=world.caseworker,
        workers=[world.manager],
        by=world.manager,
    )
    assert case.status == CaseStatus.OPEN
    assert case.person_role == PersonRole.VICTIM
    assert list(case.workers.all()) == [world.manager]
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="cases.case")
    assert event.person_id == victim.pk
    assert "summary" in event.fields


@pytest.mark.parametrize(
    ("involvement", "role"),
    [
        (Involvement.CHILD_VICTIM, PersonRole.CHILD),
        (Involvement.PERSON_USING_HARM, PersonRole.PERSON_USING_HARM),
        (Involvement.NOT_KNOWN, PersonRole.VICTIM),
    ],
)
def test_the_persons_part_follows_their_record(world, involvement, role):
    person = PersonFactory(owning_agency=world.agency, involvement=involvement)
    case = actions.open_case(person=person, agency=world.agency, by=world.caseworker)
    assert case.person_role == role


def test_it_refuses_a_second_open_case_at_the_same_agency(world, case):
    with pytest.raises(ValidationError) as refused:
        actions.open_case(person=case.person, agency=world.agency, by=world.caseworker)
    assert "already has an open case" in str(refused.value)
    assert Case.objects.count() == 1


def test_another_agency_may_open_its_own_case_for_the_same_person(world, case):
    other = actions.open_case(
        person=case.person, agency=world.other_agency, by=world.other_caseworker
    )
    assert other.agency == world.other_agency


def test_it_refuses_a_lead_worker_from_another_agency(world, victim):
    with pytest.raises(ValidationError) as refused:
        actions.open_case(
            person=victim,
            agency=world.agency,
            lead_worker=world.other_caseworker,
            by=world.caseworker,
        )
    assert "lead_worker" in refused.value.error_dict
    assert not Case.objects.exists()


def test_it_refuses_a_worker_whose_role_does_not_work_cases(world, victim):
    with pytest.raises(ValidationError) as refused:
        actions.open_case(
            person=victim, agency=world.agency, workers=[world.call_handler], by=world.caseworker
        )
    assert "workers" in refused.value.error_dict


def test_it_refuses_a_merged_record(world, victim):
    kept = PersonFactory(owning_agency=world.agency)
    victim.merged_into = kept
    victim.save(update_fields=["merged_into"])
    with pytest.raises(ValidationError):
        actions.open_case(person=victim, agency=world.agency, by=world.caseworker)


def test_the_open_page_opens_a_case(world, as_user, victim):
    client = as_user(world.caseworker)
    url = reverse("cases:open", args=[victim.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "<title>Open a case – OneStory</title>" in page.content.decode()
    response = client.post(
        url,
        {
            "person_role": "victim",
            "summary": "Help with a non-molestation order",
            "lead_worker": world.caseworker.pk,
            "workers": [world.manager.pk],
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:case", args=[case.pk])
    assert case.lead_worker == world.caseworker
    assert case.summary == "Help with a non-molestation order"


def test_the_open_page_shows_a_clear_refusal(world, as_user, case):
    response = as_user(world.caseworker).post(
        reverse("cases:open", args=[case.person_id]), {"person_role": "victim"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Open a case – OneStory</title>" in html
    assert "Your agency already has an open case for this person." in html


def test_the_open_page_needs_a_full_view_of_the_person(world, as_user, victim):
    ShareFactory(
        person=victim,
        to_agency=world.other_agency,
        scope=ShareScope.SUMMARY,
        granted_by=world.caseworker,
    )
    url = reverse("cases:open", args=[victim.pk])
    assert as_user(world.other_caseworker).get(url).status_code == 404


def test_a_full_share_lets_another_agency_open_its_own_case(world, as_user, victim):
    ShareFactory(
        person=victim,
        to_agency=world.other_agency,
        scope=ShareScope.FULL,
        granted_by=world.caseworker,
    )
    client = as_user(world.other_caseworker)
    client.post(reverse("cases:open", args=[victim.pk]), {"person_role": "victim"})
    assert Case.objects.get().agency == world.other_agency


def test_the_open_page_refuses_roles_that_do_not_work_cases(world, as_user, victim):
    url = reverse("cases:open", args=[victim.pk])
    assert as_user(world.call_handler).get(url).status_code == 403
    assert as_user(world.commissioner).get(url).status_code == 403


def test_the_open_page_sends_anonymous_visitors_to_sign_in(client, victim):
    response = client.get(reverse("cases:open", args=[victim.pk]))
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_the_persons_cases_list_only_shows_what_the_user_may_see(world, as_user, case):
    other_case = actions.open_case(
        person=case.person, agency=world.other_agency, by=world.other_caseworker
    )
    url = reverse("cases:person-cases", args=[case.person_id])
    html = as_user(world.caseworker).get(url).content.decode()
    assert f"Case {case.pk}" in html
    assert f"Case {other_case.pk}" in html  # the holding agency sees the whole record
    assert "Open a case" not in html  # its own case is still open
    ShareFactory(
        person=case.person,
        to_agency=world.other_agency,
        scope=ShareScope.SUMMARY,
        granted_by=world.caseworker,
    )
    html = as_user(world.other_caseworker).get(url).content.decode()
    assert f"Case {other_case.pk}" in html
    assert f"Case {case.pk}" not in html


def test_a_team_manager_chooses_who_works_on_a_case(world, as_user, case):
    colleague = UserFactory(username="colleague", agency=world.agency, role=RoleName.CASEWORKER)
    url = reverse("cases:workers", args=[case.pk])
    assert as_user(world.caseworker).get(url).status_code == 403
    client = as_user(world.manager)
    assert client.get(url).status_code == 200
    client.post(url, {"lead_worker": colleague.pk, "workers": [world.caseworker.pk]})
    case.refresh_from_db()
    assert case.lead_worker == colleague
    assert list(case.workers.all()) == [world.caseworker]


def _onward_referral(world, person):
    from tests.factories import OnwardReferralFactory, ServiceFactory

    service = ServiceFactory(agency=world.other_agency)
    return OnwardReferralFactory(person=person, service=service, sent_by=world.caseworker)


def test_a_case_opened_from_an_onward_referral_remembers_it(world, victim):
    referral = _onward_referral(world, victim)
    case = actions.open_case(
        person=victim,
        agency=world.other_agency,
        lead_worker=world.other_caseworker,
        onward_referral=referral,
        by=world.other_caseworker,
    )
    assert case.onward_referral == referral
    assert referral.case == case


def test_an_onward_referral_opens_a_case_only_for_its_person_at_its_agency(world, victim):
    referral = _onward_referral(world, victim)
    with pytest.raises(ValidationError) as refused:
        actions.open_case(
            person=victim, agency=world.agency, onward_referral=referral, by=world.caseworker
        )
    assert "onward_referral" in refused.value.error_dict
    someone_else = PersonFactory(owning_agency=world.agency)
    with pytest.raises(ValidationError):
        actions.open_case(
            person=someone_else,
            agency=world.other_agency,
            onward_referral=referral,
            by=world.other_caseworker,
        )
    assert not Case.objects.exists()
