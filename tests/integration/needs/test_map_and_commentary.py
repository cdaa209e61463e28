"""The map of reach by ward from loaded boundaries, and the analyst's saved commentary."""

import json
from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from onestory.audit.models import AuditAction, AuditEvent
from onestory.needs.maps import reach_map
from onestory.needs.models import Boundary, Commentary
from onestory.needs.pack import pack_html
from onestory.needs.queries import commentary_of
from onestory.needs.reach import assess
from tests.conftest import sign_in
from tests.factories import AgencyFactory, UserFactory
from tests.integration.needs.world import SERIES, build_county, populate, write

pytestmark = pytest.mark.django_db


def square(code: str, west: float) -> dict:
    ring = [[west, 52.0], [west + 0.1, 52.0], [west + 0.1, 52.1], [west, 52.1], [west, 52.0]]
    return {
        "type": "Feature",
        "properties": {"WD22CD": code},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


# The small county's three wards, side by side (made up).
WARDS = {
    "type": "FeatureCollection",
    "features": [square("E05901001", 0.0), square("E05901002", 0.1), square("E05902001", 0.2)],
}


@pytest.fixture
def county(tmp_path, world):
    return build_county(tmp_path)


def query(county, area) -> dict:
    return {"year": county.year, "area": area.pk, "series": f"{county.year}|{SERIES}"}


def test_boundaries_load_all_or_nothing(county, tmp_path, capsys):
    bad = {**WARDS, "features": [*WARDS["features"], square("E05999999", 0.3)]}
    with pytest.raises(CommandError, match="1 problem"):
        call_command("load-boundaries", write(tmp_path, "bad.geojson", json.dumps(bad)))
    assert "Feature 4 (E05999999): the area is not loaded" in capsys.readouterr().err
    assert not Boundary.objects.exists()
    call_command("load-boundaries", write(tmp_path, "wards.geojson", json.dumps(WARDS)))
    assert "Loaded 3 area boundaries" in capsys.readouterr().out
    assert Boundary.objects.count() == 3
    assert AuditEvent.objects.filter(reason="boundaries loaded: 3 areas").exists()


def test_the_page_draws_the_map_beside_the_table(county, world, client, tmp_path):
    populate(world, county)
    sign_in(client, world.commissioner)
    before = client.get("/needs/", query(county, county.county)).content.decode()
    assert "No ward boundaries are loaded" in before
    assert "<svg" not in before.split('id="ward-map"')[1].split("</table>")[0]
    call_command("load-boundaries", write(tmp_path, "wards.geojson", json.dumps(WARDS)))
    page = client.get("/needs/", query(county, county.county)).content.decode()
    assert 'aria-labelledby="map-title map-desc"' in page
    # Castle saw 15 of its 440 estimated (3.4%), the largest, so the darkest shade; Abbey's
    # count is hidden, so it is not shaded; the table of the same figures stays.
    assert "<title>Harrowmere Castle: 3.4%</title>" in page
    assert 'fill="#003078" stroke="#0b0c0c" stroke-width="1"><title>Harrowmere Castle' in page
    assert "<title>Harrowmere Abbey: not shown</title>" in page
    assert 'id="reach-ward"' in page
    # A ward's own page maps just that ward.
    ward = client.get("/needs/", query(county, county.marsh)).content.decode()
    assert ward.count("<path ") == 1
    # The PDF pack draws the same map beside its ward table.
    whole = assess(area=county.county, year=county.year, series=SERIES, survey_year=county.year)
    html = pack_html(whole, {}, produced_by=world.commissioner, ward_map=reach_map(whole))
    assert "<title>Harrowmere Castle: 3.4%</title>" in html


def test_commentary_is_saved_audited_and_goes_into_both_packs(county, world, client):
    populate(world, county)
    sign_in(client, world.commissioner)
    response = client.post(
        "/needs/commentary/",
        {
            **query(county, county.castle),
            "comment_estimate": "Close to last year's.",
            "comment_sex": "Men reach services in proportion.",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#commentary")
    assert commentary_of(
        agency_id=world.commissioner.agency_id, area=county.castle, year=county.year
    ) == {"estimate": "Close to last year's.", "sex": "Men reach services in proportion."}
    assert AuditEvent.objects.filter(
        actor_id=world.commissioner.pk,
        action=AuditAction.UPDATE,
        reason=f"needs assessment commentary E05901001 {county.year}: 2 section(s)",
    ).exists()
    # The page shows it again to edit; blanking a section removes it.
    page = client.get("/needs/", query(county, county.castle)).content.decode()
    assert "Close to last year&#x27;s.</textarea>" in page
    client.post(
        "/needs/commentary/",
        {**query(county, county.castle), "comment_estimate": "Close to last year's."},
    )
    assert Commentary.objects.filter(area=county.castle).count() == 1

    book = load_workbook(
        BytesIO(client.get("/needs/pack.xlsx", query(county, county.castle)).content)
    )
    estimate = [[c.value for c in row] for row in book["Estimate"].iter_rows()]
    assert ["Commentary", "Close to last year's."] in [row[:2] for row in estimate]

    pdf = client.get("/needs/pack.pdf", query(county, county.castle))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, reason__contains=f"(PDF) E05901001 {county.year}"
    ).exists()
    result = assess(area=county.castle, year=county.year, series=SERIES, survey_year=county.year)
    html = pack_html(result, {"estimate": "Close to last year's."}, produced_by=world.commissioner)
    assert "Close to last year&#x27;s." in html
    assert "An estimated <strong>440</strong> people" in html
    assert "Sam" not in html


def test_another_agencys_commentary_is_its_own(county, world, client):
    sign_in(client, world.commissioner)
    client.post("/needs/commentary/", {**query(county, county.castle), "comment_sex": "Ours."})
    elsewhere = AgencyFactory(name="Southvale Council", kind=AgencyKind.COMMISSIONER)
    other = UserFactory(username="southvale", agency=elsewhere, role=RoleName.COMMISSIONER)
    sign_in(client, other)
    page = client.get("/needs/", query(county, county.castle)).content.decode()
    assert "Ours." not in page
    assert commentary_of(agency_id=elsewhere.pk, area=county.castle, year=county.year) == {}


def test_commentary_too_long_saves_nothing(county, world, client):
    sign_in(client, world.commissioner)
    response = client.post(
        "/needs/commentary/",
        {**query(county, county.castle), "comment_estimate": "Fine.", "comment_sex": "x" * 5001},
    )
    assert response.status_code == 400
    assert "Commentary must be 5,000 characters or fewer" in response.content.decode()
    assert not Commentary.objects.exists()


def test_commentary_without_its_assessment_is_refused_with_reasons(county, world, client):
    sign_in(client, world.commissioner)
    response = client.post("/needs/commentary/", {"comment_estimate": "Fine."})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Select a year" in page
    assert "Select an area" in page
    assert not Commentary.objects.exists()
