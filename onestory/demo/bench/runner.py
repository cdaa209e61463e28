"""Running the whole benchmark and gathering its figures into one dictionary."""

from __future__ import annotations

import datetime as dt
import os
import platform
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from onestory.access.policy import visible_persons
from onestory.accommodation.models import PlacementRequest, Stay, Unit
from onestory.accounts.models import User
from onestory.accounts.tokens.actions import issue_token, revoke_token
from onestory.audit.models import AuditEvent
from onestory.cases.access import visible_cases
from onestory.cases.models import Case, CaseNote
from onestory.demo.bench import accommodation, measures, queries
from onestory.demo.bench.server import Server
from onestory.intake.models import Referral
from onestory.marac.models import MaracReferral, Meeting, MeetingStatus
from onestory.people.models import Person
from onestory.risk.models import Incident, RiskAssessment

SEARCHER = "callhandler"  # the demo front door's call handler: the county's busiest searcher
# The demo outreach worker: a caseworker of the agency holding the most synthetic cases.
CASEWORKER = "caseworker"
FIGURES_READER = "manager"  # the front door's team manager: sees the partnership's figures
SAMPLE = 20  # pages of each kind


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
    pause: float = measures.PAUSE_SECONDS  # each page client's mean wait between pages
    only: frozenset[str] = frozenset()  # "search", "pages", "other": these parts alone


class BenchRefused(Exception):
    """The database or the truth file is not ready for the benchmark."""


def account(username: str) -> User:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise BenchRefused(
            f"No active {username!r} account: load a county first with `onestory synth`."
        )
    return user


def searcher() -> User:
    return account(SEARCHER)


def data_size(truth: list[dict]) -> dict:
    size = {
        "persons": Person.objects.count(),
        "real_people_in_truth": len(truth),
        "records_in_truth": sum(len(person["records"]) for person in truth),
        "referrals": Referral.objects.count(),
        "risk_assessments": RiskAssessment.objects.count(),
        "cases": Case.objects.count(),
        "case_notes": CaseNote.objects.count(),
        "marac_referrals": MaracReferral.objects.count(),
        "marac_meetings_held": Meeting.objects.filter(status=MeetingStatus.HELD).count(),
        "audit_events": AuditEvent.objects.count(),
        "accommodation_units": Unit.objects.count(),
        "placement_requests": PlacementRequest.objects.count(),
        "stays": Stay.objects.count(),
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


def _per_person(queryset, field: str):
    """How many rows of ``queryset`` are about the person in the outer query (0 for none)."""
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


POOL = 300  # the busiest records by one cheap count, ranked again in full


def sample_timelines(user: User, count: int) -> list[int]:
    """Records ``user`` may see whose timelines have the most on them: referrals, risk
    assessments, incidents, MARAC referrals, and the cases the user may see (each opened
    and closed) with their key notes.

    Counting all of that for every record the user may see takes minutes at a million
    records, so a pool is taken first: the user's agency's records with the most referrals
    and assessments (one grouped count each), then the pool is ranked in full.
    """
    pool: set[int] = set()
    for model in (Referral, RiskAssessment):
        pool |= set(
            model.objects.filter(person__owning_agency_id=user.agency_id)
            .values("person_id")
            .annotate(n=Count("pk"))
            .order_by("-n", "-person_id")
            .values_list("person_id", flat=True)[:POOL]
        )
    ranked = (
        visible_persons(user)
        .filter(pk__in=pool)
        .annotate(
            shown=_per_person(Referral.objects.all(), "person")
            + _per_person(RiskAssessment.objects.all(), "person")
            + _per_person(Incident.objects.all(), "person")
            + _per_person(MaracReferral.objects.all(), "victim")
            + 2 * _per_person(visible_cases(user), "person")
            + _per_person(
                CaseNote.objects.filter(is_key=True, case__in=visible_cases(user)), "case__person"
            )
        )
        .order_by("-shown", "-pk")
    )
    found = list(ranked.values_list("pk", flat=True)[:count])
    if len(found) < count:
        more = visible_persons(user).exclude(pk__in=found).order_by("-pk")
        found += list(more.values_list("pk", flat=True)[: count - len(found)])
    return found


def sample_cases(user: User, count: int) -> list[int]:
    """Cases of ``user``'s own agency, which the user may see, with the most notes."""
    mine = visible_cases(user).filter(agency_id=user.agency_id)
    return list(
        CaseNote.objects.filter(case__in=mine)
        .values("case_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "-case_id")
        .values_list("case_id", flat=True)[:count]
    )


def last_meeting_day() -> dt.date:
    """The day of the last MARAC meeting held, or today: the year measured ends there."""
    held = Meeting.objects.filter(status=MeetingStatus.HELD).aggregate(last=Max("meets_on"))
    return held["last"] or timezone.localdate()


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
    caseworker = account(CASEWORKER)

    def part(group: str, timer: Callable[..., dict]) -> Callable[..., dict]:
        """``timer`` when ``group`` is one of the parts asked for (``--only``), else a note."""
        if options.only and group not in options.only:
            return lambda *args, **kwargs: {"skipped": f"not asked for (--only {group})"}
        return timer

    token, plain = issue_token(user=user, name="Benchmark run", expires_in_days=1, by=None)
    reader = account(FIGURES_READER)
    reader_token, reader_plain = issue_token(
        user=reader, name="Benchmark run", expires_in_days=1, by=None
    )
    today = timezone.localdate()
    persons = sample_timelines(user, SAMPLE)
    cases = sample_cases(caseworker, SAMPLE)

    def repeat(paths: list) -> int:
        return max(1, options.page_requests // max(len(paths), 1))

    result["pages_as"] = {
        "person_timeline": SEARCHER,
        "case_page": CASEWORKER,
        "vacancy_board": CASEWORKER,
        "vacancy_board_api": SEARCHER,
        "accommodation_figures_page": FIGURES_READER,
        "accommodation_figures_api": FIGURES_READER,
    }
    try:
        with Server(
            kind=options.server, workers=options.workers, threads=options.threads
        ) as server:
            port = server.port
            result["search"] = part("search", measures.timed)(
                "search, one client",
                say,
                lambda: measures.search_api(
                    port, questions, plain, clients_count=1, seconds=options.seconds
                ),
            )
            short = queries.make_short_questions(questions, truth)
            result["search_short"] = part("search", measures.timed)(
                "short questions (one name, a year or a postcode district), one client",
                say,
                lambda: measures.search_by_kind(port, short, plain, seconds=options.seconds),
            )
            result["search_plans"] = part("search", measures.timed)(
                "the plans of the short questions' routes",
                say,
                lambda: measures.search_plans(short),
            )
            result["search_sql"] = part("search", measures.timed)(
                "candidate query, bare SQL",
                say,
                lambda: measures.bare_candidate_sql(questions, seconds=options.seconds),
            )
            result["search_concurrent"] = part("search", measures.timed)(
                f"search, {options.clients} clients",
                say,
                lambda: measures.search_api(
                    port, questions, plain, clients_count=options.clients, seconds=options.seconds
                ),
            )

            def pages(label: str, who: User, paths: list[str]) -> dict:
                return measures.timed(
                    label,
                    say,
                    lambda: measures.page(
                        port,
                        who,
                        paths,
                        clients_count=options.clients,
                        seconds=options.seconds,
                        repeat=repeat(paths),
                        pause=options.pause,
                    ),
                )

            result["floor"] = part("pages", measures.timed)(
                f"plain-Django floor ({measures.FLOOR_PATH} signed out), no pause",
                say,
                lambda: measures.floor(
                    port,
                    clients_count=options.clients,
                    seconds=options.seconds,
                    requests=max(options.page_requests, 1000),
                ),
            )
            result["person_timeline"] = part("pages", pages)(
                "person timeline", user, [f"/people/{pk}/timeline/" for pk in persons]
            )
            if cases:
                result["case_page"] = part("pages", pages)(
                    "case page", caseworker, [f"/cases/{pk}/" for pk in cases]
                )
            else:
                result["case_page"] = {"skipped": f"{CASEWORKER!r} has no cases to open"}
            result["vacancy_board"] = part("other", pages)(
                "vacancy board, filtered by household", caseworker, accommodation.board_paths()
            )
            result["vacancy_board_api"] = part("other", measures.timed)(
                "vacancy board, API",
                say,
                lambda: accommodation.api(
                    port,
                    accommodation.board_api_paths(),
                    plain,
                    repeat=repeat(accommodation.board_api_paths()),
                    seconds=options.seconds,
                ),
            )
            result["accommodation_figures_page"] = part("other", pages)(
                "accommodation figures page", reader, accommodation.figures_paths(today)
            )
            result["accommodation_figures_api"] = part("other", measures.timed)(
                "accommodation figures, API",
                say,
                lambda: accommodation.api(
                    port,
                    accommodation.figures_api_paths(today),
                    reader_plain,
                    repeat=max(1, repeat(accommodation.figures_api_paths(today)) // 10),
                    seconds=options.seconds,
                ),
            )
            result["referral_submission"] = part("other", measures.timed)(
                "referral submission",
                say,
                lambda: measures.referral_submission(
                    port, questions[: options.referrals], plain, seconds=options.seconds
                ),
            )
    finally:
        revoke_token(token=token, by=None)
        revoke_token(token=reader_token, by=None)
    result["marac_quarterly"] = part("other", measures.timed)(
        "MARAC quarterly figures, a year",
        say,
        lambda: measures.marac_quarterly(today=last_meeting_day()),
    )
    result["outcomes_report"] = part("other", measures.timed)(
        "outcomes report", say, measures.outcomes_report
    )
    result["needs_assessment"] = part("other", measures.timed)(
        "needs assessment, a year for every ward",
        say,
        lambda: measures.needs_assessment(today=timezone.localdate()),
    )
    result["accommodation_figures"] = part("other", measures.timed)(
        "accommodation figures, in-process",
        say,
        lambda: accommodation.figures_in_process(today),
    )
    result["statutory_return"] = part("other", measures.timed)(
        "safe accommodation return, a year",
        say,
        lambda: measures.statutory_return(today=timezone.localdate()),
    )
    result["board_report"] = part("other", measures.timed)(
        "board report, a quarter", say, lambda: measures.board_report(today=timezone.localdate())
    )
    _ratio(result)
    result["machine"]["load_average_1m_after"] = round(os.getloadavg()[0], 2)
    result["seconds"] = round((timezone.now() - started).total_seconds(), 1)
    return result


def _ratio(result: dict) -> None:
    floor_rate = result.get("floor", {}).get("requests_per_second")
    for name in ("person_timeline", "case_page"):
        rate = result.get(name, {}).get("no_pause", {}).get("requests_per_second")
        if floor_rate and rate:
            result[name]["share_of_floor"] = round(rate / floor_rate, 3)
    api, sql = result.get("search", {}), result.get("search_sql", {})
    if api.get("p50_ms") and sql.get("p50_ms"):
        result["search_ratio_api_to_sql_p50"] = round(api["p50_ms"] / sql["p50_ms"], 1)
        result["search_ratio_api_to_sql_p95"] = round(api["p95_ms"] / sql["p95_ms"], 1)
