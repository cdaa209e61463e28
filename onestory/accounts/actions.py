"""Changes to staff accounts and their two-step verification.

Each action takes keyword arguments and the acting user as ``by=``, runs in one
transaction, checks the rules in ``onestory.accounts.rules`` again (a view may have been
bypassed), and leaves an audit event naming the fields it changed, never their values.
Accounts are switched off, never deleted, so the audit log keeps its meaning.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from onestory import audit
from onestory.accounts import rules
from onestory.accounts.demo_secret import DEMO_TOTP_KEY_HEX
from onestory.accounts.models import Agency, User
from onestory.audit.models import AuditAction

TWO_STEP_FIELD = "totp_devices"


class AccountChangeRefused(Exception):
    """A change the rules do not allow. ``field`` names the form field it belongs to."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _check_may_manage(by: User, account: User) -> None:
    if not rules.may_manage(by, account):
        raise AccountChangeRefused("You cannot manage this account.")


def _record(by: User, account: User, fields: list[str], reason: str, request) -> None:
    audit.record(
        action=AuditAction.ACCOUNT_CHANGED,
        by=by,
        obj=account,
        fields=fields,
        reason=reason,
        request=request,
    )


@transaction.atomic
def add_staff_account(
    *,
    by: User,
    agency: Agency,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    job_title: str,
    role: str,
    password: str,
    request: HttpRequest | None = None,
) -> User:
    """Add a member of staff with a temporary password. They set up two-step verification
    the first time they sign in."""
    problems = rules.new_account_problems(by=by, agency_id=agency.pk, role=role)
    if problems:
        field, message = next(iter(problems.items()))
        raise AccountChangeRefused(message, field=field)
    if User.objects.filter(username__iexact=username).exists():
        raise AccountChangeRefused("That username is taken. Choose another.", field="username")
    account = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        job_title=job_title,
        agency=agency,
        role=role,
    )
    try:
        validate_password(password, user=account)
    except ValidationError as error:
        raise AccountChangeRefused(" ".join(error.messages), field="password") from error
    account.set_password(password)
    account.save()
    fields = ["username", "first_name", "last_name", "email", "job_title", "agency", "role"]
    _record(by, account, [*fields, "password"], "account added", request)
    return account


@transaction.atomic
def change_role(*, by: User, account: User, role: str, request: HttpRequest | None = None) -> User:
    """Give ``account`` another role. Nobody changes their own role."""
    _check_may_manage(by, account)
    problem = rules.role_change_problem(by=by, account=account, role=role)
    if problem:
        raise AccountChangeRefused(problem, field="role")
    if account.role != role:
        account.role = role
        account.save(update_fields=["role"])
        _record(by, account, ["role"], "role changed", request)
    return account


@transaction.atomic
def switch_off(*, by: User, account: User, request: HttpRequest | None = None) -> User:
    """Stop ``account`` signing in. Its sessions end on their next request."""
    _check_may_manage(by, account)
    problem = rules.switch_off_problem(by=by, account=account)
    if problem:
        raise AccountChangeRefused(problem)
    if account.is_active:
        account.is_active = False
        account.save(update_fields=["is_active"])
        _record(by, account, ["is_active"], "account switched off", request)
    return account


@transaction.atomic
def switch_on(*, by: User, account: User, request: HttpRequest | None = None) -> User:
    """Let a switched-off account sign in again."""
    _check_may_manage(by, account)
    if not account.is_active:
        account.is_active = True
        account.save(update_fields=["is_active"])
        _record(by, account, ["is_active"], "account switched on", request)
    return account


@transaction.atomic
def set_temporary_password(
    *, by: User, account: User, password: str, request: HttpRequest | None = None
) -> User:
    """Replace a forgotten password with one the manager passes on in person."""
    _check_may_manage(by, account)
    if account.pk == by.pk:
        raise AccountChangeRefused(
            "You cannot set your own password here. Ask another manager to do it.",
            field="password",
        )
    try:
        validate_password(password, user=account)
    except ValidationError as error:
        raise AccountChangeRefused(" ".join(error.messages), field="password") from error
    account.set_password(password)
    account.save(update_fields=["password"])
    _record(by, account, ["password"], "temporary password set", request)
    return account


@transaction.atomic
def reset_two_step(*, by: User, account: User, request: HttpRequest | None = None) -> int:
    """Remove every two-step device of ``account``, so it sets one up at its next sign-in.

    Returns how many devices were removed.
    """
    _check_may_manage(by, account)
    removed, _ = TOTPDevice.objects.filter(user=account).delete()
    _record(by, account, [TWO_STEP_FIELD], "two-step verification reset", request)
    return removed


# Two-step verification codes.


class CodeOutcome(StrEnum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    WAIT = "wait"  # too many wrong codes lately: the device is resting
    DEMO_SECRET = "demo_secret"  # noqa: S105 (the name of an outcome)


@dataclass(frozen=True)
class CodeCheck:
    outcome: CodeOutcome
    wait_seconds: int = 0

    @property
    def accepted(self) -> bool:
        return self.outcome == CodeOutcome.ACCEPTED


def uses_demo_secret(device: TOTPDevice) -> bool:
    """Whether a device shares the demonstration partnership's secret, which anyone can know.

    Such a device proves nothing, so a production service refuses it.
    """
    return settings.PRODUCTION and device.key.lower() == DEMO_TOTP_KEY_HEX.lower()


def _seconds_until(moment: datetime) -> int:
    return max(1, math.ceil((moment - timezone.now()).total_seconds()))


@transaction.atomic
def check_two_step_code(
    *, by: User, device: TOTPDevice, code: str, request: HttpRequest | None = None
) -> CodeCheck:
    """Check ``code`` against ``device``, with django-otp's throttling, and confirm an
    unconfirmed device when the code is right (that completes setting it up).

    A wrong or refused code is audited as a failed two-step verification; setting up a
    device is audited as an enrolment.
    """
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=by)
    enrolling = not device.confirmed
    step = "setting up" if enrolling else "signing in"
    if uses_demo_secret(device):
        _two_step_failed(by, request, f"demonstration secret refused while {step}")
        return CodeCheck(CodeOutcome.DEMO_SECRET)
    allowed, details = device.verify_is_allowed()
    if not allowed:
        _two_step_failed(by, request, f"code refused while {step}: too many wrong codes")
        locked_until = (details or {}).get("locked_until")
        wait = _seconds_until(locked_until) if locked_until else 1
        return CodeCheck(CodeOutcome.WAIT, wait_seconds=wait)
    if not device.verify_token(code):
        _two_step_failed(by, request, f"wrong code while {step}")
        return CodeCheck(CodeOutcome.WRONG)
    if enrolling:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit.record(
            action=AuditAction.MFA_ENROLLED,
            by=by,
            obj=by,
            fields=[TWO_STEP_FIELD],
            request=request,
        )
    return CodeCheck(CodeOutcome.ACCEPTED)


def _two_step_failed(by: User, request: HttpRequest | None, reason: str) -> None:
    audit.record(action=AuditAction.MFA_FAILED, by=by, request=request, reason=reason)


@transaction.atomic
def start_enrolment(*, by: User) -> TOTPDevice:
    """The unconfirmed device ``by`` is setting up, made with a fresh random secret if needed.

    Reloading the page keeps the same secret, so a half-scanned code still works.
    """
    devices = TOTPDevice.objects.select_for_update().filter(user=by, confirmed=False)
    for device in devices.order_by("pk"):
        if not uses_demo_secret(device):
            return device
        device.delete()
    return TOTPDevice.objects.create(user=by, name="Authenticator app", confirmed=False)
