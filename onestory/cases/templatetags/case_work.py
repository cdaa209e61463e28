"""Template helpers for case work."""

from django import template

from onestory.accounts.roles import Permission
from onestory.cases.outcomes import shown

register = template.Library()


@register.filter
def suppressed(count: int) -> str:
    """A published count, with counts under 5 held back."""
    return shown(count)


@register.filter
def may_work_cases(user) -> bool:
    """Whether the user's role may open and work on cases (no database query)."""
    return bool(getattr(user, "is_authenticated", False)) and user.has_permission(
        Permission.WORK_CASES
    )
