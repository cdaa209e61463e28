"""A victim held by the home agency, and a case the home agency's caseworker leads."""

import datetime as dt

import pytest

from onestory.cases import actions as case_actions
from onestory.people import actions as people_actions
from onestory.people.models import Involvement


@pytest.fixture(autouse=True)
def documents_folder(settings, tmp_path):
    """Documents go to a throwaway folder, never the real one."""
    settings.MEDIA_ROOT = tmp_path / "documents"
    return settings.MEDIA_ROOT


@pytest.fixture
def victim(world):
    return people_actions.create_person(
        by=world.caseworker,
        owning_agency=world.agency,
        given_name="Amira",
        family_name="Haddad",
        date_of_birth=dt.date(1990, 5, 17),
        involvement=Involvement.VICTIM,
    )


@pytest.fixture
def case(world, victim):
    return case_actions.open_case(
        person=victim,
        agency=world.agency,
        lead_worker=world.caseworker,
        summary="Wants to stay in her home with the children.",
        by=world.caseworker,
    )
