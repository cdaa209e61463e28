"""Managing schemes and units: the running agency's staff add and change them; anyone else
is refused, and where a scheme is reaches only the running agency."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from onestory.accommodation import actions
from onestory.accommodation.models import Scheme, Unit
from onestory.audit.models import AuditEvent
from tests.factories import SchemeFactory, UnitFactory

pytestmark = pytest.mark.django_db

SCHEME_FORM = {
    "name": "Harbour House",
    "scheme_type": "refuge",
    "town": "Eastmouth",
    "address": "14 Quay Street\nEastmouth",
    "postcode": "em1 2ab",
    "directions": "Blue door at the back",
}


def test_it_adds_a_scheme_on_the_page(world, as_user):
    response = as_user(world.caseworker).post("/accommodation/schemes/new/", SCHEME_FORM)
    scheme = Scheme.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/accommodation/schemes/{scheme.pk}/"
    assert scheme.agency == world.agency
    assert scheme.postcode == "EM1 2AB"
    created = AuditEvent.objects.get(action="create", object_type="accommodation.scheme")
    assert created.actor_id == world.caseworker.pk
    assert "address" in created.fields


def test_it_refuses_bed_and_breakfast_and_saves_nothing(world):
    with pytest.raises(ValidationError) as refused:
        actions.create_scheme(
            by=world.caseworker, **(SCHEME_FORM | {"scheme_type": "bed_and_breakfast"})
        )
    assert "not safe accommodation" in str(refused.value.message_dict["scheme_type"])
    assert not Scheme.objects.exists()
    assert not AuditEvent.objects.filter(action="create").exists()


def test_the_page_refuses_a_type_that_is_not_statutory(world, as_user):
    data = SCHEME_FORM | {"scheme_type": "bed_and_breakfast"}
    response = as_user(world.caseworker).post("/accommodation/schemes/new/", data)
    assert response.status_code == 200
    assert "Select the type of safe accommodation" in response.content.decode()
    assert not Scheme.objects.exists()


def test_the_page_lists_every_missing_detail(world, as_user):
    response = as_user(world.caseworker).post("/accommodation/schemes/new/", {})
    page = response.content.decode()
    assert "Error: Add a scheme" in page
    for field in ("name", "town", "address", "postcode"):
        assert f'href="#id_{field}"' in page
    assert "Select the type of safe accommodation" in page
    assert not Scheme.objects.exists()


def test_the_running_agency_sees_where_it_is(world, as_user):
    scheme = SchemeFactory(agency=world.agency, address="77 Hidden Row", created_by=world.manager)
    response = as_user(world.manager).get(f"/accommodation/schemes/{scheme.pk}/")
    assert response.status_code == 200
    assert "77 Hidden Row" in response.content.decode()
    viewed = AuditEvent.objects.get(action="view", object_type="accommodation.scheme")
    assert "address" in viewed.fields


def test_another_agency_gets_404_and_the_refusal_is_audited(world, as_user):
    scheme = SchemeFactory(agency=world.agency, created_by=world.manager)
    unit = UnitFactory(scheme=scheme)
    client = as_user(world.other_caseworker)
    for path in (
        f"/accommodation/schemes/{scheme.pk}/",
        f"/accommodation/schemes/{scheme.pk}/change/",
        f"/accommodation/units/{unit.pk}/change/",
        f"/accommodation/units/{unit.pk}/out-of-use/",
    ):
        assert client.get(path).status_code == 404
    assert client.post(f"/accommodation/units/{unit.pk}/back-in-use/").status_code == 404
    assert (
        AuditEvent.objects.filter(action="refused", actor_id=world.other_caseworker.pk).count() == 5
    )
    assert scheme.address not in client.get("/accommodation/schemes/").content.decode()


def test_another_agency_may_not_change_it_through_an_action(world):
    scheme = SchemeFactory(agency=world.agency, created_by=world.manager)
    with pytest.raises(PermissionDenied):
        actions.change_scheme(scheme=scheme, by=world.other_caseworker, name="Taken")
    scheme.refresh_from_db()
    assert scheme.name != "Taken"


def test_a_role_that_does_not_work_cases_is_refused_and_the_public_signs_in(world, as_user, client):
    assert as_user(world.representative).get("/accommodation/schemes/").status_code == 403
    assert as_user(world.commissioner).get("/accommodation/schemes/").status_code == 403
    response = client.get("/accommodation/schemes/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")


def test_it_changes_a_scheme(world, as_user):
    scheme = SchemeFactory(agency=world.agency, created_by=world.manager)
    data = SCHEME_FORM | {"name": "Harbour Lodge"}
    response = as_user(world.caseworker).post(f"/accommodation/schemes/{scheme.pk}/change/", data)
    assert response.status_code == 302
    scheme.refresh_from_db()
    assert scheme.name == "Harbour Lodge"
    changed = AuditEvent.objects.get(action="update", object_type="accommodation.scheme")
    assert "name" in changed.fields


UNIT_FORM = {
    "name": "Room 1",
    "bed_spaces": "3",
    "sexes": "women",
    "max_children": "2",
    "boys_up_to_age": "12",
    "pets": "on",
    "languages": "English, Polish",
}


def test_it_adds_a_unit_with_what_it_takes(world, as_user):
    scheme = SchemeFactory(agency=world.agency, created_by=world.manager)
    response = as_user(world.caseworker).post(
        f"/accommodation/schemes/{scheme.pk}/units/new/", UNIT_FORM
    )
    assert response.status_code == 302
    unit = Unit.objects.get()
    assert (unit.bed_spaces, unit.max_children, unit.boys_up_to_age) == (3, 2, 12)
    assert unit.pets
    assert not unit.wheelchair_access
    assert unit.languages == ["English", "Polish"]
    assert AuditEvent.objects.filter(action="create", object_type="accommodation.unit").exists()


def test_a_unit_too_small_for_its_children_is_refused(world, as_user):
    scheme = SchemeFactory(agency=world.agency, created_by=world.manager)
    data = UNIT_FORM | {"bed_spaces": "2", "max_children": "2"}
    response = as_user(world.caseworker).post(
        f"/accommodation/schemes/{scheme.pk}/units/new/", data
    )
    assert response.status_code == 200
    assert "can take at most 1 children" in response.content.decode()
    assert not Unit.objects.exists()


def test_two_units_of_a_scheme_cannot_share_a_name(world):
    unit = UnitFactory(scheme=SchemeFactory(agency=world.agency, created_by=world.manager))
    with pytest.raises(ValidationError) as refused:
        actions.add_unit(
            scheme=unit.scheme, by=world.caseworker, name=unit.name, bed_spaces=1, sexes="women"
        )
    assert "already has a unit" in str(refused.value)
    assert Unit.objects.count() == 1


def test_it_takes_a_unit_out_of_use_and_back(world, as_user):
    unit = UnitFactory(scheme=SchemeFactory(agency=world.agency, created_by=world.manager))
    client = as_user(world.caseworker)
    response = client.post(
        f"/accommodation/units/{unit.pk}/out-of-use/",
        {"reason": "repairs", "expected_back_on": "2026-07-01"},
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.is_out_of_use
    assert unit.out_of_use_since == date(2026, 6, 10)
    assert unit.expected_back_on == date(2026, 7, 1)
    page = client.get(f"/accommodation/schemes/{unit.scheme_id}/").content.decode()
    assert "Out of use" in page
    assert "1 July 2026" in page

    client.post(f"/accommodation/units/{unit.pk}/back-in-use/")
    unit.refresh_from_db()
    assert not unit.is_out_of_use
    assert unit.expected_back_on is None
    reasons = set(
        AuditEvent.objects.filter(object_type="accommodation.unit").values_list("reason", flat=True)
    )
    assert reasons == {"taken out of use", "back in use"}


def test_an_expected_return_in_the_past_is_refused(world, as_user):
    unit = UnitFactory(scheme=SchemeFactory(agency=world.agency, created_by=world.manager))
    response = as_user(world.caseworker).post(
        f"/accommodation/units/{unit.pk}/out-of-use/",
        {"reason": "repairs", "expected_back_on": "2026-06-01"},
    )
    assert response.status_code == 200
    assert "must be today or later" in response.content.decode()
    unit.refresh_from_db()
    assert not unit.is_out_of_use
