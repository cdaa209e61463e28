"""The vacancy board: professionals see the places free now and listed out of area, fitted
to a household, with each figure's age; never the public, never a perpetrator service; and
where a scheme is reaches no one outside the agency that runs it, on any page or in the API."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from onestory.accommodation import actions
from onestory.accommodation.models import ListedVacancy, Scheme
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditEvent
from onestory.core.registry import LOCATION_SECRET, classification
from tests.factories import AgencyFactory, SchemeFactory, UnitFactory, UserFactory
from tests.integration.accommodation.markers import MARKER, planted

pytestmark = pytest.mark.django_db

BOARD = "/accommodation/vacancies/"
API = "/api/v1/accommodation/vacancies"


@pytest.fixture
def perpetrator_worker(world):
    agency = AgencyFactory(name="Northshire Change Programme", kind=AgencyKind.PERPETRATOR_SERVICE)
    return UserFactory(username="programme_worker", agency=agency, role=RoleName.CASEWORKER)


@pytest.fixture
def refuge(world):
    """A refuge run by the home agency, with a free family room, a single room out of use
    and a room that takes pets."""
    scheme = SchemeFactory(
        agency=world.agency, name="Harbour House", town="Eastmouth", created_by=world.manager
    )
    UnitFactory(scheme=scheme, name="Family room", bed_spaces=4, max_children=3)
    closed = UnitFactory(scheme=scheme, name="Single room", bed_spaces=1, max_children=0)
    actions.take_out_of_use(unit=closed, reason="repairs", by=world.manager)
    UnitFactory(scheme=scheme, name="Garden room", bed_spaces=2, max_children=1, pets=True)
    return scheme


def test_another_professional_sees_free_places_with_the_figures_age(world, as_user, refuge):
    with time_machine.travel(timezone.now() + timedelta(hours=3), tick=False):
        page = as_user(world.other_caseworker).get(BOARD).content.decode()
    assert "Harbour House, Eastmouth" in page
    assert "Family room" in page
    assert "Garden room" in page
    assert "Single room" not in page  # out of use
    assert "Checked 3\xa0hours ago" in page
    assert refuge.address not in page
    assert AuditEvent.objects.filter(
        action="view", actor_id=world.other_caseworker.pk, reason__startswith="vacancy board"
    ).exists()


def test_it_shows_only_places_that_fit_the_household(world, as_user, refuge):
    client = as_user(world.other_caseworker)
    page = client.get(BOARD, {"children": "2", "adults": "1"}).content.decode()
    assert "Family room" in page
    assert "Garden room" not in page
    page = client.get(BOARD, {"pets": "on"}).content.decode()
    assert "Garden room" in page
    assert "Family room" not in page
    page = client.get(BOARD, {"adult_sex": "man"}).content.decode()
    assert "Harbour House" not in page
    assert "No free place in the partnership fits this household" in page


def test_the_api_gives_the_same_board(world, as_user, refuge):
    data = as_user(world.other_caseworker).get(API, {"children": "2"}).json()
    [scheme] = data["schemes"]
    assert scheme["town"] == "Eastmouth"
    assert [unit["name"] for unit in scheme["units"]] == ["Family room"]
    assert "address" not in scheme
    assert scheme["checked_at"]


def test_a_perpetrator_service_the_public_and_commissioners_never_see_it(
    world, as_user, client, refuge, perpetrator_worker
):
    worker = as_user(perpetrator_worker)
    assert worker.get(BOARD).status_code == 404
    assert worker.get(API).status_code == 404
    assert AuditEvent.objects.filter(action="refused", actor_id=perpetrator_worker.pk).count() == 2
    assert client.get(BOARD)["Location"].startswith("/account/sign-in/")
    assert client.get(API).status_code == 401
    assert as_user(world.commissioner).get(BOARD).status_code == 403
    assert as_user(world.school_lead).get(BOARD).status_code == 403


LISTED = {
    "provider": "Far Away Refuges",
    "scheme_name": "Distant House",
    "scheme_type": "refuge",
    "town": "Farmouth",
    "places": "2",
    "bed_spaces": "3",
    "sexes": "women",
    "max_children": "2",
    "how_to_refer": "Call their referral line",
    "reported_on": "2026-06-09",
    "reported_time": "16:00",
}


def test_the_board_runs_the_same_few_queries_however_many_places_there_are(world, as_user, refuge):
    board, api = as_user(world.other_caseworker), as_user(world.call_handler)
    counts = []
    # The clock stands still, so no request stamps the idle clock and runs one more query.
    frozen = time_machine.travel(timezone.now(), tick=False)
    frozen.start()
    for number in range(3):
        scheme = SchemeFactory(
            agency=world.agency, name=f"Refuge {number}", created_by=world.manager
        )
        UnitFactory(scheme=scheme, name="Room 1", bed_spaces=3, max_children=2)
        UnitFactory(scheme=scheme, name="Room 2", bed_spaces=2, max_children=1, pets=True)
        ListedVacancy.objects.create(
            listed_by_agency=world.agency,
            listed_by=world.manager,
            provider="Sandown Women's Aid",
            scheme_name=f"Sandown {number}",
            scheme_type="refuge",
            town="Sandown",
            bed_spaces=3,
            sexes="women",
            max_children=2,
            how_to_refer="Phone the provider",
            reported_at=timezone.now(),
        )
        found = []
        for client, path in ((board, BOARD), (api, API)):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path, {"adult_sex": "woman", "children": 1})
            assert response.status_code == 200
            assert f"Refuge {number}" in response.content.decode()
            found.append(len(captured))
        counts.append(found)
    frozen.stop()
    # One query for the free units and one for the places listed, however many there are.
    assert counts[0] == counts[1] == counts[2], counts
    assert max(counts[0]) <= 8


def test_a_place_out_of_area_is_listed_by_hand_and_removed_by_its_agency(world, as_user):
    client = as_user(world.call_handler)
    response = client.post("/accommodation/vacancies/out-of-area/new/", LISTED)
    assert response.status_code == 302
    listed = ListedVacancy.objects.get()
    assert listed.listed_by_agency == world.agency
    page = as_user(world.other_caseworker).get(BOARD).content.decode()
    assert "Distant House, Farmouth" in page
    assert "2 places free" in page
    remove = f"/accommodation/vacancies/out-of-area/{listed.pk}/remove/"
    assert as_user(world.other_caseworker).post(remove).status_code == 404
    assert client.post(remove).status_code == 302
    assert "Distant House" not in as_user(world.other_caseworker).get(BOARD).content.decode()
    assert AuditEvent.objects.filter(reason="listed place removed").exists()


def test_a_listed_place_needs_what_makes_it_useful(world, as_user):
    data = LISTED | {"scheme_type": "bed_and_breakfast", "how_to_refer": "", "reported_on": ""}
    page = (
        as_user(world.call_handler)
        .post("/accommodation/vacancies/out-of-area/new/", data)
        .content.decode()
    )
    assert "Select the type of safe accommodation" in page
    assert "Enter how to refer" in page
    assert "Enter when the provider said it was free" in page
    assert not ListedVacancy.objects.exists()


def test_where_a_scheme_is_reaches_no_one_outside_the_running_agency(
    world, as_user, perpetrator_worker
):
    location_fields = [
        name for name, cls in classification(Scheme).items() if cls == LOCATION_SECRET
    ]
    assert location_fields  # the classification names where a scheme is
    scheme = SchemeFactory(
        agency=world.agency,
        created_by=world.manager,
        **{name: planted(Scheme, name) for name in location_fields},
    )
    unit = UnitFactory(scheme=scheme)

    # The running agency's staff see it on the scheme's own page: the marker is findable.
    own = as_user(world.manager).get(f"/accommodation/schemes/{scheme.pk}/").content.decode()
    assert all(planted(Scheme, name) in own for name in location_fields)

    paths = [
        BOARD,
        f"{BOARD}?children=1",
        API,
        f"{API}?children=1",
        "/accommodation/schemes/",
        f"/accommodation/schemes/{scheme.pk}/",
        f"/accommodation/schemes/{scheme.pk}/change/",
        f"/accommodation/units/{unit.pk}/change/",
        "/api/v1/openapi.json",
    ]
    outsiders = [
        world.other_caseworker,
        world.call_handler,  # the running agency, but a role that may not manage
        world.representative,  # the running agency, never location
        world.marac_coordinator,
        world.commissioner,
        world.admin,
        world.school_lead,
        perpetrator_worker,
    ]
    for user in outsiders:
        client = as_user(user)
        for path in paths:
            body = client.get(path).content.decode()
            assert MARKER not in body, f"{user.username} saw where it is at {path}"
    # Even the running agency's own board and API show the town, never where it is.
    for path in (BOARD, API):
        assert MARKER not in as_user(world.manager).get(path).content.decode()
