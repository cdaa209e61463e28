"""Stays: a household arrives in the unit the survivor accepted, has a key worker and the
statutory support types, and leaves with the reason support ended and where they moved on
to. Arriving in an occupied unit, a household bigger than the unit, and leaving before
arriving are refused with a clear message and save nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from onestory.accommodation.actions import placements, stays
from onestory.accommodation.models import Stay
from onestory.accommodation.queries import free_units
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditEvent
from tests.factories import AgencyFactory, PersonFactory, SchemeFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 10)  # the fixed clock's day


@pytest.fixture
def refuge(world):
    agency = AgencyFactory(name="Oak Lodge Trust", kind=AgencyKind.SAFE_ACCOMMODATION)
    worker = UserFactory(username="oak_worker", agency=agency, role=RoleName.CASEWORKER)
    scheme = SchemeFactory(agency=agency, name="Oak Lodge", town="Westbury", created_by=worker)
    room = UnitFactory(scheme=scheme, name="Family room", bed_spaces=3, max_children=2)
    return worker, scheme, room


def _taken(world, refuge, children=({"sex": "girl", "age": 7},)):
    worker, scheme, room = refuge
    placement = placements.request_placement(
        person=PersonFactory(owning_agency=world.agency),
        schemes=[scheme],
        adult_sex="woman",
        adults=1,
        children=list(children),
        from_area="Northtown",
        by=world.caseworker,
    )
    ask = placement.asks.get()
    placements.answer_ask(ask=ask, answer="offered", unit=room, by=worker)
    placements.answer_offer(ask=ask, answer="taken", by=world.caseworker)
    ask.refresh_from_db()
    return ask


def test_a_household_arrives_and_leaves_on_the_pages(world, as_user, refuge):
    worker, _scheme, room = refuge
    ask = _taken(world, refuge)
    client = as_user(worker)
    form = client.get(f"/accommodation/asks/{ask.pk}/arrive/").content.decode()
    assert 'value="girl 7"' in form  # the household carried over from the request
    response = client.post(
        f"/accommodation/asks/{ask.pk}/arrive/",
        {"arrived_on": "2026-06-01", "adults": "1", "children": "girl 7", "key_worker": worker.pk},
    )
    stay = Stay.objects.get()
    assert response["Location"] == f"/accommodation/stays/{stay.pk}/"
    assert (stay.unit, stay.key_worker, stay.arrived_on) == (room, worker, date(2026, 6, 1))
    page = client.get(f"/accommodation/stays/{stay.pk}/").content.decode()
    assert "9 nights so far" in page
    assert room not in free_units()

    client.post(
        f"/accommodation/stays/{stay.pk}/",
        {"key_worker": worker.pk, "support_given": ["advocacy", "children"]},
    )
    stay.refresh_from_db()
    assert stay.support_given == ["advocacy", "children"]

    response = client.post(
        f"/accommodation/stays/{stay.pk}/depart/",
        {"departed_on": "2026-06-08", "end_reason": "planned", "move_on": "social_rent"},
    )
    assert response.status_code == 302
    stay.refresh_from_db()
    assert (stay.departed_on, stay.move_on) == (date(2026, 6, 8), "social_rent")
    assert stay.length_in_days(TODAY) == 7
    assert "7 nights" in client.get(f"/accommodation/stays/{stay.pk}/").content.decode()
    assert room in free_units()
    reasons = set(
        AuditEvent.objects.filter(object_type="accommodation.stay").values_list("reason", flat=True)
    )
    assert {"arrived", "left"} <= reasons


def test_an_arrival_in_an_occupied_unit_is_refused(world, refuge):
    worker, scheme, room = refuge
    first = _taken(world, refuge)
    stays.record_arrival(ask=first, arrived_on=TODAY, by=worker)
    # A second household takes the same unit by another way (the offer was made before).
    second = _taken(world, (worker, scheme, UnitFactory(scheme=scheme, name="Spare")))
    second.unit = room
    with pytest.raises(ValidationError) as refused:
        stays.record_arrival(ask=second, arrived_on=TODAY, by=worker)
    assert "already has a household in it" in str(refused.value)
    assert Stay.objects.count() == 1


def test_a_household_bigger_than_the_unit_is_refused(world, as_user, refuge):
    worker, _, _ = refuge
    ask = _taken(world, refuge)
    response = as_user(worker).post(
        f"/accommodation/asks/{ask.pk}/arrive/",
        {"arrived_on": "2026-06-10", "adults": "2", "children": "girl 7, boy 3"},
    )
    assert "The household is 4 people and the unit takes at most 3" in response.content.decode()
    assert not Stay.objects.exists()


def test_an_arrival_before_the_place_is_taken_is_refused(world, refuge):
    worker, _scheme, _room = refuge
    ask = _taken(world, refuge)
    ask.status = "offered"
    with pytest.raises(ValidationError):
        stays.record_arrival(ask=ask, arrived_on=TODAY, by=worker)
    assert not Stay.objects.exists()


def test_a_departure_before_arrival_is_refused(world, as_user, refuge):
    worker, _, _ = refuge
    stay = stays.record_arrival(
        ask=_taken(world, refuge), arrived_on=TODAY - timedelta(days=3), by=worker
    )
    response = as_user(worker).post(
        f"/accommodation/stays/{stay.pk}/depart/",
        {"departed_on": "2026-06-01", "end_reason": "planned", "move_on": "unknown"},
    )
    assert "must be on or after the date they arrived, 7 June 2026" in response.content.decode()
    stay.refresh_from_db()
    assert stay.departed_on is None


@pytest.mark.parametrize(
    ("details", "field"),
    [
        ({"end_reason": "", "move_on": "unknown"}, "end_reason"),
        ({"end_reason": "planned", "move_on": ""}, "move_on"),
    ],
)
def test_a_departure_needs_its_reason_and_destination(world, refuge, details, field):
    worker, _, _ = refuge
    stay = stays.record_arrival(ask=_taken(world, refuge), arrived_on=TODAY, by=worker)
    with pytest.raises(ValidationError) as refused:
        stays.record_departure(stay=stay, departed_on=TODAY, by=worker, **details)
    assert field in refused.value.message_dict


def test_only_the_schemes_agency_records_a_stay(world, as_user, refuge):
    worker, _, _ = refuge
    ask = _taken(world, refuge)
    with pytest.raises(PermissionDenied):
        stays.record_arrival(ask=ask, arrived_on=TODAY, by=world.caseworker)
    stay = stays.record_arrival(ask=ask, arrived_on=TODAY, by=worker)
    for user in (world.caseworker, world.other_caseworker):
        assert as_user(user).get(f"/accommodation/stays/{stay.pk}/").status_code == 404
        assert as_user(user).get(f"/accommodation/stays/{stay.pk}/depart/").status_code == 404
    with pytest.raises(PermissionDenied):
        stays.record_departure(
            stay=stay,
            departed_on=TODAY,
            end_reason="planned",
            move_on="unknown",
            by=world.caseworker,
        )
