"""Who may see and revoke which API tokens.

A token is visible to the member of staff it belongs to, and to a team manager (a role
that may manage the team's accounts) at the same agency, who may need to revoke a token
of someone who has left or lost a laptop. Nobody else sees it, not even a colleague at
the same agency: anyone else gets a 404, so a token's existence does not leak, and the
refusal is audited. System administrators revoke tokens with the ``revoke-token`` command.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from onestory import audit
from onestory.accounts.models import ApiToken
from onestory.accounts.roles import Permission
from onestory.audit.models import AuditAction


def manageable_tokens(user) -> QuerySet[ApiToken]:
    """Every token ``user`` may see and revoke: their own, and their team's if a manager."""
    if not user.is_authenticated or not user.is_active:
        return ApiToken.objects.none()
    visible = Q(user_id=user.pk)
    if user.agency_id is not None and user.has_permission(Permission.MANAGE_TEAM_ACCOUNTS):
        visible |= Q(user__agency_id=user.agency_id)
    return ApiToken.objects.filter(visible)


def own_tokens(user) -> QuerySet[ApiToken]:
    """The tokens issued to ``user``, newest first."""
    if not user.is_authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user_id=user.pk).order_by("-created_at", "-id")


def get_token_for_user(request: HttpRequest, token_id: int) -> ApiToken:
    """Fetch a token the signed-in user may manage, or raise 404 (and audit the refusal)."""
    token = manageable_tokens(request.user).select_related("user").filter(pk=token_id).first()
    if token is None:
        audit.record(
            action=AuditAction.REFUSED,
            request=request,
            reason=f"API token {token_id} not visible",
        )
        raise Http404("No API token found")
    return token
