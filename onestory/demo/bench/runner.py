"""Running the whole benchmark and gathering its figures into one dictionary."""

from __future__ import annotations

import datetime as dt
import os
import platform
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.utils import timezone

from onestory.access.models import AuditEvent
from onestory.access.policy import visible_persons
from onestory.accounts.models import User
from onestory.accounts.token_actions import issue_token, revoke_token
from onestory.demo.bench import measures, queries
from onestory.demo.bench.server import Server
from onestory.intake.models import Referral
from onestory.people.models import Person
from onestory.risk.models import RiskAssessment

SEARCHER = "callhandler"  # the demo front door's call handler: the county's busiest searcher


@dataclass(frozen=True)
class Options:
    truth: Path
    searches: int = 1000
    clients: int = 50
    page_requests: int = 400
    referrals: int = 100
    seconds: float = 120.0  # at most, for each timed part
    seed: int = 1
    server: str = "gunicorn"
    workers: int = 2
    threads: int = 8


class BenchRefused(Exception):
    """The database or the truth file is not ready for the benchmark."""


def searcher() -> User:
    user = User.objects.filter(username=SEARCHER, is_active=True).first()
    if user is None:
        raise BenchRefused(
            f"No active {SEARCHER!r} account: load a county first with `onestory synth`."
        )
    return user


def data_size(truth: list[dict]) -> dict:
    size = {
        "persons": Person.objects.count(),
        "real_people_in_truth": len(truth),
        "records_in_truth": sum(len(person["records"]) for person in truth),
        "referrals": Referral.objects.count(),
        "risk_assessments": RiskAssessment.objects.count(),
        "audit_events": AuditEvent.objects.count(),
        "database": connection.vendor,
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            size["database_megabytes"] = round(cursor.fetchone()[0] / 2**20)
    return size


def machine() -> dict:
    load = os.getloadavg()
    return {
        "cpus": os.cpu_count(),
        "load_average_1m": round(load[0], 2),
        "python": platform.python_version(),
        "system": platform.platform(terse=True),
    }


def sample_persons(user: User, count: int) -> list[int]:
    """Records the searcher holds that have the most to show: assessed victims first."""
    assessed = list(
        RiskAssessment.objects.filter(person__owning_agency_id=user.agency_id)
        .order_by("-person_id")
        .values_list("person_id", flat=True)
        .distinct()[:count]
    )
    if len(assessed) < count:
        more = visible_persons(user).exclude(pk__in=assessed).order_by("-pk")
        assessed += list(more.values_list("pk", flat=True)[: count - len(assessed)])
    return assessed


def run(options: Options, say: Callable[[str], None]) -> dict:
    """Every measure, against the configured database. Leaves no token working afterwards."""
    if not options.truth.exists():
        raise BenchRefused(
            f"No ground truth at {options.truth}: run `onestory synth` first, or give --truth."
        )
    user = searcher()
    truth = queries.read_truth(options.truth)
    started = timezone.now()
    say(f"Making {options.searches} noisy questions from {len(truth):,} real people...")

    def visible(ids: set[int]) -> set[int]:
        return set(visible_persons(user).filter(pk__in=ids).values_list("pk", flat=True))

    questions = queries.make_questions(truth, options.searches, options.seed, visible)
    if not questions:
        raise BenchRefused("None of the real people in the truth file is in this database.")
    result: dict = {
        "started_at": started.isoformat(timespec="seconds"),
        "data": data_size(truth),
        "machine": machine(),
        "server": {"kind": options.server, "workers": options.workers, "threads": options.threads},
    }
    token, plain = issue_token(user=user, name="Benchmark run", expires_in_days=1, by=None)
    persons = sample_persons(user, 20)
    try:
        with Server(
            kind=options.server, workers=options.workers, threads=options.threads
        ) as server:
            port = server.port
            result["search"] = measures.timed(
                "search, one client",
                say,
                lambda: measures.search_api(
                    port, questions, plain, clients_count=1, seconds=options.seconds
                ),
            )
            result["search_sql"] = measures.timed(
                "candidate query, bare SQL",
                say,
                lambda: measures.bare_candidate_sql(questions, seconds=options.seconds),
            )
            result["search_concurrent"] = measures.timed(
                f"search, {options.clients} clients",
                say,
                lambda: measures.search_api(
                    port, questions, plain, clients_count=options.clients, seconds=options.seconds
                ),
            )
            result["person_timeline"] = measures.timed(
                "person page",
                say,
                lambda: measures.page(
                    port,
                    user,
                    [f"/people/{pk}/" for pk in persons],
                    clients_count=options.clients,
                    seconds=options.seconds,
                    repeat=max(1, options.page_requests // max(len(persons), 1)),
                ),
            )
            result["case_page"] = measures.timed(
                "risk history page",
                say,
                lambda: measures.page(
                    port,
                    user,
                    [f"/risk/persons/{pk}/" for pk in persons],
                    clients_count=options.clients,
                    seconds=options.seconds,
                    repeat=max(1, options.page_requests // max(len(persons), 1)),
                ),
            )
            result["referral_submission"] = measures.timed(
                "referral submission",
                say,
                lambda: measures.referral_submission(
                    port, questions[: options.referrals], plain, seconds=options.seconds
                ),
            )
    finally:
        revoke_token(token=token, by=None)
    result["marac_quarterly"] = measures.timed(
        "MARAC quarterly figures", say, lambda: measures.marac_quarterly(today=dt.date.today())
    )
    _ratio(result)
    result["stand_ins"] = {
        "person_timeline": "the person page (/people/<id>/) until the person timeline exists",
        "case_page": "the risk history page (/risk/persons/<id>/) until case pages exist",
    }
    result["machine"]["load_average_1m_after"] = round(os.getloadavg()[0], 2)
    result["seconds"] = round((timezone.now() - started).total_seconds(), 1)
    return result


def _ratio(result: dict) -> None:
    api, sql = result.get("search", {}), result.get("search_sql", {})
    if api.get("p50_ms") and sql.get("p50_ms"):
        result["search_ratio_api_to_sql_p50"] = round(api["p50_ms"] / sql["p50_ms"], 1)
        result["search_ratio_api_to_sql_p95"] = round(api["p95_ms"] / sql["p95_ms"], 1)
