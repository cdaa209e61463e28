"""Bad input to the API gets a clear 4xx answer in JSON, never a 500 or an HTML page."""

import pytest

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/persons/99999999999999999999999999/",
        "/api/v1/persons/not-a-number/",
        "/api/v1/nothing-here/",
    ],
)
def test_it_answers_a_missing_thing_with_json_404(world, as_user, path):
    response = as_user(world.caseworker).get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_it_answers_a_missing_token_with_json_404(world, as_user):
    response = as_user(world.caseworker).post(
        "/api/v1/tokens/999999/revoke", content_type="application/json"
    )
    assert response.status_code == 404
    assert response.json() == {"detail": "No API token found"}


def test_it_refuses_a_body_that_is_not_json(world, as_user, token_for):
    token, _ = token_for(world.caseworker)
    response = as_user(world.caseworker).post(
        f"/api/v1/tokens/{token.pk}/revoke", data="name=x", content_type="text/plain"
    )
    assert response.status_code == 415
    assert response.json()["detail"]


def test_it_refuses_a_method_an_endpoint_does_not_have(world, as_user, token_for):
    person = PersonFactory(owning_agency=world.agency)
    token, _ = token_for(world.caseworker)
    client = as_user(world.caseworker)
    for response in (
        client.delete(f"/api/v1/persons/{person.pk}/"),
        client.get(f"/api/v1/tokens/{token.pk}/revoke"),
    ):
        assert response.status_code == 405
        assert response.json()["detail"]


def test_it_still_shows_pages_their_own_404(world, as_user):
    response = as_user(world.caseworker).get("/no-such-page/")
    assert response.status_code == 404
    assert "application/json" not in response["Content-Type"]


@pytest.mark.parametrize("error", ["OperationalError", "InterfaceError"])
def test_a_database_that_cannot_be_reached_gets_a_503_to_retry(world, as_user, monkeypatch, error):
    from django import db

    from onestory.records import api as people_api

    def unreachable(*args, **kwargs):
        raise getattr(db, error)("server closed the connection unexpectedly")

    monkeypatch.setattr(people_api, "find_candidates", unreachable)
    response = as_user(world.caseworker).get("/api/v1/persons/search", {"name": "Amira Hadad"})
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Content-Type"] == "application/json"
    detail = response.json()["detail"]
    assert "Send it again" in detail
    assert "server closed" not in detail  # nothing of the driver's message
