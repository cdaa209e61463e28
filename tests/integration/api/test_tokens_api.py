"""GET /api/v1/tokens/ and POST /api/v1/tokens/{token_id}/revoke."""

import pytest
from django.test import Client

from onestory.audit.models import AuditAction, AuditEvent
from tests.factories import UserFactory
from tests.integration.api.conftest import bearer

pytestmark = pytest.mark.django_db

LIST = "/api/v1/tokens/"


def _revoke_url(token) -> str:
    return f"/api/v1/tokens/{token.pk}/revoke"


def test_it_lists_your_own_tokens_and_never_a_hash(world, token_for):
    mine, plain = token_for(world.caseworker, name="Reports")
    token_for(world.call_handler, name="Someone else's")
    response = Client().get(LIST, headers=bearer(plain))
    assert response.status_code == 200
    listed = response.json()
    assert [item["name"] for item in listed] == ["Reports"]
    assert listed[0]["prefix"] == f"os_{mine.prefix}"
    assert listed[0]["status"] == "Active"
    body = response.content.decode()
    assert mine.secret_hash not in body
    assert plain not in body
    assert "hash" not in body


def test_it_lists_tokens_with_a_bounded_number_of_queries(
    world, token_for, as_user, django_assert_max_num_queries
):
    for number in range(10):
        token_for(world.caseworker, name=f"Token {number}")
    client = as_user(world.caseworker)
    with django_assert_max_num_queries(8):
        response = client.get(LIST)
    assert len(response.json()) == 10


def test_it_refuses_the_list_to_a_role_that_may_not_use_the_api(world, as_user):
    assert as_user(world.commissioner).get(LIST).status_code == 403


def test_it_refuses_the_list_to_an_anonymous_request(world):
    assert Client().get(LIST).status_code == 401


def test_it_revokes_your_own_token_and_it_stops_working(world, token_for):
    token, plain = token_for(world.caseworker)
    client = Client(headers=bearer(plain))
    response = client.post(_revoke_url(token), content_type="application/json")
    assert response.status_code == 200
    assert response.json()["status"] == "Revoked"
    token.refresh_from_db()
    assert token.revoked_by == world.caseworker
    assert AuditEvent.objects.filter(
        action=AuditAction.TOKEN_REVOKED, object_id=str(token.pk), actor_id=world.caseworker.pk
    ).exists()
    assert client.get(LIST).status_code == 401


def test_it_revokes_twice_without_harm(world, token_for, as_user):
    token, _ = token_for(world.caseworker)
    client = as_user(world.caseworker)
    first = client.post(_revoke_url(token), content_type="application/json")
    second = client.post(_revoke_url(token), content_type="application/json")
    assert (first.status_code, second.status_code) == (200, 200)
    assert second.json()["revoked_at"] == first.json()["revoked_at"]
    assert (
        AuditEvent.objects.filter(action=AuditAction.TOKEN_REVOKED, object_id=str(token.pk)).count()
        == 1
    )


def test_it_lets_a_team_manager_revoke_a_team_members_token(world, token_for, as_user):
    token, _ = token_for(world.caseworker)
    response = as_user(world.manager).post(_revoke_url(token), content_type="application/json")
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.revoked_by == world.manager


def test_it_hides_a_colleagues_token(world, token_for, as_user):
    token, _ = token_for(world.caseworker)
    response = as_user(world.call_handler).post(_revoke_url(token), content_type="application/json")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert AuditEvent.objects.filter(
        action=AuditAction.REFUSED, actor_id=world.call_handler.pk
    ).exists()


def test_it_hides_a_token_from_another_agencys_manager(world, token_for, as_user):
    other_manager = UserFactory(agency=world.other_agency, role="team_manager")
    token, _ = token_for(world.caseworker)
    response = as_user(other_manager).post(_revoke_url(token), content_type="application/json")
    assert response.status_code == 404


def test_it_refuses_revoking_to_a_role_that_may_not_use_the_api(world, token_for, as_user):
    token, _ = token_for(world.caseworker)
    response = as_user(world.admin).post(_revoke_url(token), content_type="application/json")
    assert response.status_code == 403


def test_it_refuses_revoking_to_an_anonymous_request(world, token_for):
    token, _ = token_for(world.caseworker)
    assert Client().post(_revoke_url(token), content_type="application/json").status_code == 401


def test_it_refuses_a_malformed_body_with_a_clear_400(world, token_for, as_user):
    token, _ = token_for(world.caseworker)
    response = as_user(world.caseworker).post(
        _revoke_url(token), data="{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("The request body is not valid JSON.")
    token.refresh_from_db()
    assert token.revoked_at is None
