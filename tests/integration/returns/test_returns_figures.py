"""The return of a small known year, against a count by hand; and a closed year stays closed."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from onestory.returns import exports, queries, report, rules
from onestory.returns import questions as q
from tests.integration.returns.world import YEAR, after_the_year, build

pytestmark = pytest.mark.django_db

# Counted by hand from world.py. Every other records-based count of the return is 0.
EXPECTED = {
    # Oak Lodge's three rooms (3 + 4 + 2 beds) and Birch Flats' one flat (5 beds).
    "availability.refuge.units": 3,
    "availability.refuge.bed_spaces": 9,
    "availability.dispersed_refuge.units": 1,
    "availability.dispersed_refuge.bed_spaces": 5,
    "availability.sanctuary.households": 1,  # Fay
    "specialist.by_and_for_schemes": 1,  # Oak Lodge
    "specialist.specialist_group_units": 1,  # Room 3
    "specialist.wheelchair_units": 1,  # Room 1
    "specialist.nrpf_units": 2,  # Room 2, Flat A
    "specialist.men_units": 2,  # Room 2 (anyone), Flat A (men)
    "specialist.pets_units": 1,  # Room 3
    # Eve (left in April), Alice, Carl, Bea, Dee.
    "support.housing": 2,  # Eve, Bea
    "support.advocacy": 2,  # Alice, Bea
    "support.children": 1,  # Alice
    "support.counselling": 1,  # Dee
    "supported.households_accommodation": 5,
    "supported.households_sanctuary": 1,
    "supported.women": 5,  # Eve, Alice, Bea, Dee, Fay
    "supported.men": 1,  # Carl
    "supported.trans": 1,  # Dee
    "supported.children": 3,  # Alice's two, Dee's one
    "characteristics.racially_minoritised": 2,  # Alice, Carl
    "characteristics.disabled": 2,  # Alice, Fay
    "characteristics.deaf_or_blind": 1,  # Fay
    "characteristics.mental_health": 1,  # Alice
    "characteristics.substance_use": 1,  # Eve, from her needs assessment
    "characteristics.lgbt_plus": 2,  # Bea, Dee
    "characteristics.nrpf": 1,  # Carl, from his request
    "characteristics.insecure_immigration": 1,  # Dee
    "characteristics.limited_english": 1,  # Dee
    "characteristics.older": 1,  # Bea, 65 a month before she arrived
    "characteristics.young": 1,  # Carl, 18 when he arrived
    "characteristics.male": 1,  # Carl
    "unable.scheme.no_space": 1,  # Gina at Oak Lodge
    "unable.scheme.household_not_accepted": 1,  # Gina at Birch Flats
    "unable.survivor.too_far": 1,  # Hana
    "ended.reason.planned": 2,  # Eve, Alice
    "ended.reason.left_unplanned": 1,  # Carl
    "ended.move_on.private_rent": 1,  # Eve
    "ended.move_on.social_rent": 1,  # Alice
    "ended.move_on.unknown": 1,  # Carl
    "area.from_in_area": 3,  # Alice, Bea, Dee (Eve arrived the year before)
    "area.from_out_of_area": 1,  # Carl
}


@pytest.fixture
def year_world(world):
    return build(world)


def test_it_counts_the_year_as_counted_by_hand(year_world):
    figures = rules.compute(YEAR, queries.rows_for(YEAR))
    counts = {key: figure.count for key, figure in figures.items() if figure.count}
    assert counts == EXPECTED
    assert figures["finance.sanctuary_measures"].amount == Decimal("350.00")
    assert figures["finance.safe_start_fund"].amount == Decimal(0)
    stays = year_world.stays
    assert figures["ended.reason.planned"].records == [
        ("stay", stays["eve"].pk, stays["eve"].person_id),
        ("stay", stays["alice"].pk, stays["alice"].person_id),
    ]


def test_it_warns_of_what_would_make_the_return_wrong(year_world):
    found = {k: f.count for k, f in rules.quality(YEAR, queries.rows_for(YEAR)).items()}
    assert found == {
        "no_support_type": 1,  # Carl
        "no_move_on": 1,  # Carl: unknown
        "no_end_reason": 0,
        "characteristics_not_recorded": 1,  # Dee: ethnicity and disability
        "age_not_recorded": 1,  # Dee
        "requests_without_outcome": 2,  # Gina, Hana: still looking
    }


def test_it_reads_the_year_in_a_bounded_number_of_queries(
    year_world, django_assert_max_num_queries
):
    # 13: the rows (one of them the partnership's areas), the answers, settings and check.
    with django_assert_max_num_queries(13):
        report.build(YEAR)


def test_a_closed_year_does_not_change_when_records_are_added_after_it(world, year_world):
    before = report.build(YEAR)
    csv_before = exports.csv_text(before)
    book_before = exports.workbook_bytes(before)
    after_the_year(world, year_world)
    after = report.build(YEAR)
    assert exports.csv_text(after) == csv_before
    assert exports.workbook_bytes(after) == book_before
    # The next year sees Ivy.
    from onestory.returns.periods import FinancialYear

    next_year = rules.compute(FinancialYear(2026), queries.rows_for(FinancialYear(2026)))
    assert next_year["area.from_in_area"].count == 1


def test_the_workbook_is_laid_out_like_the_form(year_world):
    book = load_workbook(io.BytesIO(exports.workbook_bytes(report.build(YEAR))))
    assert book.sheetnames[0] == "Cover"
    assert book.sheetnames[-1] == "Data quality"
    assert len(book.sheetnames) == len(q.SECTIONS) + 2
    sheet = book.worksheets[4]
    assert sheet["A1"].value == "Section 4: Individuals and households supported"
    rows = {row[1]: row for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows["Households supported in safe accommodation"][3] == 5
    assert rows["Women supported"][3] == 5
    # Counts under 5 are published as such.
    assert rows["Men supported"][3] == "fewer than 5"
    assert rows["Trans adults supported"][2] == "Voluntary"
    finance = book["11 Finance"]
    assert [sheet.title for sheet in book.worksheets[1:4]] == [
        "1 Availability",
        "2 Specialist services",
        "3 Support types",
    ]
    money = {row[1]: row[3] for row in finance.iter_rows(min_row=3, values_only=True)}
    assert money["Sanctuary measures fitted"] == 350


def test_the_csv_holds_every_question_once(year_world):
    lines = exports.csv_text(report.build(YEAR)).splitlines()
    assert lines[0].split(",")[:4] == ["financial_year", "area_code", "section", "ref"]
    assert len(lines) == len(q.QUESTIONS) + 1
    assert any(
        line.startswith("2025-26,,Individuals and households supported,4.1,") for line in lines
    )


def test_the_command_writes_the_same_bytes_twice(year_world, tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for folder in (first, second):
        call_command("returns", "--year", "2025-26", "--quarter", "2025Q2", "--out", str(folder))
    names = sorted(p.name for p in first.iterdir())
    assert names == [
        "board-report-2025Q2.csv",
        "board-report-2025Q2.xlsx",
        "safe-accommodation-return-2025-26.csv",
        "safe-accommodation-return-2025-26.xlsx",
    ]
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes()
    with pytest.raises(CommandError, match="financial year"):
        call_command("returns", "--year", "soon", "--out", str(first))
    with pytest.raises(CommandError, match="Give --year"):
        call_command("returns", "--out", str(first))


def test_the_workbook_does_not_carry_the_moment_it_was_saved(year_world):
    import time_machine

    built = report.build(YEAR)
    with time_machine.travel("2026-07-01 09:00", tick=False):
        first = exports.workbook_bytes(built)
    with time_machine.travel("2026-08-02 17:31", tick=False):
        assert exports.workbook_bytes(built) == first


def test_the_benchmark_times_the_return_and_agrees_with_bare_sql(year_world):
    from datetime import date

    from onestory.demo.bench import measures

    found = measures.statutory_return(today=date(2026, 6, 10))
    assert found["year"] == "2025-26"
    assert found["stays"] == found["bare_sql_stays"] == 5
    assert found["households_supported"] == 5
    assert found["bare_sql_people"] == 5
    assert measures.board_report(today=date(2026, 6, 10))["quarter"] == "2026Q1"


def test_a_unit_recorded_after_the_year_counts_if_a_household_stayed_in_it(year_world):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from onestory.accommodation.models import Unit

    # Room 1 loaded into OneStory only after the year: households stayed in it in the year,
    # so it existed then and counts.
    late = datetime(2026, 5, 1, tzinfo=ZoneInfo("Europe/London"))
    Unit.objects.filter(name="Room 1").update(created_at=late)
    figures = rules.compute(YEAR, queries.rows_for(YEAR))
    assert figures["availability.refuge.units"].count == 3
    assert figures["availability.refuge.bed_spaces"].count == 9


def test_accommodation_outside_the_area_is_not_counted_as_commissioned(world, year_world):
    """A refuge over the county border (its scheme has no district of the partnership's):
    its unit and the household from the area placed in it are counted apart, by hand."""
    from onestory.accommodation.actions import placements, stays
    from tests.factories import SchemeFactory, UnitFactory
    from tests.integration.returns.world import at, district

    elm = SchemeFactory(
        agency=year_world.refuge_agency,
        name="Elm House",
        by_and_for=True,
        area=None,
        created_by=year_world.refuge_worker,
    )
    unit = UnitFactory(
        scheme=elm, name="Elm 1", bed_spaces=6, wheelchair_access=True, specialist_group="Men"
    )
    # Ivy, from the partnership's district, placed over the border in May 2025.
    with at(date(2025, 5, 1)):
        placement = placements.request_placement(
            person=year_world.persons["ivy"],
            schemes=[elm],
            adult_sex="woman",
            adults=1,
            children=[{"age": 4, "sex": "girl"}],
            from_area="Northtown",
            from_district=district(),
            by=world.caseworker,
        )
        ask = placement.asks.get()
        placements.answer_ask(ask=ask, answer="offered", unit=unit, by=year_world.refuge_worker)
        placements.answer_offer(ask=ask, answer="taken", by=world.caseworker)
    ask.refresh_from_db()
    with at(date(2025, 5, 3)):
        stay = stays.record_arrival(
            ask=ask, arrived_on=date(2025, 5, 3), by=year_world.refuge_worker
        )

    figures = rules.compute(YEAR, queries.rows_for(YEAR))
    counts = {key: figure.count for key, figure in figures.items() if figure.count}
    # Nothing else moves: she is not among the households, women or children supported in
    # the area's accommodation, nor an arrival into it.
    assert counts == EXPECTED | {
        # Elm 1 is not commissioned: counted apart, never in the refuge's units or beds,
        # the specialist units, or the schemes run by and for the people they serve.
        "availability.outside.units": 1,
        "availability.outside.bed_spaces": 6,
        # Ivy's request: from the area, placed outside it; her stay counted apart.
        "area.placed_out_of_area": 1,
        "area.supported_out_of_area": 1,
    }
    assert figures["area.supported_out_of_area"].records == [("stay", stay.pk, stay.person_id)]
