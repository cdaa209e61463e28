"""Issuing and revoking API tokens. Each action is one transaction and leaves an audit event."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from onestory import audit
from onestory.accounts.models import ApiToken, User
from onestory.accounts.models.tokens import hash_token, make_token
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction

MAX_EXPIRY_DAYS = 366


class TokenRefused(ValueError):
    """The token cannot be issued; the message says why, in plain words."""


def why_no_token(user: User) -> str | None:
    """Why ``user`` may not hold an API token, or None when they may."""
    if not user.is_active:
        return f"The account {user.username} is switched off, so it cannot have an API token."
    if not user.has_permission(Permission.USE_API):
        role = user.role_definition
        label = role.label if role is not None else "no role"
        return f"The account {user.username} ({label}) is not allowed to use the API."
    return None


@transaction.atomic
def issue_token(
    *,
    user: User,
    name: str,
    expires_in_days: int | None = None,
    by: User | None,
    request: HttpRequest | None = None,
) -> tuple[ApiToken, str]:
    """Issue a new token to ``user``; return it and the plain token, which is never stored.

    ``by`` is the member of staff issuing it, or None for the ``issue-token`` command.
    Raises ``TokenRefused`` for an account that is switched off or whose role may not use
    the API, for an empty name, or for an expiry outside 1 to 366 days.
    """
    reason = why_no_token(user)
    if reason is not None:
        raise TokenRefused(reason)
    name = name.strip()
    if not name:
        raise TokenRefused("Give the token a name, so you can tell it apart later.")
    if expires_in_days is not None and not 1 <= expires_in_days <= MAX_EXPIRY_DAYS:
        raise TokenRefused(f"A token can last from 1 to {MAX_EXPIRY_DAYS} days.")
    now = timezone.now()
    plain, prefix = make_token()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        secret_hash=hash_token(plain),
        created_at=now,
        created_by=by,
        expires_at=now + timedelta(days=expires_in_days) if expires_in_days else None,
    )
    audit.record(
        action=AuditAction.TOKEN_ISSUED,
        by=by,
        request=request,
        obj=token,
        reason=f"API token {token.display_prefix} issued to {user.username}",
    )
    return token, plain


@transaction.atomic
def revoke_token(*, token: ApiToken, by: User | None, request: HttpRequest | None = None) -> bool:
    """Revoke ``token`` from the next request on. Return False if it was already revoked.

    ``token`` is brought up to date with the revocation either way.

    ``by`` is the member of staff revoking it, or None for the ``revoke-token`` command.
    """
    locked = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    if locked.revoked_at is not None:
        token.revoked_at, token.revoked_by_id = locked.revoked_at, locked.revoked_by_id
        return False
    locked.revoked_at = timezone.now()
    locked.revoked_by = by
    locked.save(update_fields=["revoked_at", "revoked_by"])
    token.revoked_at, token.revoked_by = locked.revoked_at, by
    audit.record(
        action=AuditAction.TOKEN_REVOKED,
        by=by,
        request=request,
        obj=locked,
        reason=f"API token {locked.display_prefix} of {locked.user.username} revoked",
    )
    return True
