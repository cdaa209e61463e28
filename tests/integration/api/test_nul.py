"""A NUL character, which PostgreSQL cannot store, is refused with 400 wherever it comes."""

import pytest
from django.test import Client

from onestory.accounts.tokens.actions import issue_token
from tests.integration.api.conftest import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(world):
    _, plain = issue_token(user=world.manager, name="Test", by=world.manager)
    return Client(headers=bearer(plain))


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/directory/services/?area=%00",
        "/api/v1/directory/services/?text=a%00b",
        "/api/v1/persons/search?name=Jo%00Bloggs",
    ],
)
def test_a_nul_in_the_query_is_refused(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


def test_a_nul_in_a_text_field_of_a_json_body_is_refused(client):
    response = client.post(
        "/api/v1/referrals/", '{"given_name": "Jo\\u0000"}', content_type="application/json"
    )
    assert response.status_code == 400
    assert "given_name" in response.json()


def test_ordinary_requests_pass(client):
    assert client.get("/api/v1/directory/services/?text=refuge").status_code == 200
