"""Safe accommodation figures for a period: aggregates only, small counts hidden."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from onestory.accommodation.actions import placements, stays
from onestory.accommodation.figures import figures, nights_within, shown
from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from tests.factories import AgencyFactory, PersonFactory, SchemeFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 10)


@pytest.mark.parametrize(
    ("arrived", "departed", "nights"),
    [
        (date(2026, 6, 1), date(2026, 6, 5), 4),
        (date(2026, 5, 20), date(2026, 6, 3), 2),  # from the 1st to the 3rd
        (date(2026, 6, 28), None, 3),  # to the end of the 30th
        (date(2026, 7, 1), None, 0),
    ],
)
def test_nights_within_a_period(arrived, departed, nights):
    assert nights_within(arrived, departed, date(2026, 6, 1), date(2026, 6, 30)) == nights


@pytest.mark.parametrize(
    ("count", "text"), [(0, "0"), (1, "fewer than 5"), (4, "fewer than 5"), (5, "5")]
)
def test_small_counts_are_hidden(count, text):
    assert shown(count) == text


def _stay(world, worker, scheme, unit, arrived, departed=None):
    placement = placements.request_placement(
        person=PersonFactory(owning_agency=world.agency),
        schemes=[scheme],
        adult_sex="woman",
        adults=1,
        from_area="Northtown",
        by=world.caseworker,
    )
    ask = placement.asks.get()
    placements.answer_ask(ask=ask, answer="offered", unit=unit, by=worker)
    placements.answer_offer(ask=ask, answer="taken", by=world.caseworker)
    ask.refresh_from_db()
    stay = stays.record_arrival(ask=ask, arrived_on=arrived, by=worker)
    if departed:
        stays.record_departure(
            stay=stay, departed_on=departed, end_reason="planned", move_on="social_rent", by=worker
        )
    return stay


def test_the_figures_for_a_period(world, as_user):
    agency = AgencyFactory(name="Oak Lodge Trust", kind=AgencyKind.SAFE_ACCOMMODATION)
    worker = UserFactory(username="oak", agency=agency, role=RoleName.CASEWORKER)
    scheme = SchemeFactory(agency=agency, name="Oak Lodge", created_by=worker)
    SchemeFactory(agency=agency, name="Home Safe", scheme_type="sanctuary", created_by=worker)
    units = [UnitFactory(scheme=scheme, name=f"Room {n}") for n in range(6)]
    for number, unit in enumerate(units):
        _stay(
            world, worker, scheme, unit, TODAY - timedelta(days=10), TODAY - timedelta(days=number)
        )
    result = figures(date(2026, 6, 1), TODAY)
    [(name, used, vacant)] = result.schemes
    assert name == "Oak Lodge"
    # Each arrived on 31 May, the day before the period, and left 0 to 5 days ago.
    assert used == sum(9 - number for number in range(6))
    assert used + vacant == 6 * 10
    taken = next(row for row in result.asks if row.label == "Accepted by the survivor")
    assert (taken.shown, taken.share) == ("6", "100%")
    social = next(row for row in result.move_on if row.label == "Social rent")
    assert social.shown == "6"
    assert result.median_nights_stayed == 7.5

    page = as_user(world.commissioner).get(
        "/accommodation/figures/", {"start": "2026-06-01", "end": "2026-06-10"}
    )
    assert page.status_code == 200
    assert "Oak Lodge" in page.content.decode()
    assert as_user(world.caseworker).get("/accommodation/figures/").status_code == 403


def test_small_numbers_are_hidden_on_the_page(world, as_user):
    agency = AgencyFactory(name="Oak Lodge Trust", kind=AgencyKind.SAFE_ACCOMMODATION)
    worker = UserFactory(username="oak", agency=agency, role=RoleName.CASEWORKER)
    scheme = SchemeFactory(agency=agency, name="Oak Lodge", created_by=worker)
    unit = UnitFactory(scheme=scheme)
    _stay(world, worker, scheme, unit, TODAY - timedelta(days=3), TODAY)
    page = as_user(world.commissioner).get("/accommodation/figures/").content.decode()
    assert "fewer than 5" in page
    assert "Fewer than 5 departures" in page


def test_the_api_gives_the_figures_to_those_who_see_aggregates(world, as_user, client):
    api = "/api/v1/accommodation/figures"
    data = as_user(world.commissioner).get(api, {"start": "2026-04-01", "end": "2026-06-10"}).json()
    assert data["start"] == "2026-04-01"
    assert data["median_nights_stayed"] is None
    assert {row["label"] for row in data["move_on"]} >= {"Social rent", "Unknown"}
    bad = as_user(world.commissioner).get(api, {"start": "2026-06-10", "end": "2026-04-01"})
    assert bad.status_code == 400
    assert (
        as_user(world.caseworker).get(api, {"start": "2026-04-01", "end": "2026-06-10"}).status_code
        == 403
    )
    assert client.get(api).status_code == 401


def test_the_figures_run_the_same_few_queries_however_many_stays_there_are(world, as_user):
    agency = AgencyFactory(name="Oak Lodge Trust", kind=AgencyKind.SAFE_ACCOMMODATION)
    worker = UserFactory(username="oak", agency=agency, role=RoleName.CASEWORKER)
    scheme = SchemeFactory(agency=agency, name="Oak Lodge", created_by=worker)
    SchemeFactory(agency=agency, name="Elm Court", created_by=worker)
    page = as_user(world.commissioner)
    period = {"start": "2026-06-01", "end": "2026-06-10"}
    counts = []
    # The clock stands still, so no request stamps the idle clock and runs one more query.
    frozen = time_machine.travel(timezone.now(), tick=False)
    frozen.start()
    for number in range(3):
        unit = UnitFactory(scheme=scheme, name=f"Room {number}")
        _stay(world, worker, scheme, unit, TODAY - timedelta(days=9), TODAY - timedelta(days=1))
        with CaptureQueriesContext(connection) as in_process:
            figures(date(2026, 6, 1), TODAY)
        with CaptureQueriesContext(connection) as on_the_page:
            assert page.get("/accommodation/figures/", period).status_code == 200
        counts.append((len(in_process), len(on_the_page)))
    frozen.stop()
    # Counted in the database: one query for each figure, not one for each stay or scheme,
    # and no stay, request or scheme read row by row into Python.
    assert counts[0] == counts[1] == counts[2], counts
    for query in in_process.captured_queries:
        assert "GROUP BY" in query["sql"] or "SUM(" in query["sql"] or "COUNT(" in query["sql"]
    assert counts[0][0] <= 8
    assert counts[0][1] <= 15


def test_failed_asks_are_counted_by_why_they_failed(world, as_user):
    agency = AgencyFactory(name="Oak Lodge Trust", kind=AgencyKind.SAFE_ACCOMMODATION)
    worker = UserFactory(username="oak", agency=agency, role=RoleName.CASEWORKER)
    scheme = SchemeFactory(agency=agency, name="Oak Lodge", created_by=worker)
    unit = UnitFactory(scheme=scheme, name="Room 1")
    for answer in ("declined", "declined", "offered"):
        placement = placements.request_placement(
            person=PersonFactory(owning_agency=world.agency),
            schemes=[scheme],
            adult_sex="woman",
            adults=1,
            from_area="Northtown",
            by=world.caseworker,
        )
        ask = placement.asks.get()
        placements.answer_ask(
            ask=ask,
            answer=answer,
            unit=unit if answer == "offered" else None,
            reason="no_space" if answer == "declined" else "",
            by=worker,
        )
        if answer == "offered":
            placements.answer_offer(
                ask=ask, answer="refused", reason="too_far", by=world.caseworker
            )
    result = figures(date(2026, 6, 1), TODAY)
    failed = {row.label: (row.count, row.total) for row in result.failures if row.count}
    assert failed == {"No space": (2, 3), "The survivor declined the place offered": (1, 3)}
    data = as_user(world.commissioner).get(
        "/api/v1/accommodation/figures", {"start": "2026-06-01", "end": "2026-06-10"}
    )
    assert {row["label"]: row["count"] for row in data.json()["failed_asks"]}[
        "No space"
    ] == "fewer than 5"
