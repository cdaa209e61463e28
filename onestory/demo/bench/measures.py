"""Each thing the benchmark measures, as one function returning a dictionary of figures."""

from __future__ import annotations

import json
import re
import time
import urllib.parse
from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from onestory.demo.bench import answerable, clients, queries
from onestory.demo.bench.stats import summary
from onestory.people import matching
from onestory.people.blocking import question_keys
from onestory.people.dates import parse_iso
from onestory.people.matching import CANDIDATE_SQL, candidate_params
from onestory.people.scoring import Query


def search_calls(questions: list[queries.Question], token: str) -> list[clients.Call]:
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    return [
        clients.Call(
            "GET", "/api/v1/persons/search?" + urllib.parse.urlencode(q.params()), None, headers
        )
        for q in questions
    ]


def search_api(
    port: int, questions: list[queries.Question], token: str, *, clients_count: int, seconds: float
) -> dict:
    """Fuzzy person search through the API: speed, and whether the right person was found."""
    started = time.monotonic()
    answers = clients.run(
        port, search_calls(questions, token), clients=clients_count, seconds=seconds
    )
    wall = time.monotonic() - started
    found: list[list[int] | None] = []
    timings, errors = [], 0
    for answer in answers:
        if answer is None:
            found.append(None)
            continue
        if answer.status != 200:
            errors += 1
            found.append(None)
            continue
        timings.append(answer.ms)
        found.append([row["id"] for row in json.loads(answer.body)])
    with_date = [i for i, q in enumerate(questions) if q.has_date]
    name_only = [i for i, q in enumerate(questions) if not q.has_date]

    def recall_of(indexes: list[int], top: int) -> float | None:
        return queries.recall([questions[i] for i in indexes], [found[i] for i in indexes], top)

    everyone = list(range(len(questions)))
    able = answerable.answerable(questions)
    answerable_with_date = [i for i in with_date if able[i]]
    return {
        **summary(timings),
        "clients": clients_count,
        "requests_per_second": round(len(timings) / wall, 1) if wall else None,
        "errors": errors,
        "recall_at_1": recall_of(with_date, 1),
        "recall_at_5": recall_of(with_date, 5),
        "questions_with_a_date_of_birth": len(with_date),
        "answerable": {
            "questions": len(answerable_with_date),
            "recall_at_1": recall_of(answerable_with_date, 1),
            "recall_at_5": recall_of(answerable_with_date, 5),
        },
        "name_only": {
            "questions": len(name_only),
            "recall_at_1": recall_of(name_only, 1),
            "recall_at_5": recall_of(name_only, 5),
        },
        "all_questions": {
            "recall_at_1": recall_of(everyone, 1),
            "recall_at_5": recall_of(everyone, 5),
        },
        "misses_by_date_kind": _misses(questions, found),
    }


def search_by_kind(
    port: int, questions: list[queries.Question], token: str, *, seconds: float
) -> dict:
    """Short questions (one name, a name with a year or a postcode district, names only)
    through the API, one client: p50, p95 and recall for each kind apart."""
    answers = clients.run(port, search_calls(questions, token), clients=1, seconds=seconds)
    kinds: dict[str, dict] = {}
    for question, answer in zip(questions, answers, strict=True):
        if answer is None:
            continue
        figures = kinds.setdefault(question.kind, {"ms": [], "hits1": 0, "hits5": 0, "errors": 0})
        if answer.status != 200:
            figures["errors"] += 1
            continue
        figures["ms"].append(answer.ms)
        ids = [row["id"] for row in json.loads(answer.body)]
        figures["hits1"] += bool(question.records & set(ids[:1]))
        figures["hits5"] += bool(question.records & set(ids[:5]))
    return {
        kind: {
            **summary(figures["ms"]),
            "errors": figures["errors"],
            "recall_at_1": round(figures["hits1"] / len(figures["ms"]), 4)
            if figures["ms"]
            else None,
            "recall_at_5": round(figures["hits5"] / len(figures["ms"]), 4)
            if figures["ms"]
            else None,
        }
        for kind, figures in sorted(kinds.items())
    }


def search_plans(questions: list[queries.Question]) -> dict:
    """For the first short question of each kind: which indexes PostgreSQL's plan of each of
    its candidate routes uses, and whether any route reads a table whole."""
    if connection.vendor != "postgresql":
        return {"skipped": "plans are PostgreSQL's"}
    from onestory.people.models import Person

    found: dict[str, dict] = {}
    for question in questions:
        if question.kind in found:
            continue
        born = parse_iso(question.date_of_birth) if question.date_of_birth else None
        query = Query.build(question.name, born, question.postcode)
        routes = matching.name_routes(query)
        near = matching.postcode_route(query)
        plans = [Person.objects.filter(route).order_by().explain() for route in routes]
        if near is not None:
            plans.append(Person.objects.filter(near).order_by().explain())
        if matching.uses_keys(query):
            with connection.cursor() as cursor:
                cursor.execute(
                    "EXPLAIN " + CANDIDATE_SQL, candidate_params(query, question_keys(query))
                )
                plans.append("\n".join(row[0] for row in cursor.fetchall()))
        found[question.kind] = {
            "routes": len(plans),
            "indexes": sorted({name for plan in plans for name in _INDEX.findall(plan)}),
            "reads_a_table_whole": any("Seq Scan" in plan for plan in plans),
        }
    return found


_INDEX = re.compile(r"(?:Index|Index Only) Scan (?:Backward )?(?:using|on) (\w+)")


def _misses(questions: list[queries.Question], found: list[list[int] | None]) -> dict:
    counts: dict[str, int] = {}
    for question, answer in zip(questions, found, strict=True):
        if answer is not None and not question.records & set(answer[:5]):
            counts[question.date_kind] = counts.get(question.date_kind, 0) + 1
    return counts


def bare_candidate_sql(questions: list[queries.Question], *, seconds: float) -> dict:
    """The search's candidate query run bare on one connection, for the ratio."""
    timings = []
    deadline = time.monotonic() + seconds
    if connection.vendor != "postgresql":
        return {"skipped": "the keyed candidate query is PostgreSQL's; SQLite has none"}
    with connection.cursor() as cursor:
        for question in questions:
            if time.monotonic() > deadline:
                break
            born = parse_iso(question.date_of_birth) if question.date_of_birth else None
            query = Query.build(question.name, born)
            keys = question_keys(query)
            if not keys:
                continue
            started = time.perf_counter()
            cursor.execute(CANDIDATE_SQL, candidate_params(query, keys))
            cursor.fetchall()
            timings.append((time.perf_counter() - started) * 1000)
    return summary(timings)


def signed_in_client(user) -> Client:
    """A test client signed in as ``user``, with two-step verification done."""
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        raise RuntimeError(f"{user.username} has no two-step verification device.")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


PAUSE_SECONDS = 1.0  # a caseworker reads a page for far longer: this is a busy hour and more


def page(
    port: int,
    user,
    paths: list[str],
    *,
    clients_count: int,
    seconds: float,
    repeat: int,
    pause: float = PAUSE_SECONDS,
) -> dict:
    """One kind of page: query counts in-process, then speed through the server.

    Timed twice with ``clients_count`` clients each signed in with its own session: first as
    people working (each waits ``pause`` seconds on average between pages), which is the load
    targets.md sets; then with no pause at all, for the most the server can serve.
    """
    counting = signed_in_client(user)
    query_counts = []
    for path in paths:
        with CaptureQueriesContext(connection) as captured:
            response = counting.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code} in-process.")
        query_counts.append(len(captured.captured_queries))
    cookies = [
        signed_in_client(user).cookies[settings.SESSION_COOKIE_NAME].value
        for _ in range(clients_count)
    ]

    def cookie_for(number: int) -> dict[str, str]:
        return {"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookies[number]}"}

    calls = [clients.Call("GET", path) for path in paths] * repeat

    def timed_run(mean_pause: float) -> dict:
        started = time.monotonic()
        answers = clients.run(
            port,
            calls,
            clients=clients_count,
            seconds=seconds,
            headers_for=cookie_for,
            pause=mean_pause,
        )
        wall = time.monotonic() - started
        done = [answer for answer in answers if answer is not None]
        return {
            **summary([answer.ms for answer in done if answer.status == 200]),
            "clients": clients_count,
            "pause_seconds": mean_pause,
            "requests_per_second": round(len(done) / wall, 1) if wall else None,
            "errors": sum(1 for answer in done if answer.status != 200),
        }

    return {
        **timed_run(pause),
        "no_pause": timed_run(0.0),
        "queries_max": max(query_counts) if query_counts else None,
        "queries_median": sorted(query_counts)[len(query_counts) // 2] if query_counts else None,
        "pages": len(paths),
    }


FLOOR_PATH = "/"  # the public start page: signed out, one template, no query


def floor(port: int, *, clients_count: int, seconds: float, requests: int) -> dict:
    """The plain-Django floor: a signed-out page through the same server, ``clients_count``
    clients and no pause. A real page's requests a second are read against it (targets.md:
    at least a fifth)."""
    calls = [clients.Call("GET", FLOOR_PATH)] * requests
    started = time.monotonic()
    answers = clients.run(port, calls, clients=clients_count, seconds=seconds, pause=0.0)
    wall = time.monotonic() - started
    done = [answer for answer in answers if answer is not None]
    return {
        **summary([answer.ms for answer in done if answer.status == 200]),
        "path": FLOOR_PATH,
        "clients": clients_count,
        "requests_per_second": round(len(done) / wall, 1) if wall else None,
        "errors": sum(1 for answer in done if answer.status != 200),
    }


def referral_calls(questions: list[queries.Question], token: str, run: str) -> list:
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/json",
        "Accept": "application/json",
    }
    calls = []
    for number, question in enumerate(questions):
        given, _, family = question.name.partition(" ")
        body = {
            "source": "professional",
            "given_name": given,
            "family_name": family,
            "referrer_agency": "Benchmark partner system",
            "referrer_agency_kind": "health",
            "referrer_name": "A made-up professional",
            "referrer_email": "professional@partner.example",
            "phone": "07700 900123",
            "safe_to_call": True,
            "story": "A made-up referral sent by the benchmark.",
            "consent": ["outreach"],
            "submission_token": f"bench{run}{number:05d}",
        }
        if len(question.date_of_birth) == 10:
            body["date_of_birth"] = question.date_of_birth
        calls.append(clients.Call("POST", "/api/v1/referrals/", json.dumps(body).encode(), headers))
    return calls


def referral_submission(
    port: int, questions: list[queries.Question], token: str, *, seconds: float
) -> dict:
    """Referrals sent through the API one after another, as a partner system would."""
    run = timezone.now().strftime("%y%m%d%H%M%S")
    answers = clients.run(port, referral_calls(questions, token, run), clients=1, seconds=seconds)
    done = [answer for answer in answers if answer is not None]
    created = [answer.ms for answer in done if answer.status == 201]
    refused = [answer for answer in done if answer.status != 201]
    found = {**summary(created), "errors": len(refused)}
    if refused:
        found["first_error"] = (
            f"{refused[0].status}: {refused[0].body[:300].decode(errors='replace')}"
        )
    return found


def year_of_quarters(today) -> list:
    """The quarter ``today`` falls in and the three before it: a year of MARAC returns."""
    from onestory.marac.quarterly import recent_quarters

    return recent_quarters(today, 4)


def marac_quarterly(*, today) -> dict:
    """Seconds to work out a year's MARAC quarterly figures (four quarters, every MARAC),
    in-process, as the quarterly page and its CSV work them out."""
    if not apps.is_installed("onestory.marac"):
        return {"skipped": "the MARAC app is not installed"}
    from onestory.marac.models import Marac
    from onestory.marac.queries import quarterly_figures

    if Marac._meta.db_table not in connection.introspection.table_names():
        return {"skipped": "the MARAC tables are not in this database: run `onestory migrate`"}
    maracs = list(Marac.objects.select_related("area"))
    quarters = year_of_quarters(today)
    started = time.perf_counter()
    cases = meetings = 0
    for marac in maracs:
        for quarter in quarters:
            found = quarterly_figures(marac, quarter)
            cases += found.cases_discussed
            meetings += found.meetings_held
    found = {
        "seconds": round(time.perf_counter() - started, 3),
        "maracs": len(maracs),
        "quarters": len(quarters),
        "from": quarters[-1].start.isoformat(),
        "to": quarters[0].end.isoformat(),
        "meetings_held": meetings,
        "cases_discussed": cases,
    }
    if not cases:
        found["note"] = "no MARAC case was discussed in the year, so this times empty quarters"
    return found


def outcomes_report() -> dict:
    """Seconds to work out the partnership's outcomes report (intake against exit, every
    case), in-process, as its page does."""
    from onestory.cases.reports import outcomes_report as report

    started = time.perf_counter()
    found = report()
    return {
        "seconds": round(time.perf_counter() - started, 3),
        "cases_compared": found.cases_compared,
    }


def timed(label: str, say: Callable[[str], None], work: Callable[[], dict]) -> dict:
    say(f"{label}...")
    started = time.monotonic()
    result = work()
    say(f"{label}: done in {time.monotonic() - started:.1f} s")
    return result


# The made-up inputs of the needs assessment for the synthetic county: the county has no ONS
# population or survey rates of its own, so each ward's population is made from its number
# of adult women (the areas file's figure), and the rates are a made-up series.
BENCH_SERIES = "Made-up survey for the synthetic county"
_BENCH_RATES = (
    (("F", "16-24"), "10.0"),
    (("F", "25-74"), "6.0"),
    (("M", "16-24"), "4.0"),
    (("M", "25-74"), "3.0"),
)


def _needs_inputs(year: int) -> str:
    """Load the made-up population and rates for ``year`` when none are loaded; say which."""
    from onestory.accounts.models import Area
    from onestory.needs.actions import load_population, load_rates
    from onestory.needs.models import PopulationCount, PrevalenceRate

    made = []
    if not PopulationCount.objects.filter(year=year).exists():
        lines = [f"code,sex,age,population_{year}"]
        for code, women in Area.objects.filter(level="ward").values_list("code", "adult_women"):
            women = women or 5000
            young, older = women * 15 // 100, women * 70 // 100
            lines += [f"{code},2,16-24,{young}", f"{code},2,25-74,{older}"]
            lines += [f"{code},1,16-24,{young * 97 // 100}", f"{code},1,25-74,{older * 97 // 100}"]
        load_population(lines=lines)
        made.append("population made up from each ward's adult women")
    if not PrevalenceRate.objects.filter(series=BENCH_SERIES, survey_year=year + 1).exists():
        lines = ["series,survey_year,sex,age_band,rate"]
        lines += [
            f"{BENCH_SERIES},{year + 1},{sex},{band},{rate}" for (sex, band), rate in _BENCH_RATES
        ]
        load_rates(lines=lines)
        made.append("made-up survey rates")
    return "; ".join(made) or "inputs already loaded"


def needs_assessment(*, today) -> dict:
    """Seconds to work out a year's needs assessment (the estimate and reach by every group)
    for every ward of the county and the county itself, in-process, as the assessment page
    does for one. Most synthetic referrals name the ward the person lives in, as real ones
    do; a ward's reach counts the people whose ward is known, the county everyone seen."""
    from onestory.needs.estimate import EstimateRefused
    from onestory.needs.models import PopulationCount
    from onestory.needs.queries import Geography
    from onestory.needs.reach import assess, year_of
    from onestory.needs.rules import financial_year

    if PopulationCount._meta.db_table not in connection.introspection.table_names():
        return {"skipped": "the needs tables are not in this database: run `onestory migrate`"}
    year = financial_year(today)
    inputs = _needs_inputs(year)
    started = time.perf_counter()
    geography = Geography()
    shared = year_of(year, geography=geography)
    wards = [a for a in geography.areas.values() if a.level == "ward"]
    refused = seen = 0
    for ward in wards:
        try:
            found = assess(
                area=ward, year=year, series=BENCH_SERIES, survey_year=year + 1, shared=shared
            )
        except EstimateRefused:
            refused += 1
            continue
        seen += found.everyone.count
    counties = [a for a in geography.areas.values() if a.parent_id is None]
    everyone = 0
    for county in counties:
        try:
            found = assess(
                area=county, year=year, series=BENCH_SERIES, survey_year=year + 1, shared=shared
            )
        except EstimateRefused:
            refused += 1
            continue
        everyone += found.everyone.count
    return {
        "seconds": round(time.perf_counter() - started, 3),
        "year": f"{year} to {year + 1}",
        "wards": len(wards),
        "refused": refused,
        "people_seen_in_wards": seen,
        "people_seen": everyone,
        "inputs": inputs,
    }


def statutory_return(*, today) -> dict:
    """Seconds to count a year's safe accommodation return and write its workbook, in-process,
    as its page and download do; beside it, the bare SQL count of the year's stays."""
    if not apps.is_installed("onestory.returns"):
        return {"skipped": "the returns app is not installed"}
    from onestory.accommodation.models import Stay
    from onestory.returns import exports, queries, report, rules
    from onestory.returns.periods import FinancialYear, year_of

    latest = Stay.objects.order_by("-arrived_on").values_list("arrived_on", flat=True).first()
    last_full = FinancialYear(year_of(today).first - 1)
    year = min(year_of(latest), last_full) if latest else last_full
    started = time.perf_counter()
    rows = queries.rows_for(year)
    read = time.perf_counter()
    figures = rules.compute(year, rows)
    computed = time.perf_counter()
    built = report.build(year)
    exports.workbook_bytes(built)
    whole = time.perf_counter()
    with connection.cursor() as cursor:
        bare_started = time.perf_counter()
        cursor.execute(
            "SELECT count(*), count(DISTINCT person_id) FROM accommodation_stay "
            "WHERE arrived_on <= %s AND (departed_on IS NULL OR departed_on >= %s)",
            [year.end, year.start],
        )
        stays, people = cursor.fetchone()
        bare = time.perf_counter() - bare_started
    found = {
        "year": year.code,
        "seconds_rows": round(read - started, 3),
        "seconds_rules": round(computed - read, 3),
        "seconds_page_and_workbook": round(whole - computed, 3),
        "bare_sql_stays_seconds": round(bare, 4),
        "stays": len(rows.stays),
        "units": len(rows.units),
        "requests": len(rows.requests),
        "bare_sql_stays": stays,
        "bare_sql_people": people,
        "households_supported": figures.get(
            "supported.households_accommodation", rules.Figure("")
        ).count,
    }
    if not rows.stays:
        found["note"] = "no stay in the year: the synthetic county has no safe accommodation yet"
    return found


def board_report(*, today) -> dict:
    """Seconds to work out the board's report for the last full quarter, in-process."""
    if not apps.is_installed("onestory.returns"):
        return {"skipped": "the returns app is not installed"}
    from onestory.marac.quarterly import recent_quarters
    from onestory.returns import board

    quarter = recent_quarters(today, 2)[1]
    started = time.perf_counter()
    built = board.build(quarter)
    board.workbook_bytes(built)
    built_and_workbook = time.perf_counter()
    pdf = board.pdf_bytes(built)
    rows = {row.label: row.shown for table in built.tables for row in table.rows}
    return {
        "quarter": quarter.code,
        "seconds": round(built_and_workbook - started, 3),
        "seconds_pdf": round(time.perf_counter() - built_and_workbook, 3),
        "pdf_bytes": len(pdf),
        "tables": len(built.tables),
        "cases_closed": rows.get("Victims' cases closed"),
        "repeat_referral_rate": rows.get("Repeat referral rate"),
    }
