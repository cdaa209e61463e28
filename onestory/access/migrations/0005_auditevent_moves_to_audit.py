"""The audit event model now lives in the ``audit`` app (see ``audit.0001_initial``).

Only Django's state changes: the table ``access_auditevent``, its rows and its triggers stay.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0004_audit_agency_index"),
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AuditEvent")],
            database_operations=[],
        ),
    ]
