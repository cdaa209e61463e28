"""Moving models between apps keeps their tables and their rows.

The audit event model moved from ``access`` to ``audit``, and Operation Encompass from
``marac`` to ``encompass``. Both moves change only Django's state, so a database migrated
before them keeps every audit event and every notice. Run on PostgreSQL, where migrations
can be undone and redone inside the test's transaction.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from onestory.audit.models import AuditEvent
from onestory.encompass.models import EncompassNotice, EncompassNotification
from tests.factories import EncompassNoticeFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite cannot undo migrations inside a transaction",
    ),
]

BEFORE_THE_MOVES = [("access", "0004_audit_agency_index"), ("marac", "0002_encompass")]


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _leaves() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


# Migrating needs the owner role; the test's transaction (``db``) is then the owner's too.
def test_it_keeps_the_audit_rows_and_notices_across_the_moves(as_database_owner, db):
    notice = EncompassNoticeFactory()
    _migrate(BEFORE_THE_MOVES)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO access_auditevent (at, actor_username, action, object_type, object_id, "
            "fields, reason, channel, flagged) VALUES (now(), 'before', 'view', 'people.person', "
            "'1', '[]', 'written before the move', 'command', false) RETURNING id"
        )
        (event_id,) = cursor.fetchone()

    _migrate(_leaves())

    assert AuditEvent._meta.db_table == "access_auditevent"
    assert AuditEvent.objects.get(pk=event_id).reason == "written before the move"
    assert EncompassNotice.objects.get(pk=notice.pk).child_id == notice.child_id
    assert list(EncompassNotification.objects.get(pk=notice.notification_id).children.all())


def test_the_audit_log_is_still_append_only_after_the_moves(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = 'access_auditevent'::regclass "
            "AND NOT tgisinternal ORDER BY tgname"
        )
        triggers = [name for (name,) in cursor.fetchall()]
    assert triggers == ["access_auditevent_append_only", "access_auditevent_no_truncate"]
