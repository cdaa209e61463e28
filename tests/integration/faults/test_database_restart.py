"""The database restarts while partner systems are sending referrals (targets.md: under load
nothing is lost; a restart mid-request loses no committed referral and saves no half-done one).

A private PostgreSQL cluster (tools/pgcluster.py) is set up with the demo partnership, and a
real gunicorn server (the benchmark's) is pointed at it as the runtime role (migrations ran as
the owner role); the session's own database is never touched. The test itself watches and
locks the database as the cluster's superuser. Partner systems send referrals from several
threads. Once every partner is under way, the audit log is locked, so that each submission in
flight has written its referral and waits to write the audit event: that is a half-done
referral. The database is then stopped (fast, or immediately as in a crash) and started again.
Partners send a referral again, with the same submission token, after a server error or a
dropped connection.

Afterwards: every submission token has exactly one referral, each with its audit event; every
referral answered is stored as answered; nothing failed outside the restart, and what failed
during it failed cleanly.

A last test restarts the database with nothing in flight: the connections the server keeps
are all broken then, and the next requests must still succeed.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from psycopg import sql

from onestory.audit.models import AuditAction, AuditEvent
from onestory.demo.bench import server as bench_server
from onestory.intake.models import Referral
from tests.integration.faults.partners import Attempt, Partners
from tools import pgcluster

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: the test stops and starts a database server of its own",
    ),
    pytest.mark.real_clock,  # its gunicorn server keeps the real time
]

ROOT = Path(__file__).resolve().parents[3]
PARTNERS = 6
REFERRALS_EACH = 50
# Each partner has this many answered before the fault, so every server worker is warm.
UNDER_WAY = 5
WAIT_SECONDS = 20  # the most any one step may take before the test gives up on it
# Words that would give away how the service is built, if an error answer carried them.
INTERNALS = (
    "traceback",
    'file "',
    ".py",
    "psycopg",
    "operationalerror",
    "databaseerror",
    "select ",
    "insert into",
    "intake_referral",
    "access_auditevent",
    "connection to server",
    "site-packages",
)


@dataclass(frozen=True)
class FrontDoor:
    cluster: pgcluster.Cluster
    port: int
    api_token: str
    server_log: Callable[[], str]


def onestory(cluster: pgcluster.Cluster, *arguments: str) -> str:
    """Run an ``onestory`` command against the private cluster; return what it printed."""
    done = subprocess.run(
        [sys.executable, "-m", "onestory.cli", *arguments],
        cwd=ROOT,
        env={**os.environ, **cluster.environment(), "ONESTORY_DEBUG": "0"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"onestory {' '.join(arguments)} failed:\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def front_door() -> Iterator[FrontDoor]:
    """A private cluster with the demo partnership, a server using it, and a call handler's
    API token (issued by ``onestory issue-token``, as a partner's would be)."""
    # Commits are written out before they are answered, as in production, so that even an
    # immediate stop may lose none.
    cluster = pgcluster.start_cluster(shared_buffers="128MB", synchronous_commit=True)
    try:
        onestory(cluster, "migrate", "--no-input", "-v", "0")
        onestory(cluster, "load_demo")
        api_token = onestory(
            cluster, "issue-token", "callhandler", "--name", "Partner system", "-v", "0"
        ).strip()
        with pytest.MonkeyPatch.context() as patch:
            # The server's error pages are those a production server gives.
            patch.setenv("ONESTORY_DEBUG", "0")
            # The server takes the private cluster, not the session's test database. A
            # partner's kept-alive connection stays with one worker, so each worker has a
            # thread for every partner: all of them can be mid-request at once.
            with bench_server.Server(workers=2, threads=PARTNERS, database=cluster.url) as server:
                yield FrontDoor(cluster, server.port, api_token, server.tail)
    finally:
        pgcluster.stop_cluster(cluster)


def wait_for(condition: Callable[[], bool], seconds: float = WAIT_SECONDS) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def waiting_on_a_lock(monitor: psycopg.Connection) -> int:
    """How many of the server's sessions are waiting for a lock."""
    return monitor.execute(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE datname = current_database() AND wait_event_type = 'Lock'"
    ).fetchone()[0]


@dataclass(frozen=True)
class Stored:
    reference: str
    token: str
    given_name: str
    audit_events: int


def stored_referrals(cluster: pgcluster.Cluster, run: str) -> list[Stored]:
    """The run's referrals as the database holds them, with their creation audit events."""
    query = sql.SQL(
        "SELECT r.reference, r.submission_token, r.given_name,"
        " (SELECT count(*) FROM {audit} a WHERE a.object_type = %(type)s"
        "  AND a.object_id = r.id::text AND a.action = %(create)s)"
        " FROM {referral} r WHERE r.submission_token LIKE %(tokens)s"
    ).format(
        audit=sql.Identifier(AuditEvent._meta.db_table),
        referral=sql.Identifier(Referral._meta.db_table),
    )
    parameters = {
        "type": Referral._meta.label_lower,
        "create": AuditAction.CREATE.value,
        # The API keeps each sender's tokens apart as ``api:<user id>:<token>``.
        "tokens": f"api:%:{run}%",
    }
    with psycopg.connect(cluster.superuser_url) as database:
        rows = database.execute(query, parameters).fetchall()
    return [Stored(ref, token.rpartition(":")[2], given, n) for ref, token, given, n in rows]


def audit_events_without_their_referral(cluster: pgcluster.Cluster) -> int:
    query = sql.SQL(
        "SELECT count(*) FROM {audit} a WHERE a.object_type = %(type)s"
        " AND a.action = %(create)s"
        " AND NOT EXISTS (SELECT 1 FROM {referral} r WHERE r.id::text = a.object_id)"
    ).format(
        audit=sql.Identifier(AuditEvent._meta.db_table),
        referral=sql.Identifier(Referral._meta.db_table),
    )
    parameters = {"type": Referral._meta.label_lower, "create": AuditAction.CREATE.value}
    with psycopg.connect(cluster.superuser_url) as database:
        return database.execute(query, parameters).fetchone()[0]


def leaks(attempt: Attempt) -> list[str]:
    text = attempt.body.decode(errors="replace").lower()
    return [word for word in INTERNALS if word in text]


@pytest.mark.parametrize("stop_mode", ["fast", "immediate"])
def test_it_loses_no_referral_and_keeps_no_half_done_one_when_the_database_restarts(
    front_door, stop_mode
):
    cluster = front_door.cluster
    run = secrets.token_hex(4) + stop_mode[0]
    tokens = [
        [f"{run}{partner:02d}{number:03d}" for number in range(REFERRALS_EACH)]
        for partner in range(PARTNERS)
    ]
    partners = Partners(front_door.port, front_door.api_token, tokens)
    began = time.monotonic()
    partners.start()
    try:
        assert wait_for(lambda: partners.each_answered(UNDER_WAY)), "partners were not answered"
        window_opened = time.monotonic()
        holder = psycopg.connect(cluster.superuser_url)
        try:
            # Submissions in flight write their referral, then wait here to write its audit
            # event: each is half done when the database stops.
            holder.execute(
                sql.SQL("LOCK TABLE {} IN SHARE ROW EXCLUSIVE MODE").format(
                    sql.Identifier(AuditEvent._meta.db_table)
                )
            )
            with psycopg.connect(cluster.superuser_url, autocommit=True) as monitor:
                wait_for(lambda: waiting_on_a_lock(monitor) >= partners.sending())
                half_done = waiting_on_a_lock(monitor)
            stopping = time.monotonic()
            pgcluster.stop_server(cluster, mode=stop_mode)
        finally:
            holder.close()
        stopped = time.monotonic()
        # Partners meet the database down before it comes back.
        wait_for(lambda: partners.failed_since(stopped) > 0)
        pgcluster.start_server(cluster)
        restarted = time.monotonic()
        assert partners.wait(WAIT_SECONDS * 2), "some partners never got their referrals in"
    finally:
        partners.halt()
    elapsed = time.monotonic() - began
    assert not partners.problems, partners.problems

    attempts = partners.seen()
    failed = [attempt for attempt in attempts if not attempt.answered]
    kinds = Counter(attempt.kind() for attempt in failed)
    all_tokens = {token for mine in tokens for token in mine}
    stored = stored_referrals(cluster, run)
    by_token = Counter(referral.token for referral in stored)
    print(
        f"\n{stop_mode} stop: {len(all_tokens)} referrals from {PARTNERS} partners in "
        f"{elapsed:.1f} s; {half_done} half done when the database stopped; database down "
        f"{restarted - stopping:.1f} s; {len(failed)} of {len(attempts)} attempts failed "
        f"({dict(kinds)}); "
        f"{sum(1 for a in attempts if a.status == 200)} answered as received before"
    )

    # The fault really happened mid-request, and partners met it.
    assert half_done >= 1, "no submission was in flight when the database stopped"
    assert failed, "no request failed: the database was not down while partners sent"
    # Every referral sent is stored exactly once: none lost, retries made no second one.
    assert set(by_token) == all_tokens, sorted(all_tokens - set(by_token))[:5]
    assert [token for token, count in by_token.items() if count > 1] == []
    # Nothing is half saved: each referral has the audit event made with it, and the record
    # holds what was sent; no audit event speaks of a referral that is not there.
    assert [r.reference for r in stored if r.audit_events != 1] == []
    assert [r.reference for r in stored if r.given_name != r.token] == []
    assert audit_events_without_their_referral(cluster) == 0
    # Every answer that named a referral (201 created, or 200 already received) names the
    # one stored for its token.
    kept = {referral.token: referral.reference for referral in stored}
    answered = [attempt for attempt in attempts if attempt.answered]
    assert [a.token for a in answered if kept.get(a.token) != a.reference] == []
    # Requests failed only while the database was away, and then as server errors or a
    # dropped connection, never as a refusal a partner would not send again.
    assert [a.kind() for a in failed if a.ended_at < window_opened] == []
    assert [a.kind() for a in failed if a.sent_at >= restarted] == [], front_door.server_log()
    assert [a.kind() for a in failed if a.status is not None and a.status < 500] == []
    # The API says so as a 503 to retry, in JSON, rather than as a bare server error.
    assert [a.kind() for a in failed if a.status is not None and a.status != 503] == []
    # An error answer gives nothing of the service's insides away.
    assert [(a.kind(), leaks(a)) for a in failed if leaks(a)] == []


def test_it_answers_the_first_requests_after_a_quiet_restart(front_door):
    """The database restarts with nothing in flight: every connection the server's threads
    keep is broken, and each must be noticed and opened again, not used and failed."""
    run = secrets.token_hex(4) + "q"
    warming = Partners(
        front_door.port,
        front_door.api_token,
        [
            [f"{run}{partner:02d}w{number:02d}" for number in range(5)]
            for partner in range(PARTNERS)
        ],
    )
    warming.start()
    assert warming.wait(WAIT_SECONDS), "the referrals before the restart were not all answered"
    pgcluster.stop_server(front_door.cluster)
    pgcluster.start_server(front_door.cluster)
    after = Partners(
        front_door.port, front_door.api_token, [[f"{run}00a{number:02d}" for number in range(20)]]
    )
    after.start()
    finished = after.wait(WAIT_SECONDS)
    after.halt()
    assert finished, "the referrals after the restart were not all answered"
    assert not warming.problems + after.problems, warming.problems + after.problems
    attempts = warming.seen() + after.seen()
    assert [a.kind() for a in attempts if not a.answered] == [], front_door.server_log()
