"""First-contact targets: how many hours the front door has to make first contact, by urgency.

Read from ``ONESTORY_FIRST_CONTACT_TARGETS`` when settings load, so this module imports
nothing from Django's models.
"""

from __future__ import annotations

from itertools import pairwise

from django.core.exceptions import ImproperlyConfigured

URGENCIES = ("urgent", "high", "standard")
DEFAULT_TARGETS = "urgent=4,high=24,standard=72"
LONGEST_TARGET_HOURS = 24 * 28


def parse_first_contact_targets(raw: str, *, name: str = "ONESTORY_FIRST_CONTACT_TARGETS") -> dict:
    """Turn ``"urgent=4,high=24,standard=72"`` into ``{"urgent": 4, ...}``; refuse anything else.

    Every urgency must be given exactly once, as a whole number of hours from 1 to 672, and a
    more urgent referral cannot have a longer target than a less urgent one.
    """
    example = f"for example {name}={DEFAULT_TARGETS}"
    targets: dict[str, int] = {}
    for part in raw.split(","):
        part = part.strip()
        if not part:
            continue
        urgency, sep, hours = (piece.strip() for piece in part.partition("="))
        urgency = urgency.lower()
        if not sep:
            raise ImproperlyConfigured(f"{name}: {part!r} needs the form urgency=hours; {example}.")
        if urgency not in URGENCIES:
            allowed = ", ".join(URGENCIES)
            raise ImproperlyConfigured(
                f"{name}: {urgency!r} is not an urgency; use {allowed}; {example}."
            )
        if urgency in targets:
            raise ImproperlyConfigured(f"{name}: {urgency} is given more than once.")
        if not hours.isdigit() or not 1 <= int(hours) <= LONGEST_TARGET_HOURS:
            raise ImproperlyConfigured(
                f"{name}: the target for {urgency} must be a whole number of hours from 1 to "
                f"{LONGEST_TARGET_HOURS}; got {hours!r}."
            )
        targets[urgency] = int(hours)
    missing = [urgency for urgency in URGENCIES if urgency not in targets]
    if missing:
        raise ImproperlyConfigured(f"{name}: give a target for {', '.join(missing)}; {example}.")
    for quicker, slower in pairwise(URGENCIES):
        if targets[quicker] > targets[slower]:
            raise ImproperlyConfigured(
                f"{name}: the target for {quicker} ({targets[quicker]} hours) cannot be longer "
                f"than the target for {slower} ({targets[slower]} hours)."
            )
    return targets
