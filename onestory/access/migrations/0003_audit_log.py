"""Create the audit table and the triggers that make it append-only.

The model is unmanaged (see onestory/access/models/audit.py), so its table is made here.
PostgreSQL refuses UPDATE, DELETE and TRUNCATE; SQLite refuses UPDATE and DELETE.
"""

from django.db import migrations

POSTGRES_TRIGGERS = [
    """
    CREATE FUNCTION access_auditevent_refuse_change() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER access_auditevent_append_only
    BEFORE UPDATE OR DELETE ON access_auditevent
    FOR EACH ROW EXECUTE FUNCTION access_auditevent_refuse_change()
    """,
    """
    CREATE TRIGGER access_auditevent_no_truncate
    BEFORE TRUNCATE ON access_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION access_auditevent_refuse_change()
    """,
]

SQLITE_TRIGGERS = [
    """
    CREATE TRIGGER access_auditevent_no_update BEFORE UPDATE ON access_auditevent
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: UPDATE refused'); END
    """,
    """
    CREATE TRIGGER access_auditevent_no_delete BEFORE DELETE ON access_auditevent
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: DELETE refused'); END
    """,
]


def create_audit_table(apps, schema_editor):
    schema_editor.create_model(apps.get_model("access", "AuditEvent"))
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": POSTGRES_TRIGGERS, "sqlite": SQLITE_TRIGGERS}.get(vendor)
    if statements is None:
        raise RuntimeError(f"No append-only triggers written for the {vendor} database.")
    for statement in statements:
        schema_editor.execute(statement, params=None)


def drop_audit_table(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE access_auditevent")
        schema_editor.execute("DROP FUNCTION access_auditevent_refuse_change()")
    else:
        schema_editor.execute("DROP TABLE access_auditevent")


class Migration(migrations.Migration):
    dependencies = [("access", "0002_initial")]

    operations = [migrations.RunPython(create_audit_table, drop_audit_table)]
