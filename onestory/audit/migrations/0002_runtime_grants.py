"""Take every right to change the audit table away from every role but its owner.

The runtime role reads and writes other tables through default privileges (see README.md,
"Database roles"), which would also let it UPDATE and DELETE here. Whatever was granted on
the audit table beyond SELECT and INSERT, to whichever role (or PUBLIC), is revoked, so the
server's role may only add to the log and read it. SQLite has no roles: nothing to do.
"""

from django.db import migrations

TABLE = "access_auditevent"
CHANGES = ("UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")

GRANTEES = """
SELECT DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END
FROM pg_class c
CROSS JOIN LATERAL aclexplode(c.relacl) a
LEFT JOIN pg_roles r ON r.oid = a.grantee
WHERE c.oid = %s::regclass AND a.grantee <> c.relowner AND a.privilege_type = ANY(%s)
"""


def revoke_changes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(GRANTEES, [TABLE, list(CHANGES)])
        grantees = [row[0] for row in cursor.fetchall()]
    for grantee in grantees:
        schema_editor.execute(
            f"REVOKE {', '.join(CHANGES)} ON {TABLE} FROM {grantee}",
            params=None,
        )


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(revoke_changes, migrations.RunPython.noop)]
