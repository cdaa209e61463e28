"""Index the audit log by agency and time, for a team manager's view of their agency's events."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("access", "0003_audit_log")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX access_auditevent_agency_at ON access_auditevent (agency_id, at)",
            reverse_sql="DROP INDEX access_auditevent_agency_at",
        )
    ]
