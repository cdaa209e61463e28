"""Finding services, and keeping the directory up to date."""

import pytest
from django.urls import reverse

from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditAction, AuditEvent
from onestory.directory.models import Contact, Location, Organisation, Service
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REFUGE_ADDRESS = "3 Willow Lane"


def refuge() -> Service:
    return Service.objects.get(name="Willow Lane Refuge")


# --- Finding services ------------------------------------------------------------------------


def test_staff_search_the_directory(world, northshire, as_user, django_assert_max_num_queries):
    client = as_user(world.caseworker)
    with django_assert_max_num_queries(15):
        html = client.get(reverse("directory:services")).content.decode()
    assert "29 services" in html
    html = client.get(reverse("directory:services"), {"kind": "idva"}).content.decode()
    assert "1 service<" in html
    assert "Northshire IDVA Service" in html
    html = client.get(reverse("directory:services"), {"q": "sanctuary"}).content.decode()
    assert "Safe at Home Sanctuary Scheme" in html
    assert "Kestrel" not in html


def test_a_bad_filter_shows_an_error(world, northshire, as_user):
    response = as_user(world.caseworker).get(reverse("directory:services"), {"area": "nonsense"})
    assert response.status_code == 200
    assert "<title>Error: " in response.content.decode()


def test_a_service_page_shows_how_to_refer_and_a_schools_safeguarding_lead(
    world, northshire, as_user
):
    school = Service.objects.get(name="Millbrook Academy")
    html = (
        as_user(world.other_caseworker)
        .get(reverse("directory:service", args=[school.pk]))
        .content.decode()
    )
    assert "Mr Daniel Oyelaran" in html
    assert "Safeguarding lead" in html
    assert "Millbrook Way" in html


def test_a_refuges_location_is_shown_only_to_the_agency_that_runs_it(
    world, northshire, refuge_agency, as_user
):
    url = reverse("directory:service", args=[refuge().pk])
    for outsider in (world.caseworker, world.other_caseworker, world.marac_coordinator):
        html = as_user(outsider).get(url).content.decode()
        assert REFUGE_ADDRESS not in html
        assert "kept secret" in html
    staff = UserFactory(agency=refuge_agency, role=RoleName.CASEWORKER)
    html = as_user(staff).get(url).content.decode()
    assert REFUGE_ADDRESS in html
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, actor_id=staff.pk).exists()
    # Their MARAC representative may not see location-secret details.
    representative = UserFactory(agency=refuge_agency, role=RoleName.MARAC_REPRESENTATIVE)
    assert REFUGE_ADDRESS not in as_user(representative).get(url).content.decode()


def test_the_running_agency_keeps_its_secret_location(world, northshire, refuge_agency, as_user):
    service = refuge()
    url = reverse("directory:own-locations", args=[service.pk])
    assert as_user(world.caseworker).get(url).status_code == 404
    staff = UserFactory(agency=refuge_agency, role=RoleName.TEAM_MANAGER)
    client = as_user(staff)
    assert REFUGE_ADDRESS in client.get(url).content.decode()
    response = client.post(
        url, {"name": "Annexe", "address": "5 Willow Lane", "town": "Brackenford"}
    )
    assert response.status_code == 302
    assert service.locations.filter(address="5 Willow Lane").exists()
    old = service.locations.get(address=REFUGE_ADDRESS)
    client.post(url, {"remove": old.uid})
    assert not Location.objects.filter(pk=old.pk).exists()


def test_finding_services_needs_a_role_that_works_with_people(world, northshire, as_user, client):
    assert as_user(world.commissioner).get(reverse("directory:services")).status_code == 403
    assert as_user(world.admin).get(reverse("directory:services")).status_code == 403
    assert client.get(reverse("directory:services")).status_code == 302


# --- Keeping it up to date -------------------------------------------------------------------


def service_answers(**changes):
    answers = {
        "name": "Northshire Stalking Advocacy",
        "new_organisation": "Safe Steps Trust",
        "kind": "idva",
        "status": "active",
        "serves": "victims",
        "referral_route": "signpost",
        "minimum_age": "16",
        "genders": ["women", "men"],
        "risk_levels": ["high"],
        "languages": "English, Polish",
        "how_to_refer": "Call us.",
    }
    answers.update(changes)
    return answers


def test_an_administrator_adds_and_changes_a_service(world, northshire, as_user):
    client = as_user(world.admin)
    assert client.get(reverse("directory:manage")).status_code == 200
    response = client.post(reverse("directory:new"), service_answers())
    service = Service.objects.get(name="Northshire Stalking Advocacy")
    assert response["Location"] == reverse("directory:edit", args=[service.pk])
    assert service.organisation == Organisation.objects.get(name="Safe Steps Trust")
    assert service.languages == ["English", "Polish"]
    assert service.risk_levels == ["high"]
    answers = service_answers(
        organisation=service.organisation.pk,
        new_organisation="",
        referral_route="onestory",
        agency=world.other_agency.pk,
        areas=[northshire["Northshire IDVA Service"].areas.first().pk],
    )
    client.post(reverse("directory:edit", args=[service.pk]), answers)
    service.refresh_from_db()
    assert service.takes_referrals
    assert service.areas.count() == 1
    assert (
        AuditEvent.objects.filter(object_type="directory.service", actor_id=world.admin.pk).count()
        == 2
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"new_organisation": ""}, "Choose the organisation that runs it, or name a new one"),
        (
            {"minimum_age": "30", "maximum_age": "20"},
            "The oldest age must not be below the youngest",
        ),
        ({"referral_route": "onestory"}, "Choose the agency that receives referrals"),
        ({"name": ""}, "This field is required"),
        ({"url": "not a web address"}, "Enter a valid URL"),
    ],
)
def test_bad_service_details_are_refused_next_to_the_field(
    world, northshire, as_user, changes, message
):
    response = as_user(world.admin).post(reverse("directory:new"), service_answers(**changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    assert message in html
    assert not Service.objects.filter(name="Northshire Stalking Advocacy").exists()


def test_safe_accommodation_is_always_kept_secret(world, northshire, as_user):
    as_user(world.admin).post(
        reverse("directory:new"), service_answers(kind="safe_accommodation", name="New Refuge")
    )
    assert Service.objects.get(name="New Refuge").location_secret


def test_contacts_are_added_and_removed(world, northshire, as_user):
    school = Service.objects.get(name="Fenside Primary School")
    client = as_user(world.admin)
    url = reverse("directory:contacts", args=[school.pk])
    response = client.post(url, {"name": "Mr New", "title": "Deputy DSL"})
    assert "Give a phone number or an email address" in response.content.decode()
    client.post(
        url,
        {"name": "Mr New", "email": "new@fenside.example", "designated_safeguarding_lead": "on"},
    )
    assert school.contacts.filter(name="Mr New", designated_safeguarding_lead=True).exists()
    old = school.contacts.exclude(name="Mr New").get()
    client.post(url, {"remove": old.uid})
    assert not Contact.objects.filter(pk=old.pk).exists()


def test_an_administrator_cannot_see_or_change_a_refuges_location(world, northshire, as_user):
    service = refuge()
    client = as_user(world.admin)
    html = client.get(reverse("directory:locations", args=[service.pk])).content.decode()
    assert REFUGE_ADDRESS not in html
    assert "kept secret" in html
    client.post(reverse("directory:locations", args=[service.pk]), {"address": "Somewhere"})
    assert not service.locations.filter(address="Somewhere").exists()


def test_an_administrator_changes_a_public_location(world, northshire, as_user):
    service = Service.objects.get(name="Kestrel Outreach Support")
    url = reverse("directory:locations", args=[service.pk])
    client = as_user(world.admin)
    assert "14 Mill Lane" in client.get(url).content.decode()
    response = client.post(url, {"address": ""})
    assert "<title>Error: " in response.content.decode()
    client.post(url, {"address": "1 New Street", "town": "Harrowmere"})
    assert service.locations.filter(address="1 New Street").exists()


def test_managing_the_directory_needs_the_permission(world, northshire, as_user, client):
    service = refuge()
    for url in (
        reverse("directory:manage"),
        reverse("directory:new"),
        reverse("directory:edit", args=[service.pk]),
        reverse("directory:contacts", args=[service.pk]),
        reverse("directory:locations", args=[service.pk]),
    ):
        assert as_user(world.caseworker).get(url).status_code == 403
        assert client.get(url).status_code == 302
    assert as_user(world.admin).get(reverse("directory:edit", args=[999_999])).status_code == 404
