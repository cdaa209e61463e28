"""The demo's Northshire directory, loaded with the areas and agencies it names."""

import pytest
from django.test import Client

from onestory.accounts.models import Agency
from onestory.accounts.tokens.actions import issue_token
from onestory.demo import partnership as demo
from onestory.directory.importing import load_demo_directory
from tests.integration.api.conftest import bearer


@pytest.fixture
def northshire(db):
    """The demo partnership's areas and agencies, and its directory."""
    with demo.AREAS_FILE.open(encoding="utf-8", newline="") as lines:
        demo.load_areas(lines)
    agencies = demo._load_agencies()
    load_demo_directory()
    return agencies


@pytest.fixture
def refuge_agency(northshire) -> Agency:
    return northshire["Willow Lane Refuge Trust"]


@pytest.fixture
def api():
    """``api(user)`` gives a client that sends a fresh API token of ``user``."""

    def make(user) -> Client:
        _, plain = issue_token(user=user, name="Test token", by=user)
        return Client(headers=bearer(plain))

    return make
