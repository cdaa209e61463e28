"""A search's audit event names every person it showed: ``shown_person_ids``.

The audit table is unmanaged (access.0003), so the column is added by hand on each database; the
new column's default is kept in the table's definition, so no existing row is rewritten (and
no trigger fires).
"""

from django.db import migrations, models

ADD = {
    "postgresql": (
        "ALTER TABLE access_auditevent ADD COLUMN shown_person_ids jsonb NOT NULL DEFAULT '[]'"
    ),
    "sqlite": (
        "ALTER TABLE access_auditevent ADD COLUMN shown_person_ids text NOT NULL DEFAULT '[]'"
        " CHECK (JSON_VALID(shown_person_ids))"
    ),
}


def add_column(apps, schema_editor):
    schema_editor.execute(ADD[schema_editor.connection.vendor], params=None)


def drop_column(apps, schema_editor):
    schema_editor.execute("ALTER TABLE access_auditevent DROP COLUMN shown_person_ids", params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_runtime_grants")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="auditevent",
                    name="shown_person_ids",
                    field=models.JSONField(blank=True, default=list),
                )
            ],
            database_operations=[migrations.RunPython(add_column, drop_column)],
        )
    ]
