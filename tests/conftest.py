"""Fixtures shared by every layer of tests."""

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing costs about 0.3 s a password; the tests need only that hashing happens.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
