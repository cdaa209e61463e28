"""Resetting a forgotten password through a link sent to the work email address.

Django's views do the work (one-use signed links, checked against the password's hash, so
a link stops working once used); these wrap them in the service's pages and audit them.
See ``onestory.accounts.password_reset``.
"""

from __future__ import annotations

from axes.utils import reset as clear_failed_sign_ins
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import reverse_lazy

from onestory import audit
from onestory.accounts.decorators import public_view
from onestory.accounts.password_reset import (
    NewPasswordForm,
    ResetRequestForm,
    tell_the_account_holder,
)
from onestory.audit.models import AuditAction
from onestory.core.throttles import limit_posts


class ResetRequestView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    form_class = ResetRequestForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")

    def form_valid(self, form) -> HttpResponse:
        # Recorded without the address typed and without saying whether it matched anyone.
        audit.record(
            action=AuditAction.PASSWORD_RESET_REQUESTED,
            request=self.request,
            reason="password reset asked for on the sign-in page",
        )
        return super().form_valid(form)


class ResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class NewPasswordView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:password-reset-done")
    post_reset_login = False

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user
        audit.record(
            action=AuditAction.PASSWORD_RESET,
            by=user,
            request=self.request,
            obj=user,
            reason="new password set through an emailed link",
        )
        clear_failed_sign_ins(username=user.username)
        tell_the_account_holder(user)
        return response


class ResetDoneView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_done.html"


# Asking for a link and setting the new password are public forms: limited per address.
request_reset = public_view(limit_posts("THROTTLE_PUBLIC_FORMS")(ResetRequestView.as_view()))
reset_sent = public_view(ResetSentView.as_view())
new_password = public_view(limit_posts("THROTTLE_PUBLIC_FORMS")(NewPasswordView.as_view()))
reset_done = public_view(ResetDoneView.as_view())
