"""Reading an Open Referral UK file: every problem found, by service, before anything is saved."""

import copy

from onestory.directory.reading import read_services

AREAS = {"E10000900", "E07000901"}
AGENCIES = {"Kestrel Community Outreach"}

GOOD = {
    "id": "svc-1",
    "name": "Kestrel Outreach Support",
    "organization": {"id": "org-1", "name": "Kestrel Community Outreach"},
    "status": "active",
    "eligibilitys": [{"id": "e1", "minimum_age": 16}],
    "service_areas": [
        {
            "id": "a1",
            "service_area": "Northshire",
            "uri": "http://statistics.data.gov.uk/id/statistical-geography/E10000900",
        }
    ],
    "languages": [{"id": "l1", "language": "English"}, {"id": "l2", "language": "Polish"}],
    "contacts": [
        {
            "id": "c1",
            "name": "Helen Dacre",
            "title": "Designated Safeguarding Lead",
            "phones": [{"number": "01632 960100"}],
        }
    ],
    "service_taxonomys": [
        {"id": "t1", "taxonomy": {"id": "onestory:outreach", "vocabulary": "onestory-support-kind"}}
    ],
    "onestory": {
        "referral_route": "onestory",
        "agency": "Kestrel Community Outreach",
        "genders": ["women"],
    },
}


def read(*services):
    return read_services(list(services), known_areas=AREAS, known_agencies=AGENCIES)


def with_changes(**changes):
    service = copy.deepcopy(GOOD)
    for key, value in changes.items():
        if value is None:
            service.pop(key, None)
        else:
            service[key] = value
    return service


def test_it_reads_a_good_service():
    found = read(GOOD)
    assert found.ok
    row = found.rows[0]
    assert row.kind == "outreach"
    assert row.area_codes == ("E10000900",)
    assert row.agency_name == "Kestrel Community Outreach"
    assert row.details["minimum_age"] == 16
    assert row.details["languages"] == ["English", "Polish"]
    assert row.details["genders"] == ["women"]
    assert row.contacts[0].designated_safeguarding_lead
    assert row.contacts[0].phone == "01632 960100"
    # No service_at_locations: the locations it has are kept.
    assert row.locations is None


def test_it_reads_a_page_as_the_api_returns_it():
    found = read_services({"content": [GOOD]}, known_areas=AREAS, known_agencies=AGENCIES)
    assert found.ok
    assert len(found.rows) == 1


def test_it_refuses_a_file_that_is_not_a_list():
    found = read_services({"services": []}, known_areas=AREAS, known_agencies=AGENCIES)
    assert not found.ok
    assert "list of services" in str(found.problems[0])


def test_it_lists_every_problem_with_the_service_it_is_in():
    bad = with_changes(
        id="",
        organization={"id": "org-1"},
        service_taxonomys=None,
        eligibilitys=[{"minimum_age": 30, "maximum_age": 20}],
        service_areas=[{"uri": "http://x/E99999999"}],
        onestory={"referral_route": "onestory", "genders": ["ladies"]},
    )
    found = read(GOOD, bad)
    assert len(found.rows) == 1
    messages = [str(p) for p in found.problems]
    assert all(m.startswith("Service 2 (Kestrel Outreach Support)") for m in messages)
    text = " ".join(messages)
    for expected in (
        "has no id",
        "needs an organization with an id and a name",
        "does not say what kind of support",
        "maximum_age is below minimum_age",
        "no area has the code E99999999",
        "onestory.agency must name the agency",
        "onestory.genders can only be",
    ):
        assert expected in text


def test_it_refuses_an_agency_that_is_not_in_the_partnership():
    found = read(with_changes(onestory={"referral_route": "onestory", "agency": "Nobody"}))
    assert "no agency in the partnership is called Nobody" in str(found.problems[0])


def test_it_refuses_the_same_id_twice():
    found = read(GOOD, GOOD)
    assert len(found.rows) == 1
    assert "same id as an earlier service" in str(found.problems[0])


def test_it_takes_the_kind_from_onestory_first():
    found = read(with_changes(onestory={"kind": "idva"}))
    assert found.rows[0].kind == "idva"


def test_it_reads_locations_when_given():
    service = with_changes(
        service_at_locations=[
            {
                "location": {
                    "id": "loc-1",
                    "name": "Kestrel House",
                    "physical_addresses": [
                        {
                            "address_1": "14 Mill Lane",
                            "city": "Harrowmere",
                            "postal_code": "NS1 4QT",
                        }
                    ],
                    "accessibility_for_disabilities": [{"accessibility": "Step-free"}],
                }
            }
        ]
    )
    row = read(service).rows[0]
    assert row.locations[0].address == "14 Mill Lane"
    assert row.details["accessibility"] == "Step-free"


def test_bad_ages_and_addresses_are_refused():
    found = read(
        with_changes(eligibilitys=[{"minimum_age": "sixteen"}], url="ftp://x", email="not-an-email")
    )
    text = " ".join(str(p) for p in found.problems)
    assert "minimum_age must be a whole number" in text
    assert "Its url is not a web address" in text
    assert "Its email is not an email address" in text
