"""The partnership board's quarterly report, on the known year."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from onestory.accounts.models import AreaLevel
from onestory.audit.models import AuditAction, AuditEvent
from onestory.marac.quarterly import Quarter
from onestory.returns import board
from tests.factories import AreaFactory, MaracFactory
from tests.integration.returns.world import build

pytestmark = pytest.mark.django_db

Q = Quarter(2025, 2)  # April to June 2025


def _table(report, key):
    return {row.label: row.shown for row in next(t for t in report.tables if t.key == key).rows}


def test_it_counts_safe_accommodation_in_the_quarter(world):
    build(world)
    report = board.build(Q)
    places = _table(report, "accommodation")
    # Eve 11 nights (1 to 12 April), Alice 77 (from 15 April), Carl 61, Bea 30; four units
    # for 91 nights.
    assert places["Nights occupied"] == "179"
    assert places["Nights vacant"] == "185"
    assert places["Occupancy"] == "49%"
    assert _table(report, "asks")["Accepted by the survivor"] == "fewer than 5"
    assert _table(report, "move_on")["Private rent"] == "fewer than 5"


def test_it_sets_each_marac_against_the_benchmark(world):
    MaracFactory(name="Northshire MARAC", coordinating_agency=world.central)
    rows = _table(board.build(Q), "marac")
    assert rows["Northshire MARAC: cases discussed"] == "0"
    assert "Northshire MARAC: cases a year per 10,000 adult women (benchmark 40)" in rows


def test_small_front_door_counts_are_hidden(world):
    rows = _table(board.build(Q), "by_source")
    assert set(rows.values()) == {"fewer than 5"}


def test_it_reads_the_quarter_in_a_bounded_number_of_queries(world, django_assert_max_num_queries):
    build(world)
    MaracFactory(name="Northshire MARAC", coordinating_agency=world.central)
    # 20 for the front door, MARAC, accommodation and outcomes; 6 for work with people who
    # use harm. The number does not grow with the records.
    with django_assert_max_num_queries(26):
        board.build(Q)


def test_the_dashboard_and_its_exports(world, as_user):
    build(world)
    client = as_user(world.marac_coordinator)
    page = client.get("/returns/board/", {"quarter": Q.code})
    assert page.status_code == 200
    assert "April to June 2025" in page.content.decode()
    book = load_workbook(
        io.BytesIO(client.get("/returns/board/workbook/", {"quarter": Q.code}).content)
    )
    values = {row[0]: row[1] for row in book.active.iter_rows(values_only=True) if row[0]}
    assert values["Nights occupied"] == "179"
    pdf = client.get("/returns/board/pdf/", {"quarter": Q.code})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    lines = client.get("/returns/board/csv/", {"quarter": Q.code}).content.decode().splitlines()
    assert "2025Q2,Safe accommodation,Occupancy,49%" in lines
    reasons = set(
        AuditEvent.objects.filter(actor_id=world.marac_coordinator.pk).values_list(
            "action", "reason"
        )
    )
    assert (AuditAction.VIEW, "board report 2025Q2") in reasons
    assert (AuditAction.EXPORT, "board report 2025Q2 (xlsx)") in reasons
    assert (AuditAction.EXPORT, "board report 2025Q2 (csv)") in reasons
    assert (AuditAction.EXPORT, "board report 2025Q2 (pdf)") in reasons


def test_a_quarter_it_cannot_read(world, as_user):
    client = as_user(world.commissioner)
    assert (
        "There is a problem"
        in client.get("/returns/board/", {"quarter": "2025Q5"}).content.decode()
    )
    assert client.get("/returns/board/csv/", {"quarter": "later"}).status_code == 400


def test_the_return_names_the_councils_area(world, as_user):
    AreaFactory(code="E10000099", name="Northshire", level=AreaLevel.LOCAL_AUTHORITY)
    text = as_user(world.commissioner).get("/returns/csv/", {"year": "2025-26"}).content.decode()
    assert text.splitlines()[1].startswith("2025-26,E10000099,")
