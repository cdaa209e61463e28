"""Rate limits: how many requests one client may make in a window, shared by every server.

A limit is a ``Rate`` ("30/hour") read from the settings at each request, so it can be
changed in the environment (README, "Configuration"). Each request adds one to its client's
counter for the current fixed window in one SQL statement (an upsert that returns the new
count), in the database every server process shares; over the limit, the caller is told how
many seconds remain in the window. Windows that have ended are cleared now and then.

The client is the address the request came from (``onestory.clients``): ``REMOTE_ADDR``,
or, behind ``ONESTORY_PROXY_COUNT`` trusted proxies, the address the outermost of them saw.
See docs/decisions/0036-rate-limits.md.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from onestory.clients import client_address
from onestory.config import Rate
from onestory.core.models import ThrottleCount

# About one request in this many clears ended windows (cheap: an index on ``expires``).
CLEAR_ONE_IN = 200


def clock() -> float:
    """Seconds since 1970: the windows are counted on this clock (tests fix it)."""
    return time.time()


def time_to_tidy() -> bool:
    """Whether this request clears ended windows: about one in ``CLEAR_ONE_IN``, by chance
    (tests decide it, so that the number of queries a request makes never varies)."""
    return random.randrange(CLEAR_ONE_IN) == 0  # noqa: S311 (when to tidy, not a secret)


UPSERT = """
INSERT INTO {table} (bucket, period, hits, expires) VALUES (%s, %s, 1, %s)
ON CONFLICT (bucket, period) DO UPDATE SET hits = {table}.hits + 1
RETURNING hits
"""


def hit(bucket: str, rate: Rate, *, now: float | None = None) -> int | None:
    """Count one request in ``bucket``; the seconds to wait if it is over ``rate``, else None."""
    now = clock() if now is None else now
    period = int(now // rate.seconds)
    ends = (period + 1) * rate.seconds
    table = connection.ops.quote_name(ThrottleCount._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(UPSERT.format(table=table), [bucket[:200], period, ends])
        hits = cursor.fetchone()[0]
    if time_to_tidy():
        ThrottleCount.objects.filter(expires__lt=now).delete()
    if hits > rate.count:
        return max(1, math.ceil(ends - now))
    return None


def try_again_later(request: HttpRequest, wait: int) -> HttpResponse:
    """A plain page: too many forms from here; nothing was sent; when to try again."""
    minutes = max(1, math.ceil(wait / 60))
    response = render(request, "core/try_again_later.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(wait)
    return response


def limit_posts(setting: str) -> Callable:
    """Limit the POSTs one address sends to a view to the rate in ``settings.<setting>``.

    A refused POST saves nothing and gets the "try again later" page (429, Retry-After).
    """

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def limited(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST":
                rate = getattr(settings, setting)
                wait = hit(f"{setting}:{client_address(request)}", rate)
                if wait is not None:
                    return try_again_later(request, wait)
            return view(request, *args, **kwargs)

        return limited

    return decorate
