import pytest

from onestory.accounts.models import AgencyKind
from onestory.accounts.roles import RoleName
from tests.factories import AgencyFactory, UserFactory


@pytest.fixture
def police(db):
    return AgencyFactory(name="Northshire Police", kind=AgencyKind.POLICE)


@pytest.fixture
def officer(police):
    return UserFactory(username="dc_ward", agency=police, role=RoleName.DISCLOSURE_OFFICER)
