"""Every view declares its access policy. A view without one fails the permission-matrix test.

- ``@public_view``: pages for the public (no sign-in).
- ``@signed_in_view``: pages for any signed-in member of staff whose two-step
  verification is done, but who may have no role yet (their own account, MFA set-up).
- ``@staff_view(Permission.X)``: pages that need a role permission; object-level checks
  are then made through ``onestory.access.policy`` inside the view.
- ``@staff_view(Permission.X, across_agencies=Permission.Y)``: as above, and a role with
  ``Y`` may use the page too, for any agency's objects (a system administrator managing
  any agency's staff accounts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from onestory import audit
from onestory.accounts.roles import Permission, RoleCannot
from onestory.audit.models import AuditAction


@dataclass(frozen=True)
class AccessPolicy:
    public: bool = False
    permission: Permission | None = None
    needs_mfa: bool = True
    # A second permission that also opens the view and reaches every agency's objects.
    across_agencies: Permission | None = None


def public_view(view: Callable) -> Callable:
    view.access_policy = AccessPolicy(public=True)
    return view


def _needs_second_step(request: HttpRequest) -> bool:
    is_verified = getattr(request.user, "is_verified", None)
    return is_verified is None or not is_verified()


def mfa_redirect(request: HttpRequest) -> HttpResponse:
    query = urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(f"{reverse('accounts:mfa')}?{query}")


def _guard(
    permission: Permission | None,
    *,
    needs_mfa: bool,
    across_agencies: Permission | None = None,
) -> Callable:
    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if needs_mfa and _needs_second_step(request):
                return mfa_redirect(request)
            if (
                permission is not None
                and not request.user.has_permission(permission)
                and not (across_agencies and request.user.has_permission(across_agencies))
            ):
                audit.record(
                    action=AuditAction.REFUSED,
                    request=request,
                    reason=f"role does not allow {permission.value}",
                )
                raise RoleCannot(permission)
            return view(request, *args, **kwargs)

        wrapper.access_policy = AccessPolicy(
            permission=permission, needs_mfa=needs_mfa, across_agencies=across_agencies
        )
        return wrapper

    return decorate


def staff_view(permission: Permission, *, across_agencies: Permission | None = None) -> Callable:
    return _guard(permission, needs_mfa=True, across_agencies=across_agencies)


def signed_in_view(view: Callable | None = None, *, needs_mfa: bool = True) -> Callable:
    decorate = _guard(None, needs_mfa=needs_mfa)
    return decorate(view) if view is not None else decorate
