"""The return of a small known year, against a count by hand; and a closed year stays closed."""

from __future__ import annotations

import io
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
    with django_assert_max_num_queries(12):
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
