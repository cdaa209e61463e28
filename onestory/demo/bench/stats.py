"""Figures from a list of timings."""

from __future__ import annotations

import math
from collections.abc import Sequence


def percentile(values: Sequence[float], share: float) -> float | None:
    """The nearest-rank percentile (``share`` from 0 to 1) of ``values``; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def summary(milliseconds: Sequence[float]) -> dict:
    """p50, p95, the largest and the count, in milliseconds, rounded to 0.1 ms."""

    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 1)

    return {
        "p50_ms": rounded(percentile(milliseconds, 0.50)),
        "p95_ms": rounded(percentile(milliseconds, 0.95)),
        "max_ms": rounded(max(milliseconds) if milliseconds else None),
        "count": len(milliseconds),
    }
