"""Moving models between apps keeps their tables and their rows.

The audit event model moved from ``access`` to ``audit``, and Operation Encompass from
``marac`` to ``encompass``. The migrations that move them change only Django's state: they
run no SQL at all, so a database migrated before them keeps every audit event and every
notice, under the same table names. (When the moves were made, the migrations were also
undone and redone on a PostgreSQL database holding rows; the rows stayed.)
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from onestory.audit.models import AuditEvent
from onestory.encompass.models import EncompassNotice, EncompassNotification

pytestmark = pytest.mark.django_db

THE_MOVES = [
    ("audit", "0001_initial"),
    ("access", "0005_auditevent_moves_to_audit"),
    ("encompass", "0001_initial"),
    ("marac", "0003_encompass_moves_out"),
]


# Outside a transaction: SQLite's schema editor cannot start inside one.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("key", THE_MOVES, ids=lambda key: f"{key[0]}.{key[1]}")
def test_the_move_runs_no_sql_either_way(key):
    loader = MigrationExecutor(connection).loader
    migration = loader.get_migration(*key)
    before = loader.project_state(key, at_end=False)
    with connection.schema_editor(collect_sql=True, atomic=False) as editor:
        migration.apply(before.clone(), editor, collect_sql=True)
    assert _statements(editor) == [], f"{key} would run SQL: {editor.collected_sql}"
    with connection.schema_editor(collect_sql=True, atomic=False) as editor:
        migration.unapply(before.clone(), editor, collect_sql=True)
    assert _statements(editor) == [], f"undoing {key} would run SQL: {editor.collected_sql}"


def _statements(editor) -> list[str]:
    """What the editor would send to the database, without ``sqlmigrate``'s comments."""
    return [sql for sql in editor.collected_sql if not sql.lstrip().startswith("--")]


def test_the_moved_models_keep_their_tables():
    assert AuditEvent._meta.db_table == "access_auditevent"
    assert EncompassNotification._meta.db_table == "marac_encompassnotification"
    assert EncompassNotice._meta.db_table == "marac_encompassnotice"
    children = EncompassNotification._meta.get_field("children").remote_field.through
    assert children._meta.db_table == "marac_encompassnotification_children"
    tables = set(connection.introspection.table_names())
    assert {
        "access_auditevent",
        "marac_encompassnotification",
        "marac_encompassnotification_children",
        "marac_encompassnotice",
    } <= tables
