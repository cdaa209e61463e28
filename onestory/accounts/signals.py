"""Audit events for failing to sign in and for signing out, however it happens.

Connected when the accounts app is ready. A successful sign-in is recorded by the sign-in
page itself, the only way in. The attempted username of a failed sign-in is recorded (it
names who was tried, which is what a security review needs); the password never is.
"""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.signals import user_logged_out, user_login_failed
from django.dispatch import receiver

from onestory import audit
from onestory.accounts.middleware import SIGN_OUT_REASON_ATTRIBUTE
from onestory.audit.models import AuditAction

USERNAME_LENGTH = 150


@receiver(user_login_failed, dispatch_uid="onestory-audit-sign-in-failed")
def record_failed_sign_in(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username") or "")[:USERNAME_LENGTH]
    # Already paused by django-axes: a wrong password was tried too often before this one.
    locked = request is not None and AxesProxyHandler.is_locked(request, credentials)
    audit.record(
        action=AuditAction.SIGN_IN_FAILED,
        request=request,
        username=username,
        reason="sign-in paused after too many wrong passwords" if locked else "",
    )


@receiver(user_logged_out, dispatch_uid="onestory-audit-sign-out")
def record_sign_out(sender, request, user, **kwargs) -> None:
    if user is None:
        return
    audit.record(
        action=AuditAction.SIGN_OUT,
        by=user,
        request=request,
        reason=getattr(request, SIGN_OUT_REASON_ATTRIBUTE, ""),
    )
