"""The safe accommodation measures: the vacancy board filtered by what households need, and
the accommodation figures, on the pages, through the API and in-process."""

from __future__ import annotations

import datetime as dt
import time
import urllib.parse

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from onestory.demo.bench import clients
from onestory.demo.bench.stats import summary

# Households as workers look for places for them: the filters of the board.
NEEDS = (
    {},
    {"adult_sex": "woman"},
    {"adult_sex": "woman", "children": 2, "oldest_boy": 12},
    {"adult_sex": "woman", "children": 3, "oldest_boy": 15, "pets": "true"},
    {"adult_sex": "woman", "children": 1, "wheelchair": "true"},
    {"adult_sex": "woman", "nrpf": "true", "languages": "Urdu"},
    {"adult_sex": "man"},
    {"adult_sex": "man", "children": 1},
)
# Periods the figures are asked for: the last full year, the last quarter, three years.
PERIODS = ((365, 0), (91, 0), (3 * 365, 0))


def periods(today: dt.date) -> list[tuple[dt.date, dt.date]]:
    return [
        (today - dt.timedelta(days=days), today - dt.timedelta(days=back)) for days, back in PERIODS
    ]


def board_paths() -> list[str]:
    return [f"/accommodation/vacancies/?{urllib.parse.urlencode(needs)}" for needs in NEEDS]


def figures_paths(today: dt.date) -> list[str]:
    return [
        f"/accommodation/figures/?start={start.isoformat()}&end={end.isoformat()}"
        for start, end in periods(today)
    ]


def board_api_paths() -> list[str]:
    return [f"/api/v1/accommodation/vacancies?{urllib.parse.urlencode(needs)}" for needs in NEEDS]


def figures_api_paths(today: dt.date) -> list[str]:
    return [
        f"/api/v1/accommodation/figures?start={start.isoformat()}&end={end.isoformat()}"
        for start, end in periods(today)
    ]


def api(port: int, paths: list[str], token: str, *, repeat: int, seconds: float) -> dict:
    """GETs through the API with a bearer token, one client: query counts in-process, then
    speed through the server."""
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    counting = Client()
    query_counts = []
    for path in paths:
        with CaptureQueriesContext(connection) as captured:
            response = counting.get(path, HTTP_AUTHORIZATION=headers["Authorization"])
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code} in-process.")
        query_counts.append(len(captured.captured_queries))
    calls = [clients.Call("GET", path, None, headers) for path in paths] * repeat
    started = time.monotonic()
    answers = clients.run(port, calls, clients=1, seconds=seconds)
    wall = time.monotonic() - started
    done = [answer for answer in answers if answer is not None]
    return {
        **summary([answer.ms for answer in done if answer.status == 200]),
        "requests_per_second": round(len(done) / wall, 1) if wall else None,
        "errors": sum(1 for answer in done if answer.status != 200),
        "queries_max": max(query_counts),
        "queries_median": sorted(query_counts)[len(query_counts) // 2],
        "paths": len(paths),
    }


def figures_in_process(today: dt.date) -> dict:
    """Seconds to work out the figures for each period, in-process, and the figures for the
    last year, as the page shows them (small counts hidden)."""
    from onestory.accommodation.figures import figures
    from onestory.accommodation.models import PlacementAsk, Stay, Unit

    timings = {}
    found = None
    for start, end in periods(today):
        started = time.perf_counter()
        result = figures(start, end)
        timings[f"{start.isoformat()} to {end.isoformat()}"] = round(
            time.perf_counter() - started, 3
        )
        found = found or result
    if found is None:
        return {"skipped": "no period"}
    nights = sum(used + vacant for _, used, vacant in found.schemes)
    occupied = sum(used for _, used, _ in found.schemes)
    return {
        "seconds": timings,
        "units": Unit.objects.count(),
        "asks_in_all": PlacementAsk.objects.count(),
        "stays_in_all": Stay.objects.count(),
        "last_year": {
            "from": found.start.isoformat(),
            "to": found.end.isoformat(),
            "occupancy": round(occupied / nights, 3) if nights else None,
            "asks": {row.label: [row.shown, row.share] for row in found.asks if row.count},
            "scheme_reasons": {
                row.label: [row.shown, row.share] for row in found.scheme_reasons if row.count
            },
            "survivor_reasons": {
                row.label: [row.shown, row.share] for row in found.survivor_reasons if row.count
            },
            "move_on": {row.label: [row.shown, row.share] for row in found.move_on if row.count},
            "median_days_to_arrival": found.median_days_to_arrival,
            "median_nights_stayed": found.median_nights_stayed,
            "sanctuary_installs": found.installs_shown,
            "sanctuary_cost": str(found.install_cost),
            "fund_spend": str(found.fund_spend),
        },
    }
