"""API access: every endpoint declares the permission it needs, as pages do.

An API view sets ``required_permission`` (a ``Permission``) or ``public = True``. The
permission-matrix test fails for an endpoint that declares neither.
"""

from rest_framework.permissions import BasePermission

from onestory import audit
from onestory.audit.models import AuditAction


class RolePermission(BasePermission):
    """Allow a request when the user's role grants the view's ``required_permission``."""

    message = "Your role does not allow this."

    def has_permission(self, request, view) -> bool:
        if getattr(view, "public", False):
            return True
        user = request.user
        if not user or not user.is_authenticated:
            return False
        required = getattr(view, "required_permission", None)
        if required is None:
            # A view with no declared policy is refused, never open.
            return False
        if user.has_permission(required):
            return True
        audit.record(
            action=AuditAction.REFUSED,
            request=request,
            by=user,
            reason=f"role does not allow {required.value}",
        )
        return False
