"""The needs assessment's read-only API: the same figures as the page, to the same people."""

import pytest
from django.test import Client

from onestory.accounts.tokens.actions import issue_token
from onestory.audit.models import AuditAction, AuditEvent
from tests.conftest import sign_in
from tests.integration.needs.world import SERIES, build_county, populate

pytestmark = pytest.mark.django_db

URL = "/api/v1/needs/assessment"


@pytest.fixture
def county(tmp_path, world):
    return build_county(tmp_path)


def test_the_estimate_and_reach_of_a_ward(county, world, django_assert_max_num_queries):
    populate(world, county)
    api = sign_in(Client(), world.commissioner)
    query = {"year": county.year, "area": "E05901001", "series": SERIES, "survey_year": county.year}
    with django_assert_max_num_queries(40):
        answer = api.get(URL, query)
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["area"] == {"code": "E05901001", "name": "Harrowmere Castle", "level": "ward"}
    assert body["estimate"]["people_affected"] == 440.0
    assert body["estimate"]["ages"] == "aged 16 to 74"
    assert (body["estimate"]["women"], body["estimate"]["men"]) == (300.0, 140.0)
    assert body["seen"]["front_door"] == 15
    assert body["seen"]["idva"] == 6
    assert body["seen"]["perpetrator"] is None  # fewer than 5: hidden, as on the page
    assert body["seen_by_any_service_for_victims"] == 15
    assert body["reach_percent"] == 3.4
    by_sex = {row["group"]: row for row in body["groups"]["sex"]}
    assert by_sex["Women"]["index"] == 0.98
    assert by_sex["Men"]["reach_percent"] == 3.6
    by_age = {row["group"]: row for row in body["groups"]["band"]}
    assert by_age["16–24"]["seen_by_any_service_for_victims"] is None
    assert "Sam" not in answer.content.decode()
    assert AuditEvent.objects.filter(
        actor_id=world.commissioner.pk,
        action=AuditAction.EXPORT,
        reason=f"needs assessment (API) E05901001 {county.year}",
    ).exists()


def test_bad_questions_are_answered_with_reasons(county, world):
    api = sign_in(Client(), world.commissioner)
    query = {"year": county.year, "area": "E05901001", "series": SERIES, "survey_year": county.year}
    unknown = api.get(URL, {**query, "area": "E05999999"})
    assert unknown.status_code == 400
    assert unknown.json()["area"] == ["No area has the code E05999999."]
    blank = api.get(URL, {**query, "series": ""})
    assert blank.status_code == 400
    assert blank.json()["series"] == ["Give a value, or leave it out."]
    no_population = api.get(URL, {**query, "year": county.year - 1})
    assert no_population.status_code == 400
    assert "No population is loaded for Harrowmere Castle" in no_population.json()["area"][0]
    other_rates = api.get(URL, {**query, "series": "CSEW 16+"})
    assert other_rates.status_code == 400


def test_a_role_without_the_figures_is_refused_and_audited(county, world):
    _, plain = issue_token(user=world.caseworker, name="Mine", by=world.caseworker)
    query = {"year": county.year, "area": "E05901001", "series": SERIES, "survey_year": county.year}
    refused = Client(HTTP_AUTHORIZATION=f"Bearer {plain}").get(URL, query)
    assert refused.status_code == 403
    assert AuditEvent.objects.filter(
        actor_id=world.caseworker.pk, action=AuditAction.REFUSED
    ).exists()
    assert Client().get(URL, query).status_code == 401
