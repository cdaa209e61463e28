"""The person's timeline is told by many apps; this is where they sign up to tell it.

Each app that holds part of a person's story registers a *source*: a function of
``(user, person, grant)`` that returns the entries the user may see, as far as the grant
reaches. ``onestory.cases.timeline`` gathers them. Registering from the app's own
``AppConfig.ready()`` keeps the floors: an app above the cases app (onward referrals) or
beside it (MARAC) adds its entries without the cases app importing it, and a renamed or
removed app stops its own entries only, in plain sight of its own tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone


@dataclass
class Entry:
    at: dt.datetime
    title: str
    kind: str
    byline: str = ""
    lines: list[str] = field(default_factory=list)
    url: str = ""
    link_text: str = ""
    tag: str = ""

    @property
    def sort_key(self) -> dt.datetime:
        return self.at


def as_datetime(day: dt.date | dt.datetime) -> dt.datetime:
    """A day as midday that day, so days and moments sort together."""
    if isinstance(day, dt.datetime):
        return day
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


# (user, person, grant) -> entries. The grant is ``onestory.access.policy.Grant``.
Source = Callable[[Any, Any, Any], list[Entry]]

_SOURCES: dict[str, tuple[int, Source]] = {}


def register(name: str, source: Source, *, order: int) -> None:
    """Add ``source`` under ``name`` (registering a name again replaces it); ``order`` keeps
    entries of the same moment in the same order whatever order the apps start in."""
    _SOURCES[name] = (order, source)


def sources() -> list[tuple[str, Source]]:
    return [
        (name, source)
        for name, (_order, source) in sorted(
            _SOURCES.items(), key=lambda item: (item[1][0], item[0])
        )
    ]
