"""Helpers for API tests: issue a token and send it."""

import pytest
from django.test import Client

from onestory.accounts.tokens.actions import issue_token


@pytest.fixture
def token_for():
    """``token_for(user)`` issues a token and returns ``(token, plain)``."""

    def make(user, **options):
        options.setdefault("name", "Test token")
        return issue_token(user=user, by=user, **options)

    return make


def bearer(plain: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {plain}"}


@pytest.fixture
def api(token_for):
    """``api(user)`` gives a client that sends a fresh token of ``user`` on every request."""

    def make(user) -> Client:
        _, plain = token_for(user)
        return Client(headers=bearer(plain))

    return make
