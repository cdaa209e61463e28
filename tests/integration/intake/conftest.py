"""The front door's staff, added to the test world at its central point of contact."""

from dataclasses import dataclass

import pytest

from onestory.accounts.models import User
from onestory.accounts.roles import RoleName
from tests.factories import UserFactory

BANNED_IN_TITLES = ("abuse", "violen", "domestic", "refuge", "harm", "perpetrator", "assault")


@dataclass
class Desk:
    """Staff of the front door (``world.central``)."""

    call_handler: User
    manager: User
    colleague: User


@pytest.fixture
def desk(world) -> Desk:
    return Desk(
        call_handler=UserFactory(
            username="desk_handler",
            first_name="Dee",
            last_name="Handler",
            agency=world.central,
            role=RoleName.CALL_HANDLER,
        ),
        manager=UserFactory(
            username="desk_manager",
            first_name="Mo",
            last_name="Manager",
            agency=world.central,
            role=RoleName.TEAM_MANAGER,
        ),
        colleague=UserFactory(
            username="desk_colleague",
            first_name="Col",
            last_name="League",
            agency=world.central,
            role=RoleName.CALL_HANDLER,
        ),
    )


def title_of(response) -> str:
    html = response.content.decode()
    return html.split("<title>", 1)[1].split("</title>", 1)[0]


def assert_neutral_title(response) -> None:
    title = title_of(response).lower()
    for word in BANNED_IN_TITLES:
        assert word not in title, f"{word!r} in the title {title!r}"
