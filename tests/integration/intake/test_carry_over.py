"""Nothing the person said is lost: a referral's details go onto the person's record."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from onestory.audit.models import AuditEvent
from onestory.intake import actions
from onestory.intake.models import Referral
from onestory.people.models import Address, ContactMethod, PersonName, SafeContactPlan
from tests.factories import PersonFactory, ReferralFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(world):
    return ReferralFactory(
        owning_agency=world.central,
        given_name="Amara",
        family_name="Okafor",
        date_of_birth=date(1991, 5, 17),
        gender="woman",
        other_names="Mara Okafor-Jones",
        interpreter_needed=True,
        interpreter_language="Igbo",
        phone="07700 900456",
        safe_to_call=True,
        voicemail_allowed=False,
        safe_to_text=True,
        safe_times="Weekdays 9am to 3pm",
        email="amara@example.org",
        safe_to_email=True,
        safe_word="Blue kettle",
        contact_only_through_professional=True,
        professional_contact="Sam Reid, health visitor",
        postcode="NE1 4AB",
        children_in_household="yes",
        children_count=2,
        children=[{"name": "Tomi", "age": 6}, {"name": "Ada Okafor", "age": None}],
    )


def _compare_url(referral, person) -> str:
    return reverse("intake:link-compare", args=[referral.pk, person.pk])


def test_a_new_person_takes_everything_the_referral_holds(as_user, desk, referral):
    client = as_user(desk.call_handler)
    client.post(reverse("intake:link-person", args=[referral.pk]), {"link": "new"})
    person = Referral.objects.get().person
    assert person.date_of_birth == date(1991, 5, 17)
    assert person.gender_identity == "woman"
    assert person.interpreter_needed is True
    assert person.first_language == "Igbo"
    assert list(PersonName.objects.values_list("kind", "given_name")) == [
        ("alias", "Mara Okafor-Jones")
    ]
    phone = ContactMethod.objects.get(person=person, kind="phone")
    assert (
        phone.value,
        phone.safe_to_use,
        phone.voicemail_allowed,
        phone.text_allowed,
        phone.safe_times,
    ) == ("07700 900456", True, False, True, "Weekdays 9am to 3pm")
    email = ContactMethod.objects.get(person=person, kind="email")
    assert (email.value, email.safe_to_use) == ("amara@example.org", True)
    plan = SafeContactPlan.objects.get(person=person)
    assert plan.safe_word == "Blue kettle"
    assert plan.only_through_professional is True
    assert plan.professional_name == "Sam Reid, health visitor"
    address = Address.objects.get(person=person)
    assert address.postcode == "NE1 4AB"
    assert address.location_secret is True
    # The children named are records of their own, connected as living with her.
    children = {r.other_person.display_name: r.other_person for r in person.relationships.all()}
    assert set(children) == {"Tomi", "Ada Okafor"}
    assert children["Tomi"].birth_year_estimate == timezone.localdate().year - 6
    assert children["Ada Okafor"].birth_year_estimate is None
    assert children["Tomi"].involvement == "child_victim"
    assert {r.kind for r in person.relationships.all()} == {"household_member"}
    # The person page shows what came over.
    page = client.get(reverse("people:person", args=[person.pk])).content.decode()
    assert "07700 900456" in page
    assert "Blue kettle" in page


def test_an_age_without_a_date_of_birth_gives_an_estimated_year(world, desk):
    referral = ReferralFactory(owning_agency=world.central, date_of_birth=None, approximate_age=34)
    person = actions.create_person_for_referral(referral=referral, by=desk.call_handler)
    assert person.date_of_birth is None
    assert person.birth_year_estimate == timezone.localdate().year - 34


def test_linking_shows_what_differs_and_takes_only_what_is_chosen(as_user, desk, world, referral):
    known = PersonFactory(
        owning_agency=world.central,
        given_name="Amara",
        family_name="Okafor",
        date_of_birth=date(1991, 5, 18),
    )
    ContactMethod.objects.create(person=known, kind="phone", value="+44 7700 900456")
    client = as_user(desk.call_handler)
    page = client.get(_compare_url(referral, known)).content.decode()
    assert "18 May 1991" in page  # what the record holds
    assert "17 May 1991" in page  # what the referral says
    assert 'value="date_of_birth"' in page  # different: offered, not chosen
    assert 'value="date_of_birth" aria-describedby="take-date_of_birth-hint">' in page
    assert 'value="email" aria-describedby="take-email-hint" checked>' in page  # new: chosen
    assert 'value="phone"' not in page  # the same number, written another way
    response = client.post(_compare_url(referral, known), {"take": ["email", "safe_word"]})
    assert response["Location"] == reverse("intake:referral", args=[referral.pk])
    known.refresh_from_db()
    assert known.date_of_birth == date(1991, 5, 18)  # not chosen: left alone
    assert set(known.contact_methods.values_list("value", flat=True)) == {
        "+44 7700 900456",
        "amara@example.org",
    }
    assert known.safe_contact_plan.safe_word == "Blue kettle"
    assert not known.addresses.exists()
    assert Referral.objects.get().person == known
    assert AuditEvent.objects.filter(person_id=known.pk, action="create").count() >= 2


def test_a_summary_share_can_link_but_not_add(as_user, desk, world, referral):
    from onestory.access.models import ShareScope
    from tests.factories import ShareFactory

    elsewhere = PersonFactory(owning_agency=world.agency)
    ShareFactory(person=elsewhere, to_agency=world.central, scope=ShareScope.SUMMARY)
    client = as_user(desk.call_handler)
    page = client.get(_compare_url(referral, elsewhere)).content.decode()
    assert 'name="take"' not in page
    assert "cannot add to it" in page
    client.post(_compare_url(referral, elsewhere), {"take": ["email"]})
    assert Referral.objects.get().person == elsewhere
    assert not elsewhere.contact_methods.exists()


def test_outsiders_get_404(as_user, world, referral):
    known = PersonFactory(owning_agency=world.central)
    assert as_user(world.call_handler).get(_compare_url(referral, known)).status_code == 404


# --- Through the API --------------------------------------------------------------------------


def _api(user):
    from django.test import Client

    from onestory.accounts.tokens.actions import issue_token

    _, plain = issue_token(user=user, by=user, name="Partner system")
    return Client(headers={"Authorization": f"Bearer {plain}"})


def _person_url(referral) -> str:
    return f"/api/v1/referrals/{referral.pk}/person"


def test_the_api_creates_the_person_of_a_referral_with_everything(desk, referral):
    response = _api(desk.call_handler).post(
        _person_url(referral), {}, content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    assert body["created"] is True
    person = Referral.objects.get().person
    assert body["person"] == person.pk
    assert person.date_of_birth == date(1991, 5, 17)
    assert person.contact_methods.count() == 2
    assert person.safe_contact_plan.safe_word == "Blue kettle"
    assert person.addresses.get().postcode == "NE1 4AB"


def test_the_api_compares_and_links_taking_the_details_named(desk, world, referral):
    known = PersonFactory(
        owning_agency=world.central, given_name="Amara", family_name="Okafor", date_of_birth=None
    )
    api = _api(desk.call_handler)
    compared = api.get(f"{_person_url(referral)}?person={known.pk}").json()
    states = {row["key"]: row["state"] for row in compared}
    assert states["date_of_birth"] == "new"
    assert states["phone"] == "new"
    response = api.post(
        _person_url(referral),
        {"person": known.pk, "take": ["date_of_birth", "phone"]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json() == {
        "reference": referral.reference,
        "person": known.pk,
        "created": False,
    }
    known.refresh_from_db()
    assert known.date_of_birth == date(1991, 5, 17)
    assert list(known.contact_methods.values_list("value", flat=True)) == ["07700 900456"]
    assert not known.addresses.exists()


def test_the_api_refuses_a_detail_the_referral_does_not_give(desk, world, referral):
    known = PersonFactory(owning_agency=world.central)
    response = _api(desk.call_handler).post(
        _person_url(referral),
        {"person": known.pk, "take": ["nhs_number"]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "take" in response.json()
    assert Referral.objects.get().person is None


def test_the_api_hides_a_person_the_sender_cannot_see(desk, world, referral):
    hidden = PersonFactory(owning_agency=world.other_agency)
    api = _api(desk.call_handler)
    assert api.get(f"{_person_url(referral)}?person={hidden.pk}").status_code == 404
    linked = api.post(_person_url(referral), {"person": hidden.pk}, content_type="application/json")
    assert linked.status_code == 404
    assert Referral.objects.get().person is None


def test_another_agency_cannot_reach_the_referral(world, referral):
    response = _api(world.call_handler).post(
        _person_url(referral), {}, content_type="application/json"
    )
    assert response.status_code == 404


def test_the_api_creates_a_person(world):
    response = _api(world.caseworker).post(
        "/api/v1/persons/",
        {"given_name": "Nadia", "family_name": "Rahman", "date_of_birth": "1988-02-29"},
        content_type="application/json",
    )
    assert response.status_code == 201
    from onestory.people.models import Person

    person = Person.objects.get()
    assert (person.display_name, person.owning_agency) == ("Nadia Rahman", world.agency)
    assert response.json()["id"] == person.pk


def test_the_api_refuses_an_impossible_person(world):
    response = _api(world.caseworker).post(
        "/api/v1/persons/",
        {"given_name": "Nadia", "date_of_birth": "2999-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "date_of_birth" in response.json()


def test_linking_adds_only_the_children_not_yet_connected(as_user, desk, world, referral):
    from onestory.people.actions import connect_new_person

    known = PersonFactory(owning_agency=world.central, given_name="Amara", family_name="Okafor")
    connect_new_person(by=desk.call_handler, person=known, kind="parent_of", given_name="Tomi")
    client = as_user(desk.call_handler)
    page = client.get(_compare_url(referral, known)).content.decode()
    assert "Children who live with them: Tomi (6), Ada Okafor" in page
    client.post(_compare_url(referral, known), {"take": ["children"]})
    names = sorted(r.other_person.given_name for r in known.relationships.all())
    assert names == ["Ada", "Tomi"]


def test_the_api_takes_children_named(desk):
    response = _api(desk.call_handler).post(
        "/api/v1/referrals/",
        {
            "source": "self",
            "given_name": "Rin",
            "phone": "07700 900111",
            "safe_to_call": True,
            "children": [{"name": "Kai", "age": 3}, {"name": "Mo"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert Referral.objects.get(reference=response.json()["reference"]).children == [
        {"name": "Kai", "age": 3},
        {"name": "Mo", "age": None},
    ]


def test_the_form_reads_children_one_to_a_line(as_user, desk):
    from onestory.intake import tokens

    client = as_user(desk.call_handler)
    answers = {
        "submission": tokens.issue("phone"),
        "action": "save",
        "source": "self",
        "given_name": "Rin",
        "story": "He shouts at the children.",
        "urgency": "standard",
        "phone": "07700 900111",
        "safe_to_call": "yes",
        "children_in_household": "yes",
        "children": "Kai, 3\nMo",
    }
    client.post(reverse("intake:take-referral"), answers)
    assert Referral.objects.get().children == [
        {"name": "Kai", "age": 3},
        {"name": "Mo", "age": None},
    ]
    refused = client.post(
        reverse("intake:take-referral"),
        {**answers, "submission": tokens.issue("phone"), "children": "Kai, 30"},
    )
    assert "A child&#x27;s age must be 17 or under" in refused.content.decode()
    assert Referral.objects.count() == 1


def test_the_comparison_keeps_to_a_bounded_number_of_queries(
    as_user, desk, world, referral, django_assert_max_num_queries
):
    from onestory.people.actions import connect_new_person

    known = PersonFactory(owning_agency=world.central, given_name="Amara", family_name="Okafor")
    for name in ("Tomi", "Ada", "Kemi", "Femi"):
        connect_new_person(by=desk.call_handler, person=known, kind="parent_of", given_name=name)
    client = as_user(desk.call_handler)
    with django_assert_max_num_queries(15):
        response = client.get(_compare_url(referral, known))
    assert response.status_code == 200
