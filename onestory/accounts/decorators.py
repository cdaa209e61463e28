"""Every view declares its access policy. A view without one fails the permission-matrix test.

- ``@public_view``: pages for the public (no sign-in).
- ``@signed_in_view``: pages for any signed-in member of staff whose two-step
  verification is done, but who may have no role yet (their own account, MFA set-up).
- ``@staff_view(Permission.X)``: pages that need a role permission; object-level checks
  are then made through ``onestory.access.policy`` inside the view.
- ``@staff_view(Permission.X, Permission.Y)``: pages that a role with either permission
  may open (a team manager or a system administrator managing staff accounts).

Which agencies' objects a page reaches is decided inside the view, by the policy; the
permission matrix test checks it for every role at its own agency and at another one.

A view behind ``@staff_view`` or ``@signed_in_view`` takes a ``StaffRequest``: its user is
signed in, which the type checker cannot know from the decorator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from onestory import audit
from onestory.accounts.roles import Permission, RoleCannot
from onestory.audit.models import AuditAction

if TYPE_CHECKING:
    from onestory.accounts.models import User


@dataclass(frozen=True)
class AccessPolicy:
    public: bool = False
    # Any one of these opens the view; none means any signed-in member of staff.
    permissions: tuple[Permission, ...] = ()
    needs_mfa: bool = True

    @property
    def permission(self) -> Permission | None:
        return self.permissions[0] if self.permissions else None

    def allows(self, user) -> bool:
        return not self.permissions or any(user.has_permission(p) for p in self.permissions)


class StaffRequest(HttpRequest):
    """The request a view behind ``@staff_view`` or ``@signed_in_view`` receives."""

    user: User


def declare(view: Callable, policy: AccessPolicy) -> None:
    """Mark ``view`` with its policy, which the permission matrix reads."""
    vars(view)["access_policy"] = policy


def public_view(view: Callable) -> Callable:
    declare(view, AccessPolicy(public=True))
    return view


def is_verified(request: HttpRequest) -> bool:
    """Whether the signed-in user has passed the second step (django-otp's middleware adds
    ``is_verified`` to the user)."""
    verified = getattr(request.user, "is_verified", None)
    return verified is not None and bool(verified())


def _needs_second_step(request: HttpRequest) -> bool:
    return not is_verified(request)


def mfa_redirect(request: HttpRequest) -> HttpResponse:
    query = urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(f"{reverse('accounts:mfa')}?{query}")


def _guard(permissions: tuple[Permission, ...], *, needs_mfa: bool) -> Callable:
    policy = AccessPolicy(permissions=permissions, needs_mfa=needs_mfa)

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if needs_mfa and _needs_second_step(request):
                return mfa_redirect(request)
            if not policy.allows(request.user):
                wanted = " or ".join(p.value for p in permissions)
                audit.record(
                    action=AuditAction.REFUSED,
                    request=request,
                    reason=f"role does not allow {wanted}",
                )
                raise RoleCannot(permissions[0])
            return view(request, *args, **kwargs)

        declare(wrapper, policy)
        return wrapper

    return decorate


def staff_view(permission: Permission, *more: Permission) -> Callable:
    return _guard((permission, *more), needs_mfa=True)


def signed_in_view(view: Callable | None = None, *, needs_mfa: bool = True) -> Callable:
    decorate = _guard((), needs_mfa=needs_mfa)
    return decorate(view) if view is not None else decorate
