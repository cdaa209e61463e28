"""The backup and restore drill (README.md, "Backup and restore") run on a throwaway cluster.

A private cluster gets the demo partnership, then work done as the runtime role (an API token
issued, which writes an audit event). ``pg_dump`` takes a backup as the owner role; the
backup is restored with ``pg_restore`` into a new database, as an operator would after
losing the first. Every row committed before the dump must be there, table by table, and
the restored audit log must refuse changes as the original did: the runtime role may not
update, delete, truncate or switch off its triggers, and its triggers still refuse the
owner.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from psycopg import sql

from onestory.audit.models import AuditEvent
from tools import pgcluster

pytestmark = [
    pytest.mark.real_clock,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: the drill makes a cluster of its own",
    ),
]

ROOT = Path(__file__).resolve().parents[3]
RESTORED = "onestory_restored"
AUDIT = AuditEvent._meta.db_table


def onestory(cluster: pgcluster.Cluster, *arguments: str) -> str:
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


def with_database(url: str, name: str) -> str:
    return url.rsplit("/", 1)[0] + f"/{name}"


def contents(url: str) -> dict[str, tuple[int, str]]:
    """Every table's row count and a digest of all its rows."""
    with psycopg.connect(url) as database:
        tables = [
            row[0]
            for row in database.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        found = {}
        for table in tables:
            query = sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"
                " FROM {} t"
            ).format(sql.Identifier(table))
            found[table] = tuple(database.execute(query).fetchone())
        return found


@pytest.fixture(scope="module")
def drill(tmp_path_factory) -> Iterator[tuple[pgcluster.Cluster, dict, dict]]:
    cluster = pgcluster.start_cluster(shared_buffers="128MB")
    try:
        onestory(cluster, "migrate", "--no-input", "-v", "0")
        onestory(cluster, "load_demo")
        onestory(cluster, "issue-token", "callhandler", "--name", "Before the backup", "-v", "0")
        before = contents(cluster.superuser_url)
        dump = tmp_path_factory.mktemp("backup") / "onestory.dump"
        # The drill, as README.md gives it.
        subprocess.run(
            [str(cluster.bin_dir / "pg_dump"), "--format=custom", f"--file={dump}",
             f"--dbname={cluster.owner_url}"],
            check=True,
        )  # fmt: skip
        # Work after the backup is not in it, and must not stop the restore.
        onestory(cluster, "issue-token", "callhandler", "--name", "After the backup", "-v", "0")
        subprocess.run(
            [str(cluster.bin_dir / "createdb"), f"--maintenance-db={cluster.superuser_url}",
             f"--owner={pgcluster.OWNER}", RESTORED],
            check=True,
        )  # fmt: skip
        restored_url = with_database(cluster.superuser_url, RESTORED)
        subprocess.run(
            [str(cluster.bin_dir / "pg_restore"), "--exit-on-error", "--single-transaction",
             f"--dbname={restored_url}", str(dump)],
            check=True,
        )  # fmt: skip
        yield cluster, before, contents(restored_url)
    finally:
        pgcluster.stop_cluster(cluster)


def test_nothing_committed_before_the_backup_is_missing_after_the_restore(drill):
    _, before, after = drill
    assert before[AUDIT][0] > 0
    assert before["accounts_apitoken"][0] == 1
    assert set(after) == set(before)
    changed = {
        table: (before[table], after[table]) for table in before if before[table] != after[table]
    }
    assert not changed


@pytest.mark.parametrize(
    ("statement", "refusal"),
    [
        (f"UPDATE {AUDIT} SET reason = 'rewritten'", "permission denied"),  # noqa: S608 (the model's own table)
        (f"DELETE FROM {AUDIT}", "permission denied"),  # noqa: S608 (the model's own table)
        (f"TRUNCATE {AUDIT}", "permission denied"),
        (f"ALTER TABLE {AUDIT} DISABLE TRIGGER ALL", "must be owner"),
        (f"DROP TABLE {AUDIT}", "must be owner"),
        ("SET session_replication_role = replica", "permission denied"),
    ],
)
def test_the_restored_audit_log_still_refuses_the_runtime_role(drill, statement, refusal):
    cluster, _, _ = drill
    with psycopg.connect(with_database(cluster.url, RESTORED)) as database:
        assert database.execute(f"SELECT count(*) FROM {AUDIT}").fetchone()[0] > 0  # noqa: S608 (the model's own table)
        with pytest.raises(psycopg.Error, match=refusal):
            database.execute(statement)


def test_the_restored_triggers_still_refuse_the_owner(drill):
    cluster, _, _ = drill
    with psycopg.connect(with_database(cluster.owner_url, RESTORED)) as database:
        for statement in (f"UPDATE {AUDIT} SET reason = 'rewritten'", f"DELETE FROM {AUDIT}"):  # noqa: S608 (the model's own table)
            with pytest.raises(psycopg.Error, match="append-only"), database.transaction():
                database.execute(statement)
