"""Who is asking: the address a request came from, behind the partnership's trusted proxies.

The audit log records it and the rate limits count by it, so both must agree. With
``ONESTORY_PROXY_COUNT`` = N, the address is the one the outermost of N trusted proxies saw:
the N-th entry from the right of ``X-Forwarded-For``. A client cannot choose its own address
by sending that header, because the entries it adds are further left.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest | None) -> str | None:
    """The address the request came from, trusting ``settings.PROXY_COUNT`` proxies."""
    if request is None:
        return None
    proxies = getattr(settings, "PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None
