"""The issue-token, list-tokens and revoke-token commands."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from onestory.accounts.models import ApiToken
from onestory.accounts.models.tokens import hash_token
from onestory.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def _run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_issues_a_token_that_works(world):
    out, err = _run("issue-token", "caseworker", "--name", "Nightly export", "--expires-days", "7")
    plain = out.strip()
    token = ApiToken.objects.get(user=world.caseworker)
    assert token.secret_hash == hash_token(plain)
    assert token.name == "Nightly export"
    assert token.created_by is None
    assert token.expires_at is not None
    assert "cannot be shown again" in err
    event = AuditEvent.objects.get(action=AuditAction.TOKEN_ISSUED, object_id=str(token.pk))
    assert event.channel == "command"
    response = Client().get("/api/v1/tokens/", headers={"Authorization": f"Bearer {plain}"})
    assert response.status_code == 200


def test_it_issues_a_token_without_expiry_by_default(world):
    _run("issue-token", "manager")
    assert ApiToken.objects.get(user=world.manager).expires_at is None


def test_it_refuses_an_unknown_account(world):
    with pytest.raises(CommandError, match="no account with the username nobody"):
        _run("issue-token", "nobody")


def test_it_refuses_an_account_that_is_switched_off(world):
    world.caseworker.is_active = False
    world.caseworker.save()
    with pytest.raises(CommandError, match="switched off"):
        _run("issue-token", "caseworker")
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("username", ["commissioner", "admin"])
def test_it_refuses_a_role_that_may_not_use_the_api(world, username):
    with pytest.raises(CommandError, match="not allowed to use the API"):
        _run("issue-token", username)
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("days", ["0", "-3", "400"])
def test_it_refuses_an_expiry_out_of_range(world, days):
    with pytest.raises(CommandError, match="from 1 to 366 days"):
        _run("issue-token", "caseworker", "--expires-days", days)


def test_it_lists_tokens_without_their_secrets(world):
    plain = _run("issue-token", "caseworker", "--name", "Mine")[0].strip()
    _run("issue-token", "manager", "--name", "Theirs")
    everyone, _ = _run("list-tokens")
    assert "Mine" in everyone
    assert "Theirs" in everyone
    assert plain not in everyone
    assert ApiToken.objects.get(name="Mine").secret_hash not in everyone
    one, _ = _run("list-tokens", "caseworker")
    assert "Mine" in one
    assert "Theirs" not in one


def test_it_says_when_there_are_no_tokens(world):
    out, err = _run("list-tokens", "caseworker")
    assert out == ""
    assert "No API tokens" in err


def test_it_refuses_to_list_an_unknown_account(world):
    with pytest.raises(CommandError, match="no account"):
        _run("list-tokens", "nobody")


def test_it_revokes_a_token(world):
    plain = _run("issue-token", "caseworker")[0].strip()
    token = ApiToken.objects.get()
    out, _ = _run("revoke-token", str(token.pk))
    assert "Revoked token" in out
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(
        action=AuditAction.TOKEN_REVOKED, object_id=str(token.pk), channel="command"
    ).exists()
    response = Client().get("/api/v1/tokens/", headers={"Authorization": f"Bearer {plain}"})
    assert response.status_code == 401
    again, _ = _run("revoke-token", str(token.pk))
    assert "already revoked" in again


def test_it_refuses_to_revoke_an_unknown_token(world):
    with pytest.raises(CommandError, match="no API token with the id 999"):
        _run("revoke-token", "999")
