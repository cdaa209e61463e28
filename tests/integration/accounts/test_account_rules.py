"""Who may manage which staff accounts: the rules, table by table (no database)."""

import pytest

from onestory.accounts import rules
from onestory.accounts.models import User
from onestory.accounts.roles import RoleName

HOME, ELSEWHERE = 1, 2
R = RoleName


def _user(pk: int, role: RoleName, agency_id: int | None = HOME, **extra) -> User:
    return User(pk=pk, username=f"user{pk}", role=role, agency_id=agency_id, **extra)


MANAGER = _user(1, R.TEAM_MANAGER)
ADMIN = _user(2, R.SYSTEM_ADMINISTRATOR, agency_id=ELSEWHERE)
CASEWORKER = _user(3, R.CASEWORKER)


@pytest.mark.parametrize(
    ("by", "account", "may"),
    [
        (MANAGER, _user(10, R.CASEWORKER), True),
        (MANAGER, _user(10, R.TEAM_MANAGER), True),
        (MANAGER, MANAGER, True),
        (MANAGER, _user(10, R.CASEWORKER, agency_id=ELSEWHERE), False),
        (MANAGER, _user(10, R.SYSTEM_ADMINISTRATOR), False),
        (MANAGER, _user(10, R.CASEWORKER, is_superuser=True), False),
        (ADMIN, _user(10, R.CASEWORKER), True),
        (ADMIN, _user(10, R.SYSTEM_ADMINISTRATOR, agency_id=HOME), True),
        (ADMIN, _user(10, R.CASEWORKER, is_superuser=True), False),
        (CASEWORKER, _user(10, R.CASEWORKER), False),
        (_user(4, R.TEAM_MANAGER, agency_id=None), _user(10, R.CASEWORKER, agency_id=None), False),
        (_user(5, R.TEAM_MANAGER, is_active=False), _user(10, R.CASEWORKER), False),
    ],
)
def test_it_decides_who_may_manage_an_account(by, account, may):
    assert rules.may_manage(by, account) is may


@pytest.mark.parametrize(
    ("by", "admin_grantable", "count"),
    [(MANAGER, False, len(RoleName) - 1), (ADMIN, True, len(RoleName)), (CASEWORKER, False, 0)],
)
def test_it_lists_the_roles_someone_may_give(by, admin_grantable, count):
    roles = rules.grantable_roles(by)
    assert (R.SYSTEM_ADMINISTRATOR in roles) is admin_grantable
    assert len(roles) == count


@pytest.mark.parametrize(
    ("by", "agency_id", "role", "problems"),
    [
        (MANAGER, HOME, R.CASEWORKER, {}),
        (MANAGER, ELSEWHERE, R.CASEWORKER, {"agency": rules.NOT_YOUR_AGENCY}),
        (MANAGER, HOME, R.SYSTEM_ADMINISTRATOR, {"role": rules.ONLY_ADMINS_GRANT_ADMIN}),
        (MANAGER, HOME, "wizard", {"role": "Choose a role."}),
        (ADMIN, HOME, R.SYSTEM_ADMINISTRATOR, {}),
        (ADMIN, ELSEWHERE, R.CASEWORKER, {}),
    ],
)
def test_it_checks_a_new_account(by, agency_id, role, problems):
    assert rules.new_account_problems(by=by, agency_id=agency_id, role=role) == problems


@pytest.mark.parametrize(
    ("by", "account", "role", "problem"),
    [
        (MANAGER, _user(10, R.CASEWORKER), R.TEAM_MANAGER, None),
        (MANAGER, _user(10, R.CASEWORKER), R.SYSTEM_ADMINISTRATOR, rules.ONLY_ADMINS_GRANT_ADMIN),
        (MANAGER, MANAGER, R.CASEWORKER, rules.NOT_YOUR_OWN_ROLE),
        (ADMIN, _user(10, R.CASEWORKER), R.SYSTEM_ADMINISTRATOR, None),
        (ADMIN, ADMIN, R.CASEWORKER, rules.NOT_YOUR_OWN_ROLE),
    ],
)
def test_it_checks_a_change_of_role(by, account, role, problem):
    assert rules.role_change_problem(by=by, account=account, role=role) == problem


@pytest.mark.parametrize(
    ("by", "account", "problem"),
    [
        (MANAGER, _user(10, R.CASEWORKER), None),
        (MANAGER, MANAGER, rules.NOT_YOURSELF_OFF),
        (ADMIN, ADMIN, rules.NOT_YOURSELF_OFF),
    ],
)
def test_it_checks_switching_an_account_off(by, account, problem):
    assert rules.switch_off_problem(by=by, account=account) == problem
