"""Who may manage which staff accounts, and how, as pure functions (no database, no request).

A team manager looks after the accounts of their own agency; a system administrator looks
after every agency's. Nobody manages a superuser's account through the service, and only a
system administrator may give or take away the system administrator role. The actions in
``onestory.accounts.actions`` ask these rules and refuse with the messages they return, so a
form can show each message next to its field.
"""

from __future__ import annotations

from onestory.accounts.roles import Permission, RoleName

ONLY_ADMINS_GRANT_ADMIN = (
    "Only a system administrator can give someone the system administrator role."
)
NOT_YOUR_OWN_ROLE = "You cannot change your own role. Ask another manager to do it."
NOT_YOURSELF_OFF = "You cannot switch off your own account. Ask another manager to do it."
NOT_YOUR_AGENCY = "You can only add accounts to your own agency."


def manages_all_agencies(user) -> bool:
    return user.has_permission(Permission.MANAGE_ALL_ACCOUNTS)


def manages_accounts(user) -> bool:
    return manages_all_agencies(user) or user.has_permission(Permission.MANAGE_TEAM_ACCOUNTS)


def grantable_roles(by) -> list[RoleName]:
    """The roles ``by`` may give to an account, in the order the service lists them."""
    if manages_all_agencies(by):
        return list(RoleName)
    if by.has_permission(Permission.MANAGE_TEAM_ACCOUNTS):
        return [role for role in RoleName if role != RoleName.SYSTEM_ADMINISTRATOR]
    return []


def may_manage(by, account) -> bool:
    """Whether ``by`` may see and change ``account`` at all."""
    if account.is_superuser:
        return False
    if manages_all_agencies(by):
        return True
    return (
        by.has_permission(Permission.MANAGE_TEAM_ACCOUNTS)
        and by.agency_id is not None
        and account.agency_id == by.agency_id
        and account.role != RoleName.SYSTEM_ADMINISTRATOR
    )


def new_account_problems(*, by, agency_id: int | None, role: str) -> dict[str, str]:
    """What stops ``by`` adding an account to ``agency_id`` with ``role``, by field name."""
    problems = {}
    if not manages_all_agencies(by) and (agency_id is None or agency_id != by.agency_id):
        problems["agency"] = NOT_YOUR_AGENCY
    if role not in grantable_roles(by):
        problems["role"] = (
            ONLY_ADMINS_GRANT_ADMIN if role == RoleName.SYSTEM_ADMINISTRATOR else "Choose a role."
        )
    return problems


def role_change_problem(*, by, account, role: str) -> str | None:
    """Why ``by`` may not give ``account`` the role ``role``, or None when they may."""
    if account.pk == by.pk:
        return NOT_YOUR_OWN_ROLE
    if role not in grantable_roles(by):
        return (
            ONLY_ADMINS_GRANT_ADMIN if role == RoleName.SYSTEM_ADMINISTRATOR else "Choose a role."
        )
    return None


def switch_off_problem(*, by, account) -> str | None:
    """Why ``by`` may not switch ``account`` off, or None when they may."""
    if account.pk == by.pk:
        return NOT_YOURSELF_OFF
    return None
