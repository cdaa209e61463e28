"""How the permission-matrix test fills in URL parameters.

Each entry makes an object *owned by the test world's home agency* (``world.agency``) and
returns the value for the URL parameter of that name. When you add a URL with a new
parameter name, add an entry here, or the matrix test fails and says so.
"""

from collections.abc import Callable

from onestory.accounts.roles import Permission
from onestory.accounts.token_actions import issue_token
from tests.factories import PersonFactory, ReferralFactory, UserFactory


def _assessment(world):
    from onestory.risk.actions import assess_dash

    person = PersonFactory(owning_agency=world.agency)
    return assess_dash(person=person, answers={"8": "yes"}, by=world.caseworker)


def _share(world):
    from tests.factories import ShareFactory

    person = PersonFactory(owning_agency=world.agency)
    return ShareFactory(person=person, to_agency=world.other_agency, granted_by=world.caseworker)


def _emergency_access(world):
    from tests.factories import EmergencyAccessFactory

    person = PersonFactory(owning_agency=world.agency)
    return EmergencyAccessFactory(person=person, user=world.other_caseworker)


URL_PARAMS: dict[str, Callable] = {
    "person_id": lambda world: PersonFactory(owning_agency=world.agency).pk,
    # A second home-agency person (merging two records).
    "other_person_id": lambda world: PersonFactory(owning_agency=world.agency).pk,
    # A member of staff at the home agency (staff accounts pages).
    "user_id": lambda world: UserFactory(agency=world.agency).pk,
    # A token of the home agency's caseworker (see PERSONAL_PARAMS).
    "assessment_id": lambda world: _assessment(world).pk,
    "screen": lambda world: "stalking",
    # A share of a home-agency person to the other agency: only the holder manages it.
    "share_id": lambda world: _share(world).pk,
    # The other agency's caseworker opened a home-agency record in an emergency.
    "emergency_id": lambda world: _emergency_access(world).pk,
    "token_id": lambda world: (
        issue_token(user=world.caseworker, name="Matrix", by=world.caseworker)[0].pk
    ),
    # A referral held by the home agency (the front door holds new ones; ownership decides).
    "referral_id": lambda world: ReferralFactory(owning_agency=world.agency).pk,
}


# Parameters naming something that belongs to one member of staff rather than to the
# agency. A home-agency user for whom the entry answers False gets 404, as an outsider does.
PERSONAL_PARAMS: dict[str, Callable] = {
    # API tokens: their owner and the agency's team managers (onestory/accounts/token_access.py).
    "token_id": lambda world, user: (
        user == world.caseworker or user.has_permission(Permission.MANAGE_TEAM_ACCOUNTS)
    ),
}
