"""Placement requests: a worker asks two refuges at once for a place, starting from what the
person's record already says; one declines with a standard reason, one offers a unit; the
survivor's answer is recorded, and taking the place withdraws the other request."""

import re
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from onestory.access.models import Share
from onestory.accommodation.actions import placements, stays
from onestory.accommodation.models import LOCATION_FIELDS, PlacementAsk, PlacementRequest, Scheme
from onestory.accounts.models import AgencyKind, Area, AreaLevel
from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditEvent
from onestory.people.models import Relationship
from tests.factories import (
    AgencyFactory,
    AreaFactory,
    PersonFactory,
    SchemeFactory,
    UnitFactory,
    UserFactory,
)
from tests.integration.accommodation.markers import MARKER, planted

pytestmark = pytest.mark.django_db


@pytest.fixture
def district(db):
    """A district of the partnership's county."""
    county = AreaFactory(code="E10000099", name="Northshire", level=AreaLevel.LOCAL_AUTHORITY)
    return AreaFactory(code="E07000999", name="Northtown", level=AreaLevel.DISTRICT, parent=county)


@pytest.fixture
def refuges(world, district):
    """Two refuge providers, each with a worker and a refuge with a family room."""
    made = {}
    for key, name, town in (
        ("harbour", "Harbour House", "Eastmouth"),
        ("oak", "Oak Lodge", "Westbury"),
    ):
        agency = AgencyFactory(name=f"{name} Trust", kind=AgencyKind.SAFE_ACCOMMODATION)
        worker = UserFactory(username=f"{key}_worker", agency=agency, role=RoleName.CASEWORKER)
        scheme = SchemeFactory(
            agency=agency, name=name, town=town, area=district, created_by=worker
        )
        unit = UnitFactory(scheme=scheme, name="Family room", bed_spaces=3, max_children=2)
        made[key] = (worker, scheme, unit)
    return made


@pytest.fixture
def survivor(world):
    """A woman at the home agency whose record says she speaks Polish, has no recourse to
    public funds and has a daughter of 7."""
    person = PersonFactory(
        owning_agency=world.agency,
        given_name="Marta",
        family_name="Nowak",
        sex="female",
        first_language="Polish",
        no_recourse_to_public_funds="yes",
    )
    daughter = PersonFactory(
        owning_agency=world.agency, given_name="Zofia", sex="female", date_of_birth=date(2019, 1, 5)
    )
    Relationship.objects.create(person=person, other_person=daughter, kind="parent_of")
    return person


def _ask(world, survivor, schemes, **overrides):
    household = {
        "adult_sex": "woman",
        "adults": 1,
        "children": [{"sex": "girl", "age": 7}],
        "from_area": "Northtown",
        "from_district": Area.objects.get(code="E07000999"),
    } | overrides
    return placements.request_placement(
        person=survivor, schemes=schemes, by=world.caseworker, **household
    )


def test_the_request_starts_from_what_the_record_says(world, as_user, survivor, refuges):
    page = (
        as_user(world.caseworker)
        .get(f"/accommodation/people/{survivor.pk}/placements/new/")
        .content.decode()
    )
    assert 'value="girl 7"' in page
    assert 'value="Polish"' in page
    assert re.search(r'<input[^>]*name="adult_sex"[^>]*value="woman"[^>]*checked', page)
    assert re.search(r'<input[^>]*name="nrpf"[^>]*checked', page)
    assert "Harbour House, Eastmouth (refuge)" in page
    assert refuges["harbour"][1].address not in page


def test_a_worker_asks_two_refuges_at_once(world, as_user, survivor, refuges):
    harbour, oak = refuges["harbour"][1], refuges["oak"][1]
    response = as_user(world.caseworker).post(
        f"/accommodation/people/{survivor.pk}/placements/new/",
        {
            "schemes": [harbour.pk, oak.pk],
            "adult_sex": "woman",
            "adults": "1",
            "children": "girl 7",
            "languages": "Polish",
            "nrpf": "on",
            "from_area": "Northtown",
            "from_district": str(Area.objects.get(code="E07000999").pk),
        },
    )
    placement = PlacementRequest.objects.get()
    assert response["Location"] == f"/accommodation/placements/{placement.pk}/"
    assert placement.children == [{"sex": "girl", "age": 7}]
    assert placement.nrpf
    assert sorted(placement.asks.values_list("scheme__name", flat=True)) == [
        "Harbour House",
        "Oak Lodge",
    ]
    assert AuditEvent.objects.filter(action="create", reason="asked 2 schemes").exists()
    assert placement.from_in_area is True


def test_where_the_household_comes_from_is_chosen_not_assumed(world, as_user, survivor, refuges):
    url = f"/accommodation/people/{survivor.pk}/placements/new/"
    fields = {"schemes": [refuges["oak"][1].pk], "adult_sex": "woman", "adults": "1"}
    client = as_user(world.caseworker)
    page = client.post(url, fields | {"from_area": "Leeds"}).content.decode()
    assert "Select the district they are coming from, or outside" in page
    assert not PlacementRequest.objects.exists()
    client.post(url, fields | {"from_area": "Leeds", "from_district": "outside"})
    placement = PlacementRequest.objects.get()
    assert (placement.from_district, placement.from_in_area) == (None, False)
    assert (
        "Leeds (outside the partnership's area)"
        in client.get(f"/accommodation/placements/{placement.pk}/").content.decode()
    )


def test_a_place_out_of_the_area_is_recorded_as_out_of_area(world, survivor, refuges):
    oak_worker, oak, oak_room = refuges["oak"]
    Scheme.objects.filter(pk=oak.pk).update(area=None)  # across the county border
    placement = _ask(world, survivor, [oak], from_district=None, from_area="Leeds")
    assert placement.from_in_area is False
    ask = placement.asks.get()
    placements.answer_ask(ask=ask, answer="offered", unit=oak_room, by=oak_worker)
    placements.answer_offer(ask=ask, answer="taken", by=world.caseworker)
    placement.refresh_from_db()
    assert (placement.from_in_area, placement.placed_in_area) == (False, False)


def test_a_ward_is_not_a_district(world, survivor, refuges, district):
    ward = AreaFactory(code="E05000999", level=AreaLevel.WARD, parent=district)
    with pytest.raises(ValidationError) as refused:
        _ask(world, survivor, [refuges["oak"][1]], from_district=ward)
    assert "from_district" in refused.value.message_dict
    assert not PlacementRequest.objects.exists()


def test_a_request_without_a_scheme_or_a_sense_of_the_children_saves_nothing(
    world, as_user, survivor, refuges
):
    page = (
        as_user(world.caseworker)
        .post(
            f"/accommodation/people/{survivor.pk}/placements/new/",
            {"adult_sex": "woman", "adults": "1", "children": "twins", "from_area": "Northtown"},
        )
        .content.decode()
    )
    assert "Select at least one scheme to ask" in page
    assert "as girl or boy and an age from 0 to 17" in page
    assert not PlacementRequest.objects.exists()


def test_a_sanctuary_scheme_is_not_asked_for_a_place(world, as_user, survivor, refuges):
    oak_worker, oak, _ = refuges["oak"]
    sanctuary = SchemeFactory(
        agency=oak.agency, name="Home Safe", scheme_type="sanctuary", created_by=oak_worker
    )
    form = as_user(world.caseworker).get(f"/accommodation/people/{survivor.pk}/placements/new/")
    assert "Home Safe" not in form.content.decode()
    assert "Oak Lodge" in form.content.decode()
    with pytest.raises(ValidationError, match="no places to ask for"):
        _ask(world, survivor, [oak, sanctuary])
    assert not PlacementRequest.objects.exists()


def test_one_declines_one_offers_and_the_survivor_takes_it(world, as_user, survivor, refuges):
    harbour_worker, harbour, _ = refuges["harbour"]
    oak_worker, oak, oak_room = refuges["oak"]
    placement = _ask(world, survivor, [harbour, oak])
    harbour_ask = placement.asks.get(scheme=harbour)
    oak_ask = placement.asks.get(scheme=oak)
    # Each side's list says what the request waits for from it.
    listed = as_user(oak_worker).get("/accommodation/placements/").content.decode()
    assert 'govuk-tag--blue">Your answer<' in listed
    mine = as_user(world.caseworker).get("/accommodation/placements/").content.decode()
    assert "govuk-tag--blue" not in mine

    response = as_user(harbour_worker).post(
        f"/accommodation/asks/{harbour_ask.pk}/answer/",
        {"answer": "declined", "reason": "no_space"},
    )
    assert response.status_code == 302
    response = as_user(oak_worker).post(
        f"/accommodation/asks/{oak_ask.pk}/answer/", {"answer": "offered", "unit": oak_room.pk}
    )
    assert response.status_code == 302
    oak_ask.refresh_from_db()
    assert (oak_ask.status, oak_ask.unit) == ("offered", oak_room)

    page = as_user(world.caseworker).get(f"/accommodation/placements/{placement.pk}/")
    assert "No space" in page.content.decode()
    listed = as_user(world.caseworker).get("/accommodation/placements/").content.decode()
    assert 'govuk-tag--blue">Their answer to an offer<' in listed
    response = as_user(world.caseworker).post(
        f"/accommodation/asks/{oak_ask.pk}/offer/", {"answer": "taken"}
    )
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.status == "placed"
    assert placement.placed_in_area is True
    assert set(placement.asks.values_list("status", flat=True)) == {"declined", "taken"}
    listed = as_user(oak_worker).get("/accommodation/placements/").content.decode()
    assert 'govuk-tag--blue">Their arrival<' in listed


def test_taking_a_place_withdraws_the_other_open_requests(world, survivor, refuges):
    oak_worker, oak, oak_room = refuges["oak"]
    harbour = refuges["harbour"][1]
    placement = _ask(world, survivor, [harbour, oak])
    oak_ask = placement.asks.get(scheme=oak)
    placements.answer_ask(ask=oak_ask, answer="offered", unit=oak_room, by=oak_worker)
    placements.answer_offer(ask=oak_ask, answer="taken", by=world.caseworker)
    assert placement.asks.get(scheme=harbour).status == "withdrawn"
    assert AuditEvent.objects.filter(reason="survivor taken; 1 other request withdrawn").exists()


def test_the_survivor_declines_an_offer_with_a_reason(world, survivor, refuges):
    oak_worker, oak, oak_room = refuges["oak"]
    ask = _ask(world, survivor, [oak]).asks.get()
    placements.answer_ask(ask=ask, answer="offered", unit=oak_room, by=oak_worker)
    with pytest.raises(ValidationError) as refused:
        placements.answer_offer(ask=ask, answer="refused", by=world.caseworker)
    assert "Select why they declined" in str(refused.value)
    ask.refresh_from_db()
    assert ask.status == "offered"
    placements.answer_offer(ask=ask, answer="refused", reason="too_close", by=world.caseworker)
    ask.refresh_from_db()
    assert (ask.status, ask.survivor_reason) == ("refused", "too_close")
    assert ask.request.status == "open"


@pytest.mark.parametrize(
    ("answer", "extra", "message"),
    [
        ("declined", {}, "Select why the scheme cannot take them"),
        ("declined", {"reason": "other"}, "Say why the scheme cannot take them"),
        ("offered", {}, "Select the unit you are offering"),
    ],
)
def test_a_scheme_answer_needs_its_reason_or_unit(world, survivor, refuges, answer, extra, message):
    oak_worker, oak, _ = refuges["oak"]
    ask = _ask(world, survivor, [oak]).asks.get()
    with pytest.raises(ValidationError) as refused:
        placements.answer_ask(ask=ask, answer=answer, by=oak_worker, **extra)
    assert message in str(refused.value)
    ask.refresh_from_db()
    assert ask.status == "asked"


def test_a_unit_the_household_does_not_fit_cannot_be_offered(world, survivor, refuges):
    oak_worker, oak, _ = refuges["oak"]
    single = UnitFactory(scheme=oak, name="Single room", bed_spaces=1, max_children=0)
    ask = _ask(world, survivor, [oak]).asks.get()
    with pytest.raises(ValidationError) as refused:
        placements.answer_ask(ask=ask, answer="offered", unit=single, by=oak_worker)
    assert "Single room takes at most 1 people" in str(refused.value)
    assert PlacementAsk.objects.get().status == "asked"


def test_a_unit_already_offered_cannot_be_offered_twice(world, survivor, refuges):
    oak_worker, oak, room = refuges["oak"]
    first = _ask(world, survivor, [oak]).asks.get()
    second = _ask(world, survivor, [oak]).asks.get()
    placements.answer_ask(ask=first, answer="offered", unit=room, by=oak_worker)
    with pytest.raises(ValidationError) as refused:
        placements.answer_ask(ask=second, answer="offered", unit=room, by=oak_worker)
    assert "already offered to another household" in str(refused.value)


def test_each_side_sees_only_its_part_and_outsiders_get_404(
    world, as_user, client, survivor, refuges
):
    harbour_worker, harbour, _ = refuges["harbour"]
    oak = refuges["oak"][1]
    placement = _ask(world, survivor, [harbour, oak])
    path = f"/accommodation/placements/{placement.pk}/"

    refuge_page = as_user(harbour_worker).get(path).content.decode()
    assert "girl 7" in refuge_page
    assert "Harbour House" in refuge_page
    assert "Oak Lodge" not in refuge_page  # another scheme's answer is not theirs
    assert "Nowak" not in refuge_page  # the household, not who they are

    assert "Oak Lodge" in as_user(world.caseworker).get(path).content.decode()
    assert as_user(world.other_caseworker).get(path).status_code == 404
    programme = AgencyFactory(name="Change Programme", kind=AgencyKind.PERPETRATOR_SERVICE)
    worker = UserFactory(username="programme", agency=programme, role=RoleName.CASEWORKER)
    assert as_user(worker).get(path).status_code == 404
    assert AuditEvent.objects.filter(action="refused", reason__contains="placement").count() == 2
    assert client.get(path)["Location"].startswith("/account/sign-in/")

    oak_ask = placement.asks.get(scheme=oak)
    assert (
        as_user(harbour_worker).get(f"/accommodation/asks/{oak_ask.pk}/answer/").status_code == 404
    )
    with pytest.raises(PermissionDenied):
        placements.answer_ask(ask=oak_ask, answer="declined", reason="no_space", by=harbour_worker)
    with pytest.raises(PermissionDenied):
        placements.answer_offer(ask=oak_ask, answer="taken", by=harbour_worker)


def test_another_agency_cannot_ask_for_a_place_for_someone_it_cannot_see(
    world, as_user, survivor, refuges
):
    response = as_user(world.other_caseworker).get(
        f"/accommodation/people/{survivor.pk}/placements/new/"
    )
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        placements.request_placement(
            person=survivor,
            schemes=[refuges["oak"][1]],
            adult_sex="woman",
            adults=1,
            from_area="Northtown",
            by=world.other_caseworker,
        )


def test_the_requesting_agency_never_sees_where_the_scheme_is(world, as_user, survivor, refuges):
    oak_worker, oak, room = refuges["oak"]
    for name in LOCATION_FIELDS:
        setattr(oak, name, planted(Scheme, name))
    oak.save()
    ask = _ask(world, survivor, [oak]).asks.get()
    placements.answer_ask(ask=ask, answer="offered", unit=room, by=oak_worker)
    client = as_user(world.caseworker)
    for path in (
        f"/accommodation/people/{survivor.pk}/placements/new/",
        f"/accommodation/placements/{ask.request_id}/",
        "/accommodation/placements/",
        f"/accommodation/asks/{ask.pk}/offer/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert MARKER not in response.content.decode(), path
    # The scheme's own staff do see it, so the marker is there to be found.
    own = as_user(oak_worker).get(f"/accommodation/schemes/{oak.pk}/").content.decode()
    assert planted(Scheme, "address") in own

    # Once she has taken the place and arrived, nothing outside the refuge shows where it
    # is either: her record, its timeline, the stay, the figures and the API.
    placements.answer_offer(ask=ask, answer="taken", share_record=True, by=world.caseworker)
    ask.refresh_from_db()
    stay = stays.record_arrival(ask=ask, arrived_on=date(2026, 6, 1), by=oak_worker)
    stays.record_departure(
        stay=stay,
        departed_on=date(2026, 6, 9),
        end_reason="planned",
        move_on="social_rent",
        by=oak_worker,
    )
    period = "start=2026-06-01&end=2026-06-10"
    for user, path in (
        (world.caseworker, f"/people/{survivor.pk}/"),
        (world.caseworker, f"/people/{survivor.pk}/timeline/"),
        (world.caseworker, f"/accommodation/placements/{ask.request_id}/"),
        (world.caseworker, f"/accommodation/stays/{stay.pk}/"),
        (world.caseworker, f"/api/v1/persons/{survivor.pk}/"),
        (world.commissioner, f"/accommodation/figures/?{period}"),
        (world.commissioner, f"/api/v1/accommodation/figures?{period}"),
        (world.manager, f"/accommodation/figures/?{period}"),
    ):
        body = as_user(user).get(path).content.decode()
        assert MARKER not in body, f"{user.username} saw where it is at {path}"
    assert (
        "Oak Lodge"
        in as_user(world.commissioner).get(f"/accommodation/figures/?{period}").content.decode()
    )


def test_taking_a_place_with_consent_shares_a_summary_with_the_scheme(
    world, as_user, survivor, refuges
):
    oak_worker, oak, _ = refuges["oak"]
    placement = _ask(world, survivor, [oak], risk_to_others="None known", pets=True)
    ask = placement.asks.get()
    placements.answer_ask(
        ask=ask, answer="offered", unit=UnitFactory(scheme=oak, pets=True), by=oak_worker
    )
    # Before the place is taken, the scheme sees the household but not who it is.
    assert (
        "Nowak"
        not in as_user(oak_worker)
        .get(f"/accommodation/placements/{placement.pk}/")
        .content.decode()
    )
    form = as_user(world.caseworker).get(f"/accommodation/asks/{ask.pk}/offer/").content.decode()
    assert f"They agree to {oak.agency.name} seeing who they are and how to reach them" in form
    response = as_user(world.caseworker).post(
        f"/accommodation/asks/{ask.pk}/offer/", {"answer": "taken", "share_record": "on"}
    )
    assert response.status_code == 302
    share = Share.objects.get(person=survivor)
    assert (share.to_agency, share.scope, share.lawful_basis) == (oak.agency, "summary", "consent")
    assert not share.includes_location
    assert AuditEvent.objects.filter(action="share_granted", object_id=str(share.pk)).exists()
    # The refuge records the arrival from what is already known, and sees who it is.
    arrival = as_user(oak_worker).get(f"/accommodation/asks/{ask.pk}/arrive/").content.decode()
    assert 'value="girl 7"' in arrival
    ask.refresh_from_db()
    stay = stays.record_arrival(
        ask=ask, arrived_on=date(2026, 6, 9), adults=1, children=placement.children, by=oak_worker
    )
    page = as_user(oak_worker).get(f"/accommodation/stays/{stay.pk}/").content.decode()
    assert "Marta Nowak" in page
    for known in ("None known", "Pets.", "girl 7"):
        assert known in page
    # A share of the summary only: none of the location-secret parts of her record.
    assert "includes_location" not in page


def test_without_consent_the_scheme_gets_no_share(world, survivor, refuges):
    oak_worker, oak, oak_room = refuges["oak"]
    placement = _ask(world, survivor, [oak])
    ask = placement.asks.get()
    placements.answer_ask(ask=ask, answer="offered", unit=oak_room, by=oak_worker)
    placements.answer_offer(ask=ask, answer="taken", by=world.caseworker)
    assert not Share.objects.filter(person=survivor).exists()


def test_only_the_agency_holding_the_record_may_share_it_and_nothing_is_saved(
    world, as_user, survivor, refuges
):
    oak_worker, oak, oak_room = refuges["oak"]
    Share.objects.create(
        from_agency=world.agency,
        to_agency=world.other_agency,
        person=survivor,
        scope="full",
        lawful_basis="consent",
        reason="Joint work",
        granted_by=world.caseworker,
    )
    placement = _ask(world, survivor, [oak])
    ask = placement.asks.get()
    placements.answer_ask(ask=ask, answer="offered", unit=oak_room, by=oak_worker)
    # A worker who sees her through a share records the answer: they cannot share it on.
    PlacementRequest.objects.filter(pk=placement.pk).update(
        agency=world.other_agency, requested_by=world.other_caseworker
    )
    ask = PlacementAsk.objects.get(pk=ask.pk)
    with pytest.raises(ValidationError) as refused:
        placements.answer_offer(
            ask=ask, answer="taken", share_record=True, by=world.other_caseworker
        )
    assert "Only staff of the agency that holds their record" in str(refused.value)
    ask.refresh_from_db()
    assert ask.status == "offered"
    assert Share.objects.filter(person=survivor).count() == 1
    # So their form does not ask for the consent it cannot record: it says whom to ask.
    form = as_user(world.other_caseworker).get(f"/accommodation/asks/{ask.pk}/offer/")
    page = form.content.decode()
    assert 'name="share_record"' not in page
    assert f"Only {world.agency.name} can share their record with {oak.agency.name}" in page
    # And once the scheme's agency sees the record, there is nothing to ask.
    Share.objects.create(
        from_agency=world.agency,
        to_agency=oak.agency,
        person=survivor,
        scope="summary",
        lawful_basis="consent",
        reason="Joint work",
        granted_by=world.caseworker,
    )
    page = as_user(world.caseworker).get(f"/accommodation/asks/{ask.pk}/offer/").content.decode()
    assert 'name="share_record"' not in page
    assert "can share their record" not in page


def test_a_worker_who_sees_the_whole_record_through_a_share_can_ask_for_a_place(
    world, as_user, survivor
):
    page = f"/people/{survivor.pk}/"
    ask = "Ask for a place in safe accommodation"
    assert ask in as_user(world.caseworker).get(page).content.decode()
    share = Share.objects.create(
        from_agency=world.agency,
        to_agency=world.other_agency,
        person=survivor,
        scope="summary",
        lawful_basis="consent",
        reason="Joint work",
        granted_by=world.caseworker,
    )
    # A summary is not enough to start a request from what the record says.
    assert ask not in as_user(world.other_caseworker).get(page).content.decode()
    Share.objects.filter(pk=share.pk).update(scope="full")
    assert ask in as_user(world.other_caseworker).get(page).content.decode()
