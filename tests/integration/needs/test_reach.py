"""Reach and the under-representation index on a small county built by the product."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from onestory.audit.models import AuditAction, AuditEvent
from onestory.needs.estimate import EstimateRefused
from onestory.needs.models import PopulationCount, PrevalenceRate
from onestory.needs.reach import assess
from tests.conftest import sign_in
from tests.integration.needs.world import SERIES, build_county, populate, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(tmp_path, world):
    return build_county(tmp_path)


def rows(table):
    return {row.label: row for row in table.rows}


def test_the_estimate_for_a_ward_a_district_and_the_county(county):
    castle = assess(area=county.castle, year=county.year, series=SERIES, survey_year=county.year)
    # 1,000 x 10% + 4,000 x 5% + 1,000 x 4% + 4,000 x 2.5% = 100 + 200 + 40 + 100.
    assert castle.estimate.total() == Decimal(440)
    # Harrowmere has no population of its own: its two wards' are added (1.5 times Castle's).
    harrowmere = assess(
        area=county.harrowmere, year=county.year, series=SERIES, survey_year=county.year
    )
    assert harrowmere.estimate.total() == Decimal(660)
    whole = assess(area=county.county, year=county.year, series=SERIES, survey_year=county.year)
    assert whole.estimate.total() == Decimal(660 + 337)  # Fenbridge Marsh: 80 + 150 + 32 + 75
    assert whole.estimate.age_range_label == "aged 16 to 74"


def test_an_area_with_no_population_is_refused(county):
    with pytest.raises(
        EstimateRefused, match=f"No population is loaded for Harrowmere Castle in {county.year - 1}"
    ):
        assess(area=county.castle, year=county.year - 1, series=SERIES, survey_year=county.year)


def test_reach_and_the_index_in_a_ward(county, world, django_assert_max_num_queries):
    populate(world, county)
    with django_assert_max_num_queries(20):
        result = assess(
            area=county.castle, year=county.year, series=SERIES, survey_year=county.year
        )
    # Fifteen people in Harrowmere Castle: the woman in Fenbridge Marsh, the woman whose
    # ward is not known and the man at the perpetrator service are not counted.
    assert result.everyone.count == 15
    assert str(result.totals["front_door"]) == "15"
    assert str(result.totals["idva"]) == "6"
    assert result.totals["perpetrator"].hidden
    assert result.reach == "3.4%"  # 15 of 440
    by_sex = rows(result.tables[0])
    # Women: 10 of 15 seen, 300 of 440 estimated: (10/15) / (300/440) = 0.978.
    assert by_sex["Women"].index == "0.98"
    assert by_sex["Women"].reach == "3.3%"
    # Men: 5 of 15 seen, 140 of 440 estimated: 1.048.
    assert by_sex["Men"].index == "1.05"
    # By age: 4 aged 16-24 is under 5, so it is hidden, and so is 25-74 beside it.
    by_age = rows(result.tables[1])
    assert by_age["16–24"].everyone.hidden
    assert by_age["25–74"].everyone.hidden
    assert by_age["16–24"].index == ""
    assert by_age["25–74"].index == ""
    by_ethnicity = rows(result.tables[2])
    assert str(by_ethnicity["White"].everyone) == "10"
    assert str(by_ethnicity["Asian or Asian British"].everyone) == "5"
    assert not result.tables[2].has_index
    by_ward = rows(result.tables[5])
    assert str(by_ward["Harrowmere Castle"].everyone) == "15"
    assert by_ward["Harrowmere Castle"].index == "1.00"


def test_the_county_counts_everyone_and_indexes_wards(county, world):
    populate(world, county)
    result = assess(area=county.county, year=county.year, series=SERIES, survey_year=county.year)
    assert result.everyone.count == 17  # 15 + Fenbridge Marsh + the woman with no ward
    # The perpetrator services saw two (a case and a programme referral), shown hidden, and
    # neither is counted among victims and survivors.
    assert result.totals["perpetrator"].count == 2
    assert result.totals["perpetrator"].hidden
    by_ward = rows(result.tables[5])
    assert set(by_ward) == {"Fenbridge Marsh", "Harrowmere Abbey", "Harrowmere Castle", "Not known"}
    # Castle: 15 of the 16 seen whose ward is known, 440 of the 997 estimated:
    # (15/16) / (440/997) = 2.124.
    assert by_ward["Harrowmere Castle"].index == "2.12"
    assert by_ward["Harrowmere Abbey"].everyone.hidden  # none seen: shown as fewer than 5
    assert by_ward["Not known"].index == ""


def test_the_page_shows_the_assessment_and_suppresses(county, world, client):
    populate(world, county)
    sign_in(client, world.commissioner)
    response = client.get(
        "/needs/",
        {"year": county.year, "area": county.castle.pk, "series": f"{county.year}|{SERIES}"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "An estimated <strong>440</strong> people aged 16 to 74" in page
    assert "300 women and 140 men" in page
    assert "fewer than 5" in page
    assert "Sam" not in page  # no person is ever named
    assert AuditEvent.objects.filter(
        actor_id=world.commissioner.pk,
        action=AuditAction.VIEW,
        reason__contains=f"needs assessment E05901001 {county.year}",
    ).exists()


def test_the_page_says_why_an_estimate_cannot_be_made(county, world, client, tmp_path):
    call_command(
        "load-prevalence",
        write(
            tmp_path,
            "r2.csv",
            "series,survey_year,sex,age_band,rate\nCSEW 16+,2025,F,16+,7\nCSEW 16+,2025,M,16+,3\n",
        ),
    )
    PopulationCount.objects.filter(area=county.marsh).delete()
    sign_in(client, world.commissioner)
    response = client.get(
        "/needs/",
        {"year": county.year, "area": county.marsh.pk, "series": f"{county.year}|{SERIES}"},
    )
    assert (
        f"No population is loaded for Fenbridge Marsh in {county.year}" in response.content.decode()
    )


def test_the_pack_downloads(county, world, client):
    from io import BytesIO

    from openpyxl import load_workbook

    populate(world, county)
    sign_in(client, world.commissioner)
    response = client.get(
        "/needs/pack.xlsx",
        {"year": county.year, "area": county.castle.pk, "series": f"{county.year}|{SERIES}"},
    )
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames[:3] == ["Estimate", "Reach", "Sex"]
    assert book["Estimate"]["E9"].value == 440
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, actor_id=world.commissioner.pk
    ).exists()


def test_a_bad_population_file_saves_nothing(county, tmp_path, capsys):
    before = PopulationCount.objects.count()
    bad = "code,sex,age,population_2027\nE05901001,2,16-24,100\nE05999999,2,16-24,100\n"
    with pytest.raises(CommandError, match="1 problem"):
        call_command("load-population", write(tmp_path, "bad.csv", bad))
    assert "Line 3: the area E05999999 is not loaded" in capsys.readouterr().err
    assert PopulationCount.objects.count() == before


def test_a_rates_file_replaces_its_series_and_year_only(county, tmp_path):
    text = (
        "series,survey_year,sex,age_band,rate\n"
        f'"{SERIES}",{county.year},F,16-74,6\n"{SERIES}",{county.year},M,16-74,3\n'
    )
    call_command("load-prevalence", write(tmp_path, "again.csv", text))
    assert sorted(PrevalenceRate.objects.values_list("sex", "percent")) == [
        ("female", Decimal("6.000")),
        ("male", Decimal("3.000")),
    ]
