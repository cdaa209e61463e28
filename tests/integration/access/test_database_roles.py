"""The server's database role cannot change, remove or switch off the audit log.

On PostgreSQL the tests connect as the runtime role (tests/conftest.py): it owns nothing, is
no superuser, and may only read and add to the audit table. Each way a hostile insider with
the server's credentials might erase history is tried here and must be refused by the
database itself, before any trigger is needed. In production mode the server refuses to
start as a superuser or as the table's owner.
"""

import os
import subprocess
import sys
from urllib.parse import quote

import psycopg
import pytest
from django.db import DatabaseError, connection, transaction

from onestory.audit.database_roles import audit_log_risks
from onestory.audit.models import AuditAction, AuditEvent
from tools import pgcluster

TABLE = AuditEvent._meta.db_table


def _runtime_role() -> bool:
    if connection.vendor != "postgresql" or not os.environ.get("DATABASE_OWNER_URL"):
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        return not cursor.fetchone()[0]


pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not os.environ.get("DATABASE_OWNER_URL"),
        reason="needs PostgreSQL with an owner and a runtime role (tools/pgcluster.py)",
    ),
]


@pytest.fixture
def event() -> AuditEvent:
    assert _runtime_role(), "the tests must connect as the runtime role"
    return AuditEvent.objects.create(action=AuditAction.VIEW, reason="as it happened")


def unchanged(event: AuditEvent) -> bool:
    return AuditEvent.objects.filter(pk=event.pk, reason="as it happened").exists()


def refused(sql: str, params: list | None = None) -> str:
    """Run ``sql`` in a savepoint; return the database's refusal."""
    with pytest.raises(DatabaseError) as refusal, transaction.atomic(), connection.cursor() as c:
        c.execute(sql, params)
    return str(refusal.value)


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        (f"UPDATE {TABLE} SET reason = 'rewritten'", "permission denied for table"),  # noqa: S608 (the model's own table)
        (f"DELETE FROM {TABLE}", "permission denied for table"),  # noqa: S608 (the model's own table)
        (f"TRUNCATE {TABLE}", "permission denied for table"),
        (f"ALTER TABLE {TABLE} DISABLE TRIGGER ALL", "must be owner of table"),
        (f"ALTER TABLE {TABLE} DISABLE TRIGGER access_auditevent_append_only", "must be owner"),
        (f"DROP TABLE {TABLE}", "must be owner of table"),
        (f"DROP TABLE {TABLE} CASCADE", "must be owner of table"),
        (f"ALTER TABLE {TABLE} RENAME TO old_audit", "must be owner of table"),
        ("DROP FUNCTION access_auditevent_refuse_change() CASCADE", "must be owner of function"),
        ("SET session_replication_role = replica", "permission denied to set parameter"),
        ("ALTER ROLE CURRENT_USER SUPERUSER", "must be superuser"),
        ("SET ROLE onestory_owner", "permission denied to set role"),
    ],
)
def test_it_refuses_the_runtime_role_every_way_to_change_the_log(event, sql, message):
    assert message in refused(sql)
    assert unchanged(event)


def test_the_runtime_role_still_reads_and_adds_to_the_log(event):
    AuditEvent.objects.create(action=AuditAction.SEARCH, reason="later")
    assert AuditEvent.objects.filter(pk__gt=event.pk, reason="later").exists()
    assert audit_log_risks() == []


def test_the_triggers_still_refuse_the_owner_changes_to_the_log():
    """The owner could switch them off, but a slip in a migration or a console cannot."""
    with psycopg.connect(_url(pgcluster.OWNER)) as owner:
        event = AuditEvent(action=AuditAction.VIEW, reason="as it happened")
        fields = [field for field in AuditEvent._meta.concrete_fields if not field.primary_key]
        event_id = owner.execute(
            f"INSERT INTO {TABLE} ({', '.join(field.column for field in fields)})"  # noqa: S608 (the model's own table)
            f" VALUES ({', '.join(['%s'] * len(fields))}) RETURNING id",
            [field.get_db_prep_save(field.pre_save(event, True), connection) for field in fields],
        ).fetchone()[0]
        for sql in (
            f"UPDATE {TABLE} SET reason = 'rewritten' WHERE id = %s",  # noqa: S608 (the model's own table)
            f"DELETE FROM {TABLE} WHERE id = %s",  # noqa: S608 (the model's own table)
            f"TRUNCATE {TABLE}",
        ):
            with pytest.raises(psycopg.Error, match="append-only"), owner.transaction():
                owner.execute(sql, [event_id] if "%s" in sql else None)
        owner.rollback()


def _url(user: str) -> str:
    db = connection.settings_dict
    return f"postgres://{quote(user)}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


PRODUCTION = {
    "ONESTORY_ENV": "production",
    "SECRET_KEY": "x" * 64,
    "ONESTORY_ALLOWED_HOSTS": "onestory.example",
    "ONESTORY_EMAIL_HOST": "smtp.partnership.example",
    "ONESTORY_EMAIL_FROM": "OneStory <onestory@partnership.example>",
}


def start_in_production(user: str) -> subprocess.CompletedProcess:
    """Load the WSGI application, as gunicorn does, in production mode as ``user``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ONESTORY_", "SECRET_KEY"))}
    env.update(PRODUCTION, DATABASE_URL=_url(user), PYTHONWARNINGS="ignore")
    return subprocess.run(
        [sys.executable, "-c", "import onestory.wsgi; print('serving')"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.mark.parametrize(
    ("user", "reason"),
    [
        (pgcluster.SUPERUSER, "is a superuser"),
        (pgcluster.OWNER, "owns the audit table"),
    ],
)
def test_the_server_will_not_start_in_production_as_a_role_that_could_erase_the_log(user, reason):
    started = start_in_production(user)
    assert started.returncode != 0
    assert "OneStory will not serve in production mode because" in started.stderr
    assert reason in started.stderr
    assert "DATABASE_OWNER_URL" in started.stderr
    assert "serving" not in started.stdout


def test_the_server_starts_in_production_as_the_runtime_role():
    started = start_in_production(connection.settings_dict["USER"])
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == "serving"
