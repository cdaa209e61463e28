"""Staff resetting a forgotten password by email.

A member of staff gives their work email address; if an active account with a password
has it, a link that works once, for an hour, is emailed to that address. The page says the
same whether or not an account matched, so it cannot be used to find out who works where.
At most one link is sent to an account every ``RESEND_AFTER``, so nobody can flood a
colleague's inbox. Setting a new password through the link does not sign anyone in: the
person signs in with the new password and then their two-step verification code, as
always. Every request, link sent and password set is audited, and the account holder is
told by email that their password was changed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.core.mail import EmailMessage
from django.utils import timezone

from onestory import audit
from onestory.accounts.models import User
from onestory.audit.models import AuditAction, AuditEvent

RESEND_AFTER = dt.timedelta(minutes=10)


def may_send_again(last_sent: dt.datetime | None, now: dt.datetime) -> bool:
    """Whether another reset link may go to an account last sent one at ``last_sent``."""
    return last_sent is None or now - last_sent >= RESEND_AFTER


def last_link_sent(user: User) -> dt.datetime | None:
    return (
        AuditEvent.objects.filter(
            action=AuditAction.PASSWORD_RESET_SENT,
            object_type=user._meta.label_lower,
            object_id=str(user.pk),
        )
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )


class ResetRequestForm(PasswordResetForm):
    email = forms.EmailField(
        label="Your work email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your work email address.",
            "invalid": "Enter an email address in the right format, like name@example.org.",
        },
    )

    request = None

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.request = kwargs.get("request")
        super().save(*args, **kwargs)

    def get_users(self, email):
        """Active accounts with a password and this address, not sent a link just now."""
        now = timezone.now()
        for user in super().get_users(email):
            if may_send_again(last_link_sent(user), now):
                yield user
            else:
                audit.record(
                    action=AuditAction.PASSWORD_RESET_REQUESTED,
                    by=user,
                    request=self.request,
                    obj=user,
                    reason="no link sent: one was sent in the last few minutes",
                )

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)
        user = context["user"]
        audit.record(
            action=AuditAction.PASSWORD_RESET_SENT,
            by=user,
            request=self.request,
            obj=user,
            reason="a reset link was emailed to the account's address",
        )


class NewPasswordForm(SetPasswordForm):
    error_messages = {"password_mismatch": "The two passwords do not match. Enter them again."}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields[
            "new_password1"
        ].help_text = "At least 12 characters. Do not use a password you use anywhere else."
        self.fields["new_password2"].label = "Enter the new password again"
        self.fields["new_password1"].error_messages["required"] = "Enter a new password."
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again."


def tell_the_account_holder(user: User) -> None:
    """An email to say the password was changed, in case it was not them."""
    EmailMessage(
        subject="Your OneStory password was changed",
        body=(
            f"Hello {user.get_full_name() or user.username},\n\n"
            "The password for your OneStory account was changed just now, using a link "
            "sent to this address.\n\n"
            "If you did not do this, tell your team manager straight away: they can switch "
            "the account off and set a new password.\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    ).send(fail_silently=True)
