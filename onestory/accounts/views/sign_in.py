"""Signing in with a password, signing out, and the page shown when sign-in is paused."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from onestory import audit
from onestory.accounts.decorators import public_view, signed_in_view
from onestory.accounts.forms import SignInForm
from onestory.audit.models import AuditAction


class SignInView(auth_views.LoginView):
    """Django's sign-in page; a correct password leads on to two-step verification."""

    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        audit.record(
            action=AuditAction.SIGN_IN,
            by=form.get_user(),
            request=self.request,
            reason="password accepted; two-step verification follows",
        )
        return response

    def get_success_url(self) -> str:
        destination = self.get_redirect_url() or resolve_url(settings.LOGIN_REDIRECT_URL)
        return f"{reverse('accounts:mfa')}?{urlencode({'next': destination})}"


sign_in = public_view(SignInView.as_view())


@signed_in_view(needs_mfa=False)
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:signed-out")


@public_view
@require_GET
def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html")


def clock_time(moment) -> str:
    """A time as GOV.UK writes it: 9am, 3:45pm, midday, midnight."""
    moment = timezone.localtime(moment)
    if (moment.hour, moment.minute) == (12, 0):
        return "midday"
    if (moment.hour, moment.minute) == (0, 0):
        return "midnight"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """Shown instead of the sign-in page once too many wrong passwords were tried.

    django-axes calls this (``AXES_LOCKOUT_CALLABLE``). Another wrong attempt while paused
    starts the wait again, so the time shown counts from now.
    """
    cool_off = get_cool_off(request)
    minutes = round(cool_off.total_seconds() / 60)
    # The pause ends on the minute after the wait, so "after 3:45pm" is never too early.
    until = (timezone.now() + cool_off).replace(second=0, microsecond=0)
    until += timedelta(minutes=1)
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": minutes,
        "until": clock_time(until),
    }
    return render(request, "accounts/locked_out.html", context, status=429)
