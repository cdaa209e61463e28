"""Signing staff out after a spell without activity.

A case system left open on an unattended screen shows whatever was last on it. Each request
from a signed-in member of staff stamps the time in the session; a request that comes
more than ``settings.IDLE_TIMEOUT_MINUTES`` after the last one signs them out and sends them
to sign in again, saying why.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

LAST_ACTIVITY_KEY = "onestory_last_activity"
STAMP_EVERY_SECONDS = 60
# Read by the sign-out audit receiver in ``onestory.accounts.signals``.
SIGN_OUT_REASON_ATTRIBUTE = "onestory_sign_out_reason"


def idle_message(minutes: int) -> str:
    unit = "minute" if minutes == 1 else "minutes"
    return (
        f"You were signed out after {minutes} {unit} without activity, to keep people's "
        "records safe. Sign in again to carry on."
    )


class IdleTimeoutMiddleware:
    """Must come after the session, authentication, OTP and message middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        now = int(time.time())
        if request.user.is_authenticated:
            last = request.session.get(LAST_ACTIVITY_KEY)
            minutes = settings.IDLE_TIMEOUT_MINUTES
            if isinstance(last, int) and now - last > minutes * 60:
                setattr(request, SIGN_OUT_REASON_ATTRIBUTE, f"no activity for {minutes} minutes")
                logout(request)
                messages.info(request, idle_message(minutes))
                if not request.path.startswith("/api/"):
                    return redirect_to_login(request.get_full_path())
        response = self.get_response(request)
        # Stamped after the view too, so a sign-in starts the clock. A request made with an API
        # token has no session to keep alive, so none is made for it.
        # Stamped at most once a minute, so most requests do not write the session.
        if request.user.is_authenticated and not getattr(request, "api_token", None):
            last = request.session.get(LAST_ACTIVITY_KEY)
            if not isinstance(last, int) or now - last >= STAMP_EVERY_SECONDS:
                request.session[LAST_ACTIVITY_KEY] = now
        return response
