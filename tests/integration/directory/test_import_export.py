"""``onestory directory import|export`` and ``GET /api/v1/directory/services/``."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from onestory.audit.models import AuditAction, AuditEvent
from onestory.directory.models import Contact, Location, Service

pytestmark = pytest.mark.django_db

SECRET_ADDRESSES = ("3 Willow Lane", "NS4 7WL", "9 Harbour Row", "NS7 1GH", "NS9 3SH")


def export() -> list[dict]:
    out = io.StringIO()
    call_command("directory", "export", stdout=out)
    return json.loads(out.getvalue())


def test_the_demo_has_a_realistic_directory(northshire):
    assert 20 <= Service.objects.count() <= 30
    kinds = set(Service.objects.values_list("kind", flat=True))
    assert {"outreach", "idva", "safe_accommodation", "perpetrator", "children", "school"} <= kinds
    schools = Service.objects.schools().prefetch_related("contacts")
    assert schools.count() >= 5
    for school in schools:
        assert school.safeguarding_lead is not None, school
    refuge = Service.objects.get(name="Willow Lane Refuge")
    assert refuge.location_secret
    assert refuge.takes_referrals
    assert refuge.agency.name == "Willow Lane Refuge Trust"


def test_the_export_never_holds_safe_accommodation_locations(northshire):
    services = export()
    text = json.dumps(services)
    for address in SECRET_ADDRESSES:
        assert address not in text
    refuge = next(s for s in services if s["name"] == "Willow Lane Refuge")
    assert "service_at_locations" not in refuge
    assert refuge["onestory"]["location_secret"] is True
    outreach = next(s for s in services if s["name"] == "Kestrel Outreach Support")
    assert outreach["service_at_locations"][0]["location"]["physical_addresses"][0]["address_1"]
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_the_export_is_open_referral_uk_shaped(northshire):
    school = next(s for s in export() if s["name"] == "Millbrook Academy")
    assert school["organization"]["name"] == "Millbrook Academy"
    assert school["eligibilitys"][0]["minimum_age"] == 11
    assert school["service_areas"][0]["uri"].endswith("E05901003")
    assert school["service_taxonomys"][0]["taxonomy"]["id"] == "onestory:school"
    assert school["contacts"][0]["onestory"]["designated_safeguarding_lead"] is True


def test_an_export_loads_back_without_losing_secret_locations(northshire, tmp_path):
    before = Location.objects.count()
    path = tmp_path / "directory.json"
    call_command("directory", "export", str(path), stderr=io.StringIO())
    out = io.StringIO()
    call_command("directory", "import", str(path), stdout=out)
    assert "0 new, 29 updated" in out.getvalue()
    assert Location.objects.count() == before
    assert Location.objects.filter(service__location_secret=True).count() == 3


def test_importing_again_changes_nothing(northshire, tmp_path):
    path = tmp_path / "directory.json"
    path.write_text(json.dumps(export()), encoding="utf-8")
    counts = (Service.objects.count(), Contact.objects.count(), Location.objects.count())
    call_command("directory", "import", str(path), stdout=io.StringIO())
    assert (Service.objects.count(), Contact.objects.count(), Location.objects.count()) == counts


def test_a_file_with_problems_saves_nothing_and_lists_them(northshire, tmp_path):
    services = export()
    services[0]["name"] = "Renamed"
    services[1]["onestory"]["areas"] = ["E99999999"]
    services[2].pop("organization")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(services), encoding="utf-8")
    errors = io.StringIO()
    with pytest.raises(CommandError, match="2 problem"):
        call_command("directory", "import", str(path), stderr=errors)
    assert "Service 2" in errors.getvalue()
    assert "Service 3" in errors.getvalue()
    assert not Service.objects.filter(name="Renamed").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not valid JSON"), ('{"services": []}', "list of services")],
)
def test_a_file_that_is_not_a_directory_is_refused(db, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command("directory", "import", str(path), stderr=errors)
    assert message in errors.getvalue()


def test_a_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("directory", "import", str(tmp_path / "nowhere.json"))


# --- The API ---------------------------------------------------------------------------------


def test_the_api_pages_through_services_without_secret_locations(world, northshire, api):
    client = api(world.caseworker)
    response = client.get("/api/v1/directory/services/", {"per_page": 10, "page": 2})
    assert response.status_code == 200
    page = response.json()
    assert (page["totalElements"], page["totalPages"], page["number"], page["size"]) == (
        29,
        3,
        2,
        10,
    )
    assert len(page["content"]) == 10
    everything = client.get("/api/v1/directory/services/", {"per_page": 200}).content.decode()
    for address in SECRET_ADDRESSES:
        assert address not in everything


def test_the_api_filters_by_kind_and_area(world, northshire, api):
    client = api(world.caseworker)
    refuges = client.get("/api/v1/directory/services/", {"kind": "safe_accommodation"}).json()
    assert {s["name"] for s in refuges["content"]} == {
        "Willow Lane Refuge",
        "Willow Lane Dispersed Homes",
        "Sahara House Specialist Refuge",
    }
    # Coldwater Fen: county-wide services and its own, but not Little Lanterns (other districts).
    here = client.get("/api/v1/directory/services/", {"area": "E07000902", "per_page": 200}).json()
    names = {s["name"] for s in here["content"]}
    assert "Money and Benefits Advice" in names
    assert "Kestrel Outreach Support" in names
    assert "Little Lanterns Children and Young People's Support" not in names
    bad = client.get("/api/v1/directory/services/", {"area": "E99999999"})
    assert bad.status_code == 400


def test_the_api_needs_a_signed_in_caller(client, db):
    assert client.get("/api/v1/directory/services/").status_code == 401
