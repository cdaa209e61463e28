"""Rate limits on the API: per client address (before anything else) and per API token.

Over either limit the answer is 429 in JSON with ``Retry-After`` (the seconds left in the
window). The limits are ``ONESTORY_THROTTLE_API_ADDRESS`` and ``ONESTORY_THROTTLE_API_TOKEN``
(README, "Configuration"); the counting is in ``onestory.core.throttles``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from rest_framework.throttling import BaseThrottle

from onestory.accounts.models import ApiToken
from onestory.clients import client_address
from onestory.core.throttles import hit

API_PREFIX = "/api/"


def too_many(wait: int, whose: str) -> str:
    return (
        f"Too many requests from this {whose}. Nothing from this request was done. "
        f"Send it again in {wait} seconds."
    )


class AddressThrottleMiddleware:
    """Every request to the API counts against its client address, before it is read."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            try:
                wait = hit(f"api:{client_address(request)}", settings.THROTTLE_API_ADDRESS)
            except (OperationalError, InterfaceError):
                # The database is away: the API itself then answers 503 with Retry-After.
                wait = None
            if wait is not None:
                response = JsonResponse({"detail": too_many(wait, "address")}, status=429)
                response["Retry-After"] = str(wait)
                return response
        return self.get_response(request)


class TokenThrottle(BaseThrottle):
    """Each API token (or signed-in member of staff using the API) has its own limit."""

    def allow_request(self, request, view) -> bool:
        self.wait_seconds = None
        if not request.user.is_authenticated:
            return True
        if isinstance(request.auth, ApiToken):
            bucket = f"api-token:{request.auth.pk}"
        else:
            bucket = f"api-user:{request.user.pk}"
        self.wait_seconds = hit(bucket, settings.THROTTLE_API_TOKEN)
        return self.wait_seconds is None

    def wait(self) -> int | None:
        return self.wait_seconds
