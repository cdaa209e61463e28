"""Who the API lets in: bearer tokens, verified sessions, and nobody else."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from onestory.accounts.models import ApiToken
from onestory.accounts.models.tokens import hash_token
from onestory.accounts.roles import RoleName
from onestory.accounts.tokens.actions import revoke_token
from onestory.audit.models import AuditAction, AuditEvent
from tests.factories import PersonFactory
from tests.integration.api.conftest import bearer

pytestmark = pytest.mark.django_db


def _person_url(person) -> str:
    return f"/api/v1/persons/{person.pk}/"


def test_it_stores_only_a_hash_of_the_token(world, token_for):
    token, plain = token_for(world.caseworker)
    assert plain.startswith(f"os_{token.prefix}_")
    assert len(plain) > 50
    assert token.secret_hash == hash_token(plain)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_apitoken")
        rows = cursor.fetchall()
    assert rows
    assert all(plain not in str(value) for row in rows for value in row)
    secret = plain.rsplit("_", 1)[-1]
    assert all(secret not in str(value) for row in rows for value in row)


def test_it_makes_a_different_token_every_time(world, token_for):
    plains = {token_for(world.caseworker)[1] for _ in range(5)}
    assert len(plains) == 5


def test_it_lets_a_token_read_a_person_as_its_user(world, token_for):
    person = PersonFactory(owning_agency=world.agency)
    _, plain = token_for(world.caseworker)
    response = Client().get(_person_url(person), headers=bearer(plain))
    assert response.status_code == 200
    assert response.json()["id"] == person.pk
    event = AuditEvent.objects.filter(action=AuditAction.VIEW, person_id=person.pk).first()
    assert event.actor_id == world.caseworker.pk
    assert event.channel == "api"


def test_it_never_lets_the_api_answer_be_cached(world, token_for):
    person = PersonFactory(owning_agency=world.agency)
    _, plain = token_for(world.caseworker)
    response = Client().get(_person_url(person), headers=bearer(plain))
    assert "no-store" in response["Cache-Control"]


def test_it_hides_another_agencys_person_from_a_token_too(world, token_for):
    person = PersonFactory(owning_agency=world.agency)
    _, plain = token_for(world.other_caseworker)
    response = Client().get(_person_url(person), headers=bearer(plain))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(
        action=AuditAction.REFUSED, actor_id=world.other_caseworker.pk, person_id=person.pk
    ).exists()


def test_it_refuses_a_revoked_token_on_the_next_request(world, token_for):
    person = PersonFactory(owning_agency=world.agency)
    token, plain = token_for(world.caseworker)
    client = Client(headers=bearer(plain))
    assert client.get(_person_url(person)).status_code == 200
    revoke_token(token=token, by=world.caseworker)
    response = client.get(_person_url(person))
    assert response.status_code == 401
    assert response.json() == {"detail": "This API token has been revoked."}
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_it_refuses_an_expired_token(world, token_for):
    person = PersonFactory(owning_agency=world.agency)
    token, plain = token_for(world.caseworker, expires_in_days=1)
    client = Client(headers=bearer(plain))
    assert client.get(_person_url(person)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(_person_url(person))
    assert response.status_code == 401
    assert response.json() == {"detail": "This API token has expired."}


def test_it_refuses_a_token_whose_account_is_switched_off(world, token_for):
    person = PersonFactory(owning_agency=world.agency)
    _, plain = token_for(world.caseworker)
    client = Client(headers=bearer(plain))
    assert client.get(_person_url(person)).status_code == 200
    world.caseworker.is_active = False
    world.caseworker.save()
    response = client.get(_person_url(person))
    assert response.status_code == 401
    assert "switched off" in response.json()["detail"]
    assert AuditEvent.objects.filter(
        action=AuditAction.SIGN_IN_FAILED, actor_username="caseworker"
    ).exists()


def test_it_refuses_a_token_whose_role_may_no_longer_use_the_api(world, token_for):
    person = PersonFactory(owning_agency=world.agency)
    _, plain = token_for(world.caseworker)
    world.caseworker.role = RoleName.COMMISSIONER
    world.caseworker.save()
    response = Client().get(_person_url(person), headers=bearer(plain))
    assert response.status_code == 401


@pytest.mark.parametrize(
    "header",
    [
        "Bearer os_00000000_notarealtoken",
        "Bearer",
        "Bearer two words",
        "Bearer " + "x" * 500,
        "bearer os_00000000_notarealtoken",
    ],
)
def test_it_refuses_a_bad_bearer_header_with_401(world, header):
    person = PersonFactory(owning_agency=world.agency)
    response = Client().get(_person_url(person), headers={"Authorization": header})
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_it_answers_an_anonymous_request_with_401_and_says_how_to_authenticate(world):
    person = PersonFactory(owning_agency=world.agency)
    response = Client().get(_person_url(person))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_it_notes_when_a_token_was_last_used_at_most_once_a_minute(world, token_for):
    person = PersonFactory(owning_agency=world.agency)
    token, plain = token_for(world.caseworker)
    client = Client(headers=bearer(plain))
    assert token.last_used_at is None
    client.get(_person_url(person))
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    client.get(_person_url(person))
    token.refresh_from_db()
    assert token.last_used_at == first
    earlier = timezone.now() - timedelta(minutes=2)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=earlier)
    client.get(_person_url(person))
    token.refresh_from_db()
    assert token.last_used_at > earlier


def test_it_does_not_write_to_the_token_on_every_request(world, token_for):
    person = PersonFactory(owning_agency=world.agency)
    _, plain = token_for(world.caseworker)
    client = Client(headers=bearer(plain))
    client.get(_person_url(person))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(_person_url(person)).status_code == 200
    writes = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("UPDATE")]
    assert not [sql for sql in writes if "accounts_apitoken" in sql]


def test_it_lets_a_verified_session_use_the_api(world, as_user):
    person = PersonFactory(owning_agency=world.agency)
    assert as_user(world.caseworker).get(_person_url(person)).status_code == 200


def test_it_treats_a_session_without_two_step_verification_as_nobody(world, client):
    person = PersonFactory(owning_agency=world.agency)
    client.force_login(world.caseworker)  # signed in with a password, second step not done
    response = client.get(_person_url(person))
    assert response.status_code == 401
    assert response.json()["detail"]


def test_it_makes_no_session_for_a_token_request(world, token_for):
    person = PersonFactory(owning_agency=world.agency)
    _, plain = token_for(world.caseworker)
    response = Client().get(f"/api/v1/persons/{person.pk}/", headers=bearer(plain))
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert not Session.objects.exists()
